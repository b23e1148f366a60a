"""The one builder of every URL and link between pages of the edition (use_directory_urls).

Which function for which text:
- `url_of(path)` / `url(path, anchor)`: a page's published URL, relative to the site root (`kapitel/5/#s-26`).
- `href(from_path, to_path, anchor)`: an href in raw HTML from one built page to another (escaped).
- `md_link(from_path, to_path, anchor)`: a Markdown link target between two sources (`../kapitel/6.md#s-30`),
  which MkDocs rewrites and checks. Only for Markdown text, never inside raw HTML.
- `site_href(from_url, to_url)`: a relative href between two published URLs (`/s/26/` -> `../../kapitel/5/`).
- `resolve(from_path, target)`: a source link target as (page, anchor).
- `download_stem(path)`: the file name of a page's citation downloads.
- `safe_url(url)` / `safe_links(html)`: the scheme allowlist of every link built from data (http, https,
  mailto, relative); `safe_links` unwraps any other link in HTML from an outside formatter (pandoc).
"""

from __future__ import annotations

import functools
import html
import posixpath
import re

from .ids import REPORT_KEY


SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# What a browser drops from a URL before it reads the scheme (WHATWG URL: C0 controls, space, tab, newline).
_IGNORED = re.compile(r"[\x00-\x20\x7f]")
_A = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S | re.I)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def safe_url(target: str) -> bool:
    """Whether a link target may stand in the site: http, https, mailto or a relative URL (no scheme) —
    never javascript:, data:, vbscript: or any other scheme. Entities and what a browser ignores in a URL
    (controls, blanks) are taken into account: `java&#x09;script:` is javascript:."""
    text = _IGNORED.sub("", html.unescape(target))
    m = _SCHEME.match(text)
    return m is None or m.group(1).lower() in SAFE_SCHEMES


def safe_links(html_text: str) -> str:
    """HTML from an outside formatter (pandoc's references): every <a> whose href fails `safe_url` is
    replaced by its text."""
    def keep(m: re.Match) -> str:
        h = _HREF.search(m.group(1))
        target = next((g for g in h.groups() if g is not None), "") if h else ""
        return m.group(0) if safe_url(target) else m.group(2)
    return _A.sub(keep, html_text)


def url_of(path: str) -> str:
    """The published URL of a page (use_directory_urls): `kapitel/5.md` -> `kapitel/5/`, `index.md` -> ``."""
    stem = path[:-3]
    if stem == "index":
        return ""
    return (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/"


def url(path: str, anchor: str = "") -> str:
    """A page's URL with an anchor: `kapitel/5.md`, `s-26` -> `kapitel/5/#s-26`."""
    return url_of(path) + (f"#{anchor}" if anchor else "")


@functools.lru_cache(maxsize=4096)  # pure; posixpath.relpath asks the OS for the working directory
def href(from_path: str, to_path: str, anchor: str = "") -> str:
    """An href in raw HTML from the built page of one source to another (directory URLs), escaped."""
    here, there = url_of(from_path), url_of(to_path)
    rel = posixpath.relpath(there or ".", here or ".")
    rel = "" if rel == "." and to_path == from_path else (rel + "/" if rel != "." else "./")
    if not safe_url(rel):  # a page named like a scheme (`javascript:x.md`) stays a relative path
        rel = "./" + rel
    return html.escape(rel + (f"#{anchor}" if anchor else ""))


@functools.lru_cache(maxsize=4096)  # pure; posixpath.relpath asks the OS for the working directory
def md_link(from_path: str, to_path: str, anchor: str = "") -> str:
    """A Markdown link target from one source page to another (`../kapitel/6.md#s-30`). Markdown only: raw
    HTML needs `href` (MkDocs does not rewrite links inside raw HTML)."""
    rel = posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")
    return rel + (f"#{anchor}" if anchor else "")


@functools.lru_cache(maxsize=4096)  # pure; posixpath.relpath asks the OS for the working directory
def site_href(from_url: str, to_url: str) -> str:
    """A relative href between two published URLs, both relative to the site root (`s/26/`, `kapitel/5/#s-26`):
    a directory URL keeps its trailing slash."""
    path, _, fragment = to_url.partition("#")
    rel = posixpath.relpath(path.strip("/") or ".", from_url.strip("/") or ".")
    rel = rel + "/" if path.endswith("/") and not rel.endswith("/") else rel
    return rel + (f"#{fragment}" if fragment else "")


def resolve(from_path: str, target: str) -> tuple[str, str]:
    """A link target of the sources (`p-3`, `#p-3`, `7.md#p-3`, `kapitel/7.md#p-3` from docs/) as (page, anchor)."""
    path, _, anchor = target.partition("#")
    if not anchor and not path.endswith(".md"):
        return from_path, path
    if not path:
        return from_path, anchor
    here = posixpath.dirname(from_path)
    candidate = posixpath.normpath(posixpath.join(here, path))
    return candidate, anchor


def download_stem(path: str) -> str:
    """The file name of a page's downloads: `kapitel/7.md` -> `schenk2015-kapitel-7`, `index.md` -> the
    report key."""
    stem = re.sub(r"\.md$", "", path)
    return REPORT_KEY if stem == "index" else f"{REPORT_KEY}-{stem.replace('/', '-')}"
