"""MkDocs hook: the report's citations, formatted by pandoc with the edition's CSL, with no plugin
(`schenk_edition.site.citations`: the bibliography checked, every citation of the build formatted in one pandoc
run cached by content hash, `@` in code left alone, the page's own list of references after each page)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from schenk_edition.site import build, citations


def on_pre_build(config: MkDocsConfig) -> None:
    citations.format_build(build.edition(config), Path(config.config_file_path).parent)


@event_priority(100)  # before the edition's markup reads the page
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    markdown = citations.unknown_citations(markdown, page.file.src_uri, build.edition(config))
    return citations.cite_page(markdown)


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return citations.page_content(html_text, page.file.src_uri)
