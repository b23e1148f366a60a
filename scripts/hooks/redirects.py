"""MkDocs hook: the edition's own redirects (`docs/_data/omdirigeringar.yml`, no plugin). A moved page's old
URL becomes a small redirect page; a moved anchor's old id stays alive as an empty element right before its
new target. A malformed or impossible redirect stops the build with `path:line:col: CODE message`."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from schenk_edition.site import redirects

_redirects: redirects.Redirects | None = None
_findings: list = []


def _stop(findings: list) -> None:
    if findings:
        raise PluginError("the redirects have errors:\n" + "\n".join(str(f) for f in findings))


def on_pre_build(config: MkDocsConfig) -> None:
    global _redirects, _findings
    _redirects, findings = redirects.load_redirects(Path(config.docs_dir))
    _findings = []
    _stop(findings)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    assert _redirects is not None
    url = "/" + page.url
    output, findings = redirects.keep_anchors(output, url, _redirects)
    _findings.extend(findings)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    assert _redirects is not None
    _stop(_findings + redirects.write_page_redirects(Path(config.site_dir), _redirects))
