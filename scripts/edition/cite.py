"""Citations of the report, its parts and the edition's pages.

One source for the bibliographic data: the entry `schenk2015` of `bibliography/referenser.bib` (read with
pybtex; nothing here is typed twice). The printed page range of a page, section, paragraph or quote of the
edition is derived from the page markers (`Edition.page_at`; a quote's from the pages its own words stand on,
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
import html
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .edition import Edition, url_of
from .model import Document

ROOT = Path(__file__).resolve().parents[2]
BIBLIOGRAPHY = ROOT / "bibliography" / "referenser.bib"
REPORT_KEY = "schenk2015"
EDITION_KIND = "Digital utgåva"


@dataclass(frozen=True)
class Person:
    family: str
    given: str

    @property
    def initials(self) -> str:
        """`Anett` -> `A.`, `Ann-Mari` -> `A.-M.`"""
        return " ".join("-".join(part[0] + "." for part in name.split("-") if part)
                        for name in self.given.split())


@dataclass(frozen=True)
class Work:
    """The report as its bibliography entry records it (only the fields the entry has)."""
    key: str
    entry_type: str
    title: str
    authors: tuple[Person, ...]
    year: str
    institution: str
    address: str
    series: str  # BibTeX `type` of a techreport: the series
    number: str
    isbn: str
    pagetotal: str
    url: str
    language: str
    fields: tuple[tuple[str, str], ...]  # every field as written, in order (for BibTeX)


def load_work(bib: Path = BIBLIOGRAPHY, key: str = REPORT_KEY) -> Work:
    from pybtex.database import parse_file  # noqa: PLC0415 (slow import, only when needed)

    db = parse_file(str(bib), bib_format="bibtex")
    entry = db.entries[key]
    f = entry.fields
    authors = tuple(Person(" ".join(p.prelast_names + p.last_names), " ".join(p.first_names + p.middle_names))
                    for p in entry.persons.get("author", []))
    return Work(key=key, entry_type=entry.type, title=f.get("title", ""), authors=authors,
                year=f.get("year", ""), institution=f.get("institution", ""), address=f.get("address", ""),
                series=f.get("type", ""), number=f.get("number", ""), isbn=f.get("isbn", ""),
                pagetotal=f.get("pagetotal", ""), url=f.get("url", ""), language=f.get("language", ""),
                fields=tuple((k.lower(), v) for k, v in f.items()))


_cache: dict = {}


def load_work_cached(bib: Path = BIBLIOGRAPHY, key: str = REPORT_KEY) -> Work:
    """`load_work`, read again only when the bibliography changed (so `mkdocs serve` sees every edit)."""
    stamp = (str(bib), key, bib.stat().st_mtime_ns, bib.stat().st_size)
    if _cache.get("stamp") != stamp:
        _cache.update(stamp=stamp, work=load_work(bib, key))
    return _cache["work"]


Pages = tuple[int, int]


@dataclass(frozen=True)
class Unit:
    """What a download cites: the whole report, or one unit of it (a chapter, an appendix, the preface …)
    with its own key, its title as the part of the report it is, its printed pages and its edition URL."""
    key: str
    url: str
    title: str | None = None  # None: the whole report
    pages: Pages | None = None


def edition_url(site_url: str, path: str) -> str:
    """The absolute address of a page of the edition: the site's URL and the page's URL (`url_of`)."""
    return site_url.rstrip("/") + "/" + url_of(path)


def unit_of(ed: Edition, doc: Document | None, site_url: str) -> Unit:
    """The citable unit of a page: a unit of the report with its pages, else the whole report."""
    pages = document_pages(ed, doc) if doc else None
    if not pages:
        return Unit(REPORT_KEY, edition_url(site_url, "index.md"))
    title = next((h.text for h in doc.headings if h.level == 1), None)
    return Unit(download_stem(doc.path), edition_url(site_url, doc.path), title, pages)


def units(ed: Edition, site_url: str) -> list[Unit]:
    """The whole report, then every unit of the report in reading order (each has its own downloads)."""
    out = [unit_of(ed, None, site_url)]
    return out + [u for d in ed.documents if (u := unit_of(ed, d, site_url)).pages]


# --- printed pages, derived from the page markers ------------------------------------------------------



def _content_end(doc: Document, before: int) -> int:
    """The last line before line `before` that carries text (not blank, not a page marker alone)."""
    standalone = {m.line for m in doc.pages if m.standalone}
    line = before - 1
    while line > 0 and (not doc.lines[line - 1].strip() or line in standalone):
        line -= 1
    return max(line, 1)


def _content_start(doc: Document) -> int:
    """The first line of the page's own text (its h1, or the first line after the front matter)."""
    h1 = next((h for h in doc.headings if h.level == 1), None)
    return h1.line if h1 else 1


