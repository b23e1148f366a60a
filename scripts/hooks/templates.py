"""MkDocs hook: the themes' templates compiled once and kept by Jinja's bytecode cache (`schenk_edition.site.templates`)
instead of compiled anew in every build."""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from schenk_edition.site import templates


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    templates.use_bytecode_cache(env, Path(config.config_file_path).parent)
    return env
