"""The role × theme and voice × theme matrices on /citat/ (issue 16; render.registers.matrix), read from the
built page: every count is the number of quotes of the built `citat.json` that the cell's filter selects,
every cell links to the explorer filtered to its row and column, the tables are real tables, and the heat-map
shade follows the count. Nothing is typed: the expected figures come from citat.json."""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest

from schenk_edition.model.quotes import ROLE_LABELS
from schenk_edition.model.syntax import ROLES
from schenk_edition.render.registers import HEAT_LEVELS


class Tables(HTMLParser):
    """The `table.matris-tabell`s of a page: caption, header rows and body rows, each cell as
    (tag, attrs, text, href of its link or None)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self.table = self.row = self.cell = None
        self.section = ""
        self.in_caption = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "matris-tabell" in (a.get("class") or "").split():
            self.table = {"caption": "", "head": [], "body": [], "attrs": a}
        elif self.table is None:
            return
        elif tag in ("thead", "tbody"):
            self.section = tag
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr":
            self.row = []
        elif tag in ("th", "td"):
            self.cell = [tag, a, "", None]
        elif tag == "a" and self.cell is not None:
            self.cell[3] = a.get("href")
            self.cell[1] = dict(self.cell[1], **{"aria-label": a.get("aria-label")})

    def handle_endtag(self, tag):
        if self.table is None:
            return
        if tag == "caption":
            self.in_caption = False
        elif tag in ("th", "td") and self.cell is not None:
            self.cell[2] = " ".join(self.cell[2].split())
            self.row.append(tuple(self.cell))
            self.cell = None
        elif tag == "tr":
            self.table["head" if self.section == "thead" else "body"].append(self.row)
        elif tag == "table":
            self.tables.append(self.table)
            self.table = None

    def handle_data(self, data):
        if self.table is None:
            return
        if self.in_caption:
            self.table["caption"] += data
        elif self.cell is not None:
            self.cell[2] += data


@pytest.fixture(scope="module")
def data(site) -> dict:
    return json.loads((site / "citat.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tables(site) -> dict[str, dict]:
    parser = Tables()
    html = (site / "citat" / "index.html").read_text(encoding="utf-8")
    parser.feed(html)
    return {t["caption"]: t for t in parser.tables}


# the explorer's URL parameters (docs/javascripts/utforskare.js) → the field of a citat.json record
FIELDS = {"rost": "rost_id", "roll": "roll", "tema": "teman"}


def selected(quotes: list[dict], filters: dict[str, str]) -> int:
    """How many quotes a filter selects, as the explorer combines it (every facet must hold)."""
    def holds(q, param, value):
        field = q[FIELDS[param]]
        return value in field if isinstance(field, list) else field == value
    return sum(1 for q in quotes if all(holds(q, p, v) for p, v in filters.items()))


def link_filter(href: str) -> dict[str, str]:
    parts = urlsplit(href)
    assert parts.fragment == "utforskare", href
    assert parts.path in ("./", "../citat/"), href  # the explorer on /citat/ itself, never a bare '#'/'?'
    pairs = parse_qsl(parts.query)
    assert len({p for p, _ in pairs}) == len(pairs), href  # one value per facet
    assert all(p in FIELDS for p, _ in pairs), href  # never q= (Material's search)
    return dict(pairs)


def cells(table: dict):
    """(row index, column index, cell) of every count cell of the body."""
    for r, row in enumerate(table["body"]):
        for c, cell in enumerate(row[1:]):
            yield r, c, cell


def test_both_matrices_are_real_tables_with_caption_and_scoped_headers(tables, site):
    assert set(tables) == {"Citat per roll och tema", "Citat per röst och tema"}
    html = (site / "citat" / "index.html").read_text(encoding="utf-8")
    for caption, t in tables.items():
        assert t["head"] and t["body"]
        for row in t["body"]:
            assert row[0][0] == "th" and row[0][1].get("scope") == "row"
            assert all(cell[0] == "td" for cell in row[1:])
        assert all(cell[0] == "td" or cell[1].get("scope") in ("col", "colgroup") for row in t["head"] for cell in row)
    # the scroll box of a wide table is reachable by keyboard and named
    assert html.count('<div class="matris-rulla" role="region" aria-label="') == len(tables)


def test_every_count_is_the_number_of_quotes_its_filter_selects(tables, data):
    quotes = data["citat"]
    checked = 0
    for caption, t in tables.items():
        rows: dict[int, dict] = {}
        cols: dict[int, dict] = {}
        linked = [(r, c, cell) for r, c, cell in cells(t) if cell[3]]
        assert linked, caption
        for r, c, cell in linked:
            f = link_filter(cell[3])
            assert int(cell[2]) == selected(quotes, f), (caption, cell)
            assert cell[1]["aria-label"].startswith(f"{cell[2]} citat"), cell  # the name holds the count
            checked += 1
            # the filter of a cell is its row's theme and its column's role or voice
            row_part = {k: v for k, v in f.items() if k == "tema"}
            col_part = {k: v for k, v in f.items() if k != "tema"}
            if rows.setdefault(r, row_part) != row_part or cols.setdefault(c, col_part) != col_part:
                raise AssertionError(f"{caption}: a cell's filter is not its row's and column's: {cell}")
        # a zero is a zero of the data too: every cell, linked or not, against its row and column
        for r, c, cell in cells(t):
            assert int(cell[2]) == selected(quotes, {**rows[r], **cols[c]}), (caption, r, c, cell)
            assert bool(cell[3]) == (int(cell[2]) > 0), cell  # only a count above zero links
    assert checked > 40


def test_rows_and_columns_are_the_themes_roles_and_voices_of_the_data(tables, data):
    quotes, labels = data["citat"], data["etiketter"]
    used_themes = {t for q in quotes for t in q["teman"]}
    roles = tables["Citat per roll och tema"]
    theme_rows = [row[0][2] for row in roles["body"] if row[0][2] != "Alla teman"]
    assert sorted(theme_rows) == sorted(labels["teman"][t] for t in used_themes)
    heads = [cell[2] for cell in roles["head"][0][1:]]
    assert heads == [ROLE_LABELS[r][0] for r in ROLES] + ["Alla roller"]
    voices = tables["Citat per röst och tema"]
    columns = len(voices["head"][-1]) - 1
    assert columns == len({q["rost_id"] for q in quotes})
    # each voice's column sums to at least its quotes with a theme (a quote may carry several themes)
    for c in range(columns):
        total = sum(int(row[1 + c][2]) for row in voices["body"])
        rost = next(link_filter(row[1 + c][3])["rost"] for row in voices["body"] if row[1 + c][3])
        assert total >= sum(1 for q in quotes if q["rost_id"] == rost and q["teman"])
    # the totals: a theme's quotes over every role, a role's quotes, and all quotes
    last = roles["body"][-1]
    assert last[0][2] == "Alla teman" and int(last[-1][2]) == len(quotes)


def test_the_shade_is_the_count_class(tables):
    for caption, t in tables.items():
        shaded = [(int(cell[2]), cell[1].get("class")) for _, _, cell in cells(t)
                  if (cell[1].get("class") or "").startswith("matris-")]
        top = max(n for n, _ in shaded)
        for n, cls in shaded:
            expected = "matris-0" if n == 0 else f"matris-{math.ceil(HEAT_LEVELS * n / top)}"
            assert cls == expected, (caption, n, cls)
        assert {cls for n, cls in shaded if n == top} == {f"matris-{HEAT_LEVELS}"}


def test_the_page_says_the_counts_are_a_fact_of_the_data(site):
    html = (site / "citat" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<div class="matris">(.*?)</div>\s*(?:<section|<h2)', html, re.S)
    assert block and "ett faktum om materialet, inte en tolkning" in block.group(1)


def test_citat_json_publishes_the_vocabularies_labels(data):
    """The explorer's labels come from citat.json (issue 16): every id a record uses has its name there."""
    labels = data["etiketter"]
    for q in data["citat"]:
        assert all(t in labels["teman"] for t in q["teman"])
        for field in ("norm", "handlingsutrymme"):
            value = q[field]
            ids = [v["id"] if isinstance(v, dict) else v for v in (value if isinstance(value, list) else [value])
                   if v]
            assert all(i in labels[field] for i in ids), (q["id"], field)
