"""MkDocs hook: the edition read once per build. Before the build it reads the whole edition with the project's
parser, publishes it for the build (`model.edition.current`, which the Markdown extension
`schenk_edition.render.markup` reads) and stops the build with `path:line:col: CODE message` lines if anything
is malformed. The pages' own constructs are rendered by that extension (mkdocs.yml `markdown_extensions`)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from schenk_edition.site import build


def on_pre_build(config: MkDocsConfig) -> None:
    build.start(config)
