"""Escaping of data (YAML, BibTeX) at the point of output: nothing a contributor writes in a data file reaches
HTML, Markdown or CSV as markup, a link or a formula."""

from __future__ import annotations

import html

# Characters that Markdown (Python-Markdown with attr_list, tables, footnotes) or mkdocs-bibtex reads as syntax:
# written as numeric character references, they are plain text to both and print as themselves.
_MARKDOWN = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()#!|@~^=:"}
# A spreadsheet evaluates a cell that begins with one of these (a formula, DDE), OWASP's list.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def html_text(value: object) -> str:
    """Data as HTML text or an attribute value: &, <, >, " and ' escaped."""
    return html.escape(str(value), quote=True)


def markdown_text(value: object) -> str:
    """Data placed in Markdown: HTML-escaped, and every Markdown construct (links, emphasis, attribute lists,
    table cells, citations) written as character references, so that it stays text."""
    return html_text(value).translate(_MARKDOWN)


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet would evaluate (`=HYPERLINK(…)`, `+1`, `-1`, `@SUM`, a leading tab or CR)
    gets a leading apostrophe, so that it stays text; other values are returned as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value
