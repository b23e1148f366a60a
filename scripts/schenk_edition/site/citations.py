"""The report's citations through mkdocs-bibtex, fast and readable (the hook scripts/hooks/citations.py calls
these).

- on_config (before the plugin): the bibliography must be readable BibTeX (else `path:line:col: CI004 …`,
  never a traceback); the plugin's CSL path is made absolute.
- on_pre_build: every citation block of the build is formatted in ONE pandoc run
  (`citations.format_citations`) and the plugin's caches are primed, so the plugin starts no pandoc per page.
- on_page_markdown: `@` inside code (a fenced block or a code span) is hidden from the plugin (and restored in
  the HTML), so examples in the docs are never rewritten.
- on_page_content: the plugin's citation notes (`[^ref-key]`) leave the report's footnotes: their superscript
  numbers go (the citation itself is the link, with the full reference as tooltip), and the references stand in
  a list of their own after the page ("Referenser på sidan"), with links back to each citation.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..checks.citations import unknown_keys
from ..core.ids import REFERENCE_PREFIX, citation_id, reference_id
from ..core.paths import BIB, REFERENCES_PAGE
from ..core.urls import href, resolve
from ..model.bibliography import read_bib
from ..model.syntax import CITATION_BLOCK, CITATION_LINK, CODE_FENCE, CODE_SPAN
from ..render import citations

log = logging.getLogger("mkdocs.plugins.schenk_edition.citations")
HIDDEN_AT = "\ue000"  # stands for '@' inside code while mkdocs-bibtex reads the page
# A Markdown link inside a citation (`[jmf [kapitel tre](3.md)\; @mchugh1996]`), which mkdocs-bibtex cannot
# read (it takes the first ']' as the end of the citation): hidden as \ue001text\ue002target\ue003, restored as
# a link in the HTML.
_HIDDEN_LINK = re.compile("\ue001(.*?)\ue002(.*?)\ue003")
_NOTE_SUP = (r'<sup id="fnref\d*:' + REFERENCE_PREFIX + r'[^"]+"><a class="footnote-ref" href="#fn:'
             + REFERENCE_PREFIX + r'[^"]+">\d+</a></sup>')
_NOTE_SUPS = re.compile(f"{_NOTE_SUP}(?: {_NOTE_SUP})*")
_NOTE_ITEM = re.compile(r'<li id="fn:' + REFERENCE_PREFIX + r'[^"]+">.*?</li>\s*', re.S)
_EMPTY_NOTES = re.compile(r'<div class="footnote">\s*<hr ?/?>\s*<ol>\s*</ol>\s*</div>')
_CITE = re.compile(r'<a class="footnote-ref citering" href="#' + REFERENCE_PREFIX + r'([^"]+)"')


def _plugin(config):
    return config.plugins.get("bibtex")


def check_bibliography(config) -> None:
    """Before mkdocs-bibtex reads it: the bibliography must be readable BibTeX (else `path:line:col: CI004 …`,
    never a traceback); the plugin's CSL path is made absolute."""
    root = Path(config.config_file_path).parent
    plugin = _plugin(config)
    if plugin is None:
        return
    bib = read_bib(root / (plugin.config.bib_file or BIB), plugin.config.bib_file or BIB)
    if bib.findings:
        raise PluginError("the bibliography has errors:\n" + "\n".join(str(f) for f in bib.findings))
    if plugin.config.csl_file and not Path(plugin.config.csl_file).is_absolute():
        plugin.config.csl_file = str(root / plugin.config.csl_file)


def format_build(config) -> None:
    """Every citation block of the build formatted in ONE pandoc run; the plugin's caches primed with it."""
    plugin = _plugin(config)
    citations.FORMATTED = citations.Formatted()
    if plugin is None or plugin.registry is None:
        return
    from mkdocs_bibtex.citation import CitationBlock

    blocks = []
    for path in sorted(Path(config.docs_dir).rglob("*.md")):
        text = protect_code(path.read_text(encoding="utf-8"))
        blocks += [str(b) for b in CitationBlock.from_markdown(text)]
    root = Path(config.config_file_path).parent
    formatted = citations.format_citations(blocks, root / plugin.config.bib_file, Path(plugin.config.csl_file))
    citations.FORMATTED = formatted
    registry = plugin.registry
    registry._inline_cache.update(formatted.inline)
    registry._reference_cache.update(formatted.references)


def protect_code(markdown: str) -> str:
    """'@' in fenced code and code spans hidden from mkdocs-bibtex (restored by `restore_code`)."""
    out, fenced = [], False
    for line in markdown.split("\n"):
        if CODE_FENCE.match(line.lstrip()):
            fenced = not fenced
            out.append(line)
            continue
        if fenced:
            out.append(line.replace("@", HIDDEN_AT))
        else:
            line = CODE_SPAN.sub(lambda m: m.group(0).replace("@", HIDDEN_AT), line)
            out.append(CITATION_BLOCK.sub(lambda m: CITATION_LINK.sub(
                lambda link: f"\ue001{link.group(1)}\ue002{link.group(2)}\ue003", m.group(0)), line))
    return "\n".join(out)


def unknown_citations(markdown: str, src_uri: str, ed) -> str:
    """A citation whose key is not in the bibliography is a finding (CI001, logged as a warning: the strict build
    fails, `mkdocs serve` keeps serving) and, on the page, a marked gap instead of the raw key (mkdocs-bibtex
    would print the key and log a traceback)."""
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
    """A page's HTML after mkdocs-bibtex: code and hidden links restored, the citation notes moved into the
    page's own reference list."""
    html_text = restore_code(html_text)
    html_text = _HIDDEN_LINK.sub(lambda m: f'<a href="{href(src_uri, *resolve(src_uri, m.group(2)))}">'
                                 f"{m.group(1)}</a>", html_text)
    if REFERENCE_PREFIX not in html_text:
        return html_text
    html_text = _NOTE_SUPS.sub("", html_text)
    html_text = _NOTE_ITEM.sub("", html_text)
    html_text = _EMPTY_NOTES.sub("", html_text)
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
    return (html_text + '\n<aside class="referensnoter" aria-labelledby="referensnoter-rubrik">'
            '<h2 id="referensnoter-rubrik">Referenser på sidan</h2>'
            '<p class="referensnoter-status">Rekonstruerade av utgåvan; rapportens egen referenslista saknas i '
            f'källan (se <a href="{refs_page}">Referenser</a>).</p><ol>' + "".join(items) + "</ol></aside>")
