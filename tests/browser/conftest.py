"""Browser tests: headless Chromium from Debian (/usr/bin/chromium), driven by Playwright's Python package,
against the strict build of the real tree (the session fixture `site`) served on 127.0.0.1.

No browser is ever downloaded: `make browser-deps` (a prerequisite of `make test`) installs Debian's
chromium and the npm packages of package-lock.json (axe-core). Every request that does not go to the local
server is aborted and recorded, so a test can assert that nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import os

import functools
import http.server
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))  # Debian's; CI may name another
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Flags that keep Chromium off the network and quiet on this machine.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (installs Debian's chromium; the browser "
                    "tests never download one)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def outside():
    """The requests that tried to leave 127.0.0.1 during a test (they are aborted)."""
    return []


@pytest.fixture()
def page(browser, base_url, outside):
    context = browser.new_context(base_url=base_url, locale="sv-SE")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))

    def route(r):
        if r.request.url.startswith(base_url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    # Every page runs under its Content-Security-Policy: any violation (an inline script without its hash, a
    # blocked resource) fails the test that caused it.
    context.add_init_script(CSP_LISTENER)
    pg = context.new_page()
    violations: list[str] = []
    pg.on("console", lambda msg: violations.append(f"{pg.url}: {msg.text}")
          if msg.type == "error" and ("Content Security Policy" in msg.text or msg.text.startswith(CSP_PREFIX))
          else None)
    pg.set_default_timeout(10_000)
    yield pg
    context.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


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
