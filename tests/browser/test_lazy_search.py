"""The search costs nothing before the reader opens it: no page fetches Material's search worker, the search
index or the stemmer on load (scripts/hooks/lazy_search.py); opening the search fetches them and it works."""

from __future__ import annotations

import pytest

from schenk_edition.model import edition as edition_model
from schenk_edition.tools.budget import SEARCH_FILES, site_pages

from .test_404 import new_tab, pages_url, tab  # noqa: F401 (fixtures: the 404 page served as GitHub Pages serves it)
from .test_browser import _tooltip_text, open_search

PAGES = site_pages(edition_model.load())


def search_requests(requests: list[str]) -> list[str]:
    return [u for u in requests if any(f in u for f in SEARCH_FILES)]


def assert_lazy(page, address: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(address)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert search_requests(requests) == [], f"{address} fetched search files on load"
    open_search(page, "handläggare")
    fetched = search_requests(requests)
    assert any("/workers/search." in u for u in fetched) and any("search_index.json" in u for u in fetched), fetched


@pytest.mark.parametrize("url", [p for p in PAGES if p.startswith("kapitel/")][:1] + ["", "utskrift/"])
def test_search_files_load_only_when_the_search_opens(page, url):
    assert_lazy(page, url)


def test_search_files_load_only_when_the_search_opens_on_the_404_page(tab, pages_url):
    assert_lazy(tab, pages_url + "finns-inte/")


def listeners(page, selector: str, index: int) -> set[str]:
    """The event types an element listens to (Chromium's DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    found = cdp.send("Runtime.evaluate", {"expression": f"document.querySelectorAll({selector!r})[{index}]"})
    return {e["type"] for e in cdp.send("DOMDebugger.getEventListeners",
                                        {"objectId": found["result"]["objectId"]})["listeners"]}


def test_footnote_tooltips_are_set_up_at_first_hover_or_focus_and_then_work(page):
    """Material's footnote tooltips are mounted when a reference is first pointed at or focused
    (scripts/hooks/lazy_search.py, LAZY_TOOLTIP): on load no reference has Material's tooltip listeners, and
    the first hover or the first keyboard focus of a reference — here far down the print view — opens its note
    at once, and it closes again."""
    page.goto("utskrift/")
    page.wait_for_load_state("networkidle")
    selector = "a.footnote-ref[href*='fn:']"
    refs = page.locator(selector)
    count = refs.count()
    assert count > 2
    for i in (0, count // 2, count - 1):
        assert "mouseenter" not in listeners(page, selector, i), f"tooltip {i} mounted on load"
    for i, how in ((count - 1, "focus"), (count // 2, "hover")):
        ref = refs.nth(i)
        ref.scroll_into_view_if_needed()
        note = page.locator(f"[id='{ref.get_attribute('href').split('#')[1]}']").text_content()
        words = " ".join(note.split()[:6])
        assert len(words) > 20, note
        ref.focus() if how == "focus" else ref.hover()
        assert words in " ".join(_tooltip_text(page).split()), f"no tooltip on the first {how}"
        assert "mouseenter" in listeners(page, selector, i)
        page.evaluate("document.activeElement.blur()")
        page.mouse.move(0, 0)
        page.wait_for_timeout(400)
        assert words not in " ".join(_tooltip_text(page).split()), f"the tooltip stays after the {how} left"
