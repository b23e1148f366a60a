"""The interview quotes as data: one record per quote, in reading order, built from the model — for the
registers of /citat/, the quote figures, and the downloads citat.json and citat.csv (`export.quotes`; schema:
docs/citat.schema.json). Nothing here is typed by hand: change a quote's options and every view follows."""

from __future__ import annotations

from ..core.urls import resolve, url
from .document import Document, Quote
from .edition import Edition, per_edition
from .syntax import FOOTNOTE_REF, LINK, MARKER

ROLE_LABELS = {  # the report's four roles, as the registers name them (plural, singular)
    "HR-specialist": ("HR-specialister", "HR-specialist"),
    "chef": ("Chefer", "chef"),
    "junior": ("Juniora handläggare", "junior handläggare"),
    "senior": ("Seniora handläggare", "senior handläggare"),
}
CSV_FIELDS = ("id", "typ", "rost", "rost_id", "roll", "kapitel", "sida", "sida_slut", "url", "teman", "norm",
              "handlingsutrymme", "tolkning", "text")


def plain_text(doc: Document, q: Quote) -> str:
    """The words of a quote as printed: markers, footnote references and link syntax removed; paragraphs
    separated by a blank line."""
    if q.inline:
        raw = [doc.lines[q.line - 1][q.span[0] + 1:q.span[1] - 1]]
    else:
        raw = doc.lines[q.body[0] - 1:q.body[1]]
    paragraphs: list[list[str]] = [[]]
    for line in raw:
        if not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        line = MARKER.sub("", line)
        line = FOOTNOTE_REF.sub("", line)
        line = LINK.sub(lambda m: m.group(1), line)
        paragraphs[-1].append(line.strip())
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def interpretation_url(doc: Document, q: Quote) -> str | None:
    if not q.interpretation:
        return None
    return url(*resolve(doc.path, q.interpretation))


@per_edition  # the registers, the quote figures and the downloads share one list
def records(ed: Edition) -> list[dict]:
    """Every interview quote (block and inline) as a record, in reading order."""
    out = []
    for doc, q in ed.quotes():
        voice = ed.voice(q.pseudonym)
        first, last = ed.quote_pages(doc, q)
        out.append({
            "id": q.id,
            "typ": "inline" if q.inline else "block",
            "rost": q.pseudonym,
            "rost_id": voice.id if voice else None,
            "roll": q.role,
            "kapitel": doc.title,
            "sida": first,
            "sida_slut": last,
            "url": url(doc.path, q.id or ""),
            "teman": list(q.themes),
            "norm": q.norm,
            "handlingsutrymme": q.discretion,
            "tolkning": interpretation_url(doc, q),
            "text": plain_text(doc, q),
        })
    return out
