"""MkDocs hook: the edition's own Markdown constructs (page markers, quotes, editorial notes, paragraph ids,
registers). Before the build it reads the whole edition with the project's parser and stops the build with
`path:line:col: CODE message` lines if anything is malformed; then it renders each page from the same model."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts.edition import edition as edition_model
from scripts.edition.model import parse
from scripts.edition.render import render_page

_edition: edition_model.Edition | None = None


def on_pre_build(config) -> None:
    global _edition
    docs_dir = Path(config.docs_dir)
    _edition = edition_model.load_cached(docs_dir, Path(config.config_file_path))
    errors = [f for f in _edition.findings if f.severity == "error"]
    if errors:
        raise PluginError("the edition's Markdown has errors:\n" + "\n".join(str(f) for f in errors))


def on_page_markdown(markdown: str, page, config, files) -> str:
    assert _edition is not None
    doc = parse(markdown, page.file.src_uri)
    return render_page(doc, _edition, page.meta)
