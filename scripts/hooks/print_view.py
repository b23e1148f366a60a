"""MkDocs hook: `/utskrift/`, the whole edition on one page for print (`schenk_edition.site.print_view`)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from schenk_edition.site import build, print_view


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.file.src_uri != print_view.PAGE:
        return context
    page.content = (page.content or "") + print_view.assemble(build.edition(config), nav.pages, page.url)
    return context
