"""The edition's markup as a Python-Markdown extension (`schenk_edition.render.markup`): the same HTML in any
Python-Markdown host as in the built site, markers at the start of a line, malformed blocks left to the
parser's findings, and no HTML comment in the published HTML."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from material import templates as material_templates

from schenk_edition.core.paths import ROOT
from schenk_edition.core.urls import url_of
from schenk_edition.core.yamlio import read_config
from schenk_edition.model import edition
from schenk_edition.model.parser import parse
from schenk_edition.render.markup import EditionExtension

DOCS, CONFIG = ROOT / "docs", ROOT / "mkdocs.yml"
EXTENSION = "schenk_edition.render.markup"

FIGURE = re.compile(r'<figure class="(?:citat|dokument)" id="([^"]+)">.*?</figure>', re.S)
PAGE_BREAK = re.compile(r'<(span|div) class="sidbrytning"[^>]*></\1>')
INLINE_QUOTE = re.compile(r'<span class="citat-inline" id="[^"]+">.*?</span>', re.S)


def plain_host(path: str) -> markdown.Markdown:
    """Python-Markdown with mkdocs.yml's `markdown_extensions`, the edition's given the page explicitly."""
    out, configs = [], {}
    for entry in read_config(CONFIG)["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name != EXTENSION:
            out.append(name)
            configs[name] = options or {}
    ours = EditionExtension(docs_dir=str(DOCS), config_file=str(CONFIG), path=path)
    return markdown.Markdown(extensions=[*out, ours], extension_configs=configs)


def convert(text: str, path: str = "extra.md") -> str:
    return plain_host(path).convert(text)


def body(path: str) -> str:
    """A page's Markdown as MkDocs hands it to Python-Markdown: without its front matter."""
    text = (DOCS / path).read_text(encoding="utf-8")
    return re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)


def built(site: Path, path: str) -> str:
    return (site / url_of(path) / "index.html").read_text(encoding="utf-8")


ED = edition.load(DOCS, CONFIG)
PAGES = [d.path for d in ED.documents if d.path in edition.reading_order(CONFIG)]


CAPTION = re.compile(r"<figcaption>.*?</figcaption>", re.S)
OLD_ID = re.compile(r'<span id="[^"]+" class="gammal-adress"></span>')


def comparable_quotes(path: str) -> dict[str, bool]:
    """The page's quote blocks whose text holds no citation and no footnote reference (mkdocs-bibtex and the
    footnote hook, site-level work, change those in the build), each with whether its caption (the header
    line) holds one: then the figure is compared without its caption."""
    doc = ED.document(path)
    busy = {c.line for c in doc.citations} | {r.line for r in doc.footnote_refs}
    return {q.id: q.line in busy for q in doc.quotes
            if not q.inline and q.id and not busy & set(range(q.body[0], q.body[1] + 1))}


@pytest.mark.parametrize("path", PAGES)
def test_any_host_renders_as_the_built_page(site, path):
    """Host independence: plain `markdown.Markdown` with the extension gives the built page's page breaks,
    inline quotes and quote figures, byte for byte."""
    plain, page = convert(body(path), path), built(site, path)
    breaks = [m.group(0) for m in PAGE_BREAK.finditer(plain)]
    assert len(breaks) == len(ED.document(path).pages)
    assert breaks == [m.group(0) for m in PAGE_BREAK.finditer(page)]
    assert INLINE_QUOTE.findall(plain) == INLINE_QUOTE.findall(page)
    figures = {m.group(1): m.group(0) for m in FIGURE.finditer(plain)}
    built_figures = {m.group(1): m.group(0) for m in FIGURE.finditer(page)}
    assert figures.keys() == built_figures.keys()
    for qid, cited_caption in comparable_quotes(path).items():
        a, b = figures[qid], built_figures[qid]
        if cited_caption:
            a, b = CAPTION.sub("<figcaption/>", a), CAPTION.sub("<figcaption/>", b)
        b = OLD_ID.sub("", b)  # a redirected old id (site-level work: docs/_data/omdirigeringar.yml)
        assert a == b, qid


