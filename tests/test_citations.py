"""Citations and the reconstructed bibliography: each check with a failing sample, the real tree passing, and
each citation form of issue 3 §2 as it reads in the built HTML."""

from __future__ import annotations

import html as htmllib
import re
import shutil
from pathlib import Path

import pytest

from schenk_edition.model import edition
from schenk_edition.core.text import sv_key
from schenk_edition.model.parser import parse
from schenk_edition.render import citations as render_citations
from schenk_edition.model.bibliography import OWN_ENTRIES, read_bib
from schenk_edition.core import paths
from schenk_edition.checks import citations as check_citations
from schenk_edition.site.citations import cite_page, protect_code, restore_code

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = Path(__file__).parent / "samples"
CHAPTERS = [f"kapitel/{n}/" for n in range(1, 9)]


def sample(name: str, tmp_path: Path) -> edition.Edition:
    shutil.copytree(SAMPLES / name, tmp_path, dirs_exist_ok=True)
    return edition.load(tmp_path / "docs", tmp_path / "mkdocs.yml")


def found(findings) -> list[tuple[str, str, int]]:
    return [(f.code, f.path, f.line) for f in findings]


# --- the checks --------------------------------------------------------------------------------------------

def test_real_tree_passes_every_check():
    ed = edition.load(ROOT / "docs", ROOT / "mkdocs.yml")
    assert check_citations.run(ed) == []
    cited = {c.key for d in ed.documents for c in d.citations}
    # every work of the bibliography is cited (the report's own entries aside): no count to keep up to date
    assert cited == set(ed.bibliography.entries) - OWN_ENTRIES


def test_unknown_key(tmp_path):
    ed = sample("ci-unknown-key", tmp_path)
    assert found(check_citations.unknown_keys(ed)) == [("CI001", "docs/kapitel/1.md", 3)]
    assert check_citations.unknown_keys(ed)[0].col == 63  # the '@' of '@okand1999'


def test_entry_never_cited(tmp_path):
    ed = sample("ci-uncited", tmp_path)
    assert found(check_citations.uncited_entries(ed)) == [("CI002", "bibliography/referenser.bib", 6)]


def test_printed_year_differs_from_entry(tmp_path):
    ed = sample("ci-year", tmp_path)
    got = check_citations.printed_years(ed)
    assert found(got) == [("CI003", "bibliography/referenser.bib", 7)]
    assert "docs/kapitel/1.md:3" in got[0].message


def test_unconfirmed_fields_and_entry_types(tmp_path):
    """The old sou2015-21 ('Del 1' and its ISBN, which the research leaves unconfirmed) and the old alvesson2000
    (an @article without a journal) fail; the real tree passes (test_real_tree_passes_every_check)."""
    ed = sample("ci-unconfirmed", tmp_path)
    assert found(check_citations.unconfirmed_fields(ed)) == [("CI005", "bibliography/referenser.bib", 1)] * 2
    assert found(check_citations.entry_types(ed)) == [("CI006", "bibliography/referenser.bib", 9)]


def test_unconfirmed_list_matches_the_research():
    """Every field bibliography/unconfirmed.yml names is one research.md marks unknown or presumed for that key."""
    import yaml
    research = (ROOT / "bibliography" / "research.md").read_text(encoding="utf-8")
    rules = yaml.safe_load((ROOT / paths.UNCONFIRMED).read_text(encoding="utf-8"))
    for key in rules:
        section = research.split(f"`{key}`", 1)[1][:1500]
        assert re.search(r"Unknown|unconfirmed|presumed|not confirmed|[Dd]o not|no record", section), key


def test_malformed_bibtex_is_a_finding_not_a_traceback(tmp_path):
    ed = sample("ci-bad-bib", tmp_path)
    # at the entry that lacks its closing brace (line 3), not where pybtex noticed it (the next entry, line 5)
    assert found(check_citations.bibtex_errors(ed)) == [("CI004", "bibliography/referenser.bib", 3)]
    assert check_citations.unknown_keys(ed) == []  # nothing else is checked against an unreadable file


