"""MkDocs hook: the date of each page's last change, from git (`schenk_edition.site.last_change`, one `git` call
per build), shown as "Senast ändrad …" by `overrides/partials/source-file.html`. The git process starts before
the other hooks' pre-build work and runs beside the build; the first page waits for it."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from schenk_edition.core.text import swedish
from schenk_edition.site.last_change import start

_dates: Callable[[], dict[str, str]] = dict


@event_priority(100)  # first: git runs while the edition is read
def on_pre_build(config: MkDocsConfig) -> None:
    global _dates
    _dates = start(Path(config.docs_dir))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    date = _dates().get(page.file.src_uri)
    if date:
        page.meta["senast_andrad"] = date
        page.meta["senast_andrad_text"] = swedish(date)
    return markdown
