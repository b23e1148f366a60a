"""The whole edition as one PDF (`make pdf`, scripts/schenk_edition/tools/pdf.py), rendered from the strict build
of the real tree by Debian's Chromium (the browser tests' session browser) and read back with pdftotext/pdfinfo
(poppler-utils) and pypdf.

What a reader of the PDF must find: the title page with the report's data and the edition's version; every
printed page's label "s. N" in the outer margin, in the order of the page markers; every footnote under its
printed number, in order; the references and the quote register; an outline (bookmarks) with every part, at
the pages the table of contents names; the document information (title, author, subject, language sv).
Every expected figure is read from the built HTML, the edition or CHANGELOG.md.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from schenk_edition.core.paths import ROOT
from schenk_edition.core.release import file_name, release
from schenk_edition.model import edition as edition_model
from schenk_edition.tools import book as book_model
from schenk_edition.tools import pdf as pdf_tool

from . import pdftext

# One test worker runs this module (`make test` runs pytest-xdist with --dist loadgroup), and its fixtures
# are the session's: a worker may run other modules' tests between this module's, and the PDF is rendered once.
pytestmark = pytest.mark.xdist_group("pdf")

MARKER = re.compile(r'<(?:span|div) class="sidbrytning"[^>]*\bid="s-(\d+)"[^>]*>')  # attributes in any order


@pytest.fixture(scope="session")
def edition():
    return edition_model.load(ROOT / "docs", ROOT / "mkdocs.yml")


@pytest.fixture(scope="session")
def pdf(site, edition, browser, tmp_path_factory) -> Path:
    """`make pdf`'s rendering, in the browser tests' Chromium (tests/browser/conftest.py)."""
    return pdf_tool.build(site, tmp_path_factory.mktemp("dist"), edition, release(), browser=browser)


@pytest.fixture(scope="session")
def book(site, edition) -> book_model.Book:
    return book_model.read(site, edition, release())


@pytest.fixture(scope="session")
def layout_pages(pdf) -> list[str]:
    return pdftext.layout_pages(pdf)


@pytest.fixture(scope="session")
def words(pdf) -> list[list[tuple[float, float, float, float, str]]]:
    return pdftext.words(pdf)


def _margin_labels(words) -> list[int]:
    """The labels "s. N" right of every other word of their PDF page (the outer margin), in reading order."""
    found = []
    for page in words:
        pairs = [(i, int(page[i + 1][4])) for i in range(len(page) - 1)
                 if page[i][4] == "s." and page[i + 1][4].isdigit()]
        in_pairs = {j for i, _ in pairs for j in (i, i + 1)}
        text_right = max((w[2] for j, w in enumerate(page) if j not in in_pairs), default=0)
        found += [n for i, n in pairs if page[i][0] > text_right]
    return found


def test_the_pdf_is_named_after_the_version(pdf):
    assert pdf.name == file_name("pdf", release().version)


def test_every_printed_page_label_in_the_margin_in_order(site, words):
    expected = [int(n) for n in MARKER.findall((site / "utskrift" / "index.html").read_text(encoding="utf-8"))]
    assert expected and expected == sorted(set(expected))
    assert _margin_labels(words) == expected


def test_every_footnote_under_its_number_in_order(site, layout_pages):
    built = (site / "utskrift" / "index.html").read_text(encoding="utf-8")
    notes = [(int(n), book_model.text_of(body).split()[:3]) for n, body in pdftext.FOOTNOTE.findall(built)]
    assert [n for n, _ in notes] == list(range(1, len(notes) + 1)) and notes
    lines = [line for page in layout_pages for line in page.splitlines()]
    at = 0
    for n, first in notes:
        pattern = re.compile(rf"^\s*{n}\.\s+" + r"\s+".join(map(re.escape, first)))
        hits = [i for i, line in enumerate(lines) if i >= at and pattern.search(line)]
        assert hits, f"footnote {n} ({' '.join(first)} …) is not printed after footnote {n - 1}"
        at = hits[0] + 1


def test_the_title_page_has_the_report_and_the_version(layout_pages, edition):
    first = " ".join(layout_pages[0].split())
    version, date = release()
    work = edition.work
    assert f"version {version}, {date.isoformat()}" in first
    for part in (work.title.split(" – ")[0], work.isbn, work.number, "Anett Schenk"):
        assert part in first, part


def _squeeze(text: str) -> str:
    return "".join(text.split())


def test_the_outline_has_every_part_at_the_page_the_contents_name(pdf, book, layout_pages):
    reader = PdfReader(pdf)
    top = [(item.title, reader.get_destination_page_number(item) + 1)
           for item in reader.outline if not isinstance(item, list)]
    titles = [_squeeze(t) for t, _ in top]
    parts = [_squeeze(p.title) for p in book.parts]
    assert [t for t in titles if t in parts] == parts, (titles, parts)
    assert {"Referenser", "Citat"} <= {p.title for p in book.parts}
    # the table of contents (page 2) names each part with the page the outline points to
    contents = [" ".join(line.split()) for line in layout_pages[1].splitlines() if line.strip()]
    for (title, page) in top:
        if _squeeze(title) in parts:
            assert any(_squeeze(line) == _squeeze(f"{title} {page}") for line in contents), (title, page)
    # and the part starts on that page
    for title, page in top:
        if _squeeze(title) in parts:
            assert _squeeze(title)[:12] in _squeeze(layout_pages[page - 1]), (title, page)


def test_the_registers_are_printed(layout_pages, book):
    """The references and the quote register follow the text: each one's heading and first paragraph."""
    text = _squeeze(" ".join(layout_pages))
    registers = [p for p in book.parts if p.prefix in {"referenser", "citat"}]
    assert [p.title for p in registers] == ["Referenser", "Citat"]
    for part in registers:
        first = re.search(r"<p\b[^>]*>(.*?)</p>", part.html, re.S)
        words = book_model.text_of(first.group(1)).split()[:12]
        assert words and _squeeze(" ".join(words)) in text, (part.title, words)


def test_no_page_is_nearly_empty(layout_pages):
    """Every page carries text beyond its footer line (a room reserved for a web tool, a lone heading or a
    part's last note on a page of its own would show here)."""
    counts = [sum(1 for line in page.splitlines() if line.strip()) for page in layout_pages]
    sparse = [(i + 1, c) for i, c in enumerate(counts) if c < pdftext.MIN_LINES + 1]  # + the footer
    assert counts and not sparse, f"pages (number, lines) with fewer than {pdftext.MIN_LINES} lines of text: {sparse}"


def test_the_document_information_and_language(pdf, edition):
    info = subprocess.run([pdftext.tool("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    fields = dict(re.findall(r"^(\w[\w ]*?):\s+(.*)$", info, re.M))
    version = release().version
    assert fields["Title"].startswith(edition.work.title) and version in fields["Title"]
    assert fields["Author"] == ", ".join(f"{a.given} {a.family}" for a in edition.work.authors)
    assert fields["Subject"] and fields["Keywords"]
    assert fields["Tagged"] == "yes"
    assert fields["Page size"].endswith("(A4)")
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    assert reader.trailer["/Root"]["/Lang"] == "sv"
