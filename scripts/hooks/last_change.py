"""MkDocs hook: the date of each page's last change, from git (`schenk_edition.site.last_change`, one `git` call
per build), shown as "Senast ändrad …" by `overrides/partials/source-file.html`."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from schenk_edition.core.text import swedish
from schenk_edition.site.last_change import last_changes

_dates: dict[str, str] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    _dates.clear()
    _dates.update(last_changes(Path(config.docs_dir)))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    date = _dates.get(page.file.src_uri)
    if date:
        page.meta["senast_andrad"] = date
        page.meta["senast_andrad_text"] = swedish(date)
    return markdown
