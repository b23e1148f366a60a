"""Bad input is ONE finding at its place, never a traceback and never a cascade: a byte that is not UTF-8 in
any page or data file (each in its own temporary copy of the real tree), a BibTeX syntax error at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BUILD_PARTS, ROOT, copy_tree, mkdocs_build
from schenk_edition.tools.cli import validate

DOCS = ROOT / "docs"
FILES = sorted(p.relative_to(ROOT).as_posix() for p in DOCS.rglob("*") if p.suffix in (".md", ".yml"))
BAD = b"\xe9"  # Latin-1 'é', never valid alone in UTF-8


SOURCES = ("docs", "bibliography", "mkdocs.yml")  # what the validators read


def plant(project: Path, rel: str) -> tuple[int, int]:
    """The commonest bad byte: a letter saved as Latin-1 (`ä` as 0xe4) — the first non-ASCII letter of the
    middle line that has one (else a Latin-1 'é' at the end of the middle line). Returns the byte's (line,
    column) as a finding names it."""
    path = project / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    accented = [i for i, line in enumerate(lines) if any(ch in "åäöéÅÄÖ" for ch in line)]
    if accented:
        i = accented[len(accented) // 2]
        col = next(k for k, ch in enumerate(lines[i]) if ch in "åäöéÅÄÖ")
    else:
        i = [k for k, line in enumerate(lines) if line.strip()][len(lines) // 2 if False else 0]
        lines[i] = lines[i].rstrip()
        col = len(lines[i])
        lines[i] += "é"
    raw = [line.encode("utf-8") for line in lines]
    raw[i] = lines[i][:col].encode("utf-8") + lines[i][col].encode("latin-1") + lines[i][col + 1:].encode("utf-8")
    path.write_bytes(b"\n".join(raw))
    return i + 1, col + 1


def test_every_file_is_covered():
    assert any(f.endswith(".md") for f in FILES) and any(f.endswith(".yml") for f in FILES)


@pytest.mark.parametrize("rel", FILES + ["bibliography/referenser.bib"])
def test_bad_byte_is_one_finding_at_its_place(rel, tmp_path):
    project = copy_tree(tmp_path, SOURCES)
    line, col = plant(project, rel)
    found = validate(project / "docs", project / "mkdocs.yml")
    code = "CI004" if rel.endswith(".bib") else "MD001" if rel.endswith(".md") else "DA011"
    assert [(f.path, f.line, f.col, f.code) for f in found] == [(rel, line, col, code)], \
        "\n".join(str(f) for f in found)


@pytest.mark.parametrize("rel", ["docs/kapitel/6.md", "docs/_data/teman.yml", "bibliography/referenser.bib"])
def test_bad_byte_stops_the_build_without_a_traceback(rel, tmp_path):
    project = copy_tree(tmp_path, BUILD_PARTS)
    line, col = plant(project, rel)
    result = mkdocs_build(project, project / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{rel}:{line}:{col}: " in log, log
    assert "Traceback" not in log and "UnicodeDecodeError" not in log, log


BIB_FAULTS = [  # (what, the entry's text as it stands, as broken, the broken line within the replacement)
    ("a field without its comma", "  author = {Alvesson},\n  year   = {2000},", "  author = {Alvesson}\n  year   = {2000},", 0),
    ("an unclosed value", "  author = {Alvesson},\n  year   = {2000},", "  author = {Alvesson,\n  year   = {2000},", 0),
    ("a field without '='", "  author = {Alvesson},\n  year   = {2000},", "  author {Alvesson},\n  year   = {2000},", 0),
    ("an entry without its closing brace", "  language    = {swedish}\n}", "  language    = {swedish}\n", 0),
]


@pytest.mark.parametrize("what, old, new, offset", BIB_FAULTS, ids=[b[0] for b in BIB_FAULTS])
def test_bibtex_error_at_its_line(what, old, new, offset, tmp_path):
    project = copy_tree(tmp_path, SOURCES)
    bib = project / "bibliography" / "referenser.bib"
    text = bib.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    bib.write_text(text, encoding="utf-8")
    line = text[: text.index(new)].count("\n") + 1 + offset
    found = [f for f in validate(project / "docs", project / "mkdocs.yml") if f.code == "CI004"]
    assert [(f.path, f.line) for f in found] == [("bibliography/referenser.bib", line)], [str(f) for f in found]


def test_emptied_unit_is_one_finding_and_stops_the_build(tmp_path):
    project = copy_tree(tmp_path, SOURCES)
    (project / "docs" / "forord.md").write_text("", encoding="utf-8")
    found = validate(project / "docs", project / "mkdocs.yml")
    assert [(f.path, f.line, f.code) for f in found] == [("docs/forord.md", 1, "PG005")], [str(f) for f in found]


def test_truncated_unit_is_a_finding(tmp_path):
    """kapitel/8.md cut after its first page: the pages it lost are one finding at its end."""
    project = copy_tree(tmp_path, SOURCES)
    path = project / "docs" / "kapitel" / "8.md"
    text = path.read_text(encoding="utf-8")
    first = text.index("<!-- page:", text.index("<!-- page:") + 1)  # keep the first page, cut from the second
    cut = text[:first]
    path.write_text(cut, encoding="utf-8")
    found = [(f.path, f.code) for f in validate(project / "docs", project / "mkdocs.yml")
             if f.code.startswith("PG")]
    assert found == [("docs/kapitel/8.md", "PG005")]


def test_validate_reads_the_redirects_and_refuses_a_trailing_newline(tmp_path):
    project = copy_tree(tmp_path, SOURCES)
    (project / "docs" / "_data" / "omdirigeringar.yml").write_text('"/kapitel/9/\\n": /bilaga/1/\n',
                                                                   encoding="utf-8")
    found = validate(project / "docs", project / "mkdocs.yml")
    assert [(f.path, f.line, f.code) for f in found] == [("docs/_data/omdirigeringar.yml", 1, "RD001")]
