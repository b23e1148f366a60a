"""The one Harvard form (in Swedish) of the report and of the edition's pages: the cite box, the start page and
citat.json all print these."""

from __future__ import annotations

import html

from .bibliography import Work
from .pages import Pages, page_label

EDITION_KIND = "Digital utgåva"
EDITORS = "utgåvans redaktörer"  # CITATION.cff names no persons: the edition's editors as a body


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


def harvard_edition(work: Work, part: str | None, url: str, accessed: str, as_html: bool = False,
                    version: str | None = None) -> str:
    """The edition's page: `Schenk, A. (2015). 7. Hur får man göra? I: *Titel*. Research Reports in Social
    Work 2015:2. Digital utgåva, utg. av utgåvans redaktörer, version 1.0.0, 2026-11-28. https://… (Hämtad
    2026-11-23).` (`version`: the edition's version, `core.release.label`)."""
    esc = html.escape if as_html else (lambda s: s)
    title = f"<i>{esc(work.title)}</i>" if as_html else work.title
    head = f"{esc(_authors_harvard(work))} ({esc(work.year)}). "
    body = f"{esc(_sentence(part))} I: {title}" if part else title
    date = f'<time class="citera-datum" datetime="{esc(accessed)}">{esc(accessed)}</time>' if as_html \
        else accessed
    link = f'<a class="citera-url" href="{esc(url)}">{esc(url)}</a>' if as_html else url
    edition = f"{EDITION_KIND}, utg. av {EDITORS}" + (f", {version}" if version else "")
    return f"{head}{body}. {esc(_series(work))}{esc(edition)}. {link} (Hämtad {date})."


def _sentence(text: str) -> str:
    """A title as a sentence: `Hur får man göra?` stays, `Förord` -> `Förord.`"""
    return text if text.endswith((".", "?", "!")) else text + "."
