"""Bad input stops the build with `path:line:col: CODE message`, never a traceback, and changes no file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_tree, mkdocs_build


@pytest.fixture()
def project(tmp_path) -> Path:
    return copy_tree(tmp_path)


def break_file(project: Path, rel: str, old: str, new: str) -> str:
    path = project / "docs" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    path.write_text(broken, encoding="utf-8")
    return broken


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def assert_fails_with(project: Path, expected: str) -> None:
    result = mkdocs_build(project, project / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert expected in log, log
    assert "Traceback" not in log, log


def test_malformed_quote_block(project):
    text = break_file(project, "kapitel/6.md", "/// citat | Tina, senior", "/// citat | Tina: senior")
    line = line_of(text, "/// citat | Tina: senior")
    assert_fails_with(project, f"docs/kapitel/6.md:{line}:1: QT007")


def test_unknown_page_number(project):
    text = break_file(project, "kapitel/5.md", "<!-- page:26 -->", "<!-- page:126 -->")
    assert_fails_with(project, f"docs/kapitel/5.md:{line_of(text, '<!-- page:126 -->')}:")
    assert_fails_with(project, "PG001 unknown page number '126'")


def test_page_marker_twice(project):
    text = break_file(project, "kapitel/5.md", "<!-- page:26 -->", "<!-- page:25 -->")
    assert_fails_with(project, f"docs/kapitel/5.md:{line_of(text, 'det beror <!-- page:25 -->')}:")


def test_duplicate_id(project):
    text = break_file(project, "bilaga/1.md", "{ #annat }", "{ #handlaggarrollen }")
    assert_fails_with(project, f"docs/bilaga/1.md:{line_of(text, '## Annat')}:1: ID002")


def test_unknown_editorial_note(project):
    text = break_file(project, "kapitel/5.md", "<!-- ed:johannas -->", "<!-- ed:johanas -->")
    assert_fails_with(project, f"docs/kapitel/5.md:{line_of(text, '<!-- ed:johanas -->')}:")


def test_malformed_editorial_yaml(project):
    path = project / "docs" / "_data" / "editorial.yml"
    path.write_text(path.read_text(encoding="utf-8") + "trasig: [\n", encoding="utf-8")
    assert_fails_with(project, "docs/_data/editorial.yml:")
    assert_fails_with(project, "DA002 not valid YAML")


def test_broken_link_fails_strict_build(project):
    break_file(project, "kapitel/5.md", "[kapitel tre](3.md)", "[kapitel tre](33.md)")
    assert_fails_with(project, "33.md")


def test_unknown_citation_key_fails_strict_build(project):
    broken = break_file(project, "kapitel/5.md", "@mchugh1996]", "@mchugh1997]")
    line = line_of(broken, "@mchugh1997")
    assert_fails_with(project, f"docs/kapitel/5.md:{line}:")  # then: col, CI001 and the message


def test_unreadable_bibliography_stops_the_build(project):
    bib = project / "bibliography" / "referenser.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@book{trasig,\n  title = {Ingen slutparentes\n",
                   encoding="utf-8")
    assert_fails_with(project, "the bibliography has errors:\nbibliography/referenser.bib:")
