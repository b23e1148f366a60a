"""The browser tests share one context per worker (tests/browser/conftest.py, `Tabs`): nothing a test's page
leaves in it — localStorage (Material's colour scheme), sessionStorage, cookies, the requests it tried to send
elsewhere — reaches the page of the next test. Each check is shown to matter: a page opened in the same context
without the reset does see what was left."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error

LEFT = """() => { localStorage.setItem('kvar', '1'); sessionStorage.setItem('kvar', '1');
  document.cookie = 'kvar=1; path=/'; }"""
FOUND = """() => [localStorage.getItem('kvar'), sessionStorage.getItem('kvar'), document.cookie.includes('kvar=1'),
  document.body.getAttribute('data-md-color-scheme')]"""


def test_the_next_tests_page_inherits_no_storage_cookie_or_colour_scheme(page, new_page, tabs):
    page.emulate_media(color_scheme="dark")
    page.goto("")
    page.evaluate(LEFT)
    assert page.evaluate(FOUND) == ["1", "1", True, "slate"]
    # A page of the same context without the reset: localStorage, the cookie and Material's stored scheme
    # (it shows dark though the page asks for light) are still there; sessionStorage is a page's own.
    unreset = tabs.context.new_page()
    try:
        unreset.emulate_media(color_scheme="light")
        unreset.goto("")
        assert unreset.evaluate(FOUND) == ["1", None, True, "slate"]
    finally:
        unreset.close()
    # What the `page` fixture of the next test gets: nothing of the above.
    fresh = new_page()
    fresh.emulate_media(color_scheme="light")
    fresh.goto("")
    assert fresh.evaluate(FOUND) == [None, None, False, "default"]


def test_an_outside_request_is_recorded_in_the_current_tests_list(page, outside, tabs):
    elsewhere = "http://192.0.2.1/"  # TEST-NET-1: never routed
    with pytest.raises(Error):
        page.goto(elsewhere)
    assert outside == [elsewhere]
    later: list[str] = []  # the list of the next test
    second = tabs.open(later)
    try:
        with pytest.raises(Error):
            second.goto(elsewhere + "igen")
    finally:
        second.close()
    assert later == [elsewhere + "igen"] and outside == [elsewhere]
    page.goto("")  # a local request is not recorded
    assert outside == [elsewhere] and later == [elsewhere + "igen"]
