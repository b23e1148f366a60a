"""Budgets of the built site, measured in Debian's Chromium (never a downloaded browser):

- the gzip transfer of each chapter page with everything it loads (budget: 100 KB), from a local server that
  compresses like a static host (gzip level 6, text types); what opening the search adds is shown apart;
- Lighthouse (npm `lighthouse`, CHROME_PATH=/usr/bin/chromium), mobile, on the start page, a chapter and the
  quote register: performance, accessibility, best practices, SEO (budget: 100 each);
- what the published site holds that no page loads (source maps, unused search languages): none.

`python -m schenk_edition budget` builds the site (SITE_URL = the local server, so canonical links are the
served ones) unless `--site DIR` names a built one; `--no-lighthouse` skips the slow part. Exit 1 when a budget
is not met.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from ..core.paths import ROOT
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))  # Debian's; CI may name another
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGE_BUDGET = 100 * 1024
LIGHTHOUSE_PAGES = ("", "kapitel/6/", "citat/")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".bib", ".ris")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host would: text gzip-compressed (level 6) when the client accepts it.
    Records the bytes of every response body it sends, by path."""

    sent: dict[str, int]

    def log_message(self, format, *args):  # noqa: A002 (the stdlib's signature)
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file()
                or path.suffix not in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def copyfile(self, source, outputfile):
        data = source.read()
        self.sent[self.path.split("?")[0]] = self.sent.get(self.path.split("?")[0], 0) + len(data)
        outputfile.write(data)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(site: Path, port: int):
    sent: dict[str, int] = {}
    handler = type("Handler", (GzipHandler,), {"sent": sent})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, sent


def build(site: Path, site_url: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stdout + result.stderr)


def page_weight(base: str, sent: dict[str, int], urls: list[str]) -> dict[str, tuple[int, dict[str, int], int]]:
    """For each URL: (bytes transferred for the page and all it loads, per file, bytes the search adds)."""
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS[1:])
        for url in urls:
            context = browser.new_context()  # an empty cache for every page
            page = context.new_page()
            sent.clear()
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            files = dict(sent)
            sent.clear()
            page.keyboard.press("s")
            page.locator("input.md-search__input").press_sequentially("handläggare")
            page.locator(".md-search-result__item").first.wait_for()
            page.wait_for_load_state("networkidle")
            out[url] = (sum(files.values()), files, sum(sent.values()))
            context.close()
        browser.close()
    return out


def lighthouse(base: str, url: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as profile:
        flags = " ".join(CHROMIUM_ARGS + [f"--user-data-dir={profile}"])
        result = subprocess.run(
            [str(LIGHTHOUSE), base + url, "--output=json", "--quiet", f"--chrome-flags={flags}",
             "--only-categories=" + ",".join(CATEGORIES)],
            cwd=ROOT, env=dict(os.environ, CHROME_PATH=str(CHROMIUM)), capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on /{url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    failing = [f"{a['id']} ({a['score']})" for a in report["audits"].values()
               if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"]
    scores["_failing"] = failing  # type: ignore[assignment]
    return scores


def unused_files(site: Path) -> list[str]:
    unused = [p for p in site.rglob("*.map")]
    lunr = site / "assets" / "javascripts" / "lunr"
    unused += [p for p in lunr.rglob("*.js")
               if p.name not in ("lunr.stemmer.support.min.js", "lunr.sv.min.js")] if lunr.exists() else []
    return [p.relative_to(site).as_posix() for p in unused]


def run(site: Path | None, with_lighthouse: bool = True) -> int:
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: run `make browser-deps`", file=sys.stderr)
        return 1
    ok = True
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as tmp:
        if site is None:
            site = Path(tmp) / "site"
            build(site, base)
        server, sent = serve(site, port)
        try:
            chapters = sorted(p.parent.relative_to(site).as_posix() + "/"
                              for p in (site / "kapitel").glob("*/index.html"))
            weights = page_weight(base, sent, chapters)
            print("Page weight, gzip, everything a chapter page loads (budget 100 KB):")
            for url, (total, files, search) in weights.items():
                mark = "ok" if total <= PAGE_BUDGET else "OVER"
                ok &= total <= PAGE_BUDGET
                print(f"  /{url:<12} {total / 1024:6.1f} KB  {mark}   (opening the search adds "
                      f"{search / 1024:.1f} KB)")
            heaviest = max(weights, key=lambda u: weights[u][0])
            print(f"  files of /{heaviest}:")
            for path, size in sorted(weights[heaviest][1].items(), key=lambda x: -x[1]):
                print(f"    {size / 1024:6.1f} KB  {path}")
            if with_lighthouse:
                if not LIGHTHOUSE.exists():
                    print("node_modules/.bin/lighthouse is missing: run `make browser-deps`", file=sys.stderr)
                    return 1
                print("Lighthouse, mobile (budget 100 / 100 / 100 / 100):")
                print(f"  {'page':<14}" + "".join(f"{c:>16}" for c in CATEGORIES))
                for url in LIGHTHOUSE_PAGES:
                    scores = lighthouse(base, url)
                    ok &= all(scores[c] == 100 for c in CATEGORIES)
                    print(f"  /{url:<13}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
                    if scores["_failing"]:
                        print("    failing audits: " + ", ".join(scores["_failing"]))
        finally:
            server.shutdown()
            server.server_close()
        unused = unused_files(site)
        print(f"Files no page loads (source maps, unused search languages): {len(unused)}")
        for path in unused[:20]:
            print(f"  {path}")
        ok &= not unused
    print("budgets met" if ok else "BUDGET NOT MET")
    return 0 if ok else 1


