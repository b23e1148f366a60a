"""MkDocs hook: two fixes to Material's markup that axe-core flags (tests/browser/): the search dialog
(`role="dialog"`) gets a name, and the page's source facts (`<aside class="md-source-file">`, the
last-change date, inside <main>/<article>) become a plain block: an aside inside another landmark is
a complementary landmark nested where it must not be."""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SOURCE_FILE = re.compile(r'<aside class="md-source-file">(.*?)</aside>', re.S)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Sök i utgåvan">', 1)
    return SOURCE_FILE.sub(r'<div class="md-source-file">\1</div>', output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """404.html is a theme template, not a page: it gets the same fixes."""
    return on_post_page(output, None, config) if template_name == "404.html" else output
