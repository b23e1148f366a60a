"""MkDocs hook: the report's footnotes keep their printed numbers (Python-Markdown numbers the notes of each
page from 1) and Swedish link titles."""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_REF = re.compile(r'(<sup id="fnref\d*:(\d+)"><a class="footnote-ref" href="#fn:\2")>\d+</a>')
_ITEM = re.compile(r'<li id="fn:(\d+)">')
_BACK = re.compile(r'(<a class="footnote-backref" href="#fnref\d*:(\d+)") title="[^"]*"')


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    html = _REF.sub(lambda m: f'{m.group(1)} aria-label="Fotnot {m.group(2)}">{m.group(2)}</a>', html)
    html = _ITEM.sub(lambda m: f'<li id="fn:{m.group(1)}" value="{m.group(1)}">', html)
    html = _BACK.sub(lambda m: f'{m.group(1)} title="Tillbaka till fotnot {m.group(2)} i texten"', html)
    return html
