"""MkDocs hook: `/s/N/` leads to the page of the edition where printed page N begins (`…#s-N`)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from schenk_edition.site import build, page_links


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """The printed pages that have a `/s/N/` address, for the 404 page (overrides/404.html)."""
    env.globals["tryckta_sidor"] = page_links.printed_pages(build.edition(config))
    return env


def on_post_build(config: MkDocsConfig) -> None:
    page_links.write_page_links(build.edition(config), Path(config.site_dir))
