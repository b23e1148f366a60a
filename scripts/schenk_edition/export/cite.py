"""Citations of the report, its parts and the edition's pages.

One source for the bibliographic data: the entry `schenk2015` of `bibliography/referenser.bib` (read with
pybtex; nothing here is typed twice). The printed page range of a page, section, paragraph or quote of the
edition is derived from the page markers (`model.pages`, `Edition.page_at`; a quote's from the pages its own words stand on,
`Edition.quote_pages`), never typed.

Formats: Harvard in Swedish (plain text and HTML), BibTeX, RIS and CSL-JSON. All strings a reader sees are
Swedish.

Metadata decision (used by scripts/hooks/metadata.py): the edition's pages are parts of ONE record, the printed
report. The report is one work with one ISBN, one author and one series number; its chapters have no authors,
identifiers or publication of their own. Every page therefore describes the report (same title, author, ISBN,
report number) and a unit of the report adds the printed pages it covers (`citation_firstpage`/`lastpage`), so
that Zotero saves "the report, pp. 40–47" and Google Scholar clusters every page into the one work instead of
listing eight chapter "articles" that were never published as such.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from dataclasses import dataclass

from ..core.ids import REPORT_KEY
from ..core.release import Release, current, label
from ..core.urls import download_stem, url_of
from ..model.bibliography import Work
from ..model.document import Document
from ..model.edition import Edition
from ..model.harvard import EDITION_KIND
from ..model.pages import Pages, document_pages



@dataclass(frozen=True)
class Unit:
    """What a download cites: the whole report, or one unit of it (a chapter, an appendix, the preface …)
    with its own key, its title as the part of the report it is, its printed pages and its edition URL."""
    key: str
    url: str
    title: str | None = None  # None: the whole report
    pages: Pages | None = None
    release: Release | None = None  # the edition's version (`core.release.current`), in every format


def edition_url(site_url: str, path: str) -> str:
    """The absolute address of a page of the edition: the site's URL and the page's URL (`url_of`)."""
    return site_url.rstrip("/") + "/" + url_of(path)


def unit_of(ed: Edition, doc: Document | None, site_url: str) -> Unit:
    """The citable unit of a page: a unit of the report with its pages, else the whole report."""
    pages = document_pages(ed, doc) if doc else None
    rel = current(ed.root)
    if not pages:
        return Unit(REPORT_KEY, edition_url(site_url, "index.md"), release=rel)
    return Unit(download_stem(doc.path), edition_url(site_url, doc.path), doc.h1.text if doc.h1 else None, pages,
                rel)


def units(ed: Edition, site_url: str) -> list[Unit]:
    """The whole report, then every unit of the report in reading order (each has its own downloads)."""
    out = [unit_of(ed, None, site_url)]
    return out + [u for d in ed.documents if (u := unit_of(ed, d, site_url)).pages]


# --- printed pages, derived from the page markers ------------------------------------------------------



def today() -> str:
    """The access date printed into a built page (SOURCE_DATE_EPOCH for reproducible builds); the page's
    script replaces it with the reader's own date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date() if epoch else _dt.date.today()
    return day.isoformat()


# --- machine-readable formats --------------------------------------------------------------------------

def _bibtex_value(value: str) -> str:
    return "{" + value.replace("\\", "\\\\") + "}"


def _page_range(pages: Pages, dash: str) -> str:
    return f"{pages[0]}{dash}{pages[1]}" if pages[0] != pages[1] else str(pages[0])


BIBTEX_FIELDS_OF_PARTS = ("title", "url")  # replaced in a unit's entry (by its own title and edition URL)


def bibtex(work: Work, unit: Unit) -> str:
    """The bibliography entry as written, with the unit's key and edition URL; a unit of the report is an
    `@inbook` whose `title` is the unit's and `booktitle` the report's (biblatex), with its printed pages."""
    fields = [("author", " and ".join(f"{a.family}, {a.given}" for a in work.authors))]
    if unit.title:
        fields += [("title", unit.title), ("booktitle", work.title)]
    else:
        fields += [("title", work.title)]
    for k, v in work.fields:
        if k in BIBTEX_FIELDS_OF_PARTS or (unit.title and k in ("type", "pagetotal")):
            continue  # a part has the report's series (below), not its page total
        fields.append(("publisher" if unit.title and k == "institution" else k, v))
    if unit.title:  # the series of the report: `type` names a techreport's series, `series` a book's
        fields += [("series", work.series)] if work.series else []
    if unit.pages:
        fields.append(("pages", _page_range(unit.pages, "--")))
    fields.append(("url", unit.url))
    if unit.release:  # biblatex `version`; the note names the edition as the cite box does
        fields += [("version", unit.release.version), ("note", f"{EDITION_KIND}, {label(unit.release)}")]
    width = max(len(k) for k, _ in fields)
    body = ",\n".join(f"  {k.ljust(width)} = {_bibtex_value(v)}" for k, v in fields)
    entry_type = "inbook" if unit.title else work.entry_type
    return f"@{entry_type}{{{unit.key},\n{body}\n}}\n"


RIS_TYPES = {"techreport": "RPRT", "book": "BOOK", "article": "JOUR"}
LANGUAGES = {"swedish": "sv", "english": "en"}


def ris(work: Work, unit: Unit) -> str:
    """RIS: the report (its type), or a unit of it as `TY  - CHAP` with the report's title in T2."""
    lines = [("TY", "CHAP" if unit.title else RIS_TYPES.get(work.entry_type, "GEN")), ("ID", unit.key)]
    lines += [("AU", f"{a.family}, {a.given}") for a in work.authors]
    lines += [("TI", unit.title), ("T2", work.title)] if unit.title else [("TI", work.title)]
    lines += [("PY", work.year), ("PB", work.institution), ("CY", work.address),
              ("T3", work.series), ("VL", work.number), ("SN", work.isbn), ("UR", unit.url),
              ("LA", LANGUAGES.get(work.language, work.language)),
              ("ET", f"{EDITION_KIND}, {label(unit.release)}" if unit.release else "")]
    if unit.pages:
        lines += [("SP", str(unit.pages[0])), ("EP", str(unit.pages[1]))]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value or tag == "ER")


CSL_TYPES = {"techreport": "report", "book": "book", "article": "article-journal"}


def csl(work: Work, unit: Unit) -> dict:
    """CSL-JSON: the report, or a unit of it as a `chapter` of the report (`container-title`)."""
    item = {
        "id": unit.key,
        "type": "chapter" if unit.title else CSL_TYPES.get(work.entry_type, "document"),
        "title": unit.title or work.title,
        "container-title": work.title if unit.title else "",
        "author": [{"family": a.family, "given": a.given} for a in work.authors],
        "issued": {"date-parts": [[int(work.year)]]} if work.year.isdigit() else {"literal": work.year},
        "publisher": work.institution,
        "publisher-place": work.address,
        "collection-title": work.series,
        "collection-number": work.number,
        "ISBN": work.isbn,
        "URL": unit.url,
        "language": LANGUAGES.get(work.language, work.language),
        "number-of-pages": "" if unit.title else work.pagetotal,
        "page": _page_range(unit.pages, "-") if unit.pages else "",
        "version": unit.release.version if unit.release else "",
        "note": f"{EDITION_KIND}, {label(unit.release)}" if unit.release else "",
    }
    return {k: v for k, v in item.items() if v}


def csl_json(work: Work, unit: Unit) -> str:
    return json.dumps([csl(work, unit)], ensure_ascii=False, indent=2) + "\n"
