"""Every page shows the date of its last change from git ("Senast ändrad …") and the edit and view buttons."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from schenk_edition.model import edition
from schenk_edition.core.urls import url_of
from schenk_edition.core.text import swedish

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
