"""Data files cannot inject: a crafted copy of the real tree with hostile values in every data file that
reaches the site, built strictly once, and read back as a reader (and a spreadsheet, and GitHub) gets it."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from conftest import copy_tree, mkdocs_build
from schenk_edition.core.escape import csv_cell, markdown_text
from schenk_edition.core.findings import Finding, annotation, report
from schenk_edition.core.urls import safe_links, safe_url
from schenk_edition.site import csp

SCRIPT = "<script>alert(1)</script>"
MD_LINK = "[klick](javascript:alert(2))"
HOSTILE = f"{SCRIPT} {MD_LINK} <img src=x onerror=alert(3)>"


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_tree(tmp_path_factory.mktemp("hostile"))
    data = project / "docs" / "_data"
    # a theme's name and definition, an editorial note's text, a voice's pseudonym variant
    replace(data / "teman.yml", "  namn: tyst kunskap", f"  namn: 'tyst kunskap {HOSTILE}'")
    replace(data / "teman.yml", "  definition: en kunskap som växer", f"  definition: en {MD_LINK} kunskap som växer")
    replace(data / "editorial.yml", "  text: Fotnoten slutar avbruten", f"  text: Fotnoten {HOSTILE} slutar avbruten")
    # a BibTeX entry with a javascript: link (and a data: one) in its note
    replace(project / "bibliography" / "referenser.bib", "  note   = {Uppgifter ofullständiga: referenslistan",
            "  note   = {\\href{javascript:alert(4)}{klicka} \\href{data:text/html,x}{data} "
            "\\href{https://example.org/}{säker} Uppgifter ofullständiga: referenslistan")
    # a quote that begins with a spreadsheet formula
    replace(project / "docs" / "kapitel" / "6.md", "\nLyhördhet, tycker jag absolut",
            '\n=HYPERLINK("https://example.org","x") Lyhördhet, tycker jag absolut')
    result = mkdocs_build(project, project / "site")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    return project / "site"


def _html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", ["citat", "om-utgavan", "kapitel/1", "kapitel/3", "kapitel/6", "referenser", "utskrift"])
def test_no_data_becomes_markup(hostile_site, page):
    text = _html(hostile_site, page)
    assert "alert(1)</script>" not in text and "<img src=x" not in text
    assert not re.search(r"""href\s*=\s*["']?\s*(?:javascript|data|vbscript):""", text, re.I), page


def test_hostile_text_is_shown_as_text(hostile_site):
    """The values are kept, as text: the reader sees what was written."""
    citat = _html(hostile_site, "citat")
    for text in (citat, _html(hostile_site, "om-utgavan"), _html(hostile_site, "kapitel/1")):
        assert "&lt;script&gt;alert" in text and "&#91;klick&#93;" in text


def test_bibtex_links_keep_only_allowed_schemes(hostile_site):
    refs = _html(hostile_site, "referenser")
    assert 'href="https://example.org/"' in refs  # an allowed link stays a link
    assert "klicka" in refs and "javascript:" not in refs


def test_csv_cells_cannot_be_formulas(hostile_site):
    for name in ("citat.csv", "normer.csv"):
        rows = list(csv.reader(io.StringIO((hostile_site / name).read_text(encoding="utf-8"))))
        for row in rows:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
    rows = list(csv.DictReader(io.StringIO((hostile_site / "citat.csv").read_text(encoding="utf-8"))))
    assert any(r["text"].startswith("'=HYPERLINK(") for r in rows)


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("text", "text"), ("–tankstreck", "–tankstreck"), (5, 5)])
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected


@pytest.mark.parametrize("target, ok", [
    ("https://example.org/", True), ("http://x", True), ("mailto:a@b.se", True), ("../kapitel/5/#s-26", True),
    ("#p-3", True), ("javascript:alert(1)", False), ("JavaScript:x", False), (" javascript:x", False),
    ("java\tscript:x", False), ("java&#x09;script:x", False), ("&#106;avascript:x", False),
    ("data:text/html,x", False), ("vbscript:x", False)])
def test_safe_url(target, ok):
    assert safe_url(target) is ok


def test_safe_links_unwraps_other_schemes():
    assert safe_links('<a href="javascript:x()">a</a> <a href="https://e.org">b</a>') == \
        'a <a href="https://e.org">b</a>'


def test_markdown_text_is_never_markup():
    import markdown

    out = markdown.markdown(markdown_text(HOSTILE + " *x* `y` {: #z } [@key]"), extensions=["attr_list"])
    assert "<script" not in out and "<a" not in out and "<img" not in out and "<em>" not in out
    assert "<code>" not in out and 'id="z"' not in out


def test_annotation_cannot_forge_a_second_command(monkeypatch):
    f = Finding("docs/_data/teman.yml", 3, 5, "AN003", "'x\n::warning file=a::forged' 100%\r")
    line = annotation(f)
    assert "\n" not in line and "\r" not in line
    assert line.endswith("'x%0A::warning file=a::forged' 100%25%0D")
    out = io.StringIO()
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    report([Finding("docs/a,b:c.md", 1, 1, "AN003", "m")], out)
    assert out.getvalue() == "::error file=docs/a%2Cb%3Ac.md,line=1,col=1,title=AN003::m\n"
    assert "\n" not in str(f)


def test_every_page_has_a_strict_policy(site):
    """Every HTML file of the real build carries a CSP meta before its first script, without 'unsafe-inline'
    for scripts, and with exactly the hashes of the inline scripts it runs (so none is blocked, no other runs)."""
    pages = sorted(site.rglob("*.html"))
    assert pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert m, path
        assert m.start() < text.find("<script") or "<script" not in text, path
        directives = dict(d.strip().split(" ", 1) for d in m.group(1).split(";"))
        scripts = directives["script-src"].split()
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, path
        assert sorted(s for s in scripts if s.startswith("'sha256-")) == \
            sorted({csp.script_hash(s) for s in csp.inline_scripts(text)}), path
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"


def test_policy_hashes_only_scripts_that_run():
    page = ('<html><head><meta charset="utf-8"><script>a()</script><script type="application/json">{}</script>'
            '<script src="x.js"></script><script type="module">b()</script></head></html>')
    assert csp.inline_scripts(page) == ["a()", "b()"]
    out = csp.with_policy(page)
    assert out.index("Content-Security-Policy") < out.index("<script")
    assert csp.with_policy(out) == out  # idempotent: a second pass replaces, never duplicates
