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

from schenk_edition.export import cite
from schenk_edition.model import harvard
from schenk_edition.model import edition
from schenk_edition.model import pages as model_pages
from schenk_edition.core.urls import download_stem, url_of
from schenk_edition.core import ids, release

ROOT = Path(__file__).resolve().parents[1]
ED = edition.load()
UNITS = [(d, url_of(d.path)) for d in ED.documents if not d.is_edition_page]


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def metas(html: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, content in re.findall(r'<meta name="([^"]+)" content="([^"]*)"', html):
        out.setdefault(name, []).append(htmllib.unescape(content))
    return out


def markers(html: str) -> list[tuple[int, int]]:
    """(position, page) of every printed-page marker in the article."""
    return [(m.start(), int(m.group(1))) for m in re.finditer(r'class="sidbrytning"[^>]* id="s-(\d+)"', html)]


def test_report_citation_reads_as_the_suggested_form():
    work = edition.load().work
    assert harvard.harvard_report(work, (21, 29)) == (
        "Schenk, A. (2015). Mellan handläggare och administratör – Om Försäkringskassans personliga handläggare "
        "och yrkesrollens svåra balans (s. 21–29). Research Reports in Social Work 2015:2. Lund: Lunds universitet, "
        "Socialhögskolan.")
    assert harvard.harvard_report(work, (26, 26)).endswith(
        "balans (s. 26). Research Reports in Social Work 2015:2. Lund: Lunds universitet, Socialhögskolan.")


def _text(html_fragment: str) -> str:
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", "", html_fragment))).strip()


def test_start_page_and_cite_box_give_one_harvard_form(site):
    """The start page's suggested citation is the cite box's form of the whole report, with the series and
    number of the bibliography entry."""
    work = edition.load().work
    start = page(site, "")
    box = re.search(r'<p class="citera-text" id="citera-rapport">(.*?)</p>', start, re.S).group(1)
    section = start[start.index('id="citera"'):]
    suggested = re.search(r'<p class="citera-text">(.*?)</p>', section, re.S).group(1)
    assert _text(suggested) == _text(box) == harvard.harvard_report(work)
    assert f"{work.series} {work.number}" in _text(suggested)
    unit_box = re.search(r'<p class="citera-text" id="citera-rapport">(.*?)</p>', page(site, "kapitel/6/"),
                         re.S).group(1)
    assert _text(unit_box) == harvard.harvard_report(work, model_pages.document_pages(ED, ED.document("kapitel/6.md")))
    # the edition's page names its editors and version: "Digital utgåva, utg. av utgåvans redaktörer, version
    # 1.0.0, 2026-11-28."
    edition_box = re.search(r'<p class="citera-text" id="citera-utgava">(.*?)</p>', page(site, "kapitel/6/"),
                            re.S).group(1)
    assert (f"{harvard.EDITION_KIND}, utg. av {harvard.EDITORS}, {release.label(release.release())}. "
            in _text(edition_box))


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
    work = edition.load().work
    assert meta["citation_title"] == [work.title]
    assert meta["citation_author"] == ["Schenk, Anett"]
    assert meta["citation_isbn"] == [work.isbn]
    assert meta["citation_technical_report_number"] == [work.number]
    assert meta["citation_technical_report_institution"] == [work.institution]
    assert meta["citation_publication_date"] == [work.year]
    assert meta["DC.identifier"] == [f"urn:isbn:{work.isbn}"]
    # the PDF of the whole edition, current version, where its release publishes it (`make pdf` writes it)
    version = release.release().version
    assert meta["citation_pdf_url"] == [f"https://github.com/schenk-edition/schenk-edition/releases/download/"
                                        f"v{version}/schenk-utgava-{version}.pdf"]
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


def _ris(text: str) -> dict[str, list[str]]:
    """A small RIS reader: `TAG  - value` lines (CRLF) up to `ER  -`."""
    out: dict[str, list[str]] = {}
    lines = text.split("\r\n")
    assert lines[-1] == "" and lines[-2] == "ER  - ", "a RIS record ends with 'ER  - ' and CRLF"
    for line in lines[:-2]:
        m = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert m, f"not a RIS line: {line!r}"
        out.setdefault(m.group(1), []).append(m.group(2))
    return out


def _canonical(html: str) -> str:
    return htmllib.unescape(re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1))


