"""The cite box ("Citera") of every page and its downloads.

The box (overrides/partials/citera.html, script docs/javascripts/citera.js) gives the suggested Harvard
citation of the printed report with the pages of this unit, and of the edition's page with its address and
the date; a passage anchor in the address (`#s-26`, `#p-3`, a heading or a quote id) narrows both to that
passage, from the table of anchors written here. BibTeX, RIS and CSL-JSON downloads are written at build
time into `citera/`: the whole report, and each unit of the report with its own key, title, printed pages
and edition URL (`cite.units`).
"""

from __future__ import annotations

import json

from ..core import release
from ..core.paths import CHANGELOG
from ..core.urls import site_href
from ..export import cite
from ..model.document import Document
from ..model.edition import Edition
from ..model.harvard import harvard_edition, harvard_report
from ..model.pages import anchor_pages, document_pages, page_label

FOLDER = "citera"
FORMATS = (("bib", "BibTeX", cite.bibtex), ("ris", "RIS", cite.ris), ("json", "CSL-JSON", cite.csl_json))


def downloads(ed: Edition, site_url: str) -> list[tuple[str, str]]:
    """(path in the site, content) of every citation download."""
    return [(f"{FOLDER}/{unit.key}.{ext}", render(ed.work, unit))
            for unit in cite.units(ed, site_url) for ext, _, render in FORMATS]


def version(ed: Edition, repo_url: str) -> dict | None:
    """The template's `utgava` (the footer of every page, the 404 page included): the edition's version, its
    date and where its changes are listed; None when the project has no released version."""
    rel = release.current(ed.root)
    if rel is None:
        return None
    return {"version": rel.version, "datum": rel.date.isoformat(), "etikett": release.label(rel),
            "andringar": f"{repo_url.rstrip('/')}/blob/main/{CHANGELOG}" if repo_url else ""}


def context(ed: Edition, doc: Document | None, page_url: str, canonical_url: str, site_url: str) -> dict:
    """The template's `citera` of a page."""
    work = ed.work
    pages = document_pages(ed, doc) if doc else None
    part = doc.h1.text if doc and doc.h1 and doc.path != "index.md" else None
    base = site_href(page_url, FOLDER + "/").rstrip("/") if page_url else FOLDER
    stem = cite.unit_of(ed, doc, site_url).key
    anchors = anchor_pages(ed, doc) if doc else {}
    return {
        "report": harvard_report(work, pages, as_html=True),
        "edition": harvard_edition(work, part, canonical_url, cite.today(), as_html=True,
                                   version=release.label(rel) if (rel := release.current(ed.root)) else None),
        "pages": page_label(pages),
        "downloads": [(f"{base}/{stem}.{ext}", label, f"{stem}.{ext}") for ext, label, _ in FORMATS],
        "data": json.dumps({"sidor": anchors}, separators=(",", ":")).replace("</", "<\\/"),
    }
