"""The one anchor set of a page (`model.anchors`): every id it names is in the built page, and the anchors a
register generates are named from the data exactly as the register renders them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from schenk_edition.core.urls import url_of
from schenk_edition.model import anchors, edition
from schenk_edition.model.parser import parse
from schenk_edition.render import registers

ROOT = Path(__file__).resolve().parents[1]
ED = edition.load()
IDS = re.compile(r"""\sid=["']([^"']+)["']""")


def test_every_register_name_is_rendered_and_every_rendered_one_is_named():
    assert set(registers.REGISTERS) == set(anchors.REGISTER_NAMES)


@pytest.mark.parametrize("name", [n for n in anchors.REGISTER_NAMES if n != "referenser"])
def test_register_anchors_are_the_ids_of_the_rendered_register(name):
    """Rendered (as the build does, on the page that carries the marker) and read by the parser: the heading
    ids, in order, are `register_anchors`. (The reference list: below, without pandoc.)"""
    home = next((d.path for d in ED.documents for m in d.registers if m.value == name), "index.md")
    rendered = parse(registers.REGISTERS[name](ED, home), home)
    assert [h.id for h in rendered.headings if h.id] == anchors.register_anchors(ED, name)


def test_reference_list_anchors_are_its_entries():
    """The list is sorted for a Swedish reader, the anchors in file order: the same set."""
    html = registers.REGISTERS["referenser"](ED, "referenser.md")
    assert set(re.findall(r'<li id="(ref-[^"]+)"', html)) == set(anchors.register_anchors(ED, "referenser"))


@pytest.mark.parametrize("doc", ED.documents, ids=lambda d: d.path)
def test_the_built_page_carries_every_anchor_of_the_model(site, doc):
    html = (site / url_of(doc.path) / "index.html").read_text(encoding="utf-8")
    built = set(IDS.findall(html))
    missing = sorted(set(anchors.page_anchors(ED, doc)) - built)
    assert missing == [], f"{doc.path}: {missing[:10]}"


def test_a_duplicate_id_is_reported_once_from_the_same_list(tmp_path):
    """ID002 reads `page_anchor_list`: an id given to a heading and a quote of one page is reported."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A { #samma }\n\nText.\n\n## B { #samma }\n", encoding="utf-8")
    ed = edition.load(docs, tmp_path / "mkdocs.yml")
    assert [f.code for f in ed.findings if f.code == "ID002"] == ["ID002"]
