"""The printed pages of the edition's units and passages, derived from the page markers (`Edition.page_at`;
a quote's from the pages its own words stand on, `Edition.quote_pages`), never typed."""

from __future__ import annotations

from ..core.ids import page_id, paragraph_id
from .document import Document
from .edition import Edition, per_edition

Pages = tuple[int, int]


def _content_end(doc: Document, before: int) -> int:
    """The last line before line `before` that carries text (not blank, not a page marker alone)."""
    standalone = {m.line for m in doc.pages if m.standalone}
    line = before - 1
    while line > 0 and (not doc.lines[line - 1].strip() or line in standalone):
        line -= 1
    return max(line, 1)


def _content_start(doc: Document) -> int:
    """The first line of the page's own text (its h1, or the first line after the front matter)."""
    return doc.h1.line if doc.h1 else 1


@per_edition
def document_pages(ed: Edition, doc: Document) -> Pages | None:
    """The printed pages a unit of the report covers; None for the edition's own pages."""
    if doc.is_edition_page:
        return None
    first = ed.page_at(doc, _content_start(doc), 1)
    footnotes = min((r.line for r in doc.footnote_defs), default=len(doc.lines) + 1)
    last = ed.page_at(doc, _content_end(doc, footnotes), 10**9)
    return (first, last) if first and last else None


@per_edition
def anchor_pages(ed: Edition, doc: Document) -> dict[str, Pages]:
    """Every citable anchor of a unit (headings, `s-N`, `p-N`, quotes) with the printed pages it covers."""
    if doc.is_edition_page:
        return {}
    out: dict[str, Pages] = {}
    footnotes = min((r.line for r in doc.footnote_defs), default=len(doc.lines) + 1)
    heads = doc.headings
    for i, h in enumerate(heads):
        if not h.id:
            continue
        nxt = next((x.line for x in heads[i + 1:] if x.level <= h.level), footnotes)
        first = ed.page_at(doc, h.line, 1)
        last = ed.page_at(doc, _content_end(doc, min(nxt, footnotes)), 10**9)
        if first and last:
            out[h.id] = (first, max(first, last))
    for m in doc.pages:
        out[page_id(m.page)] = (m.page, m.page)
    for p in doc.paragraphs:
        first, last = ed.page_at(doc, p.line, 1), ed.page_at(doc, p.end_line, 10**9)
        if first and last:
            out[paragraph_id(p.number)] = (first, last)
    for q in doc.quotes:
        if not q.id:
            continue
        first, last = ed.quote_pages(doc, q)
        if first and last:
            out[q.id] = (first, last)
    return out


def page_label(pages: Pages | None) -> str:
    """`s. 40–47`, `s. 5` (empty without pages)."""
    if not pages:
        return ""
    first, last = pages
    return f"s. {first}" if first == last else f"s. {first}–{last}"


def place_label(ed: Edition, doc: Document, line: int, col: int) -> str:
    """Where a point of the text stands, for a reader: `7. Hur får man göra?, s. 40` (the title alone when the
    page has no printed page)."""
    page = ed.page_at(doc, line, col)
    return f"{doc.title}, s. {page}" if page else doc.title
