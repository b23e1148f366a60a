"""A quote's printed pages are the pages on which its own words stand in the printed report.

The expected range is computed independently of the edition's page markers: the quote's words are found in the
base text (tests/data/report-text.txt) and their lines are mapped to printed pages with the page map
(tests/data/page-map.tsv: the line on which each printed page begins). Every view of a quote must agree: the
model's records (citat.json, citat.csv), the quote's label on its page, the cite box's anchor table and /citat/.
"""

from __future__ import annotations

import bisect
import json
import re
from html import unescape
from pathlib import Path

import pytest

from conftest import ROOT
from schenk_edition.export import cite
from schenk_edition.model import edition, quotes
from schenk_edition.model.syntax import MARKER
from schenk_edition.model import pages as model_pages

DATA = ROOT / "tests" / "data"
ED = edition.load(ROOT / "docs", ROOT / "mkdocs.yml")
RECORDS = quotes.records(ED)


def page_map() -> list[tuple[int, int]]:
    """(first line, page) of every printed page, from the page map."""
    rows = []
    for line in (DATA / "page-map.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("page\t") or not line.strip():
            continue
        page, first, _ = line.split("\t", 2)
        rows.append((int(first), int(page)))
    return sorted(rows)


PAGES = page_map()


def _norm(text: str) -> str:
    """Letters and digits only: hyphenation at line ends, punctuation and spacing do not matter. A footnote
    reference of the base text (digits right after a word: `Ensa14`, `försäkrade.3`) is not a word."""
    text = re.sub(r"(?<=[^\W\d_]|[.,;:)”])\d+", "", text)
    return re.sub(r"[^\w]|_", "", text).lower()


def base_stream() -> tuple[str, list[int]]:
    """The running text of the report, normalised, with the 1-based source line of every character. Left out:
    the footnotes at the foot of each page (from a line of tabs to the next page start) and the two printed
    page numbers alone on a line."""
    lines = (DATA / "report-text.txt").read_text(encoding="utf-8").split("\n")
    starts = {first for first, _ in PAGES}
    chars: list[str] = []
    where: list[int] = []
    in_notes = False
    for n, line in enumerate(lines, 1):
        if n in starts:
            in_notes = False
        if line.strip("\t ") == "" and "\t" in line:
            in_notes = True
        if in_notes or re.fullmatch(r"\s*\d+\s*", line):
            continue
        text = _norm(line)
        chars.append(text)
        where.extend([n] * len(text))
    return "".join(chars), where


STREAM, LINE_OF = base_stream()


def page_of_line(line: int) -> int:
    firsts = [first for first, _ in PAGES]
    return PAGES[bisect.bisect_right(firsts, line) - 1][1]


def expected_pages(text: str, before: str = "") -> tuple[int, int]:
    """The pages of the first and last word of `text` in the base text; `before` (the words in front of an
    inline quote in its sentence) tells apart words that the report prints twice."""
    needle = _norm(text)
    at = STREAM.find(needle)
    assert at >= 0, f"the quote's words are not in the base text: {text[:80]!r}"
    if STREAM.find(needle, at + 1) >= 0:
        context = _norm(before)[-30:]
        assert context, f"the quote's words stand twice in the base text: {text[:80]!r}"
        at = STREAM.find(context + needle)
        assert at >= 0 and STREAM.find(context + needle, at + 1) < 0, f"not found once: {text[:80]!r}"
        at += len(context)
    return page_of_line(LINE_OF[at]), page_of_line(LINE_OF[at + len(needle) - 1])


def words_before(q) -> str:
    """The words of the sentence in front of an inline quote (markers removed)."""
    if not q.inline:
        return ""
    doc = next(d for d in ED.documents if q in d.quotes)
    return MARKER.sub("", doc.lines[q.line - 1][:q.span[0]])


def test_page_map_matches_the_base_text():
    """The page map's first words stand on its lines (so the map and the text are the same edition)."""
    lines = (DATA / "report-text.txt").read_text(encoding="utf-8").split("\n")
    rows = [r.split("\t") for r in (DATA / "page-map.tsv").read_text(encoding="utf-8").splitlines()
            if r and not r.startswith(("#", "page\t"))]
    numbers = [int(p) for p, _, _ in rows]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), "the pages follow each other"
    assert [m.page for _, m in ED.markers_in_order()] == numbers, "the edition marks every printed page"
    for page, line, words in rows:
        assert _norm(" ".join(lines[int(line) - 1:int(line) + 1])).startswith(_norm(words)), (page, line, words)


@pytest.mark.parametrize("record,quote", list(zip(RECORDS, [q for _, q in ED.quotes()])), ids=[r["id"] for r in RECORDS])
def test_quote_range_is_where_its_words_stand(record, quote):
    assert record["id"] == quote.id
    assert (record["sida"], record["sida_slut"]) == expected_pages(record["text"], words_before(quote))


def test_every_view_of_a_quote_shows_the_same_range(site: Path):
    data = json.loads((site / "citat.json").read_text(encoding="utf-8"))
    assert [(r["id"], r["sida"], r["sida_slut"]) for r in data["citat"]] == \
        [(r["id"], r["sida"], r["sida_slut"]) for r in RECORDS]
    register = unescape((site / "citat" / "index.html").read_text(encoding="utf-8"))
    for r in RECORDS:
        label = model_pages.page_label((r["sida"], r["sida_slut"]))
        url = r["url"]
        html = unescape((site / url.split("#")[0] / "index.html").read_text(encoding="utf-8"))
        # a block quote's own label, in its figure's caption (an inline quote has no label of its own)
        if r["typ"] == "block":
            figure = re.search(r'<figure class="citat" id="' + re.escape(r["id"]) + r'".*?</figure>', html, re.S)
            shown = re.search(r'<a class="citat-sida"[^>]*>([^<]*)</a>', figure.group(0)).group(1)
            assert shown == label, (r["id"], shown, label)
        # the cite box's table of anchors
        table = json.loads(re.search(r'<script type="application/json" id="citera-data">(.*?)</script>',
                                     html, re.S).group(1))
        assert tuple(table["sidor"][r["id"]]) == (r["sida"], r["sida_slut"]), r["id"]
        # the register /citat/: the entry that links to the quote
        entry = re.search(r'href="[^"]*#' + re.escape(r["id"]) + r'"[^>]*>([^<]*)</a>', register)
        assert entry and entry.group(1).endswith(label), (r["id"], entry and entry.group(1), label)
