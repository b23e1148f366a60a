"""The HTML of the edition's constructs, as strings: a page break, an editorial note, a quote's caption with the
edition's annotation. `render.markup` places them in the page; every id comes from `core.ids`, every href from
`core.urls.href`, every text from the model, escaped."""

from __future__ import annotations

import html

from ..core.escape import markdown_text
from ..core.ids import note_id, page_id, theme_id, voice_id
from ..core.paths import EDITORIAL_PAGE, QUOTE_PAGE
from ..core.urls import href, resolve
from ..model.data import EditorialNote
from ..model.document import Document, Quote
from ..model.edition import Edition
from ..model.pages import page_label


def page_break(page: int, standalone: bool) -> str:
    """A printed page's break: a `<div>` when the marker stands alone on its line, else a `<span>`."""
    # the name is a title: axe-core (4.11) does not allow aria-label on a span/div page break
    attrs = (f'class="sidbrytning" id="{page_id(page)}" role="doc-pagebreak" title="Sida {page}" '
             f'data-sida="{page}"')
    tag = "div" if standalone else "span"
    return f"<{tag} {attrs}></{tag}>"


def editorial_note(from_path: str, key: str, note: EditorialNote) -> str:
    """An editorial note where it stands: a lacuna in brackets, a structural note, or a `red.` mark."""
    text = markdown_text(note.text)  # placed in Markdown: no construct of it may come alive
    target = href(from_path, EDITORIAL_PAGE, "redaktionella-anmarkningar")
    if note.kind == "lacuna":
        return (f'<span class="red-anm red-lakun" id="{note_id(key)}" role="note">[{text} '
                f'<a href="{target}">Red. anm.</a>]</span>')
    if note.kind == "structure":
        return f'<span class="red-anm red-struktur" id="{note_id(key)}">{text}</span>'
    return (f'<sup class="red-anm" id="{note_id(key)}"><a href="{target}" title="{text}" '
            f'aria-label="Redaktionell anmärkning: {text}">red.</a></sup>')


def annotation_term(from_path: str, qid: str, kind: str, term, target: str) -> str:
    """An annotation term: a link, with its definition as a tooltip on hover and keyboard focus."""
    tip = f"def-{qid}-{kind}-{term.id}"
    return (f'<a class="citat-term" href="{target}" aria-describedby="{tip}">{markdown_text(term.name)}</a>'
            f'<span class="term-definition" role="tooltip" id="{tip}">{markdown_text(term.definition)}</span>')


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
        links = ", ".join(annotation_term(doc.path, qid, "tema", t, href(doc.path, QUOTE_PAGE, theme_id(t.id)))
                          for t in themes)
        parts.append(f'<span class="citat-teman">{"Tema" if len(themes) == 1 else "Teman"}: {links}</span>')
    for value, terms, kind in ((q.norm, edition.norms, "norm"), (q.discretion, edition.discretion, "hu")):
        term = terms.get(value) if value else None
        if term:
            target, _, anchor = term.source.partition("#")
            parts.append(annotation_term(doc.path, qid, kind, term, href(doc.path, target, anchor)))
    if q.interpretation:
        target, anchor = resolve(doc.path, q.interpretation)
        parts.append(f'<a class="citat-tolkning" href="{href(doc.path, target, anchor)}">'
                     "rapportens tolkning</a>")
    return ('<span class="citat-annotering" role="note" aria-label="Utgåvans annotering">'
            + " · ".join(parts) + "</span>")


def quote_caption(doc: Document, edition: Edition, q: Quote) -> str:
    """The `<figcaption>` of a quote block: an interview quote's voice, role, annotation and permalink; a
    quoted document's source (Markdown, finished by Python-Markdown)."""
    if q.kind != "citat":
        return f'<figcaption markdown="span">{q.argument}</figcaption>'
    qid = html.escape(q.id or "")
    voice = edition.voice(q.pseudonym)
    name = html.escape(q.pseudonym or "")
    if voice:
        name = (f'<a class="citat-rost" href="{href(doc.path, QUOTE_PAGE, voice_id(voice.id))}" '
                f'title="Alla citat av {html.escape(voice.name)}">{name}</a>')
    return (f'<figcaption>({name}, <span class="citat-roll">{html.escape(q.role or "")}</span>) '
            f'{annotation(doc, edition, q)} '
            f'<a class="citat-permalank" href="#{qid}" title="Länk till citatet">#</a></figcaption>')
