"""MkDocs hook: fixes to markup that axe-core flags (tests/browser/): the search dialog (`role="dialog"`) gets a
name; the page's source facts (`<aside class="md-source-file">`, the last-change date, inside <main>/<article>)
become a plain block: an aside inside another landmark is a complementary landmark nested where it must not be;
each part of the print view gets the height it stands in at until it is rendered (`part_heights`)."""

from __future__ import annotations

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SOURCE_FILE = re.compile(r'<aside class="md-source-file">(.*?)</aside>', re.S)
PART = re.compile(r'<section class="utskrift-del" id="(del-[\w-]+)">')
# Measured 2026-11 at 320 px (the narrowest width the browser tests read), content-visibility off: a part is
# 0.70–1.34 px high a character of its text (lists and tables the most). Twice that, and a screen more, keeps
# every stand-in above its part's real height at any width from about 260 px up.
PX_PER_CHARACTER = 2
PX_MORE = 1000


def part_heights(output: str) -> str:
    """The print view (its parts: `<section class="utskrift-del" id="del-…">`, schenk_edition.site.print_view)
    with the height each part stands in at before it is rendered (docs/stylesheets/utskrift.css: `--del-hojd`),
    from the length of its text up to the next part: one `<style>` in <head>, the parts' markup untouched (the
    book, tools/book.py, reads it)."""
    starts = list(PART.finditer(output))
    if not starts:
        return output
    article_end = output.find("</article>", starts[-1].end())
    ends = [m.start() for m in starts[1:]] + [article_end if article_end >= 0 else len(output)]
    rules = []
    for m, end in zip(starts, ends):
        text = len(html.unescape(re.sub(r"<[^>]*>", "", output[m.end():end])))
        rules.append(f"#{m.group(1)}{{--del-hojd:{PX_PER_CHARACTER * text + PX_MORE}px}}")
    return output.replace("</head>", f"<style>{''.join(rules)}</style>\n</head>", 1)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Sök i utgåvan">', 1)
    return part_heights(SOURCE_FILE.sub(r'<div class="md-source-file">\1</div>', output))


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """404.html is a theme template, not a page: it gets the same fixes."""
    return on_post_page(output, None, config) if template_name == "404.html" else output
