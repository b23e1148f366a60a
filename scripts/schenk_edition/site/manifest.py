"""Stable URLs: the committed manifest of every published URL and anchor (`stable-urls.txt`). The redirects
that keep an old URL working when a page or an anchor moves: `site.redirects`.

Manifest lines are paths below `site_url`, one a line, sorted:

    /kapitel/5/             a page
    /kapitel/5/#s-26        an id inside the page's article (page starts, paragraphs, quotes, footnotes, headings)
    /s/26/                  a redirect page (the `/s/N/` pages and our own redirects): the URL only

The theme's own files (assets, search index, sitemap, 404 page) and the theme's ids outside the article are
not part of it. The manifest only grows: `python -m schenk_edition manifest` keeps every entry it already
has and refuses to write while one of them is lost.
"""

from __future__ import annotations

from pathlib import Path

from ..core.findings import Finding
from ..core.ids import TERM_DEFINITION_PREFIX
from .redirects import ID_ATTR, Redirects, load_redirects

MANIFEST_NAME = "stable-urls.txt"
_REFRESH = 'http-equiv="refresh"'


def published(site: Path) -> set[str]:
    """Every page URL of a built site and every id inside each page's article; redirect pages as URLs."""
    urls: set[str] = set()
    for path in site.rglob("index.html"):
        rel = path.parent.relative_to(site).as_posix()
        if rel.split("/")[0] in ("assets", "search"):
            continue
        url = "/" if rel == "." else f"/{rel}/"
        urls.add(url)
        text = path.read_text(encoding="utf-8")
        if _REFRESH in text:
            continue
        start, end = text.find("<article"), text.find("</article>")
        if start < 0 or end < 0:
            continue
        if url in UNPROMISED_ANCHORS_ON:
            continue
        urls.update(f"{url}#{i}" for i in ID_ATTR.findall(text[start:end]) if not i.startswith(UI_IDS))
    return urls


# Not promised: the ids of the edition's controls (the cite box; the hidden definitions that the quote
# annotations' term links name, `core.ids.term_definition_id`), and the anchors of the one-page print view,
# which repeats every page's anchors under prefixed ids (its URL is promised; cite the pages themselves).
UI_IDS = ("citera-", TERM_DEFINITION_PREFIX)
UNPROMISED_ANCHORS_ON = {"/utskrift/"}


def read_manifest(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def lost(entries: list[str], site: Path, redirects: Redirects) -> list[str]:
    """The manifest entries a build no longer serves, even through a redirect."""
    built = published(site)
    return [e for e in entries if e not in built and redirects.resolve(e) not in built]


def check(manifest: Path, site: Path, docs_dir: Path) -> tuple[list[Finding], list[str]]:
    """(findings for lost entries, entries the build publishes that the manifest lacks)."""
    redirects, findings = load_redirects(docs_dir)
    entries = read_manifest(manifest)
    rel = manifest.name
    for url in lost(entries, site, redirects):
        line = entries.index(url) + 1 + _header_lines(manifest)
        findings.append(Finding(rel, line, 1, "SU001", f"the build no longer publishes '{url}' — restore the "
                                "page or id, or add a redirect for it to docs/_data/omdirigeringar.yml "
                                "(CONTRIBUTING.md, \"Rename or move a page\")"))
    new = sorted(published(site) - set(entries))
    return findings, new


def _header_lines(manifest: Path) -> int:
    n = 0
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            break
        n += 1
    return n


HEADER = """\
# Every URL the edition has published, below site_url: pages, the ids inside them, redirect pages.
# Never remove a line: a moved page or anchor gets a redirect in docs/_data/omdirigeringar.yml.
# Written by `python -m schenk_edition manifest`; checked by `make test`.
"""


def write(manifest: Path, site: Path, docs_dir: Path) -> tuple[list[Finding], int]:
    """Add the build's new URLs to the manifest; refuse while any old entry is lost."""
    findings, new = check(manifest, site, docs_dir)
    if any(f.severity == "error" for f in findings):
        return findings, 0
    entries = sorted(set(read_manifest(manifest)) | set(new))
    manifest.write_text(HEADER + "".join(f"{e}\n" for e in entries), encoding="utf-8")
    return findings, len(new)
