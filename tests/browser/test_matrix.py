"""The matrices on /citat/ (issue 16; render.registers.matrix) in headless Chromium: each count links to the
explorer filtered to its row and column, and opening the link restores exactly that filter, with as many
hits as the cell says; the tables are axe-clean in light and dark. The expected figures come from the page and
from the built citat.json, never typed."""

from __future__ import annotations

import collections
from urllib.parse import parse_qsl, urlsplit

from .conftest import axe_violations

LINKS = ".matris-tabell td a"


def cell_links(page) -> list[tuple[str, int, str]]:
    """(the link's href as written, its count, its table's caption) for every count of the matrices."""
    return page.locator(LINKS).evaluate_all(
        "as => as.map(a => [a.getAttribute('href'), Number(a.textContent),"
        " a.closest('table').querySelector('caption').textContent])")


def chosen(page) -> dict[str, list[str]]:
    out = collections.defaultdict(list)
    for name, value in page.locator(".utforskare-val input:checked").evaluate_all(
            "is => is.map(i => [i.name, i.value])"):
        out[name].append(value)
    return dict(out)


def assert_restored(page, href: str, count: int) -> None:
    wanted = collections.defaultdict(list)
    for name, value in parse_qsl(urlsplit(href).query):
        wanted[name].append(value)
    assert chosen(page) == dict(wanted), href
    assert page.locator(".utforskare-antal").inner_text() == f"{count} citat", href
    assert page.locator(".utforskare-traffar > li").count() == count, href


def test_a_matrix_link_opens_the_explorer_with_its_filter(page):
    """A reader's click, one per table: the page loads anew at the explorer, with the cell's filter."""
    page.goto("citat/")
    links = cell_links(page)
    assert {caption for _, _, caption in links} == {"Citat per roll och tema", "Citat per röst och tema"}
    for caption in sorted({c for _, _, c in links}):
        href, count, _ = max((link for link in links if link[2] == caption and "&" in link[0]),
                             key=lambda link: link[1])
        page.goto("citat/")
        page.locator(f"{LINKS}[href='{href}']").click()
        page.wait_for_url(lambda url: urlsplit(url).query == urlsplit(href).query)
        page.locator("#utforskare:not([hidden])").wait_for()
        assert urlsplit(page.url).fragment == "utforskare"
        assert_restored(page, href, count)


def test_every_matrix_link_restores_its_filter(page):
    """Every count: its URL state, read by the explorer as on load and on the back button (popstate)."""
    page.goto("citat/")
    page.locator("#utforskare:not([hidden])").wait_for()
    links = cell_links(page)
    assert len(links) > 40
    for href, count, _ in links:
        page.evaluate("h => { history.pushState(null, '', h); dispatchEvent(new PopStateEvent('popstate')); }", href)
        assert_restored(page, href, count)


def test_the_matrix_is_read_as_a_table(page):
    """Assistive technology gets a table: its caption as the name, headers for rows and columns."""
    page.goto("citat/")
    for caption in ("Citat per roll och tema", "Citat per röst och tema"):
        table = page.get_by_role("table", name=caption)
        assert table.count() == 1
        assert table.get_by_role("rowheader").count() >= 2
        assert table.get_by_role("columnheader").count() >= 2
        region = page.get_by_role("region", name=caption)
        assert region.get_attribute("tabindex") == "0"  # a wide table scrolls by keyboard too


def test_axe_finds_no_violation_in_the_matrix_on_a_phone(new_page, axe_source):
    """The tables at 390 px, where they scroll sideways, in both schemes. At the desktop width the per-page axe runs
    of test_browser.py check the whole of /citat/, the tables with it, in both schemes."""
    width = 390
    failures = []
    for scheme in ("light", "dark"):
        page = new_page()  # nothing stored: Material keeps the scheme of its first page
        page.set_viewport_size({"width": width, "height": 900})
        page.emulate_media(color_scheme=scheme)
        page.goto("citat/")
        page.locator("#utforskare:not([hidden])").wait_for()
        result = axe_violations(page, axe_source, "{include: ['.matris']}")
        failures += [f"{scheme} {width}px: {r}" for r in result]
        page.close()
    assert failures == [], "\n".join(failures)
