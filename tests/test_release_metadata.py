"""The edition's version has one source, the newest released heading of CHANGELOG.md; CITATION.cff and
.zenodo.json repeat it (GitHub and the archive read those files as they are) and must agree with it. The
release workflow's own notes step is run here on the real CHANGELOG and on crafted ones."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from schenk_edition.core.release import current, edition_files, release, releases, size_label

ROOT = Path(__file__).resolve().parents[1]
CHANGELOG = ROOT / "CHANGELOG.md"
CITATION = ROOT / "CITATION.cff"
ZENODO = ROOT / ".zenodo.json"
RELEASE_WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"

SECTIONS = ["### Corrections of the report's text", "### Everything else"]


def section(text: str, heading: str) -> str:
    """The text under a `## ` heading, up to the next `## ` heading or the link definitions at the end."""
    lines = text.splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines))
                if lines[i].startswith("## ") or re.match(r"^\[[^]]+\]: ", lines[i])), len(lines))
    return "\n".join(lines[start:end]).strip()


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in version.split("."))


def test_the_changelog_starts_with_unreleased_then_the_versions_newest_first():
    text = CHANGELOG.read_text(encoding="utf-8")
    headings = re.findall(r"^## .*$", text, re.M)
    assert headings[0] == "## [Unreleased]"
    found = releases(text)
    assert [f"## [{v}] - {d.isoformat()}" for v, d in found] == headings[1:], "a heading not of the form"
    versions = [version_key(v) for v, _ in found]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions)
    dates = [d for _, d in found]
    assert dates == sorted(dates, reverse=True)


def test_every_version_lists_corrections_of_the_text_apart_from_everything_else():
    text = CHANGELOG.read_text(encoding="utf-8")
    for heading in re.findall(r"^## .*$", text, re.M):
        body = section(text, heading)
        subheadings = re.findall(r"^### .*$", body, re.M)
        assert subheadings == SECTIONS, (heading, subheadings)
        for i, sub in enumerate(SECTIONS):
            part = body.split(sub, 1)[1]
            part = part.split(SECTIONS[i + 1], 1)[0] if i + 1 < len(SECTIONS) else part
            assert re.search(r"^- \S", part, re.M), f"{heading} {sub}: no entry (write '- None.')"


def test_every_heading_has_its_link():
    text = CHANGELOG.read_text(encoding="utf-8")
    links = dict(re.findall(r"^\[([^]]+)\]: (\S+)$", text, re.M))
    newest, _ = release(text)
    repo = "https://github.com/schenk-edition/schenk-edition"
    assert links.pop("Unreleased") == f"{repo}/compare/v{newest}...HEAD"
    assert links == {v: f"{repo}/releases/tag/v{v}" for v, _ in releases(text)}


def test_citation_cff_carries_the_newest_version_and_its_date():
    cff = yaml.safe_load(CITATION.read_text(encoding="utf-8"))
    for key in ("cff-version", "message", "title", "authors", "version", "date-released"):
        assert cff.get(key), key
    version, date = release()
    assert cff["version"] == version
    assert cff["date-released"] == date.isoformat()  # a string, as the schema requires


# Zenodo's deposit metadata (developers.zenodo.org, "Representation"): the keys this file may use, and the
# terms of its vocabularies that it uses.
ZENODO_KEYS = {"title", "version", "upload_type", "publication_type", "language", "creators", "description",
               "access_right", "license", "notes", "keywords", "related_identifiers"}
ZENODO_REQUIRED = {"title", "upload_type", "creators", "description", "access_right", "license"}


def zenodo() -> dict:
    return json.loads(ZENODO.read_text(encoding="utf-8"))


def test_zenodo_metadata_has_the_deposits_keys_and_the_newest_version():
    z = zenodo()
    assert ZENODO_REQUIRED <= set(z) <= ZENODO_KEYS, set(z) ^ ZENODO_KEYS
    assert z["version"] == release()[0]
    assert (z["upload_type"], z["publication_type"]) == ("publication", "other")
    assert z["language"] == "swe"
    assert z["access_right"] == "open"
    # the archive holds the MIT code and the report's text, which has no licence: no open licence for the whole
    assert z["license"] == "other-closed"
    assert "MIT" in z["notes"] and "Anett Schenk" in z["notes"]
    assert all(isinstance(k, str) and k for k in z["keywords"])


def test_zenodo_and_citation_cff_name_the_same_edition():
    z, cff = zenodo(), yaml.safe_load(CITATION.read_text(encoding="utf-8"))
    assert z["title"] == cff["title"]
    assert z["creators"] == [{"name": a["name"]} for a in cff["authors"]]
    assert z["keywords"] == cff["keywords"]
    report = cff["preferred-citation"]
    assert z["related_identifiers"] == [{"identifier": report["isbn"], "relation": "isDerivedFrom",
                                         "scheme": "isbn", "resource_type": "publication-report"}]
    assert report["title"].split(" – ")[0] in z["description"]


def test_no_doi_is_written_before_the_archive_mints_one():
    """The archive mints the DOI of each release; the pull request that adds the first minted one to
    CITATION.cff changes this test (CONTRIBUTING.md, "Cutting a release")."""
    for path in (ZENODO, CITATION, CHANGELOG):
        text = path.read_text(encoding="utf-8").lower()
        assert "doi.org" not in text and "10.5281" not in text, path.name
    assert "doi" not in zenodo()
    cff = yaml.safe_load(CITATION.read_text(encoding="utf-8"))
    assert "doi" not in cff and not [i for i in cff.get("identifiers", []) if i.get("type") == "doi"]


# The release workflow's step that writes the notes, run as the runner runs it (bash, in a workspace where
# the build job's artifact was downloaded to release/).
def notes_step() -> str:
    steps = yaml.safe_load(RELEASE_WORKFLOW.read_text(encoding="utf-8"))["jobs"]["release"]["steps"]
    (step,) = [s for s in steps if s.get("name") == "Release notes from CHANGELOG.md"]
    return step["run"]


def run_notes_step(tmp_path: Path, changelog: str, tag: str) -> subprocess.CompletedProcess:
    (tmp_path / "release").mkdir()
    (tmp_path / "release" / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    env = {"PATH": os.environ["PATH"], "GITHUB_REF_NAME": tag}
    return subprocess.run(["bash", "-e", "-c", notes_step()], cwd=tmp_path, env=env, capture_output=True, text=True)


def test_the_release_notes_are_the_tags_section_of_the_changelog(tmp_path):
    text = CHANGELOG.read_text(encoding="utf-8")
    version, date = release(text)
    result = run_notes_step(tmp_path, text, f"v{version}")
    assert result.returncode == 0, result.stderr
    notes = (tmp_path / "release-notes.md").read_text(encoding="utf-8")
    assert notes.strip() == section(text, f"## [{version}] - {date.isoformat()}")
    assert SECTIONS[0] in notes and "## " not in notes.replace("### ", "") and "]: http" not in notes


def test_the_release_notes_stop_at_the_next_version_and_refuse_an_older_tag(tmp_path):
    text = CHANGELOG.read_text(encoding="utf-8")
    version, _ = release(text)
    major, minor, _patch = version_key(version)
    newer = f"{major}.{minor + 1}.0"
    crafted = text.replace("## [Unreleased]\n", f"## [Unreleased]\n\n- Nothing yet.\n\n## [{newer}] - 2099-01-01\n\n"
                           f"{SECTIONS[0]}\n\n- s. 26: a crafted correction.\n\n{SECTIONS[1]}\n\n- None.\n", 1)
    result = run_notes_step(tmp_path, crafted, f"v{newer}")
    assert result.returncode == 0, result.stderr
    notes = (tmp_path / "release-notes.md").read_text(encoding="utf-8")
    assert "a crafted correction" in notes and section(text, f"## [{version}] - {release(text)[1]}") not in notes
    # the previous version is no longer the newest: its tag is refused
    again = tmp_path / "again"
    again.mkdir()
    result = run_notes_step(again, crafted, f"v{version}")
    assert result.returncode != 0 and f"newest version in CHANGELOG.md is '{newer}'" in result.stderr


@pytest.mark.parametrize("tag", ["v9.9.9", "v0.0.1"])
def test_a_tag_without_its_changelog_version_is_refused(tmp_path, tag):
    result = run_notes_step(tmp_path, CHANGELOG.read_text(encoding="utf-8"), tag)
    assert result.returncode != 0 and "newest version in CHANGELOG.md" in result.stderr
    assert not (tmp_path / "release-notes.md").exists() or not (tmp_path / "release-notes.md").read_text().strip()


def test_release_reads_the_newest_released_heading_and_refuses_a_changelog_without_one(tmp_path):
    text = CHANGELOG.read_text(encoding="utf-8")
    headings = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", text, re.M)
    assert release() == (headings[0][0], datetime.date.fromisoformat(headings[0][1]))
    with pytest.raises(ValueError):
        release("# Changelog\n\n## [Unreleased]\n")
    (tmp_path / "CHANGELOG.md").write_text("# Changelog\n\n## [Unreleased]\n", encoding="utf-8")
    assert current(tmp_path) is None and current() == release()


def test_the_edition_files_of_a_version_and_their_sizes(tmp_path):
    """Where the release of a version publishes its PDF and EPUB, and their size once `dist/` holds them."""
    rel = release()
    repo = "https://github.com/schenk-edition/schenk-edition"
    files = edition_files(rel, repo, tmp_path)
    assert [(f.ext, f.size) for f in files] == [("pdf", None), ("epub", None)]
    assert files[0].url == f"{repo}/releases/download/v{rel.version}/schenk-utgava-{rel.version}.pdf"
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / files[0].name).write_bytes(b"x" * 1_545_937)
    (tmp_path / "dist" / files[1].name).write_bytes(b"x" * 90_029)
    assert [size_label(f.size) for f in edition_files(rel, repo, tmp_path)] == ["1,5 MB", "90 kB"]


@pytest.mark.parametrize("url", ["", "om-utgavan/"])
def test_the_pages_offer_both_files_with_version_and_size(site, url):
    rel = release()
    html = (site / url / "index.html").read_text(encoding="utf-8")
    listed = re.search(r'<ul class="nedladdningar">(.*?)</ul>', html, re.S).group(1)
    for f in edition_files(rel, "https://github.com/schenk-edition/schenk-edition", ROOT):
        item = re.search(rf'<li><a href="{re.escape(f.url)}">Hela utgåvan som {f.kind}</a> \((.*?)\)</li>', listed)
        assert item, (url, f.kind)
        assert f"version {rel.version}, {rel.date.isoformat()}" in item.group(1)
        # the size, when dist/ held the file at build time (`make pdf`, `make epub`)
        assert (size_label(f.size) in item.group(1)) if f.size is not None \
            else not re.search(r"\d (kB|MB)", item.group(1))


def test_every_page_names_the_version_in_its_footer(site):
    rel = release()
    pages = sorted(site.rglob("*.html"))
    footers = [p for p in pages if 'class="md-copyright"' in p.read_text(encoding="utf-8")]
    assert footers and (site / "404.html") in footers
    for p in footers:
        text = " ".join(p.read_text(encoding="utf-8").split())
        assert f"Digital utgåva, version {rel.version}, {rel.date.isoformat()}" in text, p
