"""Metadata that reference managers and search engines read — Highwire Press tags (Zotero,
Google Scholar), Dublin Core, schema.org JSON-LD — and a meta description on every page.

Every page describes the ONE printed report (see the decision in scripts/schenk_edition/export/cite.py): same title,
author, ISBN and report number; a unit of the report adds the printed pages it covers, derived from the page
markers. The bibliographic data comes from bibliography/referenser.bib only.

`citation_pdf_url` on every page: the PDF of the whole edition of the current version (`make pdf`), where
that version's release publishes it (`core.release.edition_files`).

The description is the page's own words: its front-matter `description`, else the beginning of its first
paragraph (`#p-1`), else its title. The rendered `<head>` tags are given to the template as `edition_head`
(overrides/main.html).
"""

from __future__ import annotations

import html
import json
import re
from ..core import release
from ..export import cite
from ..model.bibliography import Work
from ..model.document import Document
from ..model.edition import Edition
from ..model.pages import document_pages

DESCRIPTION_LENGTH = 160
_P1 = re.compile(r'<p id="p-1"[^>]*>(.*?)</p>', re.S)
_DROP = re.compile(r'<sup\b[^>]*>.*?</sup>|<span class="red-anm[^"]*"[^>]*>.*?</span>', re.S)
_TAG = re.compile(r"<[^>]+>")
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_SUBTITLE = re.compile(r'<p class="undertitel">(.*?)</p>', re.S)
_PERMALINK = re.compile(r'<a class="headerlink".*?</a>', re.S)


def plain_text(fragment: str) -> str:
    """The words of an HTML fragment, without footnote numbers and editorial notes."""
    text = _TAG.sub("", _DROP.sub("", _PERMALINK.sub("", fragment)))
    return " ".join(html.unescape(text).split())


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return cut + "…"


def description(content: str) -> str:
    """A page's description from its HTML: the beginning of `#p-1`, else its heading and subtitle (empty when
    it has neither)."""
    m = _P1.search(content)
    words = plain_text(m.group(1)) if m else ""
    if not words:  # no running text (an interview guide): its heading and subtitle
        h1, sub = _H1.search(content), _SUBTITLE.search(content)
        words = ". ".join(plain_text(x.group(1)) for x in (h1, sub) if x)
    return shorten(words) if words else ""


def title_of(doc: Document) -> str | None:
    return doc.h1.text if doc.h1 else None


def pdf_url(ed: Edition) -> str:
    """The address of the current version's PDF ("" when the project has no released version)."""
    rel = release.current(ed.root)
    if rel is None:
        return ""
    return next(f.url for f in release.edition_files(rel, ed.repo_url, ed.root) if f.ext == "pdf")


def head_tags(work: Work, doc: Document | None, ed: Edition, page_url: str, site_url: str) -> str:
    pages = document_pages(ed, doc) if doc else None
    language = cite.LANGUAGES.get(work.language, work.language)
    tags: list[tuple[str, str]] = [("citation_title", work.title)]
    tags += [("citation_author", f"{a.family}, {a.given}") for a in work.authors]
    tags += [("citation_publication_date", work.year), ("citation_isbn", work.isbn),
             ("citation_technical_report_institution", work.institution),
             ("citation_technical_report_number", work.number), ("citation_series_title", work.series),
             ("citation_language", language), ("citation_pdf_url", pdf_url(ed))]
    if pages:
        tags += [("citation_firstpage", str(pages[0])), ("citation_lastpage", str(pages[1]))]
    tags += [("DC.title", work.title)] + [("DC.creator", f"{a.family}, {a.given}") for a in work.authors]
    tags += [("DC.date", work.year), ("DC.publisher", work.institution), ("DC.language", language),
             ("DC.identifier", f"urn:isbn:{work.isbn}"), ("DC.type", "Text")]
    out = ['<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">']
    out += [f'<meta name="{name}" content="{html.escape(value)}">' for name, value in tags if value]
    out.append('<script type="application/ld+json">' + json_ld(work, doc, pages, page_url, site_url, ed)
               .replace("</", "<\\/") + "</script>")
    return "\n".join(out)


def report_ld(work: Work, site_url: str) -> dict:
    return {
        "@type": "Report",
        "name": work.title,
        "author": [{"@type": "Person", "name": f"{a.given} {a.family}", "givenName": a.given,
                    "familyName": a.family} for a in work.authors],
        "datePublished": work.year,
        "publisher": {"@type": "Organization", "name": work.institution},
        "locationCreated": work.address,
        "reportNumber": work.number,
        "isPartOf": {"@type": "CreativeWorkSeries", "name": work.series},
        "identifier": {"@type": "PropertyValue", "propertyID": "ISBN", "value": work.isbn},
        "inLanguage": cite.LANGUAGES.get(work.language, work.language),
        "url": site_url,
    }


def json_ld(work, doc, pages, page_url, site_url, ed) -> str:
    report = report_ld(work, site_url)
    if doc is not None and doc.path == "index.md":
        data = report
    elif pages:
        data = {"@type": "Chapter", "name": title_of(doc), "pageStart": pages[0], "pageEnd": pages[1],
                "url": page_url, "inLanguage": doc.meta.get("lang", "sv"), "isPartOf": report}
    else:
        data = {"@type": "WebPage", "name": title_of(doc) if doc else None, "url": page_url,
                "inLanguage": "sv", "about": report}
    data = {"@context": "https://schema.org", **{k: v for k, v in data.items() if v}}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
