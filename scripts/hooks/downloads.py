"""MkDocs hook: the quote register's data as downloads (`schenk_edition.site.downloads`)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from schenk_edition.site import build, downloads


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for name, content in downloads.downloads(build.edition(config)):
        files.append(File.generated(config, name, content=content))
    return files
