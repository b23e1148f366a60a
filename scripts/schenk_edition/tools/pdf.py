"""The whole edition as one PDF: `make pdf` (`python -m schenk_edition pdf`) writes
`dist/schenk-utgava-<version>.pdf` from the built site.

The book (`tools.book`): a title page with the report's and the edition's data and version, a table of
contents with the PDF's page numbers, then the print view `/utskrift/` (every unit of the report in reading
order, the printed page labels "s. N" in the outer margin, the footnotes after each part, the references of
each part) and the registers it leaves out (the references, the quote register). A4 from the print
stylesheet (docs/stylesheets/utskrift.css); a footer with the title, the version and the page number.

Renderer: Debian's Chromium through Playwright (`page.pdf(outline=True, tagged=True)`), not WeasyPrint. The
print stylesheet is written for Chromium and tested in it (tests/browser/test_print.py: the page labels
level with their lines, 11 pt, 75 characters a line), Chromium is already installed for the browser tests,
and it gives an outline (bookmarks) from the headings and a tagged PDF with selectable text. WeasyPrint
would give footnotes at the foot of the page (`float: footnote`) and `target-counter()` page numbers, but
it lays out Material's stylesheets differently from the browsers the print view is tested in, and the
margin labels would have to be tested again in a second engine; footnotes here stand after each part, as
on the web and in the print view. The table of contents gets its page numbers from a first rendering's
outline (two passes; the numbers take the same room in both). Chromium writes only the title into the
document information; the author, subject, keywords and language are added with pypdf (PyPI, pinned).
"""

from __future__ import annotations

import html
import io
from pathlib import Path

from ..core.release import Release, file_name
from ..model.edition import Edition
from . import book as book_model
from . import browser as browser_model

LANGUAGE = "sv"
SUBJECT = ("Försäkringskassans personliga handläggare: yrkesrollen mellan handläggare och administratör. "
           "Digital utgåva av rapporten med den tryckta rapportens sidnummer, fotnoter, referenser och citat.")
KEYWORDS = "Försäkringskassan; personlig handläggare; street-level bureaucracy; digital utgåva"
PLACEHOLDER = "000"  # a page number in the first pass: as wide as the numbers of the second

# The book's own rules, beside the print stylesheet: the title page and the table of contents.
STYLE = """
@media print {
  .bok-titelsida { break-after: page; padding-top: 3cm; }
  .bok-titelsida p { margin: 0 0 0.8em; }
  .bok-titelsida .forfattare { font-size: 1.3em; }
  .bok-titelsida .titel { font-size: 2em; font-weight: 700; line-height: 1.2; margin-top: 1.5em; }
  .bok-titelsida .undertitel { font-size: 1.3em; margin-bottom: 2.5em; color: #000; }
  .bok-titelsida .utgava { font-weight: 700; margin-top: 2.5em; }
  .bok-titelsida .citering, .bok-titelsida .rattigheter, .bok-titelsida .om { font-size: 0.85em; }
  .bok-innehall { break-after: page; }
  .bok-innehall ol { list-style: none; padding: 0; margin: 0; }
  .bok-innehall li { display: flex; gap: 0.5em; margin: 0 0 0.3em; }
  .md-typeset .bok-innehall li a { flex: 1; color: inherit; text-decoration: none; }
  .bok-innehall li .sida { min-width: 2em; text-align: right; font-variant-numeric: tabular-nums; }
  /* the quote register's explorer is a tool of the web page (its script, its reserved room): not printed */
  .md-typeset .utforskare { display: none !important; }
  /* the start page's own list of contents is the book's table of contents */
  #start-innehall, #start-innehall + ul { display: none; }
}
"""


def _footer(rel: Release) -> str:
    return ('<div style="width:100%; font: 8pt \'Liberation Sans\', Arial, sans-serif; text-align: center;">'
            f'Mellan handläggare och administratör · digital utgåva, version {html.escape(rel.version)} · '
            '<span class="pageNumber"></span></div>')


def book_page(ed: Edition, book: book_model.Book, pages: dict[str, int] | None) -> str:
    """The built /utskrift/ page with the book's article: title page, contents (`pages`: the PDF page of
    each part, None in the first pass), the parts and the registers."""
    title = "".join(f'<p class="{cls}">{line}</p>\n' for cls, line in book_model.title_page(ed, book))
    toc = "".join(
        f'<li><a href="#del-{p.prefix}">{html.escape(p.title)}</a>'
        f'<span class="sida">{pages.get(p.prefix, "") if pages else PLACEHOLDER}</span></li>\n'
        for p in book.parts)
    body = "\n".join(f'<section class="utskrift-del" id="del-{p.prefix}">\n{p.html}\n</section>' for p in book.parts)
    article = (f'<div class="bok-titelsida">\n{title}</div>\n'
               f'<nav class="bok-innehall" aria-labelledby="bok-innehall-rubrik">'
               f'<h2 id="bok-innehall-rubrik">Innehåll</h2>\n<ol>\n{toc}</ol></nav>\n{body}')
    page = book.page
    old = book_model.article(page)
    start = page.index(old)
    page = page[:start] + article + page[start + len(old):]
    full_title = f"{ed.work.title.partition(' – ')[0]} – digital utgåva, version {book.release.version}"
    page = page.replace(page[page.index("<title>"):page.index("</title>") + 8],
                        f"<title>{html.escape(full_title)}</title>", 1)
    return page.replace("</head>", f"<style>{STYLE}</style>\n</head>", 1)


