"""The quote figure in the chapters (issue 16, item 3; render.html.quote_caption, docs/stylesheets/edition.css)
and the annotation terms' definitions sent once a page (issue 18; docs/javascripts/termer.js), in headless
Chromium. What a caption must say is derived from the built citat.json, never typed."""

from __future__ import annotations

import json

import pytest

from .conftest import axe_violations

WIDTHS = (390, 1280)


@pytest.fixture(scope="module")
def blocks(site) -> dict[str, list[dict]]:
    """The block quotes of citat.json by the page they stand on."""
    out: dict[str, list[dict]] = {}
    for q in json.loads((site / "citat.json").read_text(encoding="utf-8"))["citat"]:
        if q["typ"] == "block":
            out.setdefault(q["url"].split("#")[0], []).append(q)
    return out


def as_list(value) -> list:
    return value if isinstance(value, list) else [] if value in (None, "") else [value]


def open_page(new_page, url: str, width: int = 1280, scheme: str = "light"):
    """A new page of the worker's context (nothing stored: Material keeps the scheme of its first page) at
    `width` in `scheme`."""
    page = new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    page.goto(url)
    return page


def test_the_quote_reads_in_the_body_texts_colour_and_size_with_a_rule(new_page, blocks):
    for scheme in ("light", "dark"):
        page = open_page(new_page, next(iter(blocks)), scheme=scheme)
        body = page.locator("article.md-typeset > p[id^='p-']").first.evaluate(
            "p => [getComputedStyle(p).color, getComputedStyle(p).fontSize]")
        styles = page.locator("figure.citat blockquote").evaluate_all(
            "bs => bs.map(b => { const s = getComputedStyle(b), p = getComputedStyle(b.querySelector('p'));"
            " return [p.color, p.fontSize, s.borderLeftStyle, parseFloat(s.borderLeftWidth)]; })")
        assert styles
        for color, size, rule, width in styles:
            assert [color, size] == body, scheme  # not Material's grey blockquote
            assert rule == "solid" and width >= 2


def test_the_printed_attribution_comes_first_exactly_as_printed(page, blocks):
    for url, quotes in blocks.items():
        page.goto(url)
        for q in quotes:
            caption = page.locator(f"[id='{q['id']}'] > figcaption")
            assert caption.inner_text().startswith(f"({q['rost']}, {q['roll']})"), q["id"]
            role = caption.locator(".citat-roll")
            # the role plain: no badge inside the printed parentheses
            assert role.evaluate("r => { const s = getComputedStyle(r); return [s.borderTopStyle,"
                                 " s.backgroundColor, s.paddingLeft]; }") == ["none", "rgba(0, 0, 0, 0)", "0px"]
            voice = caption.locator("a.citat-rost")
            assert voice.inner_text() == q["rost"] and "/citat/#rost-" in voice.evaluate("a => a.href")


@pytest.mark.parametrize("width", WIDTHS)
def test_one_labelled_line_that_wraps_between_items_never_inside(page, blocks, width):
    page.set_viewport_size({"width": width, "height": 900})
    for url, quotes in blocks.items():
        page.goto(url)
        for q in quotes:
            caption = page.locator(f"[id='{q['id']}'] > figcaption")
            line = caption.locator(".citat-annotering")
            text = " ".join(line.inner_text().split())
            pages = f"s. {q['sida']}" + (f"–{q['sida_slut']}" if q["sida_slut"] != q["sida"] else "")
            assert text.startswith(pages), (q["id"], text)
            if q["teman"]:
                assert ("Tema: " if len(q["teman"]) == 1 else "Teman: ") in text
            assert ("Norm" in text) == bool(as_list(q["norm"]))
            assert ("Handlingsutrymme: " in text) == bool(as_list(q["handlingsutrymme"]))
            assert ("Rapportens tolkning" in text) == bool(q["tolkning"])
            # the line begins below the attribution, and no item breaks inside unless it alone is wider
            # than the line
            assert line.evaluate("l => l.getBoundingClientRect().top >= "
                                 "l.parentNode.querySelector('.citat-roll').getBoundingClientRect().bottom - 1")
            heights = line.locator(".citat-post").evaluate_all(
                "ps => ps.map(p => { const h = p.getBoundingClientRect().height;"
                " p.style.whiteSpace = 'nowrap'; const w = p.getBoundingClientRect().width; p.style.whiteSpace = '';"
                " return [p.textContent, h, parseFloat(getComputedStyle(p).lineHeight), w,"
                " p.parentNode.clientWidth]; })")
            for item, height, line_height, natural, room in heights:
                assert height < 1.5 * line_height or natural > room, (width, q["id"], item, height)
                assert natural <= room or width < 400, (q["id"], item)  # on a desktop every item fits a line
            # every link has a name that says where it leads
            names = caption.locator("a").evaluate_all(
                "as => as.map(a => (a.getAttribute('aria-label') || a.textContent).trim())")
            assert all(len(n) > 1 for n in names), (q["id"], names)
            assert caption.locator(f"a.citat-permalank[href='#{q['id']}']").get_attribute("aria-label")


def test_a_term_shows_its_pages_one_definition_on_hover_and_keyboard_focus(page, blocks):
    for url in blocks:
        page.goto(url)
        terms = page.locator("figure.citat a.citat-term")
        if not terms.count():
            continue
        # one hidden list of definitions, each once, named by every link of its term
        assert page.locator(".term-definitioner").count() == 1
        assert page.locator(".term-definitioner").evaluate("d => d.hidden")
        described = set(terms.evaluate_all("ts => ts.map(t => t.getAttribute('aria-describedby'))"))
        assert sorted(described) == sorted(page.locator(".term-definitioner > [id]").evaluate_all(
            "ds => ds.map(d => d.id)"))
        tip = page.locator(".term-tips")
        for term in (terms.first, terms.last):
            definition = page.locator(f"[id='{term.get_attribute('aria-describedby')}']").text_content()
            term.hover()
            assert tip.is_visible() and tip.inner_text() == definition
            tip.hover()  # the pointer may move onto the tooltip: it stays
            assert tip.is_visible()
            page.mouse.move(0, 0)
            assert not tip.is_visible()
            term.focus()
            assert tip.is_visible() and tip.inner_text() == definition
            page.keyboard.press("Escape")  # dismissable without moving the focus
            assert not tip.is_visible()
            assert page.evaluate("document.activeElement.matches('a.citat-term')")
            term.blur()
            term.focus()
            assert tip.is_visible()
            term.blur()  # the focus leaves: the tooltip goes
            assert not tip.is_visible()
        assert tip.get_attribute("aria-hidden") == "true"  # the description already gives its words


def test_a_term_reaches_its_definition_by_keyboard_only(page, blocks):
    url = next(u for u in blocks if any(q["teman"] for q in blocks[u]))
    page.goto(url)
    for _ in range(600):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.citat-term')"):
            break
    else:
        raise AssertionError("Tab never reached a term")
    described = page.evaluate("document.getElementById(document.activeElement.getAttribute('aria-describedby'))"
                              ".textContent")
    assert page.locator(".term-tips").inner_text() == described


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violation_in_the_quote_figures(new_page, axe_source, blocks, width):
    failures = []
    for scheme in ("light", "dark"):
        for url in blocks:
            page = open_page(new_page, url, width, scheme)
            page.locator("figure.citat a.citat-term").first.focus()  # a tooltip open, too
            result = axe_violations(page, axe_source, "{include: [['figure.citat'], ['.term-tips']]}")
            failures += [f"{url} {scheme} {width}px: {r}" for r in result]
            page.close()
    assert failures == [], "\n".join(failures)
