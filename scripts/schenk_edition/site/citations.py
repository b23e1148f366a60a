"""The report's citations in the build, with no plugin (the hook scripts/hooks/citations.py calls these).

- on_pre_build (after the edition is read, `site.build.start`): the bibliography must be readable BibTeX (else
  `path:line:col: CI004 …`, never a traceback); every citation block of the build is formatted in ONE pandoc
  run, whose output is cached by content hash (`render.citations.format_citations`), so a build with unchanged
  citations starts no pandoc.
- on_page_markdown: a citation with a key not in the bibliography is a warning (CI001: a strict build fails)
  and a marked gap on the page (`unknown_citations`); `@` inside code (a fenced block or a code span) is
  hidden (and restored in the HTML), so examples in the docs are never rewritten; a Markdown link inside a
  citation is hidden while pandoc formats it and restored as a link in the HTML; each citation block becomes
  its formatted HTML (`cite_page`).
- on_page_content: the citations are numbered per key (`#cit-<key>-<n>`) and the references of the page stand in
  a list of their own after it ("Referenser på sidan"), with links back to each citation.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..core.ids import REFERENCE_PREFIX, citation_id, reference_id
from ..core.paths import BIB, CSL, REFERENCES_PAGE
from ..core.urls import href, resolve
from ..model.edition import Edition, unknown_keys
from ..model.syntax import CITATION_BLOCK, CITATION_LINK, CODE_FENCE, CODE_SPAN
from ..render import citations

log = logging.getLogger("mkdocs.plugins.schenk_edition.citations")

HIDDEN_AT = citations.HIDDEN_AT  # stands for '@' inside code while the citations are replaced
# A Markdown link inside a citation (`[jmf [kapitel tre](3.md)\; @mchugh1996]`), hidden as
# \ue001text\ue002target\ue003 while pandoc formats the citation, restored as a link in the HTML.
_HIDDEN_LINK = re.compile("\ue001(.*?)\ue002(.*?)\ue003")
_CITE = re.compile(r'<a class="footnote-ref citering" href="#' + REFERENCE_PREFIX + r'([^"]+)"')


def format_build(ed: Edition, root: Path) -> None:
    """Before the pages: the bibliography checked, every citation block of the build formatted in ONE pandoc
    run (or read from the cache), kept in `render.citations.FORMATTED` for the pages and the reference list."""
    citations.FORMATTED = citations.Formatted()
    if ed.bibliography.findings:
        raise PluginError("the bibliography has errors:\n" + "\n".join(str(f) for f in ed.bibliography.findings))
    blocks = [m.group(0) for path in sorted(Path(ed.docs_dir).rglob("*.md"))
              for line in protect_code(path.read_text(encoding="utf-8")).split("\n")
              for m in CITATION_BLOCK.finditer(line)]
    citations.FORMATTED = citations.format_citations(blocks, root / BIB, root / CSL, root / citations.CACHE)


def cite_page(markdown: str) -> str:
    """A page's Markdown with code and links in citations hidden and each citation block replaced by its formatted
    HTML (`[@lipsky1980, s. 15]` -> `(<a …>Lipsky 1980</a>, s. 15)`): `render.citations.citation_spans`."""
    lines = markdown.split("\n")
    return "\n".join(citations.with_spans(line, spans) for line, spans in zip(lines, citations.citation_spans(lines)))


def protect_code(markdown: str) -> str:
    """'@' in fenced code and code spans hidden from the citations, links inside citations hidden from pandoc
    (restored by `restore_code` and `page_content`): the citation blocks as `FORMATTED` knows them."""
    out, fenced = [], False
    for line in markdown.split("\n"):
        if CODE_FENCE.match(line.lstrip()):
            fenced = not fenced
            out.append(line)
            continue
        if fenced:
            out.append(line.replace("@", HIDDEN_AT))
        elif "@" not in line:  # no '@' to hide, no citation (each holds an '@')
            out.append(line)
        else:
            line = CODE_SPAN.sub(lambda m: m.group(0).replace("@", HIDDEN_AT), line)
            out.append(CITATION_BLOCK.sub(lambda m: CITATION_LINK.sub(citations.hide_link, m.group(0)), line))
    return "\n".join(out)


def unknown_citations(markdown: str, src_uri: str, ed) -> str:
    """A citation whose key is not in the bibliography is a finding (CI001, logged as a warning: the strict build
    fails, `mkdocs serve` keeps serving) and, on the page, a marked gap instead of the raw key."""
    found = [f for f in unknown_keys(ed) if f.path == f"docs/{src_uri}"]
    if not found:
        return markdown
    for f in found:
        log.warning(str(f))
    known = ed.bibliography.entries

    def gap(m: re.Match) -> str:
        if all(key in known for key in re.findall(r"@([\w-]+)", m.group(1))):
            return m.group(0)
        return '<span class="citering-saknas">[referens saknas]</span>'

    return CITATION_BLOCK.sub(gap, markdown)


def restore_code(markdown: str) -> str:
    return markdown.replace(HIDDEN_AT, "@")


def page_content(html_text: str, src_uri: str) -> str:
    """A page's HTML: code and hidden links restored, the citations numbered, the page's own reference list
    after it."""
    html_text = restore_code(html_text)
    html_text = _HIDDEN_LINK.sub(lambda m: f'<a href="{href(src_uri, *resolve(src_uri, m.group(2)))}">'
                                 f"{m.group(1)}</a>", html_text)
    if REFERENCE_PREFIX not in html_text:
        return html_text
    count: dict[str, int] = {}
    order: list[str] = []

    def number(m: re.Match) -> str:
        key = m.group(1)
        count[key] = count.get(key, 0) + 1
        if key not in order:
            order.append(key)
        return f'<a id="{citation_id(key, count[key])}" class="footnote-ref citering" href="#{reference_id(key)}"'

    html_text = _CITE.sub(number, html_text)
    if not order:
        return html_text
    refs_page = href(src_uri, REFERENCES_PAGE)
    items = []
    for key in order:
        back = " ".join(f'<a class="referens-tillbaka" href="#{citation_id(key, n)}" '
                        f'aria-label="Tillbaka till hänvisning {n}">↩</a>' for n in range(1, count[key] + 1))
        items.append(f'<li><div id="{reference_id(key)}" class="referens"><p>'
                     f'{citations.FORMATTED.references.get(key, html.escape(key))}</p></div>'
                     f'<p class="referens-lankar">{back} <a href="{refs_page}#{reference_id(key)}">'
                     "i referenslistan</a></p></li>")
    # the list follows the page's footnotes on the next line, its text after a blank line (as the HTML stood
    # when the references were footnotes of mkdocs-bibtex: the site stays byte for byte the same)
    gap = "\n" if html_text.endswith("</div>") else "\n\n"
    return (html_text + gap + '<aside class="referensnoter" aria-labelledby="referensnoter-rubrik">'
            '<h2 id="referensnoter-rubrik">Referenser på sidan</h2>'
            '<p class="referensnoter-status">Rekonstruerade av utgåvan; rapportens egen referenslista saknas i '
            f'källan (se <a href="{refs_page}">Referenser</a>).</p><ol>' + "".join(items) + "</ol></aside>")