def _print(browser, site: Path, book: book_model.Book, page_html: str, footer: str) -> bytes:
    """Chromium prints the book page as if served at the site's own address (so that links in the PDF
    point to the published edition), every file answered from the built site, nothing fetched."""
    context = browser.new_context(locale="sv-SE")
    here = book.site_url + book_model.BOOK_URL

    def route(r):
        url = r.request.url.split("#")[0].split("?")[0]
        if url == here:
            return r.fulfill(body=page_html, content_type="text/html; charset=utf-8")
        if url.startswith(book.site_url):
            path = site / url[len(book.site_url):]
            path = path / "index.html" if url.endswith("/") else path
            if path.is_file():
                return r.fulfill(path=str(path))
        return r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.goto(here, wait_until="networkidle")
    data = pg.pdf(format="A4", prefer_css_page_size=True, print_background=False, outline=True, tagged=True,
                  display_header_footer=True, header_template="<span></span>", footer_template=footer)
    context.close()
    return data


def outline_pages(data: bytes) -> list[tuple[str, int]]:
    """(title, page number from 1) of the top-level entries of a PDF's outline."""
    from pypdf import PdfReader  # here and below, not at import: `python -m schenk_edition validate` starts fast

    reader = PdfReader(io.BytesIO(data))
    return [(item.title, reader.get_destination_page_number(item) + 1)
            for item in reader.outline if not isinstance(item, list)]


def metadata(data: bytes, ed: Edition, rel: Release) -> bytes:
    """The document information and language Chromium does not write."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    work = ed.work
    writer.add_metadata({
        "/Title": f"{work.title} – digital utgåva, version {rel.version}",
        "/Author": ", ".join(f"{a.given} {a.family}" for a in work.authors),
        "/Subject": SUBJECT,
        "/Keywords": KEYWORDS,
        "/Creator": f"schenk_edition pdf, version {rel.version} ({rel.date.isoformat()})",
    })
    writer._root_object[NameObject("/Lang")] = TextStringObject(LANGUAGE)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def part_pages(book: book_model.Book, found: list[tuple[str, int]]) -> dict[str, int] | None:
    """The PDF page of each part from the outline's top level (in order), None when one is missing."""
    pages, at = {}, 0
    for part in book.parts:
        # Chromium drops the space where a heading breaks over two lines: compare without spaces
        hit = next((i for i in range(at, len(found)) if _squeeze(found[i][0]) == _squeeze(part.title)), None)
        if hit is None:
            return None
        pages[part.prefix], at = found[hit][1], hit + 1
    return pages


# On a busy machine (load about 20 on 2 cores) Chromium once wrote an outline that stopped after chapter 8
# (its outline and tags come from the page's accessibility tree); the same page printed again was whole. A
# rendering whose outline lacks a part is therefore printed again, and the build fails after ATTEMPTS.
ATTEMPTS = 3


def _print_with_outline(browser, site, book, page_html, footer) -> tuple[bytes, dict[str, int]]:
    found: list[tuple[str, int]] = []
    for _ in range(ATTEMPTS):
        data = _print(browser, site, book, page_html, footer)
        found = outline_pages(data)
        pages = part_pages(book, found)
        if pages is not None:
            return data, pages
    raise ValueError(f"the PDF outline lacks parts of the book after {ATTEMPTS} renderings: {found}")


def _squeeze(text: str) -> str:
    return "".join(text.split())


def build(site: Path, out_dir: Path, ed: Edition, rel: Release, browser=None) -> Path:
    """Render the PDF of the built site into `out_dir`; returns its path. `browser`: a Playwright Chromium
    already running (the browser tests' own; one process holds one Playwright), else one is launched."""
    from playwright.sync_api import sync_playwright

    book = book_model.read(site, ed, rel)
    footer = _footer(rel)

    def render(b) -> bytes:
        _, pages = _print_with_outline(b, site, book, book_page(ed, book, None), footer)
        data, final = _print_with_outline(b, site, book, book_page(ed, book, pages), footer)
        if final != pages:  # the numbers take the same room in both passes: this does not happen
            raise ValueError(f"the table of contents moved the parts: {pages} -> {final}")
        return data

    if browser is not None:
        data = render(browser)
    else:
        if problem := browser_model.missing():
            raise FileNotFoundError(problem)
        with sync_playwright() as p:
            own = p.chromium.launch(executable_path=str(browser_model.executable()), headless=True,
                                    args=list(browser_model.ARGS))
            try:
                data = render(own)
            finally:
                own.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.pdf"):  # dist/ holds one PDF: the current version's
        old.unlink()
    path = out_dir / file_name("pdf", rel.version)
    path.write_bytes(metadata(data, ed, rel))
    return path

