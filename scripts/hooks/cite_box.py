"""MkDocs hook: the cite box ("Citera") of every page and its downloads in `citera/`, and the edition's
version for the footer (`schenk_edition.site.cite_box`)."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from schenk_edition.site import build, cite_box


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path, content in cite_box.downloads(build.edition(config), config.site_url or ""):
        files.append(File.generated(config, path, content=content))
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["utgava"] = cite_box.version(build.edition(config), config.repo_url or "")
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    ed = build.edition(config)
    context["citera"] = cite_box.context(ed, ed.document(page.file.src_uri), page.url, page.canonical_url,
                                         config.site_url or "")
    return context
