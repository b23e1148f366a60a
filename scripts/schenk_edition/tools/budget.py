"""Budgets of the built site, on every page, measured in Debian's Chromium (never a downloaded browser):

- the pages: every page built from docs/ (the units, registers, /referenser/, /citat/, /om-utgavan/, the print
  view /utskrift/), the 404 page and one `/s/N/` address (the first printed page's);
- Lighthouse (npm `lighthouse`, run by tools/lighthouse.mjs in one Chromium), mobile and desktop, on every
  page: performance, accessibility, best practices, SEO (budget: 100 each). A run with a score under 100 is made
  again, up to RUNS runs in all, in later rounds (the machine may be shared; a console error of a page left while
  it loaded is noise too); the table shows the best and the median, so a real regression is told from noise;
- the gzip transfer of every page with everything it loads before the reader does anything, from a local
  server that compresses like a static host (gzip level 6, text types). Budget: a chapter ≤ 80 KB; no page
  loads the search worker or index before the search opens (what opening it adds is shown for the chapters);
- the Nu Html Checker (tools/html_check.py, the runner of tests/test_html_valid.py) over every HTML file of the
  site: 0 errors;
- what the published site holds that no page loads (source maps, unused search languages): none.

`python -m schenk_edition budget` builds the site (SITE_URL = the local server, so canonical links and the 404
page's absolute links are the served ones) unless `--site DIR` names a built one; `--pages` measures only the
named pages, `--no-lighthouse` and `--no-html` leave out those parts. It prints the table of the README's
"Budgets" section and exits 1 when a budget is not met.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..core.paths import ROOT
from ..core.urls import url_of
from ..model import edition as edition_model
from ..site.page_links import printed_pages
from . import browser as browser_model
from . import html_check

NODE = "node"
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse"
LIGHTHOUSE_RUNNER = Path(__file__).with_name("lighthouse.mjs")
# The reader's browser (tools.browser.READER), started by hand for Lighthouse: headless
CHROMIUM_ARGS = ["--headless=new", *browser_model.ARGS]
CHAPTER_BUDGET = 80 * 1024
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
FORMS = ("mobile", "desktop")
RUNS = 3  # a page with a score under 100: runs in all, best and median reported
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".bib", ".ris")
SEARCH_FILES = ("search/search_index.json", "assets/javascripts/workers/", "assets/javascripts/lunr/")


class GzipHandler:
    """Serves the site as a static host would: text gzip-compressed (level 6) when the client accepts it.
    Records the bytes of every response body it sends, by path. Mixed into http.server's handler by `serve`
    (http.server, like urllib.request and statistics below, is imported where it is used, not when the
    command line starts: `python -m schenk_edition validate` stays fast)."""

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


class QuietServer:
    """A browser that drops a connection (a tab closed between pages) is no error of the site (mixed into
    http.server's server by `serve`)."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(site: Path, port: int):
    import http.server

    sent: dict[str, int] = {}
    handler = type("Handler", (GzipHandler, http.server.SimpleHTTPRequestHandler), {"sent": sent})
    server_class = type("Server", (QuietServer, http.server.ThreadingHTTPServer), {})
    server = server_class(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, sent


def build(site: Path, site_url: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stdout + result.stderr)


def site_pages(ed: edition_model.Edition) -> list[str]:
    """Every page the budget measures, as URLs below the site's root: each page built from docs/, the 404
    page, and the `/s/N/` address of the first printed page (one stands for all: they are the same page)."""
    pages = [url_of(doc.path) for doc in ed.documents] + ["404.html"]
    first = printed_pages(ed)[:1]
    return pages + [f"s/{n}/" for n in first]


def foreign_404(site: Path) -> list[str]:
    """The absolute links of 404.html that the served site lacks. The 404 page links with absolute paths (it
    is served at any address), made from site_url's path: a site built for another site_url than the one it is
    served at gives an unstyled 404 page, whose scores say nothing about the page readers get."""
    page = site / "404.html"
    if not page.exists():
        return []
    links = re.findall(r'<(?:link|script)\b[^>]*\b(?:href|src)="(/[^"#?]*)"', page.read_text(encoding="utf-8"))
    return [link for link in links if not (site / link.lstrip("/")).is_file()]


def is_chapter(url: str) -> bool:
    return url.startswith("kapitel/")


@dataclass
class Weight:
    files: dict[str, int]  # path -> gzip bytes sent on load
    search: int | None = None  # bytes opening the search adds (chapters only)

    @property
    def total(self) -> int:
        return sum(self.files.values())

    def search_files(self) -> list[str]:
        return [f for f in self.files if any(s in f for s in SEARCH_FILES)]


def page_weight(base: str, sent: dict[str, int], urls: list[str]) -> dict[str, Weight]:
    """For each URL: what the page and all it loads transfer, gzip, before the reader does anything (an
    empty cache); for a chapter also what opening the search and typing a word adds."""
    from playwright.sync_api import sync_playwright  # not at import: `python -m schenk_edition` stays fast

    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(browser_model.executable(browser_model.READER)),
                                    args=list(browser_model.ARGS))
        for url in urls:
            context = browser.new_context()  # an empty cache for every page
            page = context.new_page()
            sent.clear()
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            out[url] = Weight(dict(sent))
            if is_chapter(url):
                sent.clear()
                page.keyboard.press("s")
                page.locator("input.md-search__input").press_sequentially("handläggare")
                page.locator(".md-search-result__item").first.wait_for()
                page.wait_for_load_state("networkidle")
                out[url].search = sum(sent.values())
            context.close()
        browser.close()
    return out


@contextlib.contextmanager
def devtools_chromium() -> Iterator[int]:
    """Debian's Chromium with a DevTools port (yielded) and an empty profile, for Lighthouse to drive."""
    import urllib.request

    port = free_port()
    chromium = browser_model.executable(browser_model.READER)
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.Popen([str(chromium), *CHROMIUM_ARGS, f"--remote-debugging-port={port}",
                                 f"--user-data-dir={profile}", "about:blank"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/json/version", timeout=2).close()
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit(f"{chromium} did not start with a DevTools port") from None
                    time.sleep(0.2)
            yield port
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def lighthouse_batch(port: int, jobs: list[tuple[str, str]], log=print) -> list[dict]:
    """Lighthouse on each (url, form factor), one after the other, in the Chromium at `port`; a line of
    progress a run."""
    with tempfile.TemporaryFile("w+") as stderr:
        proc = subprocess.Popen([NODE, str(LIGHTHOUSE_RUNNER), str(port)], cwd=ROOT, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=stderr, text=True)
        proc.stdin.write(json.dumps([{"url": u, "form": f} for u, f in jobs]))
        proc.stdin.close()
        runs, started = [], time.monotonic()
        for line in proc.stdout:
            if not line.startswith("{"):
                continue
            run = json.loads(line)
            runs.append(run)
            log(f"  {len(runs):>3}/{len(jobs)} /{run['url'].split('/', 3)[3]} {run['form']}: "
                + " ".join(str(run["scores"][c]) for c in CATEGORIES) + f" ({time.monotonic() - started:.0f} s)",
                flush=True)
            started = time.monotonic()
        if proc.wait() != 0 or len(runs) != len(jobs):
            stderr.seek(0)
            raise SystemExit(f"lighthouse failed:\n{stderr.read()[-3000:]}")
    return runs


@dataclass
class Scores:
    """The Lighthouse runs of one page in one form factor."""

    runs: list[dict] = field(default_factory=list)

    def best(self, category: str) -> int:
        return max(r["scores"][category] for r in self.runs)

    def median(self, category: str) -> float:
        import statistics

        return statistics.median(r["scores"][category] for r in self.runs)

    def met(self) -> bool:
        return all(self.best(c) == 100 for c in CATEGORIES)

    def failing(self) -> list[str]:
        """The audits that failed in the run with the best performance."""
        best = max(self.runs, key=lambda r: r["scores"]["performance"])
        return best["failing"]

    def cell(self, category: str) -> str:
        values = {r["scores"][category] for r in self.runs}
        if len(self.runs) == 1 or (category != "performance" and len(values) == 1):
            return str(self.best(category))
        return f"{self.best(category)} (median {self.median(category):g}, {len(self.runs)} runs)"


def lighthouse_scores(base: str, pages: list[str], log=print) -> dict[tuple[str, str], Scores]:
    """Every page in both form factors; the ones with a score under 100 again, round after round."""
    scores = {(page, form): Scores() for page in pages for form in FORMS}
    pending = list(scores)
    log(f"Lighthouse: {len(pending)} runs (every page, mobile and desktop) …", flush=True)
    with devtools_chromium() as port:
        for round_ in range(1, RUNS + 1):
            if not pending:
                break
            if round_ > 1:
                log(f"  run {round_} of the {len(pending)} page(s) with a score under 100:", flush=True)
            for (page, form), run in zip(pending, lighthouse_batch(port, [(base + p, f) for p, f in pending], log)):
                # a /s/N/ address redirects by design; any other warning (a page too slow to load) is shown
                errors = [e for e in run["errors"] if "was redirected to" not in e]
                if errors:
                    log(f"  /{page} {form}: " + "; ".join(errors))
                scores[page, form].runs.append(run)
            pending = [k for k in pending if min(scores[k].runs[-1]["scores"].values()) < 100]
    return scores


def unused_files(site: Path) -> list[str]:
    unused = [p for p in site.rglob("*.map")]
    lunr = site / "assets" / "javascripts" / "lunr"
    unused += [p for p in lunr.rglob("*.js")
               if p.name not in ("lunr.stemmer.support.min.js", "lunr.sv.min.js")] if lunr.exists() else []
    return [p.relative_to(site).as_posix() for p in unused]


def table(pages: list[str], weights: dict[str, Weight], scores: dict[tuple[str, str], Scores] | None) -> str:
    """The README's table: a row a page, Lighthouse mobile and desktop, the gzip transfer on load."""
    head = ["page"]
    if scores:
        head += [f"{form} {SHORT[c]}" for form in FORMS for c in CATEGORIES]
    head.append("gzip KB on load")
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for page in pages:
        cells = [f"/{page}"]
        if scores:
            cells += [scores[page, form].cell(c) for form in FORMS for c in CATEGORIES]
        cells.append(f"{weights[page].total / 1024:.1f}" if page in weights else "—")
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def run(site: Path | None, with_lighthouse: bool = True, with_html: bool = True,
        only: list[str] | None = None) -> int:
    started = time.monotonic()
    if problem := browser_model.missing(browser_model.READER):
        print(problem, file=sys.stderr)
        return 1
    if with_lighthouse and not LIGHTHOUSE.exists():
        print("node_modules/lighthouse is missing: run `make browser-deps`", file=sys.stderr)
        return 1
    pages = site_pages(edition_model.load())
    if only:
        unknown = [p for p in only if p not in pages]
        if unknown:
            print(f"not pages of the site: {', '.join(unknown)} (pages: {', '.join(pages)})", file=sys.stderr)
            return 1
        pages = [p for p in pages if p in only]
    ok = True
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as tmp:
        if site is None:
            site = Path(tmp) / "site"
            build(site, base)
        broken = foreign_404(site)
        if broken:
            print(f"{site}/404.html was built for another site_url: {', '.join(broken[:3])} not found; build the "
                  f"site with SITE_URL={base} (or leave out --site)", file=sys.stderr)
            return 1
        server, sent = serve(site, port)
        try:
            print(f"Measuring {len(pages)} pages on {base} …", flush=True)
            weights = page_weight(base, sent, pages)
            scores = lighthouse_scores(base, pages) if with_lighthouse else None
        finally:
            server.shutdown()
            server.server_close()

        print()
        print(table(pages, weights, scores))
        print()
        if scores:
            for (page, form), s in scores.items():
                if not s.met():
                    ok = False
                    print(f"UNDER 100: /{page} {form}: failing audits: {', '.join(s.failing()) or '—'}")
            print("Lighthouse 100 / 100 / 100 / 100 (best of up to {} runs): {} of {} page × form factor"
                  .format(RUNS, sum(s.met() for s in scores.values()), len(scores)))

        chapters = [p for p in pages if is_chapter(p)]
        over = [p for p in chapters if weights[p].total > CHAPTER_BUDGET]
        ok &= not over
        if chapters:
            heaviest = max(chapters, key=lambda p: weights[p].total)
            print(f"Chapters, gzip on load (budget {CHAPTER_BUDGET // 1024} KB): "
                  f"{min(weights[p].total for p in chapters) / 1024:.1f}–{weights[heaviest].total / 1024:.1f} KB"
                  + (f"; OVER: {', '.join('/' + p for p in over)}" if over else "; all within"))
            print(f"  opening the search adds {min(weights[p].search or 0 for p in chapters) / 1024:.1f}–"
                  f"{max(weights[p].search or 0 for p in chapters) / 1024:.1f} KB (worker, index, stemmer)")
            print(f"  files of /{heaviest}:")
            for path, size in sorted(weights[heaviest].files.items(), key=lambda x: -x[1]):
                print(f"    {size / 1024:6.1f} KB  {path}")
        eager = {p: w.search_files() for p, w in weights.items() if w.search_files()}
        ok &= not eager
        print(f"Pages that load the search before it opens: {len(eager)}")
        for page, files in eager.items():
            print(f"  /{page}: {', '.join(files)}")

        if with_html:
            files = sorted(site.rglob("*.html"))
            try:
                errors = html_check.nu_errors(files)
            except html_check.MissingChecker as missing:
                print(missing, file=sys.stderr)
                return 1
            ok &= not errors
            print(f"Nu Html Checker: {len(errors)} errors in {len(files)} HTML files of the site")
            report = html_check.report(errors, site).splitlines()
            for line in report[:20]:
                print(f"  {line}")
            if len(report) > 20:
                print(f"  … and {len(report) - 20} more")

        unused = unused_files(site)
        print(f"Files no page loads (source maps, unused search languages): {len(unused)}")
        for path in unused[:20]:
            print(f"  {path}")
        ok &= not unused
    minutes, seconds = divmod(round(time.monotonic() - started), 60)
    print(f"{time.strftime('%Y-%m-%d')}: {'budgets met' if ok else 'BUDGET NOT MET'} ({minutes} min {seconds} s)")
    return 0 if ok else 1
