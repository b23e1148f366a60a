"""Print and PDF: /utskrift/ printed to an A4 PDF by Debian's Chromium (Playwright's `page.pdf()`), read back
with `pdftotext` (Debian's poppler-utils; `make test` installs it), and the print layout measured in the browser.

What a reader of the PDF must find: every printed page's label "s. N" in the outer margin, in order, level
with the line where that page begins (an inline marker's thin bar "|" stands on that line); every footnote
under its printed number; no page with almost nothing on it except the title page; the text at about 11 pt in
lines of at most about 75 characters. Every expected figure is read from the built HTML or the edition.
"""

from __future__ import annotations

import html as html_lib
import re
import subprocess
from pathlib import Path

import pytest

from schenk_edition.model import edition as edition_model
from schenk_edition.core.urls import url_of

from . import pdftext

# One test worker runs this module (`make test` runs pytest-xdist with --dist loadgroup), and its fixtures
# are the session's: a worker may run other modules' tests between this module's, and the print view is rendered once.
pytestmark = pytest.mark.xdist_group("print")

ROOT = Path(__file__).resolve().parents[2]
URL = "utskrift/"
# The book page the print stylesheet (docs/stylesheets/utskrift.css) promises.
BODY_PT = 11            # body text size, pt
BODY_PT_TOLERANCE = 0.5
MAX_CHARS = 75          # characters in a line of running text, at most
MIN_CHARS = 50          # ... and a column that is still a book's, not a sliver
MARKER = re.compile(r'<(span|div) class="sidbrytning"(?=[^>]* id="s-(\d+)")(?=[^>]* data-sida="\2")[^>]*>')


def _text(fragment: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.fixture(scope="session")
def built(site: Path) -> str:
    return (site / URL / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pdf(tabs, tmp_path_factory) -> Path:
    """/utskrift/ printed to PDF as a reader's "Save as PDF" does: print media, the stylesheet's A4 page (a new
    page of the worker's context, tests/browser/conftest.py)."""
    out = tmp_path_factory.mktemp("utskrift") / "utskrift.pdf"
    pg = tabs.open([])
    try:
        pg.goto(URL, wait_until="networkidle")
        pg.pdf(path=str(out), format="A4", prefer_css_page_size=True, print_background=False)
    finally:
        pg.close()
    return out


@pytest.fixture(scope="session")
def layout_pages(pdf) -> list[str]:
    return pdftext.layout_pages(pdf)


@pytest.fixture(scope="session")
def words(pdf) -> list[list[tuple[float, float, float, float, str]]]:
    return pdftext.words(pdf)


def _labels(words):
    """The labels "s. N" in the outer margin: pairs of words right of every other word of their PDF page."""
    found = []
    for number, page in enumerate(words):
        pairs = [(i, int(page[i + 1][4])) for i in range(len(page) - 1)
                 if page[i][4] == "s." and page[i + 1][4].isdigit()]
        in_pairs = {j for i, _ in pairs for j in (i, i + 1)}
        text_right = max((w[2] for j, w in enumerate(page) if j not in in_pairs), default=0)
        for i, n in pairs:
            if page[i][0] > text_right:
                found.append((n, number, page[i]))
    return found


def test_utskrift_has_every_printed_page_marker(built, site):
    markers = [int(n) for _, n in MARKER.findall(built)]
    units = []
    for rel in edition_model.reading_order(ROOT / "mkdocs.yml"):
        html = (site / url_of(rel) / "index.html").read_text(encoding="utf-8")
        units += [int(n) for _, n in MARKER.findall(html)]
    assert markers == units and len(markers) == len(set(markers)), (markers, units)


def test_pdf_has_every_page_label_in_the_outer_margin_in_order(built, words):
    expected = [int(n) for _, n in MARKER.findall(built)]
    assert [n for n, _, _ in _labels(words)] == expected


def test_pdf_page_labels_stand_level_with_their_line(built, words):
    """Each label is level with a line of text on its PDF page; an inline marker's bar "|" is on that line."""
    markers = MARKER.findall(built)
    inline = {int(n) for kind, n in markers if kind == "span"}
    labels = _labels(words)
    assert len(labels) == len(markers)
    misplaced = []
    for n, number, (_, y0, _, y1, _) in labels:
        middle = (y0 + y1) / 2
        level = [w for w in words[number] if w[1] <= middle <= w[3] and w[4] not in ("s.", str(n))]
        if not level or (n in inline and not any("|" in w[4] for w in level)):
            misplaced.append((n, number + 1, [w[4] for w in level]))
    assert not misplaced, misplaced


def test_pdf_has_every_footnote_under_its_number(built, layout_pages):
    notes = [(int(n), _text(body).split()[:3]) for n, body in pdftext.FOOTNOTE.findall(built)]
    assert [n for n, _ in notes] == list(range(1, len(notes) + 1)) and notes
    lines = [line for page in layout_pages for line in page.splitlines()]
    at = 0
    for n, first in notes:
        pattern = re.compile(rf"^\s*{n}\.\s+" + r"\s+".join(map(re.escape, first)))
        hits = [i for i, line in enumerate(lines) if i >= at and pattern.search(line)]
        assert hits, f"footnote {n} ({' '.join(first)} …) is not printed after footnote {n - 1}"
        at = hits[0] + 1


def test_pdf_has_no_nearly_empty_page_but_the_title(layout_pages):
    counts = [sum(1 for line in page.splitlines() if line.strip()) for page in layout_pages]
    assert counts and counts[0] >= pdftext.MIN_LINES, counts
    sparse = [(i + 1, c) for i, c in enumerate(counts) if c < pdftext.MIN_LINES and i > 0]
    assert not sparse, f"pages (number, lines) with fewer than {pdftext.MIN_LINES} lines: {sparse}"


def test_pdf_is_a4(pdf):
    info = subprocess.run([pdftext.tool("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    # A4 is 210 × 297 mm; 72 pt to the inch, 25.4 mm to the inch
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)


def test_print_body_text_size_and_line_length(page):
    page.emulate_media(media="print")
    page.goto(URL)
    measured = page.evaluate("""() => {
      const paragraphs = [...document.querySelectorAll('.utskrift-del > p:not([class])')];
      const sizes = new Set(paragraphs.map(p => getComputedStyle(p).fontSize));
      const perLine = [];
      const range = document.createRange();
      for (const p of paragraphs) {
        const size = parseFloat(getComputedStyle(p).fontSize);
        const middles = [];
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const t = walker.currentNode;
          for (let i = 0; i < t.length; i++) {
            range.setStart(t, i); range.setEnd(t, i + 1);
            const r = range.getClientRects()[0];
            if (r && r.width > 0) middles.push((r.top + r.bottom) / 2);
          }
        }
        middles.sort((a, b) => a - b);
        let count = 0, last = null;
        for (const m of middles) {
          if (last !== null && m - last > 0.6 * size) { perLine.push(count); count = 0; }
          count += 1; last = m;
        }
        if (count) perLine.push(count);
      }
      return {sizes: [...sizes], perLine, paragraphs: paragraphs.length};
    }""")
    assert measured["paragraphs"] > 0
    points = [float(s.removesuffix("px")) * 72 / 96 for s in measured["sizes"]]  # CSS: 96 px = 72 pt
    assert all(abs(pt - BODY_PT) <= BODY_PT_TOLERANCE for pt in points), points
    lines = sorted(measured["perLine"])
    longest = lines[-1]
    typical = lines[len(lines) * 3 // 4]  # a full line of a paragraph, not a paragraph's last line
    assert MIN_CHARS <= typical and longest <= MAX_CHARS, (typical, longest)
