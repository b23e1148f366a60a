"""The strict build of the real tree, read as a reader's browser would get it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from schenk_edition.model import edition
from schenk_edition.checks.footnotes import FOOTNOTES
from schenk_edition.core.urls import url_of

ROOT = Path(__file__).resolve().parents[1]
URLS = ["", "sammanfattning/", "summary/", "forord/"] + [f"kapitel/{n}/" for n in range(1, 9)] + \
       [f"bilaga/{n}/" for n in range(1, 5)] + ["om-utgavan/"]
ROLES = ("HR-specialist", "chef", "junior", "senior")


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def reading_order_html(site: Path) -> list[tuple[str, str]]:
    urls = []
    for rel in edition.reading_order(ROOT / "mkdocs.yml"):
        url = url_of(rel)
        urls.append((url, page(site, url)))
    return urls


@pytest.mark.parametrize("url", URLS)
def test_every_unit_is_at_its_url(site, url):
    html = page(site, url)
    assert '<html lang="sv"' in html
    assert re.search(r"<h1[^>]* id=\"[a-z0-9-]+\"", article(html)), "every page has an h1 with an explicit id"


def test_page_markers_5_to_59_once_each_in_reading_order(site):
    found = []
    for url, html in reading_order_html(site):
        # the attributes in any order (an inline break is an element of the Markdown tree: sorted attributes)
        for m in re.finditer(r'<(span|div) class="sidbrytning"(?=[^>]* id="s-(\d+)")(?=[^>]* role="doc-pagebreak")'
                             r'(?=[^>]* title="Sida \2")(?=[^>]* data-sida="\2")[^>]*>', html):
            found.append(int(m.group(2)))
    assert found == list(range(5, 60))


def test_page_addresses_lead_to_the_marker(site):
    for n in range(5, 60):
        html = (site / "s" / str(n) / "index.html").read_text(encoding="utf-8")
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html).group(1)
        path, anchor = target.split("#")
        assert anchor == f"s-{n}"
        resolved = (site / "s" / str(n) / path / "index.html").resolve()
        assert f'id="s-{n}"' in resolved.read_text(encoding="utf-8")


def test_footnotes_keep_their_printed_numbers(site):
    refs, items = [], []
    for _, html in reading_order_html(site):
        refs += [(a, b) for a, b in re.findall(r'href="#fn:(\d+)" aria-label="Fotnot \d+">(\d+)</a>', html)]
        items += re.findall(r'<li id="fn:(\d+)" value="(\d+)">', html)
        assert "Jump back" not in html
    assert refs == [(str(n), str(n)) for n in FOOTNOTES]  # the report's printed footnotes (checks.footnotes)
    assert items == [(str(n), str(n)) for n in FOOTNOTES]
    assert 'title="Tillbaka till fotnot 3 i texten"' in page(site, "kapitel/2/")


def test_every_interview_quote_with_attribution(site):
    quotes = []
    for _, html in reading_order_html(site):
        quotes += re.findall(r'<figure class="citat" id="(citat-[a-z-]+-\d+)">.*?<figcaption>'
                             r'\(<a class="citat-rost" href="[^"]*citat/#rost-[a-z-]+" [^>]*>([^<]+)</a>, '
                             r'<span class="citat-roll">([^<]+)</span>\)',
                             html, re.S)
    # every interview quote block of docs/, in reading order, each once
    ed = edition.load(ROOT / "docs", ROOT / "mkdocs.yml")
    assert [q[0] for q in quotes] == [q.id for _, q in ed.quotes() if not q.inline]
    assert {q[2] for q in quotes} <= set(ROLES)
    assert ("citat-henrik-1", "Henrik", "HR-specialist") in quotes
    assert ("citat-ann-marie-3", "Ann-Mari", "senior") in quotes


def test_quoted_documents_with_their_source(site):
    html = page(site, "kapitel/5/")
    for doc_id in ("dokument-hemsidan", "dokument-statskontoret", "dokument-platsannonsen"):
        block = re.search(rf'<figure class="dokument" id="{doc_id}">(.*?)</figure>', html, re.S).group(1)
        assert "<blockquote>" in block and re.search(r"<figcaption>(<[^>]+>)*\(", block)  # "(" maybe in a citation


def test_norms_table(site):
    html = page(site, "kapitel/3/")
    table = re.search(r'<table class="normtabell" id="tabell-normer">(.*?)</table>', html, re.S).group(1)
    assert "<caption>" in table
    rows = re.findall(r'<tr id="(norm-\d)">', (ROOT / "docs" / "kapitel" / "3.md").read_text(encoding="utf-8"))
    assert re.findall(r'<tr id="(norm-\d)">', table) == rows and rows  # the rows of docs/kapitel/3.md
    assert "Källa: Hall 2001, s. 39" in html


def test_chapters_have_paragraph_anchors(site):
    html = page(site, "kapitel/1/")
    numbers = [int(n) for n in re.findall(r'<p id="p-(\d+)"', html)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 5


def test_cross_references_are_links(site):
    html = page(site, "kapitel/5/")
    assert '<a href="../3/">kapitel tre</a>' in html
    assert '<a href="../../bilaga/1/">bilaga</a>' in page(site, "kapitel/4/")


def test_english_summary_is_marked_english(site):
    assert '<div lang="en">' in article(page(site, "summary/"))


def test_no_third_party_requests_in_markup(site):
    for url in URLS:
        html = page(site, url)
        for src in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
            assert not re.search(r"(googleapis|gstatic|cdn|unpkg|jsdelivr)", src), src


def test_editorial_notes_are_listed(site):
    html = page(site, "om-utgavan/")
    for note in ("fotnot-1-lakun", "johannas", "ann-mari", "kelly-taylor", "isf-versal", "tabell-rubrik"):
        assert f"#red-{note}" in html
