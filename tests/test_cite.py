"""Citing and printing, read from the strict build: metadata for Zotero and Google Scholar, descriptions, the
cite box and its downloads, and the one-page view /utskrift/."""

from __future__ import annotations

import html as htmllib
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from pybtex.database import parse_string

from scripts.edition import cite, edition

ROOT = Path(__file__).resolve().parents[1]
ED = edition.load()
UNITS = [(d, edition.url_of(d.path)) for d in ED.documents if not d.is_edition_page]


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def metas(html: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, content in re.findall(r'<meta name="([^"]+)" content="([^"]*)"', html):
        out.setdefault(name, []).append(htmllib.unescape(content))
    return out


def markers(html: str) -> list[tuple[int, int]]:
    """(position, page) of every printed-page marker in the article."""
    return [(m.start(), int(m.group(1))) for m in re.finditer(r'class="sidbrytning" id="s-(\d+)"', html)]


def test_report_citation_reads_as_the_suggested_form():
    work = cite.load_work()
    assert cite.harvard_report(work, (21, 29)) == (
        "Schenk, A. (2015). Mellan handläggare och administratör – Om Försäkringskassans personliga handläggare "
        "och yrkesrollens svåra balans (s. 21–29). Lund: Lunds universitet, Socialhögskolan.")
    assert cite.harvard_report(work, (26, 26)).endswith("balans (s. 26). Lund: Lunds universitet, Socialhögskolan.")


def test_unit_pages_follow_the_page_markers_of_the_html(site):
    """citation_firstpage/lastpage of each unit: its last page is the last marker on it; its first page is a
    marker standing before its heading, or else the page the previous unit ended on."""
    previous_last = None
    for doc, url in UNITS:
        html = page(site, url)
        meta = metas(html)
        found = markers(html)
        h1 = html.index("<h1")
        first = found[0][1] if found and found[0][0] < h1 else previous_last
        last = found[-1][1] if found else previous_last
        assert meta["citation_firstpage"] == [str(first)], url
        assert meta["citation_lastpage"] == [str(last)], url
        previous_last = last


@pytest.mark.parametrize("url", ["", "kapitel/7/", "citat/", "om-utgavan/", "utskrift/"])
def test_every_page_describes_the_one_report(site, url):
    meta = metas(page(site, url))
    work = cite.load_work()
    assert meta["citation_title"] == [work.title]
    assert meta["citation_author"] == ["Schenk, Anett"]
    assert meta["citation_isbn"] == [work.isbn]
    assert meta["citation_technical_report_number"] == [work.number]
    assert meta["citation_technical_report_institution"] == [work.institution]
    assert meta["citation_publication_date"] == [work.year]
    assert meta["DC.identifier"] == [f"urn:isbn:{work.isbn}"]
    assert "citation_pdf_url" not in meta  # the edition publishes no PDF
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page(site, url)).group(1))
    report = data if data["@type"] == "Report" else data.get("isPartOf") or data.get("about")
    assert report["@type"] == "Report" and report["name"] == work.title and report["reportNumber"] == work.number


def test_edition_pages_have_no_page_range(site):
    for url in ("", "citat/", "om-utgavan/"):
        assert "citation_firstpage" not in metas(page(site, url))


def _first_paragraph_text(html: str) -> str:
    p = re.search(r'<p id="p-1"[^>]*>(.*?)</p>', html, re.S).group(1)
    p = re.sub(r"<sup\b.*?</sup>", "", p, flags=re.S)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", p)).split())


def test_every_page_has_its_own_description(site):
    descriptions = {}
    for path in sorted(site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        found = metas(html).get("description")
        assert found and len(found) == 1 and 20 <= len(found[0]) <= 160, path
        descriptions[path.parent.relative_to(site).as_posix()] = found[0]
    assert len(set(descriptions.values())) == len(descriptions), "two pages share a description"
    text = _first_paragraph_text(page(site, "kapitel/7/"))
    d = descriptions["kapitel/7"]
    assert text.startswith(d.removesuffix("…")) and d.endswith("…")


def test_downloads_carry_the_unit_pages(site):
    doc = ED.document("kapitel/5.md")
    first, last = cite.document_pages(ED, doc)
    stem = cite.download_stem(doc.path)
    bib = parse_string((site / "citera" / f"{stem}.bib").read_text(encoding="utf-8"), "bibtex")
    entry = bib.entries[cite.REPORT_KEY]
    assert entry.fields["pages"] == f"{first}--{last}" and entry.fields["isbn"] == "978-91-7623-582-9"
    ris = (site / "citera" / f"{stem}.ris").read_bytes().decode("utf-8")  # RIS lines end in CRLF
    assert ris.startswith("TY  - RPRT\r\n") and f"SP  - {first}\r\n" in ris and f"EP  - {last}\r\n" in ris
    assert ris.rstrip().endswith("ER  -")
    csl = json.loads((site / "citera" / f"{stem}.json").read_text(encoding="utf-8"))
    assert csl[0]["page"] == f"{first}-{last}" and csl[0]["type"] == "report"
    whole = parse_string((site / "citera" / "schenk2015.bib").read_text(encoding="utf-8"), "bibtex")
    assert "pages" not in whole.entries[cite.REPORT_KEY].fields


def test_cite_box_anchor_table_matches_the_markers(site):
    html = page(site, "kapitel/6/")
    table = json.loads(re.search(r'<script type="application/json" id="citera-data">(.*?)</script>', html,
                                 re.S).group(1))["sidor"]
    for _, n in markers(html):
        assert table[f"s-{n}"] == [n, n]
    # a paragraph's range contains the markers inside it
    for m in re.finditer(r'<p id="(p-\d+)">(.*?)</p>', html, re.S):
        inside = [int(x) for x in re.findall(r'id="s-(\d+)"', m.group(2))]
        if inside:
            assert table[m.group(1)][1] == max(inside)


def test_one_page_view_has_every_unit_unique_ids_and_working_links(site):
    html = page(site, "utskrift/")
    ids = re.findall(r'\bid="([^"]*)"', html)
    twice = [i for i, n in Counter(ids).items() if n > 1]
    assert twice == []
    targets = set(ids)
    dangling = [h for h in re.findall(r'href="#([^"]+)"', html) if htmllib.unescape(h) not in targets]
    assert dangling == []
    assert [n for _, n in markers(html)] == list(range(5, 60))
    for doc, url in UNITS:
        assert f'id="del-{url.strip("/").replace("/", "-")}"' in html, url
    assert html.count('class="footnote"') >= 1 and re.search(r'id="kapitel-\d-fn:\d+"', html)


def test_ids_are_unique_on_every_page(site):
    """The template's additions (cite box) must not collide with the ids of the text."""
    for path in sorted(site.rglob("*.html")):
        ids = re.findall(r'\bid="([^"]*)"', path.read_text(encoding="utf-8"))
        twice = [i for i, n in Counter(ids).items() if n > 1]
        assert twice == [], f"{path.relative_to(site)}: {twice}"
