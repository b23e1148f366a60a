"""The whole edition as an EPUB 3: `make epub` (`python -m schenk_edition epub`) writes
`dist/schenk-utgava-<version>.epub` from the built site.

Our own writer, not pandoc: the book (`tools.book`: the parts of `/utskrift/` and the registers, ids unique
across the book) is serialised part by part as XHTML, keeping the page markers' ids (`s-N`) so that a
`page-list` navigation can map every printed page to its place (`epub:type="pagebreak"`); pandoc's EPUB
writer has no page list and does not keep the markers as page breaks. Footnotes become EPUB notes
(`epub:type="footnote"` asides, `noteref` links), `lang` gets its `xml:lang` (the English summary), and the
package carries the accessibility metadata (schema.org access modes, features, hazards, summary) and the
printed edition as the source of the page breaks: `dc:source` refined by `source-of pagination`, the EPUB 3.2
form. Its successor, the `pageBreakSource` property, is still incubating and Debian's EPUBCheck (4.2.6)
reports it as an undefined property, an error; add it when the checker knows it. Links inside the book stay
inside it; other links go to the published edition. Checked by EPUBCheck (Debian's `epubcheck`) in
tests/test_epub.py. The archive is reproducible: every date in it is the version's date
(`core.release.release`).
"""

from __future__ import annotations

import html
import re
import uuid
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

from ..core.release import Release, file_name
from ..model.edition import Edition
from . import book as book_model

LANGUAGE = "sv"
PAGE_ID = re.compile(r"^s-(\d+)$")  # the page markers' ids (`core.ids.page_id`)
FOOTNOTE_ID = re.compile(r"fn:(\d+)$")
VOID = {"br", "hr", "img", "wbr", "col", "area", "source"}
KEEP_ATTRS = {"id", "class", "href", "lang", "title", "colspan", "rowspan", "value", "start", "datetime", "scope",
              "role", "aria-label"}
# whole elements left out: the web page's controls and scripts, the permalinks, the cite box
DROP_TAGS = {"script", "button", "svg", "form", "input", "label", "template", "style"}
DROP_CLASSES = {"headerlink", "md-content__button", "citera", "footnote-backref", "citat-permalank",
                "md-source-file", "referens-lankar"}
ACCESSIBILITY_SUMMARY = (
    "Texten är hela rapporten i läsordning med rubriker, en innehållsförteckning och den tryckta rapportens "
    "sidnummer (sidlista, s. 5–59); fotnoterna är länkade noter. Boken har inga bilder; tabellerna är "
    "texttabeller med rubrikceller. Den engelska sammanfattningen är märkt som engelska.")
STYLE = """body { font-family: serif; line-height: 1.45; margin: 0 4%; }
h1, h2, h3 { line-height: 1.25; }
.sidbrytning { display: inline; }
.sidbrytning::before { content: attr(title); font-family: sans-serif; font-size: 0.7em; color: #555;
  padding: 0 0.3em; }
div.sidbrytning { display: block; margin-top: 1em; }
aside.fotnot { font-size: 0.9em; margin: 0.4em 0; }
figure { margin: 1em 0 1em 1.5em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #999; padding: 0.2em 0.4em; vertical-align: top; }
.titelsida p { margin: 0 0 0.8em; }
.titelsida .titel { font-size: 1.8em; font-weight: bold; }
"""


def _classes(attrs: dict) -> set[str]:
    return set((attrs.get("class") or "").split())


