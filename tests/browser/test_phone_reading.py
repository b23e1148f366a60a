"""Reading on a phone: no printed-page label ("s. 30") over a heading at 320–430 px, and the passage a reader
lands on (`#citat-…`, `#p-N`, `#s-N`) visibly marked in light and dark mode, with contrast that axe accepts.

The labels are CSS generated content (`.sidbrytning::before`), which the DOM does not measure; their boxes
are read from Chromium's own layout through the DevTools protocol (DOM.getBoxModel of the pseudo-element)."""

from __future__ import annotations

import json

import pytest

from schenk_edition.model import edition as edition_model
from schenk_edition.model import quotes
from schenk_edition.core.urls import url_of

from .conftest import axe_violations

ED = edition_model.load()
UNITS = [url_of(d.path) for d in ED.documents if not d.is_edition_page]
WIDTHS = (320, 390, 430)


def _walk(node):
    yield node
    for child in node.get("children", []) + node.get("pseudoElements", []):
        yield from _walk(child)


def _box(cdp, node_id: int):
    """(left, top, right, bottom) of a node's border box in page coordinates, or None when not rendered."""
    try:
        quad = cdp.send("DOM.getBoxModel", {"nodeId": node_id})["model"]["border"]
    except Exception:  # noqa: BLE001 (the protocol reports an unrendered node as an error)
        return None
    xs, ys = quad[0::2], quad[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def labels_and_headings(page):
    """The boxes of every rendered page label and of every heading of the article."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    labels, headings = [], []
    article = next(n for n in _walk(root) if n.get("localName") == "article")
    for node in _walk(article):
        attrs = node.get("attributes", [])
        attr = dict(zip(attrs[::2], attrs[1::2]))
        if "sidbrytning" in attr.get("class", "").split():
            before = [p for p in node.get("pseudoElements", []) if p.get("pseudoType") == "before"]
            box = _box(cdp, before[0]["nodeId"]) if before else None
            labels.append((attr.get("id"), box))
        elif node.get("localName") in ("h1", "h2", "h3", "h4", "h5", "h6"):
            box = _box(cdp, node["nodeId"])
            if box:
                headings.append((attr.get("id") or node["localName"], box))
    cdp.detach()
    return labels, headings


def _overlap(a, b) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_label_over_a_heading_on_a_phone(page, site, width):
    page.set_viewport_size({"width": width, "height": 800})
    failures = []
    for url in UNITS:
        page.goto(url)
        labels, headings = labels_and_headings(page)
        markers = (site / url / "index.html").read_text(encoding="utf-8").count('class="sidbrytning"')
        assert len(labels) == markers, f"/{url}: {len(labels)} labels measured, {markers} in the HTML"
        for label, box in labels:
            assert box and box[2] > box[0], f"/{url} at {width} px: the label of #{label} is not shown"
            failures += [f"/{url} at {width} px: the label of #{label} {box} overlaps heading #{h} {hb}"
                         for h, hb in headings if _overlap(box, hb)]
    assert failures == [], "\n".join(failures)


def _targets() -> list[tuple[str, str, str]]:
    """(page url, landed-on id, a sibling of the same kind that is not the target), derived from the model:
    the first block quote, the paragraph that interprets it, the first page marker of its page, an inline
    quote."""
    records = quotes.records(ED)
    block = [r for r in records if r["typ"] == "block"]
    first, other = block[0], next(r for r in block[1:] if r["url"].split("#")[0] == block[0]["url"].split("#")[0])
    url = first["url"].split("#")[0]
    doc = next(d for d in ED.documents if url_of(d.path) == url)
    para = first["tolkning"].split("#")[1]
    other_para = next(f"p-{p.number}" for p in doc.paragraphs if f"p-{p.number}" != para)
    markers = [f"s-{m.page}" for m in doc.pages]
    inline = [r for r in records if r["typ"] == "inline"]
    inline_url = inline[0]["url"].split("#")[0]
    return [(url, first["id"], other["id"]), (url, para, other_para), (url, markers[-1], markers[0]),
            (inline_url, inline[0]["id"], None)]


TARGETS = _targets()
SETTLED = """() => new Promise(done => { let last = -1, still = 0;
  const tick = () => { still = scrollY === last ? still + 1 : 0; last = scrollY;
    still >= 5 ? done() : requestAnimationFrame(tick); }; tick(); })"""
STYLE = """([id, pseudo]) => { const e = document.getElementById(id); if (!e) return null;
  const s = getComputedStyle(e, pseudo); return [s.backgroundColor, s.boxShadow, s.outlineStyle, s.fontWeight].join('|'); }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_landed_on_passage_is_marked_and_axe_accepts_it(page, axe_source, scheme, width):
    """axe runs on the whole page for the first passage (the page at this width and scheme, a passage marked) and on
    the passage alone for the others: the rest of their page is what the first run and test_browser.py's per-page
    runs check."""
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme=scheme)
    failures = []
    for i, (url, target, other) in enumerate(TARGETS):
        page.goto(f"{url}#{target}")
        page.wait_for_load_state("load")
        assert page.evaluate("() => decodeURIComponent(location.hash.slice(1))") == target
        pseudo = "::before" if target.startswith("s-") else None
        marked = page.evaluate(STYLE, [target, pseudo])
        assert marked, f"/{url}#{target}: no element with that id"
        page.goto(f"{url}#{other}" if other else url)
        page.wait_for_load_state("load")
        plain = page.evaluate(STYLE, [target, pseudo])
        assert marked != plain, f"/{url}#{target} ({scheme}): the landed-on passage looks like any other ({plain})"
        page.goto(f"{url}#{target}")
        page.evaluate(SETTLED)  # a fragment navigation may still be scrolling: axe measures a still page
        scope = "document" if i == 0 else "{include: [[%s]]}" % json.dumps(f'[id="{target}"]')
        result = axe_violations(page, axe_source, scope)
        failures += [f"/{url}#{target} ({scheme}, {width} px): {r}" for r in result]
    assert failures == [], "\n".join(failures)
