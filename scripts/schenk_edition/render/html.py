"""The HTML of the edition's constructs, as strings: a page break, an editorial note, a quote's caption with the
edition's annotation, the page's one list of the annotation terms' definitions. `render.markup` places them in
the page; every id comes from `core.ids`, every href from `core.urls.href`, every text from the model, escaped."""

from __future__ import annotations

import html

from ..core.escape import markdown_text
from ..core.ids import note_id, page_id, term_definition_id, term_link_id, theme_id, voice_id
from ..core.paths import EDITORIAL_PAGE, QUOTE_PAGE
from ..core.urls import href, resolve
from ..model.data import EditorialNote
from ..model.document import Document, Quote
from ..model.edition import Edition
from ..model.pages import anchor_pages, page_label


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


def _readings(value: dict) -> dict[str, tuple[str, ...]]:
    """A quote's norm or discretion (`Quote.norm`, `Quote.discretion`): value id -> the paragraphs where the
    report states that reading."""
    return {k: tuple(v) for k, v in value.items()}


# (the annotation field, the kind in a definition's id, the label for one value / several)
READING_FIELDS = (("norm", "norm", "Norm", "Normer"),
                  ("discretion", "hu", "Handlingsutrymme", "Handlingsutrymme"))


def _terms(edition: Edition, q: Quote):
    """The annotation terms of a quote in caption order: (kind, term, paragraph targets of the reading) —
    themes first (no paragraphs), then norms and kinds of discretion."""
    for t in q.themes:
        if t in edition.themes:
            yield "tema", edition.themes[t], ()
    for field, kind, _, _ in READING_FIELDS:
        terms = edition.norms if kind == "norm" else edition.discretion
        for value, targets in _readings(getattr(q, field)).items():
            if value in terms:
                yield kind, terms[value], targets


def term_definitions(doc: Document, edition: Edition) -> str:
    """The definitions of the annotation terms a page's quotes use, each ONCE a page: a hidden list whose
    items the term links name with aria-describedby (assistive technology reads them from here, and
    docs/javascripts/termer.js shows them as a tooltip on hover and keyboard focus). '' when no quote has
    a term."""
    seen: dict[str, str] = {}
    for q in doc.quotes:
        if q.kind != "citat":
            continue
        for kind, term, _ in _terms(edition, q):
            seen.setdefault(term_definition_id(kind, term.id), term.definition)
    if not seen:
        return ""
    items = "".join(f'<p id="{key}">{markdown_text(text)}</p>' for key, text in seen.items())
    return f'<div class="term-definitioner" hidden>{items}</div>'


def annotation_term(qid: str, kind: str, term, target: str) -> str:
    """An annotation term: a link named by the page's one definition of it (`term_definitions`). The link keeps
    the id its tooltip had when every quote repeated the definition (a published anchor)."""
    return (f'<a class="citat-term" id="{term_link_id(qid, kind, term.id)}" href="{target}" '
            f'aria-describedby="{term_definition_id(kind, term.id)}">{markdown_text(term.name)}</a>')


def _item(inner: str) -> str:
    """One item of the annotation line: it wraps as a whole, between items, never inside; CSS puts the "·"
    between items."""
    return f'<span class="citat-post">{inner}</span>'


def _paragraph_link(edition: Edition, doc: Document, target: str, what: str, pages_of: dict) -> str:
    """A link to a paragraph where the report states a reading, named by its printed page (`s. 31`)."""
    path, anchor = resolve(doc.path, target)
    there = edition.document(path)
    if there is not None and path not in pages_of:
        pages_of[path] = anchor_pages(edition, there)
    label = page_label(pages_of.get(path, {}).get(anchor)) or "stycket"
    return (f'<a class="citat-belagg" href="{href(doc.path, path, anchor)}" '
            f'aria-label="{html.escape(what)}, {label}">{label}</a>')


def annotation(doc: Document, edition: Edition, q) -> str:
    """The edition's annotation of an interview quote as ONE labelled line: the printed page, `Tema`/`Teman`,
    `Norm`, `Handlingsutrymme` (each value with the paragraphs where the report states it), `Rapportens
    tolkning`. Every term comes from docs/_data/; the text is the edition's."""
    qid = q.id or ""
    parts = []
    pages_of: dict = {}
    first, last = edition.quote_pages(doc, q)
    if first:
        home = edition.page_home(first)
        label = page_label((first, last or first))
        link = href(doc.path, home.path, page_id(first)) if home else ""
        parts.append(_item(f'<a class="citat-sida" href="{link}" title="Sidan i den tryckta rapporten">{label}</a>'))
    terms = list(_terms(edition, q))
    themes = [t for kind, t, _ in terms if kind == "tema"]
    for i, t in enumerate(themes):
        label = f'{"Tema" if len(themes) == 1 else "Teman"}: ' if i == 0 else ""
        comma = "," if i < len(themes) - 1 else ""
        link = annotation_term(qid, "tema", t, href(doc.path, QUOTE_PAGE, theme_id(t.id)))
        parts.append(_item(label + link + comma))
    for _, kind, one, many in READING_FIELDS:
        values = [(t, targets) for k, t, targets in terms if k == kind]
        for i, (term, targets) in enumerate(values):
            label = f"{one if len(values) == 1 else many}: " if i == 0 else ""
            source, _, anchor = term.source.partition("#")
            where = "".join(" " + _paragraph_link(edition, doc, t, f"Där rapporten läser {term.name}", pages_of)
                            for t in targets)
            comma = "," if i < len(values) - 1 else ""
            parts.append(_item(label + annotation_term(qid, kind, term, href(doc.path, source, anchor))
                               + where + comma))
    if q.interpretation:
        target, anchor = resolve(doc.path, q.interpretation)
        there = edition.document(target)
        pages = anchor_pages(edition, there).get(anchor) if there is not None else None
        label = page_label(pages)
        shown = f"Rapportens tolkning{', ' + label if label else ''}"
        parts.append(_item(f'<a class="citat-tolkning" href="{href(doc.path, target, anchor)}">{shown}</a>'))
    parts.append(_item(f'<a class="citat-permalank" href="#{html.escape(qid)}" aria-label="Länk till citatet" '
                       'title="Länk till citatet">#</a>'))
    return ('<span class="citat-annotering" role="note" aria-label="Utgåvans annotering">'
            + " ".join(parts) + "</span>")


def quote_caption(doc: Document, edition: Edition, q: Quote) -> str:
    """The `<figcaption>` of a quote block: an interview quote's printed attribution exactly as printed,
    `(Vivian, junior)` with the voice linked to its register, then the line of the edition's annotation
    ending in the permalink; a quoted document's source (Markdown, finished by Python-Markdown)."""
    if q.kind != "citat":
        return f'<figcaption markdown="span">{q.argument}</figcaption>'
    voice = edition.voice(q.pseudonym)
    name = html.escape(q.pseudonym or "")
    if voice:
        name = (f'<a class="citat-rost" href="{href(doc.path, QUOTE_PAGE, voice_id(voice.id))}" '
                f'title="Alla citat av {html.escape(voice.name)}">{name}</a>')
    return (f'<figcaption>({name}, <span class="citat-roll">{html.escape(q.role or "")}</span>) '
            f'{annotation(doc, edition, q)}</figcaption>')
