"""The link check of the BUILT site: every link a reader or a program can follow resolves inside site/.

Checked, offline, in every file of a built site:

- HTML: `href` / `xlink:href`, `src`, `srcset`, `poster`, `action` and `<meta http-equiv="refresh">` targets.
  A link must name a file in the site (a directory URL names its index.html) and, with a fragment, an element
  with that `id` (or `<a name>`) in the target page. 404.html is served at any path, so every internal link in
  it must be absolute (from the site's root), never relative.
- Downloads that hold links: in JSON and CSV files the fields named in DATA_FIELDS (relative to the site's
  root, as citat.json's `url`, the search index's `location`); in every text download (JSON, CSV, BibTeX, RIS,
  XML) any `http(s)://` URL under the site's own `site_url`.

Links to other hosts (http, https, mailto, …) are listed, never fetched.

Why our own: LinkChecker 10.6 (PyPI), run on a folder, does not check fragments on directory URLs (the
edition's URL scheme: it only warns "file-anchorcheck-directory") and did not report the
`../om-utgavan.md#…` links of the built chapters; it reads no JSON or CSV downloads.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# link-valued fields of the JSON and CSV downloads; their values are URLs relative to the site's root
DATA_FIELDS = {"url", "tolkning", "location", "$schema"}
TEXT_SUFFIXES = {".json", ".csv", ".bib", ".ris", ".xml", ".txt"}
URL_IN_TEXT = re.compile(r"https?://[^\s\"'<>{}|\\^`,;)]+")
LINK_ATTRS = {"href", "xlink:href", "src", "poster", "action"}
# fragments that a browser resolves without an element (HTML: the empty fragment and `top`)
BUILTIN_FRAGMENTS = {"", "top"}


@dataclass(frozen=True)
class Problem:
    file: str  # the file that holds the link, relative to the site
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.link} — {self.reason}"


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=dict)  # URL -> files that link to it
    checked: int = 0  # internal links checked
    files: set[str] = field(default_factory=set)  # the files whose links were read


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v for k, v in attrs if v is not None}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for name in LINK_ATTRS & a.keys():
            self.links.append(a[name].strip())
        if "srcset" in a:
            self.links.extend(c.strip().split()[0] for c in a["srcset"].split(",") if c.strip())
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            m = re.search(r"url\s*=\s*['\"]?([^'\"]+)", a.get("content", ""), re.I)
            if m:
                self.links.append(m.group(1).strip())

    handle_startendtag = handle_starttag


class SiteCheck:
    def __init__(self, site: Path, site_url: str):
        self.site = Path(site)
        parts = urlsplit(site_url or "/")
        self.origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
        self.base = parts.path if parts.path.endswith("/") else parts.path + "/"  # e.g. /schenk-edition/
        self._pages: dict[str, _Page | None] = {}
        self.result = Result()

    # -- reading
    def page(self, rel: str) -> _Page | None:
        if rel not in self._pages:
            path = self.site / rel
            parser = None
            if path.suffix == ".html" and path.is_file():
                parser = _Page()
                parser.feed(path.read_text(encoding="utf-8", errors="replace"))
                parser.close()
            self._pages[rel] = parser
        return self._pages[rel]

    # -- resolving
    def target_file(self, path: str) -> str | None:
        """The file of the site a URL path (relative to the site's root, no leading slash) names."""
        if path.startswith("..") or path.startswith("/"):
            return None
        candidates = [posixpath.join(path, "index.html")] if path in ("", ".") or path.endswith("/") else \
            [path, posixpath.join(path, "index.html")]
        for c in candidates:
            c = posixpath.normpath(c)
            if (self.site / c).is_file():
                return c
        return None

    def check(self, holder: str, link: str, base_dir: str, own: _Page | None, absolute_only: bool = False):
        """Check one link found in `holder`; relative links resolve against `base_dir` (a site-relative dir)."""
        if not link or link.startswith(("data:", "javascript:")):
            return
        parts = urlsplit(link)
        internal_abs = False
        if parts.scheme or parts.netloc:
            if self.origin and f"{parts.scheme}://{parts.netloc}" == self.origin and \
                    (parts.path + "/").startswith(self.base):
                internal_abs = True
            else:
                self.result.external.setdefault(link, set()).add(holder)
                return
        fragment = unquote(parts.fragment)
        self.result.checked += 1
        if not parts.path and not internal_abs:  # `#id`, `?q`: this very file
            if own is not None and fragment not in BUILTIN_FRAGMENTS and fragment not in own.ids:
                self.result.problems.append(Problem(holder, link, f"no element with id '{fragment}' in this page"))
            return
        path = unquote(parts.path)
        if path.startswith("/"):
            if not (path + "/").startswith(self.base) and path != self.base.rstrip("/"):
                self.result.problems.append(Problem(holder, link, f"outside the site's path {self.base}"))
                return
            site_path = path[len(self.base):] if len(path) >= len(self.base) else ""
        else:
            if absolute_only:
                self.result.problems.append(Problem(holder, link, "relative link in a page served at any path "
                                                                  "(use an absolute URL)"))
                return
            site_path = posixpath.normpath(posixpath.join(base_dir, path)) + ("/" if path.endswith("/") else "")
            if site_path.startswith("./"):
                site_path = site_path[2:]
        target = self.target_file(site_path)
        if target is None:
            self.result.problems.append(Problem(holder, link, f"no file '{site_path or '/'}' in the site"))
            return
        if fragment not in BUILTIN_FRAGMENTS:
            page = self.page(target)
            if page is None:
                self.result.problems.append(Problem(holder, link, f"fragment on '{target}', which is not a page"))
            elif fragment not in page.ids:
                self.result.problems.append(Problem(holder, link, f"no element with id '{fragment}' in '{target}'"))

    # -- files
    def check_html(self, rel: str) -> None:
        page = self.page(rel)
        base_dir = posixpath.dirname(rel)
        for link in page.links:
            self.check(rel, link, base_dir, page, absolute_only=(rel == "404.html"))

    def check_data(self, rel: str) -> None:
        text = (self.site / rel).read_text(encoding="utf-8", errors="replace")
        values: list[str] = []
        if rel.endswith(".json"):
            def walk(node):
                if isinstance(node, dict):
                    for k, v in node.items():
                        if k in DATA_FIELDS and isinstance(v, str):
                            values.append(v)
                        else:
                            walk(v)
                elif isinstance(node, list):
                    for v in node:
                        walk(v)
            try:
                data = json.loads(text)
            except ValueError as err:
                self.result.problems.append(Problem(rel, "", f"not valid JSON: {err}"))
            else:
                walk(data)
                text = json.dumps(data, ensure_ascii=False)  # URLs in strings, without JSON's escapes
        elif rel.endswith(".csv"):
            for row in csv.DictReader(io.StringIO(text)):
                values.extend(v for k, v in row.items() if k in DATA_FIELDS and v)
        for v in values:
            if not urlsplit(v).scheme:
                self.check(rel, v, "", None)
        for url in URL_IN_TEXT.findall(text):
            self.check(rel, url.rstrip("."), "", None)

    def run(self) -> Result:
        for path in sorted(p for p in self.site.rglob("*") if p.is_file()):
            rel = path.relative_to(self.site).as_posix()
            if path.suffix == ".html":
                self.check_html(rel)
            elif path.suffix in TEXT_SUFFIXES:
                self.check_data(rel)
            else:
                continue
            self.result.files.add(rel)
        return self.result


def check_site(site: Path, site_url: str) -> Result:
    """Check every link of a built site; `site_url` is the configured `site_url` (its path is the root)."""
    return SiteCheck(site, site_url).run()


def site_url_of(config: Path) -> str:
    from mkdocs.config import load_config

    return load_config(str(config)).site_url or "/"
