"""MkDocs hook: metadata that reference managers and search engines read (Highwire Press, Dublin Core,
JSON-LD) and a meta description on every page (`schenk_edition.site.metadata`)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from schenk_edition.site import build, metadata


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not page.meta.get("description"):
        page.meta["description"] = metadata.description(content) or (page.title or config.site_name)
    return content


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    ed = build.edition(config)
    context["edition_head"] = metadata.head_tags(ed.work, ed.document(page.file.src_uri), ed, page.canonical_url,
                                                 config.site_url)
    return context