class _Xhtml(HTMLParser):
    """HTML of the built site to XHTML for EPUB: well-formed, only the attributes EPUB needs, notes and page
    breaks marked with their `epub:type`, links resolved with `link`."""

    def __init__(self, link):
        super().__init__(convert_charrefs=True)
        self.link, self.out, self.stack, self.skip, self.skipping = link, [], [], 0, ""
        self.in_notes = 0  # depth inside a footnote list

    def handle_starttag(self, tag, attrs_list):
        attrs = {k: v for k, v in attrs_list}
        if self.skip:  # inside a dropped element: count only its own tag name (inner tags may be left open)
            self.skip += tag == self.skipping
            return
        # an element the page hides until a script shows it (the quote explorer) is a tool of the web page
        if tag in DROP_TAGS or _classes(attrs) & DROP_CLASSES or "hidden" in attrs:
            if tag not in VOID:
                self.skip, self.skipping = 1, tag
            return
        classes = _classes(attrs)
        extra: list[tuple[str, str]] = []
        if tag == "div" and "footnote" in classes:
            self.in_notes = len(self.stack) + 1
        name = tag
        if self.in_notes and tag == "hr":
            return
        if self.in_notes and tag == "ol":
            name, attrs = "div", {"class": "fotnoter"}
        elif self.in_notes and tag == "li" and FOOTNOTE_ID.search(attrs.get("id", "")):
            number = FOOTNOTE_ID.search(attrs["id"]).group(1)
            name = "aside"
            attrs = {"id": attrs["id"], "class": "fotnot", "role": "doc-footnote"}
            extra = [("epub:type", "footnote")]
            self._open(name, attrs, extra)
            self.out.append(f'<span class="fotnot-nummer">{number}. </span>')
            return
        if tag == "a" and "footnote-ref" in classes:
            extra = [("epub:type", "noteref")]
            attrs = dict(attrs, role="doc-noteref")
        if "sidbrytning" in classes and PAGE_ID.match(attrs.get("id", "")):
            n = PAGE_ID.match(attrs["id"]).group(1)
            attrs = {"id": attrs["id"], "class": "sidbrytning", "role": "doc-pagebreak", "title": f"s. {n}"}
            extra = [("epub:type", "pagebreak")]
        if tag in VOID:
            self.out.append(self._tag(name, attrs, extra) + "/>")
            return
        self._open(name, attrs, extra)

    def _tag(self, name, attrs, extra):
        parts = [name]
        for k, v in attrs.items():
            if k not in KEEP_ATTRS or v is None:
                continue
            if k == "href":
                v = self.link(v)
            if k == "role" and v not in ("doc-pagebreak", "doc-footnote", "doc-noteref", "note", "group"):
                continue
            parts.append(f'{k}="{html.escape(v, quote=True)}"')
            if k == "lang":
                parts.append(f'xml:lang="{html.escape(v, quote=True)}"')
        parts += [f'{k}="{html.escape(v, quote=True)}"' for k, v in extra]
        return "<" + " ".join(parts)

    def _open(self, name, attrs, extra):
        self.stack.append(name)
        self.out.append(self._tag(name, attrs, extra) + ">")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.skip:
            self.skip -= tag == self.skipping
            return
        if not self.stack:
            return
        name = self.stack.pop()
        if self.in_notes and len(self.stack) < self.in_notes:
            self.in_notes = 0
        self.out.append(f"</{name}>")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(html.escape(data, quote=False))


def xhtml(fragment: str, link) -> str:
    parser = _Xhtml(link)
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out)


def document(title: str, body: str, lang: str = LANGUAGE) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
            f'lang="{lang}" xml:lang="{lang}">\n<head>\n<meta charset="UTF-8"/>\n'
            f'<title>{html.escape(title)}</title>\n<link rel="stylesheet" type="text/css" href="bok.css"/>\n'
            f'</head>\n<body>\n{body}\n</body>\n</html>\n')


def chapters(ed: Edition, book: book_model.Book) -> tuple[list[tuple[str, str, str]], list[tuple[int, str]]]:
    """(file, title, XHTML) of the title page and every part; the page list (printed page, href)."""
    files = {p.prefix: f"{p.prefix}.xhtml" for p in book.parts}
    where: dict[str, str] = {}  # id -> file
    for p in book.parts:  # the ids the book keeps (not those of the elements it leaves out)
        where[f"del-{p.prefix}"] = files[p.prefix]
        for i in re.findall(r'\bid="([^"]+)"', xhtml(p.html, lambda h: h)):
            where.setdefault(html.unescape(i), files[p.prefix])
    base = book.site_url + book_model.BOOK_URL

    def link(href: str) -> str:
        if href.startswith("#"):
            target = href[1:]
            if target in where:
                return where[target] + ("" if target.startswith("del-") else href)
            return base + href  # an id the book does not hold: the print view on the web
        return urljoin(base, href)

    title = "".join(f'<p class="{cls}">{line}</p>\n'
                    for cls, line in book_model.title_page(ed, book, print_labels=False))
    out = [("titel.xhtml", "Titelsida",
            document("Titelsida", f'<section class="titelsida" epub:type="titlepage">\n{title}</section>'))]
    pages: list[tuple[int, str]] = []
    for p in book.parts:
        body = xhtml(p.html, link)
        out.append((files[p.prefix], p.title,
                    document(p.title, f'<section id="del-{p.prefix}" epub:type="chapter">\n{body}\n</section>')))
        pages += [(int(n), f"{files[p.prefix]}#s-{n}")
                  for n in re.findall(r'id="s-(\d+)"[^>]*epub:type="pagebreak"', body)]
    return out, pages


