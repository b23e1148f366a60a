"""Rendering of the edition's own constructs into Markdown/HTML that Python-Markdown finishes.

Each function handles one construct and works from the model, never from the raw syntax: `render_page`
collects their edits (by line) and applies them at once, so line numbers stay those of the source.
"""

from __future__ import annotations

import html

from ..core.ids import note_id, page_id, paragraph_id, question_id, theme_id, voice_id
from ..core.paths import EDITORIAL_PAGE, QUOTE_PAGE
from ..core.urls import href, resolve
from ..model.document import Document
from ..model.edition import Edition
from ..model.guides import GUIDES, question_numbers
from ..model.pages import page_label
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
        # the name is a title: axe-core (4.11) does not allow aria-label on a span/div page break
        attrs = (f'class="sidbrytning" id="{page_id(m.page)}" role="doc-pagebreak" title="Sida {m.page}" '
                 f'data-sida="{m.page}"')
        tag = "div" if m.standalone else "span"
        edits.replace_span(m.line, m.col - 1, m.end, f"<{tag} {attrs}></{tag}>")


def paragraph_ids(doc: Document, edits: Edits) -> None:
    for p in doc.paragraphs:
        edits.append_after(p.end_line, f"{{: #{paragraph_id(p.number)} }}")


def _term(from_path: str, qid: str, kind: str, term, target: str) -> str:
    """An annotation term: a link, with its definition as a tooltip on hover and keyboard focus."""
    tip = f"def-{qid}-{kind}-{term.id}"
    return (f'<a class="citat-term" href="{target}" aria-describedby="{tip}">{html.escape(term.name)}</a>'
            f'<span class="term-definition" role="tooltip" id="{tip}">{html.escape(term.definition)}</span>')


def annotation(doc: Document, edition: Edition, q) -> str:
    """The edition's annotations of an interview quote: printed page, themes, norm, kind of discretion and
    the paragraph that interprets it. Every term comes from docs/_data/; the text is the edition's."""
    qid = q.id or ""
    parts = []
    first, last = edition.quote_pages(doc, q)
    if first:
        home = edition.page_home(first)
        label = page_label((first, last or first))
        link = href(doc.path, home.path, page_id(first)) if home else ""
        parts.append(f'<a class="citat-sida" href="{link}" title="Sidan i den tryckta rapporten">{label}</a>')
    themes = [edition.themes[t] for t in q.themes if t in edition.themes]
    if themes:
        links = ", ".join(_term(doc.path, qid, "tema", t, href(doc.path, QUOTE_PAGE, theme_id(t.id)))
                          for t in themes)
        parts.append(f'<span class="citat-teman">{"Tema" if len(themes) == 1 else "Teman"}: {links}</span>')
    for value, terms, kind in ((q.norm, edition.norms, "norm"), (q.discretion, edition.discretion, "hu")):
        term = terms.get(value) if value else None
        if term:
            target, _, anchor = term.source.partition("#")
            parts.append(_term(doc.path, qid, kind, term, href(doc.path, target, anchor)))
    if q.interpretation:
        target, anchor = resolve(doc.path, q.interpretation)
        parts.append(f'<a class="citat-tolkning" href="{href(doc.path, target, anchor)}">'
                     "rapportens tolkning</a>")
    return ('<span class="citat-annotering" role="note" aria-label="Utgåvans annotering">'
            + " · ".join(parts) + "</span>")


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
        if q.kind == "citat":
            voice = edition.voice(q.pseudonym)
            name = html.escape(q.pseudonym or "")
            if voice:
                name = (f'<a class="citat-rost" href="{href(doc.path, QUOTE_PAGE, voice_id(voice.id))}" '
                        f'title="Alla citat av {html.escape(voice.name)}">{name}</a>')
            caption = (f'<figcaption>({name}, <span class="citat-roll">{html.escape(q.role or "")}</span>) '
                       f'{annotation(doc, edition, q)} '
                       f'<a class="citat-permalank" href="#{qid}" title="Länk till citatet">#</a></figcaption>')
        else:
            caption = f'<figcaption markdown="span">{q.argument}</figcaption>'
        edits.replace_line(q.end_line, f"\n</blockquote>\n{caption}\n</figure>")


def editorial_notes(doc: Document, edition: Edition, edits: Edits) -> None:
    for m in doc.ed_notes:
        note = edition.notes.get(m.value)
        if note is None:
            continue
        text = html.escape(note.text)
        target = href(doc.path, EDITORIAL_PAGE, "redaktionella-anmarkningar")
        if note.kind == "lacuna":
            rendered = (f'<span class="red-anm red-lakun" id="{note_id(m.value)}" role="note">[{text} '
                        f'<a href="{target}">Red. anm.</a>]</span>')
        elif note.kind == "structure":
            rendered = f'<span class="red-anm red-struktur" id="{note_id(m.value)}">{text}</span>'
        else:
            rendered = (f'<sup class="red-anm" id="{note_id(m.value)}"><a href="{target}" title="{text}" '
                        f'aria-label="Redaktionell anmärkning: {text}">red.</a></sup>')
        edits.replace_span(m.line, m.col - 1, m.end, rendered)


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
