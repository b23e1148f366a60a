"""Browser tests: Debian's headless Chromium (`schenk_edition.tools.browser.HEADLESS`, or $CHROMIUM), driven by
Playwright's Python package, against the strict build of the real tree (the session fixture `site`) served on
127.0.0.1.

No browser is ever downloaded: `make browser-deps` (a prerequisite of `make test`) installs Debian's
chromium-headless-shell and the npm packages of package-lock.json (axe-core). Every request that does not go to
the local server is aborted and recorded, so a test can assert that nothing leaves 127.0.0.1.

One context per test worker, a new page per test (the session fixture `tabs`; `page` and `new_page`). A new
browser context for every test cost about a third of the browser tests' CPU. The worker's context (`Tabs`)
holds what the tests share, set once: the base URL, the locale sv-SE, the clipboard permissions, the
Content-Security-Policy listener (an init script) and the route that aborts every request leaving the base
URL. It also holds one blank page that no test uses: a context whose last page closes pays again, for its
next page, most of what a new context costs. What a page of a test must not inherit is reset before each new page:

- the context's cookies, and every origin's storage (localStorage, where Material keeps the colour scheme
  and the search's state; IndexedDB, caches, service workers) through the DevTools protocol; sessionStorage,
  the viewport and the emulated media are the page's own, so a new page starts with none of them;
- the list the route records outside requests in: the current test's `outside`.

A test sets what a context option set before, on its page and before `goto`: `page.set_viewport_size(...)`,
`page.emulate_media(color_scheme=...)` (Material reads the scheme when the page loads), `emulate_media(media=
"print")` or `reduced_motion`. `new_page()` opens another page with the same reset (a second colour scheme,
say: Material keeps the scheme of the first page it showed); the pages a test opens are closed after it, and a
Content-Security-Policy violation on any of them fails it. A separate context is left only where a context
option is the subject (JavaScript off); a page that loads from another local server (test_404.py's `tab`) adds
that server's origin to those cleared. tests/browser/test_isolation.py shows that nothing leaks from one test's
page to the next.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from schenk_edition.tools import browser as chromium_browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


CSP_PREFIX = "CSP violation:"
CSP_LISTENER = ("document.addEventListener('securitypolicyviolation', e => console.error("
                f"'{CSP_PREFIX} ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the stdlib's signature)
        pass


@pytest.fixture(scope="session")
def base_url(site: Path):
    """The built site served by Python's http.server on a free port of 127.0.0.1, in a thread."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if problem := chromium_browser.missing():
        pytest.fail(problem, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(chromium_browser.executable()), headless=True,
                              args=list(chromium_browser.ARGS))
        yield b
        b.close()


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class Tabs:
    """The worker's one browser context and the pages it opens for tests (the module's docstring)."""

    def __init__(self, browser, base_url: str):
        self.base_url = base_url
        self.origins = {origin(base_url)}  # every origin whose storage is cleared before a new page
        self.outside: list[str] = []  # the current test's list of aborted requests
        self.context = browser.new_context(base_url=base_url, locale="sv-SE")
        self.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin(base_url))
        # Only requests that leave the base URL reach this handler (the pattern is matched in the driver, so a
        # local request costs no round trip to Python).
        self.context.route(re.compile("^(?!" + re.escape(base_url) + ")"), self._abort_outside)
        # Every page runs under its Content-Security-Policy: any violation (an inline script without its hash,
        # a blocked resource) fails the test that caused it.
        self.context.add_init_script(CSP_LISTENER)
        self._blank = self.context.new_page()  # never a test's: keeps the context from closing its last page
        self._cdp = self.context.new_cdp_session(self._blank)

    def _abort_outside(self, route) -> None:
        self.outside.append(route.request.url)
        route.abort()

    def reset(self) -> None:
        """Clear what the context keeps between pages: cookies and every known origin's storage."""
        self.context.clear_cookies()
        for known in sorted(self.origins):
            self._cdp.send("Storage.clearDataForOrigin", {"origin": known, "storageTypes": "all"})

    def open(self, outside: list[str]):
        """A new page with nothing of the pages before it; outside requests are recorded in `outside`."""
        self.reset()
        self.outside = outside
        pg = self.context.new_page()
        pg.set_default_timeout(10_000)
        return pg

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="session")
def tabs(browser, base_url) -> Tabs:
    t = Tabs(browser, base_url)
    yield t
    t.close()


@pytest.fixture()
def outside():
    """The requests that tried to leave 127.0.0.1 during a test (they are aborted)."""
    return []


@pytest.fixture()
def new_page(tabs, outside):
    """Opens a new page of the worker's context for this test (reset first); all are closed after the test,
    and a Content-Security-Policy violation on any of them fails it."""
    opened, violations = [], []

    def open_page():
        pg = tabs.open(outside)
        pg.on("console", lambda msg: violations.append(f"{pg.url}: {msg.text}")
              if msg.type == "error" and ("Content Security Policy" in msg.text or msg.text.startswith(CSP_PREFIX))
              else None)
        opened.append(pg)
        return pg

    yield open_page
    for pg in opened:
        if not pg.is_closed():
            pg.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


@pytest.fixture()
def page(new_page):
    """A new page of the worker's context (`new_page`), the test's only one unless it opens more."""
    return new_page()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `make browser-deps` (npm ci)", pytrace=False)
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, axe_source: str, include: str = "document") -> list[str]:
    """axe-core's violations on the page as it stands (`include`: axe's context, e.g. `{include: ['.matris']}`),
    one line each. axe is evaluated, not added as an inline <script>: the page's CSP would block that."""
    # axe measures a still page: a running transition (Material's header title fades between the site's name and
    # the page's as the page scrolls) has passing colours that no reader settles on
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')", timeout=5000)
    page.evaluate(axe_source)
    return page.evaluate(f"async () => (await axe.run({include}, {{resultTypes: ['violations']}}))"
                         ".violations.map(v => `${v.id}: ${v.help} — ${v.nodes.length} node(s), "
                         "e.g. ${v.nodes[0].target.join(' ')}`)")
