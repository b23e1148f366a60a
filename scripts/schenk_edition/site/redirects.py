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
from pathlib import Path

from ..core.findings import Finding
from ..core.urls import site_href
from ..model.redirects import REDIRECTS, URL_RE, Redirect, Redirects, load_redirects, split

__all__ = ["REDIRECTS", "URL_RE", "Redirect", "Redirects", "load_redirects", "split", "redirect_html",
           "write_redirect_page", "write_page_redirects", "keep_anchors"]

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