@pytest.mark.parametrize("url", [""] + [u for _, u in UNITS])
def test_each_download_cites_its_own_unit(site, url):
    """Every page's BibTeX, RIS and CSL-JSON download, read back from the built site, carries the page's own
    key, its title as a part of the report, its printed pages and its address in the edition (the page's
    canonical URL); the whole report is cited from the start page."""
    work = edition.load().work
    html = page(site, url)
    hrefs = re.findall(r'<a href="([^"]+)" download="([^"]+)"', html)
    assert [name.rsplit(".", 1)[1] for _, name in hrefs] == ["bib", "ris", "json"], url
    files = {name.rsplit(".", 1)[1]: (site / url / htmllib.unescape(href)).resolve() for href, name in hrefs}
    doc = ED.document(next(d.path for d, u in UNITS if u == url)) if url else None
    pages = model_pages.document_pages(ED, doc) if doc else None
    title = next(h.text for h in doc.headings if h.level == 1) if doc else None
    key = files["bib"].stem
    assert key == (download_stem(doc.path) if doc else ids.REPORT_KEY)
    assert key not in {download_stem(d.path) for d, u in UNITS if u != url} | ({ids.REPORT_KEY} if url else set())
    canonical = _canonical(html)
    # BibTeX (pybtex)
    bib = parse_string(files["bib"].read_text(encoding="utf-8"), "bibtex")
    assert list(bib.entries) == [key]
    entry = bib.entries[key]
    f = entry.fields
    assert f["url"] == canonical and "pdf" not in f["url"]
    assert f["isbn"] == work.isbn and f["number"] == work.number
    assert [str(p) for p in entry.persons["author"]] == [f"{a.family}, {a.given}" for a in work.authors]
    if doc:
        assert entry.type == "inbook" and f["title"] == title and f["booktitle"] == work.title
        assert f["series"] == work.series
        assert f["pages"] == (f"{pages[0]}--{pages[1]}" if pages[0] != pages[1] else str(pages[0]))
    else:
        assert entry.type == work.entry_type and f["title"] == work.title and f["type"] == work.series
        assert "pages" not in f and "booktitle" not in f
    # RIS
    ris = _ris(files["ris"].read_bytes().decode("utf-8"))
    assert ris["ID"] == [key] and ris["UR"] == [canonical] and ris["T3"] == [work.series]
    assert ris["VL"] == [work.number] and ris["SN"] == [work.isbn]
    if doc:
        assert ris["TY"] == ["CHAP"] and ris["TI"] == [title] and ris["T2"] == [work.title]
        assert (ris["SP"], ris["EP"]) == ([str(pages[0])], [str(pages[1])])
    else:
        assert ris["TY"] == ["RPRT"] and ris["TI"] == [work.title] and "SP" not in ris and "T2" not in ris
    # CSL-JSON
    (item,) = json.loads(files["json"].read_text(encoding="utf-8"))
    assert item["id"] == key and item["URL"] == canonical
    assert item["collection-title"] == work.series and item["collection-number"] == work.number
    if doc:
        assert item["type"] == "chapter" and item["title"] == title and item["container-title"] == work.title
        assert item["page"] == (f"{pages[0]}-{pages[1]}" if pages[0] != pages[1] else str(pages[0]))
    else:
        assert item["type"] == "report" and item["title"] == work.title and "page" not in item
    # the edition's version in every format (biblatex `version`, RIS `ET`, CSL `version`)
    rel = release.release()
    edition_note = f"{harvard.EDITION_KIND}, {release.label(rel)}"
    assert (f["version"], f["note"]) == (rel.version, edition_note)
    assert ris["ET"] == [edition_note]
    assert (item["version"], item["note"]) == (rel.version, edition_note)


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
