"""MkDocs hook: the published site holds and sends only what its pages use (`schenk_edition.site.assets`):
unused files out, the edition's stylesheets as one minified bundle, its scripts minified, Material's stylesheets
without the rules no page can use (cached by content in .cache/assets/), the pages without the whitespace the
templates leave."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from schenk_edition.site import assets

_sources: list[str] = []  # the edition's stylesheets that assets.BUNDLE replaces, in extra_css order


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Every page links the bundle in place of the edition's own stylesheets (at the place of the first)."""
    global _sources
    _sources = assets.local_css(Path(config.docs_dir), config.extra_css)
    if _sources:
        first = config.extra_css.index(_sources[0])
        kept = [p for p in config.extra_css if str(p) not in _sources]
        kept.insert(first, assets.BUNDLE)
        config.extra_css[:] = kept
    return config


def on_post_page(output: str, page: Page | None, config: MkDocsConfig) -> str:
    return assets.collapse_whitespace(output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """404.html is a theme template, not a page: it loses the same whitespace."""
    return assets.collapse_whitespace(output) if template_name == "404.html" else output


# after the hooks that write pages of their own (redirect pages, /s/N/), before the CSP hook (-100)
@event_priority(-50)
def on_post_build(config: MkDocsConfig) -> None:
    assets.finish_site(Path(config.site_dir), Path(config.docs_dir), _sources,
                       assets.search_languages(config.plugins))
