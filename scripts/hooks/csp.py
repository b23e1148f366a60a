"""MkDocs hook: the Content-Security-Policy meta of every built page, with the hashes of its inline scripts
(`schenk_edition.site.csp`). A page gets it in `on_post_page`, after every other hook has changed the page and
before MkDocs writes it (no second reading and writing of the file); every other HTML file of the site (404,
redirect and `/s/N/` pages, written by other hooks) after the build. Not under `mkdocs serve`: its live-reload
script is inline and added after the build."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from schenk_edition.site import csp

_serving = False
_written: set[Path] = set()  # the pages of this build that have their policy


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(config: MkDocsConfig) -> None:
    _written.clear()


@event_priority(-100)  # the last: every other hook has changed the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _serving:
        return output
    _written.add(Path(page.file.abs_dest_path))
    return csp.with_policy(output)


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    if not _serving:
        csp.add_policies(Path(config.site_dir), _written)
