"""MkDocs hook: the report's citations through mkdocs-bibtex, fast and readable (`schenk_edition.site.citations`:
the bibliography checked before the plugin reads it, every citation formatted in one pandoc run, `@` in code
hidden from the plugin, the citation notes moved into the page's own list of references)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from schenk_edition.site import build, citations


@event_priority(100)  # before mkdocs-bibtex reads the bibliography
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    citations.check_bibliography(config)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    citations.format_build(config)


@event_priority(100)  # before mkdocs-bibtex
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    markdown = citations.unknown_citations(markdown, page.file.src_uri, build.edition(config))
    return citations.protect_code(markdown)


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return citations.page_content(html_text, page.file.src_uri)
