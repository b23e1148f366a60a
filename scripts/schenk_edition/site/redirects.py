"""The edition's own redirects (`docs/_data/omdirigeringar.yml`) and the redirect pages (also the `/s/N/`
pages). Redirects, `old: new`:

    "/kapitel/9/": /bilaga/1/            a page that moved: its old URL becomes a small redirect page
    "/kapitel/5/#p-3": /kapitel/5/#p-4   an anchor that moved: the old id stays alive as an empty element
                                         right before the new target, so old links land there without script

An anchor can be redirected within its page, or to the page its old page redirects to.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from pathlib import Path

from ..core import paths
from ..core.findings import Finding
from ..core.urls import site_href
from ..model.data import load_mapping

REDIRECTS = Path(paths.REDIRECTS)
# `\Z`, not `$`: `$` also matches before a final newline, and a key "/x/\n" would build a folder named by it
URL_RE = re.compile(r"\A/(?:[a-z0-9-]+/)*(?:#[A-Za-z0-9][A-Za-z0-9:_.-]*)?\Z")
ID_ATTR = re.compile(r"""\sid=["']([^"']+)["']""")

_REDIRECT_PAGE = """<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{target}">
{script}<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p><a href="{target}">{text}</a></p>
</body>
</html>
"""
# A moved page carries the reader's #anchor along (a meta refresh alone would drop it).
_KEEP_FRAGMENT = '<script>location.replace("{target}" + location.hash)</script>\n'


def redirect_html(target: str, title: str, text: str, keep_fragment: bool = False) -> str:
    """A redirect page: meta refresh and canonical link; `target` is relative to the redirect page."""
    script = _KEEP_FRAGMENT.format(target=target.replace("\\", "\\\\").replace('"', '\\"')) if keep_fragment else ""
    return _REDIRECT_PAGE.format(title=html_lib.escape(title), text=html_lib.escape(text),
                                 target=html_lib.escape(target), script=script)


def write_redirect_page(site: Path, url: str, target: str, title: str, text: str,
                        keep_fragment: bool = False) -> None:
    """Write the redirect page for `url` (`/s/26/`) to `target` (`/kapitel/5/#s-26`), both below site_url."""
    out = site / url.strip("/") / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(redirect_html(site_href(url, target), title, text, keep_fragment), encoding="utf-8")


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


def write_page_redirects(site: Path, redirects: Redirects) -> list[Finding]:
    """Called after the build: one redirect page for each page that moved."""
    findings = []
    for r in sorted(redirects.pages.values(), key=lambda r: r.line):
        if (site / r.old.strip("/") / "index.html").exists():
            findings.append(Finding(redirects.rel, r.line, 1, "RD005", f"the site still publishes '{r.old}': a "
                                    "redirect only maps a URL the build no longer has — remove the entry"))
            continue
        if not (site / r.new.strip("/") / "index.html").exists():
            findings.append(Finding(redirects.rel, r.line, 1, "RD006", f"'{r.old}' leads to '{r.new}', which "
                                    "the build does not publish — check the new address"))
            continue
        write_redirect_page(site, r.old, r.new, "Sidan har flyttats", "Sidan har flyttats hit",
                            keep_fragment=True)
    return findings


def keep_anchors(output: str, url: str, redirects: Redirects) -> tuple[str, list[Finding]]:
    """Keep each old anchor that now leads into page `url` alive right before its new target."""
    findings = []
    for r in sorted(redirects.anchors.values(), key=lambda r: r.line):
        new_page, new_anchor = split(r.new)
        if new_page != url:
            continue
        old_anchor = split(r.old)[1]
        start = output.find("<article")
        end = output.find("</article>")
        article = output[start:end] if start >= 0 <= end else output
        ids = set(ID_ATTR.findall(article))
        if old_anchor in ids:
            findings.append(Finding(redirects.rel, r.line, 1, "RD007", f"'{r.old}': the page still has the id "
                                    f"'{old_anchor}' — the anchor did not move; remove the entry"))
            continue
        m = re.search(r"""<[A-Za-z][A-Za-z0-9]*\s[^>]*\bid=["']""" + re.escape(new_anchor) + "[\"']", article)
        if not m:
            findings.append(Finding(redirects.rel, r.line, 1, "RD006", f"'{r.old}' leads to '{r.new}', which "
                                    "the page does not have — check the new anchor"))
            continue
        at = (start if start >= 0 else 0) + m.start()
        keep = f'<span id="{html_lib.escape(old_anchor)}" class="gammal-adress"></span>'
        output = output[:at] + keep + output[at:]
    return output, findings