def test_every_kind_of_construct_is_compared():
    """The comparison above covers page breaks of both kinds, inline quotes and both kinds of figure, whole
    (caption included) for every interview quote."""
    docs = [ED.document(p) for p in PAGES]
    assert any(m.standalone for d in docs for m in d.pages) and any(not m.standalone for d in docs for m in d.pages)
    assert any(q.inline for d in docs for q in d.quotes)
    compared = {q.id: q.kind for d in docs for q in d.quotes if q.id in comparable_quotes(d.path)}
    assert set(compared.values()) == {"citat", "dokument"}
    assert not any(comparable_quotes(d.path).get(q.id) for d in docs for q in d.quotes if q.kind == "citat")


def test_page_marker_at_line_start_followed_by_text():
    """Python-Markdown alone stashes a comment at the start of a line as a raw block and splits the paragraph
    there (and publishes the comment); the extension keeps one paragraph with the page break inside it."""
    text = "Första raden\n<!-- page:9 -->andra raden fortsätter.\n"
    assert markdown.markdown(text) == "<p>Första raden</p>\n<!-- page:9 -->\n<p>andra raden fortsätter.</p>"
    html = convert(text)
    assert re.fullmatch(r'<p id="p-1">Första raden\n<span class="sidbrytning" data-sida="9" id="s-9" '
                        r'role="doc-pagebreak" title="Sida 9"></span>andra raden fortsätter.</p>', html), html
    alone = convert("<!-- page:9 -->Text.\n")
    assert alone.startswith('<p id="p-1"><span class="sidbrytning"') and alone.endswith("></span>Text.</p>")


def test_an_unknown_block_option_is_the_parsers_finding():
    """The block is not recognised (pymdownx validates its options) and stays visible as text; the extension
    does not raise; the parser reports QT004 at the block's options, which stops the build."""
    text = "Text.\n\n/// citat | Stina, senior\n    id: citat-stina-1\n    okänd: x\n\nCitatet.\n///\n"
    html = convert(text)
    assert "<figure" not in html and "Citatet." in html and "okänd" in html
    found = [(f.code, f.line) for f in parse(text, "extra.md").findings]
    assert found == [("QT004", 5)]  # at the unknown option's own line


def test_no_model_no_annotation():
    """Without the edition (another host, no docs/), a quote is a figure with its printed attribution."""
    md = markdown.Markdown(extensions=[EditionExtension(path="extra.md")])
    html = md.convert("/// citat | Stina, senior\n    id: citat-stina-1\n\nCitatet.\n///\n\nText <!-- page:9 -->här.")
    assert '<figure class="citat" id="citat-stina-1">' in html
    assert "<figcaption>Stina, senior</figcaption>" in html
    assert '<span class="sidbrytning" data-sida="9" id="s-9"' in html


def test_comments_never_reach_the_html():
    """Issue 12's rule: an HTML comment anywhere in a page (line start, inline, inside raw HTML, inside an
    md_in_html block, over two lines) is dropped; a comment written in code stays visible code."""
    text = ("<!-- vid radstart --> Text ett.\n\n"
            "Text <!-- inne i texten --> två och `<!-- kod -->`.\n\n"
            "<table><tr><td><!-- i en tabell -->cell</td></tr></table>\n\n"
            '<div markdown="1">\n\nText <!-- i md_in_html --> tre.\n\n</div>\n\n'
            "Text <!-- över\ntvå rader --> fyra.\n\n"
            "<!-- page:99 -->\n\nText <!-- ed:finns-inte --> fem.\n")
    html = convert(text)
    assert "<!--" not in html and "-->" not in html, html
    assert "&lt;!-- kod --&gt;" in html
    for words in ("Text ett.", "cell", "tre.", "fyra.", "fem."):
        assert words in html


def test_the_built_site_publishes_no_html_comment(site):
    """No `<!--` in any HTML file of the built site (/utskrift/ included), except the licence notice that
    Font Awesome embeds in the theme's repository icon (CC BY 4.0: the notice is its attribution)."""
    icon = read_config(CONFIG)["theme"].get("icon", {}).get("repo") or "fontawesome/brands/git-alt"
    svg = (Path(material_templates.__file__).parent / ".icons" / f"{icon}.svg").read_text(encoding="utf-8")
    licence = set(re.findall(r"<!--!.*?-->", svg, re.S))
    pages = sorted(site.rglob("*.html"))
    assert site / "utskrift" / "index.html" in pages
    for f in pages:
        text = f.read_text(encoding="utf-8")
        for comment in licence:
            text = text.replace(comment, "")
        assert "<!--" not in text, f"{f.relative_to(site)}: {text[text.index('<!--'):][:80]}"
