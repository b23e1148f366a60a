"""Every page shows the date of its last change from git ("Senast ändrad …") and the edit and view buttons."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from schenk_edition.model import edition
from schenk_edition.core.urls import url_of
from schenk_edition.core.text import swedish
from schenk_edition.site.last_change import last_changes

ROOT = Path(__file__).resolve().parents[1]
REPO = "https://github.com/schenk-edition/schenk-edition"
PAGES = edition.reading_order(ROOT / "mkdocs.yml")


def git_date(rel: str) -> str:
    result = subprocess.run(["git", "log", "-1", "--format=%cs", "--", f"docs/{rel}"], cwd=ROOT,
                            capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else ""


def html_of(site: Path, rel: str) -> str:
    return (site / url_of(rel) / "index.html").read_text(encoding="utf-8")


def test_git_knows_the_pages():
    dates = [git_date(rel) for rel in PAGES]
    assert sum(bool(d) for d in dates) >= len(PAGES) // 2, "run the tests in a git checkout with its history"


@pytest.mark.parametrize("rel", PAGES)
def test_the_date_of_last_change_is_gits(site, rel):
    html = html_of(site, rel)
    shown = re.findall(r'Senast ändrad <time datetime="(\d{4}-\d\d-\d\d)">([^<]+)</time>', html)
    expected = git_date(rel)
    if expected:
        assert shown == [(expected, swedish(expected))]
    else:  # a page not committed yet has no date rather than a wrong one
        assert shown == []


def test_swedish_dates():
    assert swedish("2026-11-03") == "3 november 2026"
    assert swedish("2015-01-31") == "31 januari 2015"


@pytest.mark.parametrize("rel", PAGES)
def test_edit_and_view_buttons(site, rel):
    html = html_of(site, rel)
    assert f'<a href="{REPO}/edit/main/docs/{rel}" title="Redigera sidan" class="md-content__button md-icon" ' \
           'rel="edit">' in html
    # the view button leads to the raw Markdown; the repository name keeps its "edit"
    assert f'<a href="{REPO}/raw/main/docs/{rel}" title="' in html


def test_one_git_call_gives_every_files_own_date():
    """`last_changes` (one `git log` for docs/) agrees with `git log -1 -- <file>` for every file of docs/."""
    dates = last_changes(ROOT / "docs")
    files = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*") if p.is_file())
    assert any(rel.endswith(".md") and rel in dates for rel in files)
    assert {rel: dates.get(rel, "") for rel in files} == {rel: git_date(rel) for rel in files}


def _git(repo: Path, *args: str, date: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T12:00:00", GIT_COMMITTER_DATE=f"{date}T12:00:00")
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_merges_and_uncommitted_files(tmp_path, tmp_path_factory):
    """A merge that resolves a conflict changes the file (git log -1 shows the merge); a merge that keeps one
    side's version does not; a file never committed has no date."""
    docs = tmp_path / "docs"
    docs.mkdir()
    _git(tmp_path, "init", "-q", "-b", "main")
    for name in ("a.md", "b.md", "c.md"):
        (docs / name).write_text("1\n", encoding="utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "init", date="2026-01-01")
    _git(tmp_path, "checkout", "-qb", "side")
    (docs / "a.md").write_text("side\n", encoding="utf-8")
    (docs / "b.md").write_text("side\n", encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "side", date="2026-01-02")
    _git(tmp_path, "checkout", "-q", "main")
    (docs / "a.md").write_text("main\n", encoding="utf-8")
    (docs / "c.md").write_text("main\n", encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "main", date="2026-01-03")
    subprocess.run(["git", "merge", "-q", "side"], cwd=tmp_path, capture_output=True)  # conflict in a.md
    (docs / "a.md").write_text("resolved\n", encoding="utf-8")
    _git(tmp_path, "add", "docs/a.md")
    _git(tmp_path, "commit", "-qm", "merge", date="2026-01-05")
    (docs / "new.md").write_text("not committed\n", encoding="utf-8")
    reference = {}
    for rel in ("a.md", "b.md", "c.md", "new.md"):
        out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", rel], cwd=docs, capture_output=True,
                             text=True).stdout.strip()
        if out:
            reference[rel] = out
    assert reference == {"a.md": "2026-01-05", "b.md": "2026-01-02", "c.md": "2026-01-03"}
    assert last_changes(docs) == reference
    outside = tmp_path_factory.mktemp("no-repository")
    (outside / "a.md").write_text("1\n", encoding="utf-8")
    assert last_changes(outside) == {}  # no git work tree: no dates, no error