def test_entry_defined_twice(tmp_path):
    ed = sample("ci-uncited", tmp_path)
    bib = tmp_path / paths.BIB
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@misc{brunsson2000,\n  year = {2000}\n}\n", encoding="utf-8")
    ed = edition.load(tmp_path / "docs", tmp_path / "mkdocs.yml")
    assert found(check_citations.bibtex_errors(ed)) == [("CI004", "bibliography/referenser.bib", 11)]


def test_missing_bibliography(tmp_path):
    ed = sample("ci-uncited", tmp_path)
    (tmp_path / paths.BIB).unlink()
    assert found(check_citations.bibtex_errors(ed)) == [("CI004", "bibliography/referenser.bib", 1)]


def test_the_build_stops_on_an_unreadable_bibliography(tmp_path):
    from conftest import copy_tree, mkdocs_build

    copy_tree(tmp_path)
    shutil.copy(SAMPLES / "ci-bad-bib" / paths.BIB, tmp_path / paths.BIB)
    result = mkdocs_build(tmp_path, tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "bibliography/referenser.bib:3:1: CI004" in log and "Traceback" not in log


def test_an_unknown_key_in_the_build_is_a_finding_not_a_traceback(tmp_path):
    """`make serve` builds without --strict: the unknown key is a finding in the log (a warning, so the strict
    build fails), the preview keeps serving, and the page shows a marked gap, not the raw key."""
    import os
    import subprocess
    import sys

    from conftest import copy_tree

    copy_tree(tmp_path)
    chapter = tmp_path / "docs" / "kapitel" / "5.md"
    text = chapter.read_text(encoding="utf-8")
    line = text[:text.index("[-@ekblad2002]")].count("\n") + 1
    col = len(text[:text.index("[-@ekblad2002]")].rsplit("\n", 1)[-1]) + 3  # the 1-based column of the @
    chapter.write_text(text.replace("[-@ekblad2002]", "[-@ekblad2099]"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
                            cwd=tmp_path, capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert f"WARNING -  docs/kapitel/5.md:{line}:{col}: CI001 citation key 'ekblad2099'" in log, log
    assert "Traceback" not in log and "KeyError" not in log, log
    html = (tmp_path / "site" / "kapitel" / "5" / "index.html").read_text(encoding="utf-8")
    assert "ekblad2099" not in html and '<span class="citering-saknas">[referens saknas]</span>' in html


# --- the parser ----------------------------------------------------------------------------------------------

def test_parser_reads_every_form():
    doc = parse("Text [jmf @a2000, s. 3; @b2001] och Kelly [-@c2006] [ibid: @a2000, {148}] "
                "[jmf [kapitel tre](3.md)\\; @d1996] `[@kod]` [text](x@y.se)\n"
                "```\n[@i_kod]\n```\n", "kapitel/1.md")
    got = [(c.key, c.prefix, c.locator, c.narrative) for c in doc.citations]
    assert got == [("a2000", "jmf", "s. 3", False), ("b2001", "", "", False), ("c2006", "", "", True),
                   ("a2000", "ibid:", "148", False), ("d1996", "jmf [kapitel tre](3.md)\\;", "", False)]
    assert (doc.citations[0].line, doc.citations[0].col) == (1, 11)


def test_code_is_left_alone(monkeypatch):
    """A citation in code (a fenced block, a code span) is an example: it is not replaced."""
    block = "[@lipsky1980, s. 15]"
    monkeypatch.setattr(render_citations, "FORMATTED", render_citations.Formatted(inline={block: "(LIPSKY)"}))
    text = f"Exempel:\n\n```markdown\n(Lipsky 1980) blir {block}\n```\n\nOch `{block}` i löptext.\n"
    assert restore_code(cite_page(text)) == text
    assert restore_code(protect_code(text)) == text
    assert cite_page(f"Men {block} i texten.") == "Men (LIPSKY) i texten."


def test_pandoc_runs_once_and_its_output_is_cached(tmp_path, monkeypatch):
    """One pandoc run formats every block; the same input again (same blocks, bibliography, CSL) starts no
    pandoc and gives the same result; a changed input runs pandoc again."""
    runs = []
    real_run = render_citations.subprocess.run

    def counting_run(cmd, *args, **kwargs):
        runs.append(cmd)
        return real_run(cmd, *args, **kwargs)

    monkeypatch.setattr(render_citations.subprocess, "run", counting_run)
    blocks = ["[@lipsky1980, s. 15]", "[jmf @melander2013]", "[@lipsky1980, s. 15]"]
    bib, csl, cache = ROOT / paths.BIB, ROOT / paths.CSL, tmp_path / "cache"
    first = render_citations.format_citations(blocks, bib, csl, cache)
    assert len(runs) == 1 and len(list(cache.glob("*.html"))) == 1
    assert set(first.inline) == set(blocks) and "lipsky1980" in first.references
    again = render_citations.format_citations(blocks, bib, csl, cache)
    assert len(runs) == 1 and again == first
    changed = render_citations.format_citations(blocks[1:2], bib, csl, cache)
    assert len(runs) == 2 and changed.inline == {blocks[1]: first.inline[blocks[1]]}
    assert render_citations.format_citations(blocks, bib, csl) == first and len(runs) == 3  # no cache: runs


# --- the built site ------------------------------------------------------------------------------------------

def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article(markup: str) -> str:
    return re.search(r"<article[^>]*>(.*)</article>", markup, re.S).group(1)


def text_of(markup: str) -> str:
    markup = re.sub(r"<(script|style)\b.*?</\1>", "", markup, flags=re.S)
    markup = re.sub(r'<span class="sidbrytning"[^>]*></span>', "", markup)  # a page break inside a word
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", markup)).split())


@pytest.mark.parametrize("url, printed", [
    ("kapitel/3/", "(Lipsky 1980, s. 15)"),
    ("kapitel/3/", "(Evans & Harris 2004)"),
    ("kapitel/3/", "Taylor och Kelly (2006) skiljer"),
    ("kapitel/3/", "Stina Hall (2001)"),
    ("kapitel/3/", "Susanne Ekblad (2002, s. 145ff.)"),
    ("kapitel/3/", "(Lipsky 1980, s. 18; jmf också s. 81ff.)"),
    ("kapitel/5/", "Stina Halls (2001)"),
    ("kapitel/5/", "(Taylor & Kelly 2006; Söderberg & Alexandersson 2005)"),
    ("kapitel/5/", "(jmf kapitel tre; McHugh 1996)"),
    ("kapitel/2/", "(jmf Melander 2013)"),
    ("kapitel/2/", "(ibid, s. 135f.)"),
    ("kapitel/2/", "(ibid: 148)"),
    ("kapitel/2/", "(jmf Inspektionen för socialförsäkringen 2011, s. 76; Statskontoret 2007, s. 66; "
                   "Försäkringskassan 2005, s. 9)"),
    ("kapitel/2/", "(jmf Inspektionen för Socialförsäkringen"),
    ("kapitel/1/", "(se Statskontoret 2007, s. 66; Försäkringskassan 2005, s. 9)"),
    ("kapitel/1/", "(Försäkringskassan 2006a)"),
    ("kapitel/6/", "(jmf Statskontoret 2009; Försäkringskassan 2006b)"),
    ("kapitel/6/", "(Inspektionen för socialförsäkringen 2011: 147)"),
    ("kapitel/7/", "(jmf Kelly & Taylor 2006)"),
    ("kapitel/7/", "(jmf Johansson 1992; Johansson & Johansson 1987)"),
    ("kapitel/8/", "(SOU 2015:21, s. 72f.)"),
    ("kapitel/8/", "(jmf SOU 2002:62)"),
    ("kapitel/8/", "(jmf Inspektionen för socialförsäkringen 2013) och"),
    ("kapitel/8/", "(Dagens Socialförsäkring 2008, s. 10ff.)"),
])
def test_citation_reads_as_printed(site, url, printed):
    assert printed in text_of(article(page(site, url)))


def test_ibid_is_linked_to_its_work(site):
    markup = page(site, "kapitel/2/")
    m = re.search(r'\(ibid, <a id="cit-lindqvist1990-2" class="footnote-ref citering" href="#ref-lindqvist1990"',
                  markup)
    assert m, "the first 'ibid' of chapter 2 is linked to Lindqvist 1990"
    assert re.search(r'\(ibid: <a id="[^"]+" class="footnote-ref citering" href="#ref-forsakringskassan2015"', markup)


def test_every_citation_has_its_full_reference_on_the_page(site):
    """Material's footnote tooltips show the element the link points to: each citation's target is on the page
    and holds the full reference."""
    total = 0
    ed = edition.load(ROOT / "docs", ROOT / "mkdocs.yml")
    cites = sum(len(d.citations) for d in ed.documents if d.path.startswith("kapitel/"))  # the chapters' cites
    for url in CHAPTERS:
        markup = page(site, url)
        for key in re.findall(r'class="footnote-ref citering" href="#ref-([^"]+)"', markup):
            total += 1
            ref = re.search(rf'<div id="ref-{re.escape(key)}" class="referens"><p>(.*?)</p></div>', markup)
            assert ref and len(text_of(ref.group(1))) > 10, (url, key)
    assert total == cites


def test_report_footnotes_keep_their_numbers_and_citation_notes_are_apart(site):
    markup = page(site, "kapitel/5/")
    assert '<sup id="fnref:8"><a class="footnote-ref" href="#fn:8" aria-label="Fotnot 8">8</a></sup>' in markup
    notes = re.search(r'<div class="footnote">(.*?)</div>', markup, re.S).group(1)
    assert "ref-" not in notes  # citation notes are not among the report's footnotes
    assert '<aside class="referensnoter"' in markup


def test_no_raw_citation_syntax_in_the_html(site):
    for file in sorted(site.rglob("*.html")):
        markup = file.read_text(encoding="utf-8")
        body = article(markup) if "<article" in markup else markup
        text = text_of(body)
        assert "[@" not in body and "[-@" not in body, file
        assert "[^ref-" not in body and "[^" not in text, file
        assert "--" not in text, (file, text[max(0, text.find("--") - 60):text.find("--") + 60])
        assert "\ue000" not in markup and "\ue001" not in markup, file


def test_reference_list(site):
    markup = article(page(site, "referenser/"))
    keys = re.findall(r'<li id="ref-([^"]+)" class="referens', markup)
    works = set(read_bib(ROOT / paths.BIB).entries) - OWN_ENTRIES  # bibliography/referenser.bib
    assert len(keys) == len(set(keys)) and set(keys) == works
    # sorted as a Swedish reader expects: å, ä, ö after z ("Sö" after "St", where "o" would come before it)
    assert keys.index("strauss1987") < keys.index("stroh2000") < keys.index("soderbergalexandersson2005")
    assert keys.index("forsakringskassan2006a") < keys.index("forsakringskassan2006b")
    bib = read_bib(ROOT / paths.BIB)
    firsts = [sv_key(render_citations.sort_key(bib.entries[k])[0]) for k in keys]
    assert firsts == sorted(firsts)
    text = text_of(markup)
    assert "rekonstruerad" in text and "ofullständiga" in text
    assert "Uppgifter ofullständiga" in text_of(re.search(r'<li id="ref-alvesson2000".*?</li>', markup).group(0))
    # every work links back to every place that cites it, and each link leads to a citation that exists
    ed = edition.load(ROOT / "docs", ROOT / "mkdocs.yml")
    places = render_citations.places(ed)
    for key in keys:
        item = re.search(rf'<li id="ref-{key}".*?</li>', markup, re.S).group(0)
        links = re.findall(r'<p class="referens-platser">.*?</p>', item, re.S)[0]
        hrefs = re.findall(r'href="([^"]+)"', links)
        assert len(hrefs) == len(places[key]), key
        for href in hrefs:
            path, _, anchor = href.partition("#")
            target = (site / "referenser" / path / "index.html").resolve()
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href