def document_pages(ed: Edition, doc: Document) -> Pages | None:
    """The printed pages a unit of the report covers; None for the edition's own pages."""
    if doc.is_edition_page:
        return None
    first = ed.page_at(doc, _content_start(doc), 1)
    footnotes = min((r.line for r in doc.footnote_defs), default=len(doc.lines) + 1)
    last = ed.page_at(doc, _content_end(doc, footnotes), 10**9)
    return (first, last) if first and last else None


def anchor_pages(ed: Edition, doc: Document) -> dict[str, Pages]:
    """Every citable anchor of a unit (headings, `s-N`, `p-N`, quotes) with the printed pages it covers."""
    if doc.is_edition_page:
        return {}
    out: dict[str, Pages] = {}
    footnotes = min((r.line for r in doc.footnote_defs), default=len(doc.lines) + 1)
    heads = doc.headings
    for i, h in enumerate(heads):
        if not h.id:
            continue
        nxt = next((x.line for x in heads[i + 1:] if x.level <= h.level), footnotes)
        first = ed.page_at(doc, h.line, 1)
        last = ed.page_at(doc, _content_end(doc, min(nxt, footnotes)), 10**9)
        if first and last:
            out[h.id] = (first, max(first, last))
    for m in doc.pages:
        out[f"s-{m.page}"] = (m.page, m.page)
    for p in doc.paragraphs:
        first, last = ed.page_at(doc, p.line, 1), ed.page_at(doc, p.end_line, 10**9)
        if first and last:
            out[f"p-{p.number}"] = (first, last)
    for q in doc.quotes:
        if not q.id:
            continue
        first, last = ed.quote_pages(doc, q)
        if first and last:
            out[q.id] = (first, last)
    return out


def page_label(pages: Pages | None) -> str:
    if not pages:
        return ""
    first, last = pages
    return f"s. {first}" if first == last else f"s. {first}–{last}"


# --- Harvard (Swedish) ---------------------------------------------------------------------------------

def _authors_harvard(work: Work) -> str:
    names = [f"{a.family}, {a.initials}" for a in work.authors]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " & " + names[-1]


def harvard_report(work: Work, pages: Pages | None = None, as_html: bool = False) -> str:
    """`Schenk, A. (2015). *Titel* (s. 40–47). Research Reports in Social Work 2015:2. Lund: Lunds universitet,
    Socialhögskolan.` — the one Harvard form of the report (cite box, start page, citat.json)."""
    esc = html.escape if as_html else (lambda s: s)
    title = f"<i>{esc(work.title)}</i>" if as_html else work.title
    label = page_label(pages)
    if as_html and label:  # the page's script puts the pages of a cited passage here
        label = f'<span class="citera-sidor">{esc(label)}</span>'
    where = f" ({label})" if pages else ""
    publisher = ": ".join(x for x in (work.address, work.institution) if x)
    return f"{esc(_authors_harvard(work))} ({esc(work.year)}). {title}{where}. {esc(_series(work))}{esc(publisher)}."


def _series(work: Work) -> str:
    """`Research Reports in Social Work 2015:2. ` (empty when the entry has no series)."""
    series = " ".join(x for x in (work.series, work.number) if x)
    return f"{series}. " if series else ""


def harvard_edition(work: Work, part: str | None, url: str, accessed: str, as_html: bool = False) -> str:
    """The edition's page: `Schenk, A. (2015). 7. Hur får man göra? I: *Titel*. Research Reports in Social
    Work 2015:2. Digital utgåva. https://… (Hämtad 2026-11-23).`"""
    esc = html.escape if as_html else (lambda s: s)
    title = f"<i>{esc(work.title)}</i>" if as_html else work.title
    head = f"{esc(_authors_harvard(work))} ({esc(work.year)}). "
    body = f"{esc(_sentence(part))} I: {title}" if part else title
    date = f'<time class="citera-datum" datetime="{esc(accessed)}">{esc(accessed)}</time>' if as_html \
        else accessed
    link = f'<a class="citera-url" href="{esc(url)}">{esc(url)}</a>' if as_html else url
    return f"{head}{body}. {esc(_series(work))}{EDITION_KIND}. {link} (Hämtad {date})."


def _sentence(text: str) -> str:
    """A title as a sentence: `Hur får man göra?` stays, `Förord` -> `Förord.`"""
    return text if text.endswith((".", "?", "!")) else text + "."


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
              ("LA", LANGUAGES.get(work.language, work.language))]
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
    }
    return {k: v for k, v in item.items() if v}


def csl_json(work: Work, unit: Unit) -> str:
    return json.dumps([csl(work, unit)], ensure_ascii=False, indent=2) + "\n"


def download_stem(path: str) -> str:
    """The file name of a page's downloads: `kapitel/7.md` -> `kapitel-7`, `index.md` -> the report key."""
    stem = re.sub(r"\.md$", "", path)
    return REPORT_KEY if stem == "index" else f"{REPORT_KEY}-{stem.replace('/', '-')}"
