"""Rendering of the edition's own constructs into Markdown/HTML that Python-Markdown finishes.

Each function handles one construct and works from the model, never from the raw syntax: `render_page`
collects their edits (by line) and applies them at once, so line numbers stay those of the source.
"""

from __future__ import annotations

import html

from ..core.ids import paragraph_id, question_id
from ..model.document import Document
from ..model.edition import Edition
from ..model.guides import GUIDES, question_numbers
from .html import editorial_note, page_break, quote_caption
from .registers import REGISTERS


class Edits:
    def __init__(self, doc: Document):
        self.lines = list(doc.lines)
        self.after: dict[int, list[str]] = {}
        self.inline: dict[int, list[tuple[int, int, str]]] = {}

    def replace_line(self, line: int, text: str) -> None:
        self.lines[line - 1] = text

    def append_after(self, line: int, text: str) -> None:
        self.after.setdefault(line, []).append(text)

    def replace_span(self, line: int, start: int, end: int, text: str) -> None:
        """Replace characters [start, end) (0-based) of a source line."""
        self.inline.setdefault(line, []).append((start, end, text))

    def result(self) -> str:
        out = []
        for number, text in enumerate(self.lines, start=1):
            for start, end, new in sorted(self.inline.get(number, []), reverse=True):
                text = text[:start] + new + text[end:]
            out.append(text)
            out.extend(self.after.get(number, []))
        return "\n".join(out)


def page_markers(doc: Document, edits: Edits) -> None:
    for m in doc.pages:
        edits.replace_span(m.line, m.col - 1, m.end, page_break(m.page, m.standalone))


def paragraph_ids(doc: Document, edits: Edits) -> None:
    for p in doc.paragraphs:
        edits.append_after(p.end_line, f"{{: #{paragraph_id(p.number)} }}")


def quotes(doc: Document, edition: Edition, edits: Edits) -> None:
    for q in doc.quotes:
        qid = html.escape(q.id or "")
        if q.inline:
            start = doc.lines[q.line - 1].rfind("<!--", 0, q.span[0])
            edits.replace_span(q.line, start, q.span[0], f'<span class="citat-inline" id="{qid}">')
            edits.replace_span(q.line, q.span[1], q.span[1], "</span>")
            continue
        edits.replace_line(q.line, f'<figure class="{q.kind}" id="{qid}" markdown="1">\n'
                                   f'<blockquote markdown="1">\n')
        for line in range(q.option_lines[0], q.option_lines[1] + 1):
            edits.replace_line(line, "")
        edits.replace_line(q.end_line, f"\n</blockquote>\n{quote_caption(doc, edition, q)}\n</figure>")


def editorial_notes(doc: Document, edition: Edition, edits: Edits) -> None:
    for m in doc.ed_notes:
        note = edition.notes.get(m.value)
        if note is not None:
            edits.replace_span(m.line, m.col - 1, m.end, editorial_note(doc.path, m.value, note))


def question_ids(doc: Document, edits: Edits) -> None:
    """Every question of an interview guide gets `#fraga-<block>-<n>`, numbered within its block."""
    if doc.path not in GUIDES:
        return
    for number, item in question_numbers(doc):
        edits.append_after(item.end_line, f"{{: #{question_id(item.section, number)} }}")


def registers(doc: Document, edition: Edition, edits: Edits) -> None:
    for m in doc.registers:
        if m.value in REGISTERS:
            edits.replace_line(m.line, REGISTERS[m.value](edition, doc.path))


def language(doc: Document, meta: dict, edits: Edits) -> None:
    lang = meta.get("lang")
    if lang and doc.lines:
        edits.replace_line(1, f'<div lang="{html.escape(str(lang))}" markdown="1">\n\n' + edits.lines[0])
        edits.append_after(len(doc.lines), "\n</div>")


def render_page(doc: Document, edition: Edition, meta: dict | None = None) -> str:
    edits = Edits(doc)
    page_markers(doc, edits)
    editorial_notes(doc, edition, edits)
    quotes(doc, edition, edits)
    paragraph_ids(doc, edits)
    question_ids(doc, edits)
    registers(doc, edition, edits)
    language(doc, meta or {}, edits)
    return edits.result()


__all__ = ["render_page"]
