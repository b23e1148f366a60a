"""The search costs nothing before the reader opens it: no page fetches Material's search worker, the search
index or the stemmer on load (scripts/hooks/lazy_search.py); opening the search fetches them and it works."""

from __future__ import annotations

import pytest

from schenk_edition.model import edition as edition_model
from schenk_edition.tools.budget import SEARCH_FILES, site_pages

from .test_404 import pages_url, tab  # noqa: F401 (fixtures: the 404 page served as GitHub Pages serves it)
from .test_browser import open_search

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
