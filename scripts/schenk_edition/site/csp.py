"""The Content-Security-Policy of every published page, as a `<meta http-equiv>` in its <head>: scripts only
from the site itself and the inline scripts the page holds, each allowed by its SHA-256 hash (computed from
the built file, so a script changed by a hook or by Material is hashed as it is published) — never
'unsafe-inline' for scripts. A script injected into a page by data would not match any hash and not run."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# Inline scripts that the browser runs (no src; no type, or a JavaScript type). JSON data blocks
# (`application/json`, `application/ld+json`) are not run and need no hash.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>|<head\b[^>]*>", re.I)
META_NAME = 'http-equiv="Content-Security-Policy"'
# an earlier policy (a `--dirty` build rewrites its own output), removed with the blank space before it; matched
# without a leading `\s*`, which would make the search start again at every blank of the page (linear, not fast)
_OLD_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>', re.I)

POLICY = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
          "object-src 'none'; base-uri 'self'; form-action 'self'")


def inline_scripts(page: str) -> list[str]:
    """The text of every inline script of a page that a browser would run."""
    out = []
    for m in _SCRIPT.finditer(page):
        attrs = m.group(1)
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or (kind.group(1).lower() if kind else "") not in _JS_TYPES:
            continue
        out.append(m.group(2))
    return out


def script_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(page: str) -> str:
    hashes = sorted({script_hash(s) for s in inline_scripts(page)})
    return POLICY.format(hashes="".join(" " + h for h in hashes))


def _without_policy(page: str) -> str:
    """The page without any earlier policy meta and the blank space before it."""
    out, pos = [], 0
    for m in _OLD_META.finditer(page):
        start = m.start()
        while start > pos and page[start - 1].isspace():
            start -= 1
        out.append(page[pos:start])
        pos = m.end()
    return "".join(out) + page[pos:] if out else page


def with_policy(page: str) -> str:
    """The page with its policy as the first element after <meta charset> (before any script)."""
    page = _without_policy(page)
    m = _HEAD.search(page)
    if m is None:
        return page
    meta = f'\n<meta {META_NAME} content="{policy(page)}">'
    return page[: m.end()] + meta + page[m.end():]


def add_policies(site_dir: Path, done: set[Path] = frozenset()) -> None:
    """Every HTML file of the built site (404, redirect and /s/N/ pages; the pages too, but those in `done`,
    which got theirs before they were written: `with_policy` in the hook's `on_post_page`) gets its policy."""
    for path in sorted(site_dir.rglob("*.html")):
        if path in done:
            continue
        text = path.read_text(encoding="utf-8")
        new = with_policy(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
