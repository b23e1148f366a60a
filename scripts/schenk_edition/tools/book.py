"""The whole edition as one book, read from the BUILT site: the parts of `/utskrift/` (the start page, every
unit of the report in reading order, the editorial principles; `site.print_view` put them together with ids
unique across the page) followed by the registers the print view leaves out, the references and the quote
register, rewritten by the same function (`print_view.rewrite`) so that their links to the text become links
inside the book. The PDF (`tools.pdf`) and the EPUB (`tools.epub`) are made from this; both print the
edition's version (`core.release.release`) on their title page.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.paths import QUOTE_PAGE, REFERENCES_PAGE
from ..core.release import Release
from ..core.urls import url_of
from ..model.edition import Edition
from ..model.harvard import EDITION_KIND, harvard_report
from ..site import print_view

BOOK_URL = "utskrift/"  # the print view, the base of the book
REGISTERS = (REFERENCES_PAGE, QUOTE_PAGE)  # added after the text, in this order
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)
_SECTION = re.compile(r'<section class="utskrift-del" id="del-([^"]+)">\n(.*?)\n</section>', re.S)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')
_TAG = re.compile(r"<[^>]+>")
_HREF = re.compile(r'href="([^"]*)"')


@dataclass(frozen=True)
class Part:
    prefix: str  # `kapitel-5`: the section's id is `del-kapitel-5`
    title: str   # the part's heading as plain text
    html: str    # the part's HTML, ids unique across the book


@dataclass(frozen=True)
class Book:
    site_url: str
    release: Release
    parts: tuple[Part, ...]
    page: str  # the built /utskrift/ page, whole


def _inside(m: re.Match, held: dict[str, str]) -> str:
    """An href of the print view (relative to /utskrift/) to a register the book holds, as a link inside it."""
    path, _, fragment = m.group(1).partition("#")
    target = posixpath.normpath(posixpath.join(BOOK_URL, path)) + "/"
    if path.startswith(("http:", "https:", "#")) or not path or target not in held:
        return m.group(0)
    prefix = held[target]
    return f'href="#{print_view.local_id(prefix, fragment) if fragment else "del-" + prefix}"'


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", _HEADERLINK.sub("", fragment))).split())


def article(page: str) -> str:
    m = _ARTICLE.search(page)
    if not m:
        raise ValueError("no <article class=\"md-content__inner md-typeset\"> in the built page")
    return m.group(1)


def read(site: Path, ed: Edition, rel: Release) -> Book:
    """The book from the built site in `site` (run `make build` first)."""
    path = site / BOOK_URL / "index.html"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: build the site first (`make build`)")
    page = path.read_text(encoding="utf-8")
    site_url = _CANONICAL.search(page).group(1).removesuffix(BOOK_URL)
    sections = [(prefix, content) for prefix, content in _SECTION.findall(article(page))]
    registers = [url_of(p) for p in REGISTERS]
    # every part of the book and its id prefix, as the print view names them
    parts = {url: print_view.prefix_of(url) for url in (url_of(d.path) for d in ed.documents)}
    present = {prefix for prefix, _ in sections} | {print_view.prefix_of(u) for u in registers}
    parts = {url: prefix for url, prefix in parts.items() if prefix in present}
    # the print view linked its parts to the registers on the web; in the book they are inside it
    held = {url: parts[url] for url in registers}
    sections = [(prefix, _HREF.sub(lambda m: _inside(m, held), content)) for prefix, content in sections]
    for url in registers:
        content = article((site / url / "index.html").read_text(encoding="utf-8"))
        sections.append((parts[url], print_view.rewrite(content, url, parts, BOOK_URL)))
    out = []
    for prefix, content in sections:
        h1 = _H1.search(content)
        out.append(Part(prefix, text_of(h1.group(1)) if h1 else prefix, content))
    return Book(site_url, rel, tuple(out), page)


def title_page(ed: Edition, book: Book, print_labels: bool = True) -> list[tuple[str, str]]:
    """The title page's lines (CSS class, HTML): the report's data, then the edition's with its version.
    `print_labels`: the page numbers stand in the margin (the PDF), else in the page list (the EPUB)."""
    work = ed.work
    title, _, subtitle = work.title.partition(" – ")
    authors = ", ".join(f"{a.given} {a.family}" for a in work.authors)
    series = " ".join(x for x in (work.series, work.number) if x)
    esc = html.escape
    version, date = book.release
    return [
        ("forfattare", esc(authors)),
        ("titel", esc(title)),
        ("undertitel", esc(subtitle)),
        ("rapport", esc(f"{series} · {work.institution}, {work.address} {work.year} · ISBN {work.isbn}")),
        ("utgava", esc(f"{EDITION_KIND}, version {version}, {date.isoformat()}")),
        ("adress", esc(book.site_url)),
        ("citering", "Citera rapporten: " + harvard_report(work, as_html=True)),
        ("rattigheter", esc(ed.rights)),
        ("om", ("Den tryckta rapportens sidnummer står i marginalen, fotnoterna efter varje del. " if print_labels
                else "Den tryckta rapportens sidnummer finns i sidlistan, fotnoterna är länkade noter. ")
         + "Vad utgåvan ändrar och lägger till står i Om utgåvan."),
    ]