def nav(files: list[tuple[str, str, str]], pages: list[tuple[int, str]]) -> str:
    toc = "".join(f'<li><a href="{f}">{html.escape(t)}</a></li>\n' for f, t, _ in files[1:])
    page_list = "".join(f'<li><a href="{href}">{n}</a></li>\n' for n, href in pages)
    body = (f'<nav epub:type="toc" id="toc" role="doc-toc"><h1>Innehåll</h1>\n<ol>\n{toc}</ol></nav>\n'
            f'<nav epub:type="page-list" id="page-list" role="doc-pagelist" hidden="hidden">'
            f'<h2>Den tryckta rapportens sidor</h2>\n<ol>\n{page_list}</ol></nav>\n'
            f'<nav epub:type="landmarks" id="landmarks" hidden="hidden"><h2>Riktmärken</h2>\n<ol>\n'
            f'<li><a epub:type="titlepage" href="titel.xhtml">Titelsida</a></li>\n'
            f'<li><a epub:type="bodymatter" href="{files[1][0]}">Texten</a></li>\n</ol></nav>')
    return document("Innehåll", body)


def package(ed: Edition, book: book_model.Book, files: list[tuple[str, str, str]]) -> str:
    work = ed.work
    version, date = book.release
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, f"{book.site_url}#version-{version}")
    esc = html.escape
    title = f"{work.title} – digital utgåva, version {version}"
    authors = "".join(f'<dc:creator id="forfattare-{i}">{esc(f"{a.given} {a.family}")}</dc:creator>\n'
                      f'<meta refines="#forfattare-{i}" property="role" scheme="marc:relators">aut</meta>\n'
                      for i, a in enumerate(work.authors, 1))
    features = ["printPageNumbers", "tableOfContents", "structuralNavigation", "readingOrder", "pageNavigation"]
    meta = [
        f'<dc:identifier id="uid">urn:uuid:{identifier}</dc:identifier>',
        f"<dc:title>{esc(title)}</dc:title>", authors.rstrip("\n"),
        f"<dc:language>{LANGUAGE}</dc:language>",
        '<dc:language>en</dc:language>',
        f"<dc:date>{date.isoformat()}</dc:date>",
        f'<meta property="dcterms:modified">{date.isoformat()}T00:00:00Z</meta>',
        f"<dc:publisher>{esc(work.institution)}</dc:publisher>",
        f"<dc:rights>{esc(ed.rights)}</dc:rights>",
        f'<dc:source id="tryckt">urn:isbn:{esc(work.isbn)}</dc:source>',
        '<meta refines="#tryckt" property="source-of">pagination</meta>',
        '<meta property="schema:accessMode">textual</meta>',
        '<meta property="schema:accessModeSufficient">textual</meta>',
        *[f'<meta property="schema:accessibilityFeature">{f}</meta>' for f in features],
        '<meta property="schema:accessibilityHazard">none</meta>',
        f'<meta property="schema:accessibilitySummary">{esc(ACCESSIBILITY_SUMMARY)}</meta>',
    ]
    items = ['<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
             '<item id="css" href="bok.css" media-type="text/css"/>']
    items += [f'<item id="x-{f.removesuffix(".xhtml")}" href="{f}" media-type="application/xhtml+xml"/>'
              for f, _, _ in files]
    spine = "".join(f'<itemref idref="x-{f.removesuffix(".xhtml")}"/>\n' for f, _, _ in files)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" '
            f'xml:lang="{LANGUAGE}">\n'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n' + "\n".join(meta) + "\n</metadata>\n"
            "<manifest>\n" + "\n".join(items) + "\n</manifest>\n"
            f'<spine>\n{spine}</spine>\n</package>\n')


CONTAINER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
             '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
             '</rootfiles>\n</container>\n')


def build(site: Path, out_dir: Path, ed: Edition, rel: Release) -> Path:
    """Write the EPUB of the built site into `out_dir`; returns its path."""
    book = book_model.read(site, ed, rel)
    files, pages = chapters(ed, book)
    stamp = (rel.date.year, rel.date.month, rel.date.day, 0, 0, 0)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.epub"):  # dist/ holds one EPUB: the current version's
        old.unlink()
    path = out_dir / file_name("epub", rel.version)
    with zipfile.ZipFile(path, "w") as z:
        def add(name: str, text: str, method=zipfile.ZIP_DEFLATED):
            z.writestr(zipfile.ZipInfo(name, stamp), text.encode("utf-8"), compress_type=method)

        add("mimetype", "application/epub+zip", zipfile.ZIP_STORED)  # first, uncompressed
        add("META-INF/container.xml", CONTAINER)
        add("OEBPS/content.opf", package(ed, book, files))
        add("OEBPS/nav.xhtml", nav(files, pages))
        add("OEBPS/bok.css", STYLE)
        for name, _, text in files:
            add(f"OEBPS/{name}", text)
    return path
