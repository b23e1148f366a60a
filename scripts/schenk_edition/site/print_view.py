"""`/utskrift/`, the whole edition on one page for print and "save as PDF", put together at build
time from the rendered pages (the start page, every unit of the report, the editorial principles), in reading
order. Registers are left out: they repeat the text.

Ids must be unique on one page: each part's ids get the part's prefix (`kapitel-7-p-3`, `kapitel-2-fn:1`),
except those already unique across the edition (`s-N`, quote ids), so `/utskrift/#s-26` works. Links between
the parts become links inside the page; other links are made relative to /utskrift/. A part's `<aside>`s
become `<div>`s (one page, one set of landmarks).
"""

from __future__ import annotations

import posixpath
import re
from ..core.urls import site_href
from ..model.edition import Edition
from ..model.pages import document_pages
from ..model.syntax import CITAT_ID, DOKUMENT_ID

PAGE = "utskrift.md"
EXTRA = ("index.md", "om-utgavan.md")  # edition pages that belong in the print-out
# ids unique across the edition keep their name: page breaks (`core.ids.page_id`) and quote ids (`model.syntax`)
GLOBAL_ID = re.compile("|".join((r"^s-\d+$", CITAT_ID.pattern, DOKUMENT_ID.pattern)))
_ATTR = re.compile(r'\b(id|for|href|aria-describedby|aria-labelledby|aria-controls)="([^"]*)"')
_SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def prefix_of(url: str) -> str:
    return url.strip("/").replace("/", "-") or "start"


def local_id(prefix: str, value: str) -> str:
    """An id of the part with prefix `prefix` as it stands on the one page (and in the PDF and EPUB)."""
    return value if GLOBAL_ID.match(value) else f"{prefix}-{value}"


def rewrite(content: str, url: str, parts: dict[str, str], here: str) -> str:
    """The HTML of the part published at `url`, with ids and links fit for the page at `here`."""
    prefix = parts[url]

    def link(value: str) -> str:
        if not value or _SCHEME.match(value):
            return value
        if value.startswith("#"):
            return "#" + local_id(prefix, value[1:])
        path, _, fragment = value.partition("#")
        path, _, query = path.partition("?")  # a query (the explorer's state on /citat/) is the web page's
        target = posixpath.normpath(posixpath.join(url, path))
        target = "" if target == "." else target.removesuffix("/index.html")
        target += "/" if target and not posixpath.splitext(target)[1] else ""  # a page's URL; a file's stays
        if query:
            return site_href(here, f"{target}?{query}" + (f"#{fragment}" if fragment else ""))
        if target in parts:
            return "#" + (local_id(parts[target], fragment) if fragment else f"del-{parts[target]}")
        return site_href(here, target + (f"#{fragment}" if fragment else ""))

    def attr(m: re.Match) -> str:
        name, value = m.groups()
        if name == "href":
            return f'href="{link(value)}"'
        return f'{name}="{" ".join(local_id(prefix, v) for v in value.split())}"'

    # a page's asides (its list of references) are landmarks of that page; on one page they would be many
    # landmarks of one name, so they become groups here (a group keeps the aside's name: a plain div may not
    # carry aria-labelledby)
    content = re.sub(r"<aside\b", '<div role="group"', content).replace("</aside>", "</div>")
    return _ATTR.sub(attr, content)


def assemble(ed: Edition, pages: list, here: str) -> str:
    """The parts of the print-out (built pages, in reading order), each with its ids and links rewritten for
    the one page at `here`."""
    chosen = []
    for p in pages:
        doc = ed.document(p.file.src_uri)
        if doc and (doc.path in EXTRA or document_pages(ed, doc)):
            chosen.append(p)
    parts = {p.url: prefix_of(p.url) for p in chosen}
    return "\n".join(f'<section class="utskrift-del" id="del-{parts[p.url]}">\n'
                     f'{rewrite(p.content or "", p.url, parts, here)}\n</section>' for p in chosen)
