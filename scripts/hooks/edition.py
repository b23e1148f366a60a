"""MkDocs hook: the edition's own Markdown constructs (page markers, quotes, editorial notes, paragraph ids,
registers). Before the build it reads the whole edition once with the project's parser and stops the build with
`path:line:col: CODE message` lines if anything is malformed; then it renders each page from the same model."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from schenk_edition.model.parser import parse
from schenk_edition.render.markup import render_page
from schenk_edition.site import build


def on_pre_build(config: MkDocsConfig) -> None:
    build.start(config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return render_page(parse(markdown, page.file.src_uri), build.edition(config), page.meta)
