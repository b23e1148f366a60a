"""MkDocs hook: the cite box ("Citera") of every page and its downloads.

The box (overrides/partials/citera.html, script docs/javascripts/citera.js) gives the suggested Harvard
citation of the printed report with the pages of this unit, and of the edition's page with its address and
the date; a passage anchor in the address (`#s-26`, `#p-3`, a heading or a quote id) narrows both to that
passage, from the table of anchors written here. BibTeX, RIS and CSL-JSON downloads are written at build
time into `citera/`: the whole report, and each unit of the report with its own key, title, printed pages
and edition URL (`cite.units`).
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from mkdocs.structure.files import File, Files

from scripts.edition import cite
from scripts.edition import edition as edition_model

FOLDER = "citera"
FORMATS = (("bib", "BibTeX", cite.bibtex), ("ris", "RIS", cite.ris), ("json", "CSL-JSON", cite.csl_json))


def _edition(config) -> edition_model.Edition:
    return edition_model.load_cached(Path(config.docs_dir), Path(config.config_file_path))


def on_files(files: Files, config) -> Files:
    ed = _edition(config)
    work = cite.load_work_cached()
    for unit in cite.units(ed, config.site_url or ""):
        for ext, _, render in FORMATS:
            files.append(File.generated(config, f"{FOLDER}/{unit.key}.{ext}", content=render(work, unit)))
    return files


def on_page_context(context, page, config, nav):
    ed = _edition(config)
    doc = ed.document(page.file.src_uri)
    work = cite.load_work_cached()
    pages = cite.document_pages(ed, doc) if doc else None
    part = next((h.text for h in doc.headings if h.level == 1), None) if doc and doc.path != "index.md" else None
    base = posixpath.relpath(FOLDER, page.url or ".") if page.url else FOLDER
    stem = cite.unit_of(ed, doc, config.site_url or "").key
    anchors = cite.anchor_pages(ed, doc) if doc else {}
    context["citera"] = {
        "report": cite.harvard_report(work, pages, as_html=True),
        "edition": cite.harvard_edition(work, part, page.canonical_url, cite.today(), as_html=True),
        "pages": cite.page_label(pages),
        "downloads": [(f"{base}/{stem}.{ext}", label, f"{stem}.{ext}") for ext, label, _ in FORMATS],
        "data": json.dumps({"sidor": anchors}, separators=(",", ":")).replace("</", "<\\/"),
    }
    return context
