"""The interview quotes as data: one record per quote, in reading order, built from the model — for the
registers of /citat/, the quote figures, and the downloads citat.json and citat.csv (schema:
docs/citat.schema.json). Nothing here is typed by hand: change a quote's options and every view follows."""

from __future__ import annotations

import csv
import io
import json
import re

from . import cite
from .edition import Edition, resolve, url_of
from .model import FOOTNOTE_REF, LINK, MARKER, Document, Quote

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


def pages(ed: Edition, doc: Document, q: Quote) -> tuple[int | None, int | None]:
    return ed.quote_pages(doc, q)


def title(doc: Document) -> str:
    return next((h.text for h in doc.headings if h.level == 1), doc.path)


def interpretation_url(doc: Document, q: Quote) -> str | None:
    if not q.interpretation:
        return None
    page, anchor = resolve(doc.path, q.interpretation)
    return url_of(page) + (f"#{anchor}" if anchor else "")


def records(ed: Edition) -> list[dict]:
    """Every interview quote (block and inline) as a record, in reading order."""
    out = []
    for doc, q in ed.quotes():
        voice = ed.voice(q.pseudonym)
        first, last = pages(ed, doc, q)
        out.append({
            "id": q.id,
            "typ": "inline" if q.inline else "block",
            "rost": q.pseudonym,
            "rost_id": voice.id if voice else None,
            "roll": q.role,
            "kapitel": title(doc),
            "sida": first,
            "sida_slut": last,
            "url": f"{url_of(doc.path)}#{q.id}",
            "teman": list(q.themes),
            "norm": q.norm,
            "handlingsutrymme": q.discretion,
            "tolkning": interpretation_url(doc, q),
            "text": plain_text(doc, q),
        })
    return out


def to_json(ed: Edition) -> str:
    payload = {
        "$schema": "citat.schema.json",
        "kalla": cite.harvard_report(cite.load_work_cached(ed.docs_dir.parent / "bibliography" / "referenser.bib")),
        "citat": records(ed),
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def to_csv(ed: Edition) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in records(ed):
        row = dict(r, teman=";".join(r["teman"]))
        writer.writerow({k: "" if row[k] is None else row[k] for k in CSV_FIELDS})
    return buf.getvalue()


_ROW = re.compile(r'<tr id="(norm-\d+)"><td>(.*?)</td><td>(.*?)</td></tr>')


def norms_csv(ed: Edition) -> str:
    """The Hall norms table (the printed table on s. 15) as CSV: row id, professional, bureaucratic norm."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "professionell_norm", "byrakratisk_norm"])
    for doc in ed.documents:
        for line in doc.lines:
            m = _ROW.search(line)
            if m:
                writer.writerow(m.groups())
    return buf.getvalue()
