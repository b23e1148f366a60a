"""MkDocs hook: the Content-Security-Policy meta of every built page, with the hashes of its inline scripts
(`schenk_edition.site.csp`). Runs after every other hook has written its pages. Not under `mkdocs serve`:
its live-reload script is inline and added after the build."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from schenk_edition.site import csp

_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    if not _serving:
        csp.add_policies(Path(config.site_dir))
