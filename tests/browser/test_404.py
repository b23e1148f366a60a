"""The 404 page as a reader gets it at an address the site does not have, at any depth: GitHub Pages serves
404.html there, so the test server does the same, with the site below the path of its `site_url`."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from schenk_edition.model import edition as edition_model
from schenk_edition.site import sitecheck

from .conftest import ROOT, axe_violations, origin

CONFIG = ROOT / "mkdocs.yml"


class _Pages(http.server.SimpleHTTPRequestHandler):
    """Files of the site below `prefix`; anything else gets 404.html with status 404, as on GitHub Pages."""

    prefix = "/"

    def log_message(self, format, *args):  # noqa: A002 (the stdlib's signature)
        pass

    def translate_path(self, path):
        path = urlsplit(path).path
        inside = path[len(self.prefix) - 1:] if path.startswith(self.prefix) else "/__utanfor__"
        return super().translate_path(inside)

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_url(site: Path):
    prefix = urlsplit(sitecheck.site_url_of(CONFIG)).path or "/"
    handler = functools.partial(type("H", (_Pages,), {"prefix": prefix}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def new_tab(new_page, tabs, pages_url):
    """Opens a new page of the worker's context (tests/browser/conftest.py) that may load from this server too; a
    request that leaves it is aborted, as the context aborts any request that leaves the site's server."""
    tabs.origins.add(origin(pages_url))  # its storage is cleared before the next page, too

    def open_tab():
        pg = new_page()
        pg.route(re.compile("^" + re.escape(pages_url)), lambda r: r.continue_())
        return pg

    return open_tab


@pytest.fixture()
def tab(new_tab):
    return new_tab()


@pytest.mark.parametrize("missing", ["finns-inte", "kapitel/9/", "a/b/c/d/sida.html"])
def test_404_at_any_depth_is_styled_swedish_and_leads_on(tab, new_tab, pages_url, missing, axe_source):
    for scheme in ("light", "dark"):
        # the scheme set before the page loads, on a page with nothing stored: Material reads it then, and does
        # not follow a change of the media afterwards
        if scheme == "dark":
            tab = new_tab()
        tab.emulate_media(color_scheme=scheme)
        response = tab.goto(pages_url + missing)
        assert response.status == 404
        assert tab.locator("h1").inner_text() == "Sidan finns inte"
        assert tab.evaluate("() => document.documentElement.lang") == "sv"
        # Material's stylesheet loaded: its header is fixed at the top
        assert tab.locator("header.md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
        assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == \
            ("slate" if scheme == "dark" else "default")
        violations = axe_violations(tab, axe_source)
        assert violations == [], (scheme, violations)
    # a printed page's address leads to its marker
    n = edition_model.load(ROOT / "docs", CONFIG).markers_in_order()[-1][1].page
    tab.get_by_role("link", name=f"Sidan {n}", exact=True).click()
    tab.wait_for_url(f"**#s-{n}")
    assert tab.locator(f"[id='s-{n}']").count() == 1


def test_search_works_on_the_404_page(tab, pages_url):
    tab.goto(pages_url + "a/b/finns-inte/")
    tab.keyboard.press("s")
    field = tab.locator("input.md-search__input")
    field.wait_for(state="visible")
    field.press_sequentially("handlingsutrymme", delay=15)
    first = tab.locator(".md-search-result__item > a").first
    first.wait_for()
    first.click()
    tab.wait_for_load_state()
    assert tab.title() != "" and tab.locator("h1").inner_text() != "Sidan finns inte"
    assert tab.url.startswith(pages_url)
