"""The interview quotes as data: one record per quote, in reading order, built from the model — for the
registers of /citat/, the quote figures, and the downloads citat.json and citat.csv (`export.quotes`; schema:
docs/citat.schema.json). Nothing here is typed by hand: change a quote's options and every view follows."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..core.ids import paragraph_id
from ..core.urls import resolve, url
from .document import Document, Quote
from .edition import Edition, per_edition
from .syntax import FOOTNOTE_REF, LINK, MARKER

class RoleLabel(NamedTuple):
    plural: str  # a register's heading: "Juniora handläggare"
    singular: str  # in running text: "junior handläggare"
    start: str  # the singular at the start of a sentence, as printed: "HR-specialist", "Junior handläggare"


ROLE_LABELS = {  # the report's four roles as the edition names them: the one table of role labels
    "HR-specialist": RoleLabel("HR-specialister", "HR-specialist", "HR-specialist"),
    "chef": RoleLabel("Chefer", "chef", "Chef"),
    "junior": RoleLabel("Juniora handläggare", "junior handläggare", "Junior handläggare"),
    "senior": RoleLabel("Seniora handläggare", "senior handläggare", "Senior handläggare"),
}
CSV_FIELDS = ("id", "typ", "rost", "rost_id", "roll", "kapitel", "sida", "sida_slut", "url", "teman", "norm",
              "handlingsutrymme", "lasningar", "tolkning", "text")


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


def readings(doc: Document, q: Quote) -> list[dict]:
    """A quote's readings (`Quote.norm`, `Quote.discretion`) as data: field, value and the URLs of the paragraphs
    where the report states it, in the order written."""
    return [{"falt": field, "id": value, "stycken": [{"url": url(*resolve(doc.path, t))} for t in targets]}
            for field, values in (("norm", q.norm), ("handlingsutrymme", q.discretion))
            for value, targets in values.items()]


def readings_csv(values: list[dict]) -> str:
    """`norm professionell (kapitel/6/#p-2, kapitel/6/#p-3); handlingsutrymme regel (kapitel/6/#p-5)`."""
    return "; ".join(f"{v['falt']} {v['id']} ({', '.join(s['url'] for s in v['stycken'])})" for v in values)


def anchor_text(ed: Edition, path: str, anchor: str) -> str:
    """The report's words at an anchor of a page: a paragraph (`p-N`), or the block (up to a blank line) that
    an element id stands in, e.g. the norms table. Markers, footnote references, link syntax and HTML tags are
    left out; whitespace is one space. '' when there is no such anchor."""
    doc = ed.document(path)
    line = ed.anchors().get(path, {}).get(anchor) if doc else None
    if doc is None or line is None:
        return ""
    paragraph = next((p for p in doc.paragraphs if paragraph_id(p.number) == anchor), None)
    if paragraph:
        first, last = paragraph.line, paragraph.end_line
    else:
        first = last = line
        while first > 1 and doc.lines[first - 2].strip():
            first -= 1
        while last < len(doc.lines) and doc.lines[last].strip():
            last += 1
    text = " ".join(doc.lines[first - 1:last])
    text = LINK.sub(lambda m: m.group(1), FOOTNOTE_REF.sub("", MARKER.sub("", text)))
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


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
            "norm": list(q.norm),
            "handlingsutrymme": list(q.discretion),
            "lasningar": readings(doc, q),
            "tolkning": interpretation_url(doc, q),
            "text": plain_text(doc, q),
        })
    return out
