"""XR001/XR002: the links between the pages of the edition, checked on the sources."""

from __future__ import annotations

from ..core.findings import Finding
from ..core.urls import resolve
from ..model.edition import Edition


def internal_links(ed: Edition) -> list[Finding]:
    """XR001/XR002: every link to another page of the edition resolves to a page and, if it names one, an
    anchor of that page — checked on the sources, without building."""
    out: list[Finding] = []
    anchors = ed.anchors()
    for d in ed.documents:
        for link in d.links:
            target = link.target
            if "://" in target or target.startswith(("mailto:", "/")):
                continue
            path, _, anchor = target.partition("#")
            if path and not path.endswith(".md"):
                continue
            resolved = resolve(d.path, path)[0] if path else d.path
            where = f"docs/{d.path}"
            if resolved not in anchors:
                out.append(Finding(where, link.line, link.col, "XR001", f"link '{target}' leads to no page of the "
                                   f"edition ('{resolved}' does not exist) — link to an existing .md file"))
            elif anchor and anchor not in anchors[resolved]:
                out.append(Finding(where, link.line, link.col, "XR002", f"link '{target}': page '{resolved}' has "
                                   f"no anchor '#{anchor}' — use an explicit id of that page"))
    return out
