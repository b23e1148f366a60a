"""The edition's redirects (`docs/_data/omdirigeringar.yml`) as data: read and checked (RD001-RD004) the
same way by `validate` and by the build (`site.redirects` writes the redirect pages)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..core import paths
from ..core.findings import Finding
from .data import load_mapping

REDIRECTS = Path(paths.REDIRECTS)
# `\Z`, not `$`: `$` also matches before a final newline, and a key "/x/\n" would build a folder named by it
URL_RE = re.compile(r"\A/(?:[a-z0-9-]+/)*(?:#[A-Za-z0-9][A-Za-z0-9:_.-]*)?\Z")
def split(url: str) -> tuple[str, str]:
    page, _, anchor = url.partition("#")
    return page, anchor


@dataclass
class Redirect:
    old: str
    new: str
    line: int


@dataclass
class Redirects:
    pages: dict[str, Redirect]    # old page URL -> redirect
    anchors: dict[str, Redirect]  # old page URL#anchor -> redirect
    rel: str

    def resolve(self, url: str) -> str:
        """Where an old URL leads now (itself when no redirect maps it)."""
        if url in self.anchors:
            return self.anchors[url].new
        page, anchor = split(url)
        if page in self.pages:
            return self.pages[page].new + (f"#{anchor}" if anchor else "")
        return url


def load_redirects(docs_dir: Path) -> tuple[Redirects, list[Finding]]:
    rel = f"{docs_dir.name}/{REDIRECTS.as_posix()}"
    entries, findings = load_mapping(docs_dir / REDIRECTS, rel)
    out = Redirects({}, {}, rel)
    for e in entries:
        old, new = e.key, e.value
        if not isinstance(old, str) or not isinstance(new, str) or not URL_RE.match(old) or not URL_RE.match(new):
            findings.append(Finding(rel, e.line, 1, "RD001", f"'{old}: {new}' is not 'old: new' with two paths "
                                    "below the site, like \"/kapitel/5/\" or \"/kapitel/5/#p-3\" — quote the "
                                    "old one"))
            continue
        r = Redirect(old, new, e.line)
        if "#" in old:
            if "#" not in new:
                findings.append(Finding(rel, e.line, 1, "RD002", f"'{old}' is an anchor: redirect it to an "
                                        "anchor (\"/kapitel/5/#p-4\"), not to a whole page"))
                continue
            out.anchors[old] = r
        else:
            if "#" in new:
                findings.append(Finding(rel, e.line, 1, "RD002", f"'{old}' is a page: redirect it to a page "
                                        "(its anchors follow it); map single anchors with their own entries"))
                continue
            out.pages[old] = r
    for r in out.anchors.values():
        old_page, new_page = split(r.old)[0], split(r.new)[0]
        if old_page != new_page and (old_page not in out.pages or out.pages[old_page].new != new_page):
            findings.append(Finding(rel, r.line, 1, "RD003", f"'{r.old}' can only lead to an anchor on "
                                    f"{old_page} or on the page {old_page} redirects to — add a page redirect "
                                    f"'\"{old_page}\": {new_page}' if the page moved"))
    for r in out.pages.values():
        if r.new in out.pages:
            findings.append(Finding(rel, r.line, 1, "RD004", f"'{r.old}' leads to '{r.new}', which is itself "
                                    f"redirected — point it at '{out.pages[r.new].new}'"))
    return out, findings


