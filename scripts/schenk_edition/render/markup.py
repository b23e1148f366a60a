"""The edition's Markdown constructs as a Python-Markdown extension (on pymdown-extensions' Blocks API), so the
text renders the same in any Python-Markdown host: MkDocs enables it in mkdocs.yml (`markdown_extensions:
- schenk_edition.render.markup`), and `markdown.markdown(text, extensions=[EditionExtension(path=…)])` renders
a page without MkDocs.

One processor per stage, registered among Python-Markdown's own:

- `StructurePreprocessor` (29, before `html_block` 20 stashes raw HTML): parses the page with the project's one
  parser (`model.parser.parse`) and edits its lines — paragraph and question ids (`{: #p-N }` attribute lines),
  registers, the `lang` wrapper, page markers alone on their line (a raw `<div>`), editorial notes (raw HTML,
  also inside a raw `<table>`'s `<caption>`); the page and inline-quote markers inside text become tokens, so
  that the HTML-block extractor cannot swallow a marker at the start of a line; any other marker of the edition
  disappears.
- `Citat` and `Dokument` (pymdownx `Block`s, `/// citat | Namn, roll` with YAML options; the option names are
  `model.syntax.QUOTE_OPTIONS`): a `<figure>` with a `<blockquote>` and the caption of `render.html`.
- `MarkerInlineProcessor` (95, after links and footnotes, before raw inline HTML): a token becomes a page break
  or an inline quote *element*, so MkDocs' anchor check sees its id.
- `CommentPostprocessor` (25, after the raw HTML is put back): no HTML comment reaches the published HTML — a
  comment the text still holds is dropped (the validator reports it as MK010: `checks.comments`).

The table caption of kapitel/3.md is our own construct, not `pymdownx.blocks.caption`: that block captions an
element of the Markdown tree, and the table is raw HTML (its row and cell ids are anchors of the edition), so
its `<caption>` holds an editorial-note marker, rendered like every editorial note.

The extension never raises: what is malformed is left as text, and the parser reports it (`line:col`) to the
build and to `python -m schenk_edition validate`.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.serializers import to_html_string
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block, type_any

from ..core.ids import paragraph_id, question_id
from ..core.yamlio import load_yaml
from ..model.document import Document, Marker, Quote
from ..model.edition import Edition, current, load_cached
from ..model.guides import GUIDES, question_numbers
from ..model.parser import front_matter_end, parse
from ..model.syntax import HTML_COMMENT, QUOTE_MARKS, QUOTE_OPTIONS
from .html import editorial_note, page_break, quote_caption, term_definitions
from .citations import citation_spans, with_spans
from .registers import REGISTERS

# A marker inside text, replaced by the preprocessor: private-use characters around its index in `PageContext.marks`
OPEN, CLOSE = "\ue010", "\ue011"
TOKEN = re.compile(OPEN + r"(\d+)" + CLOSE + f"(?:([{QUOTE_MARKS}][^{QUOTE_MARKS}]*[{QUOTE_MARKS}]))?")
SLOT = "\ue012"


# --- line edits on the parser's model of the page ----------------------------------------------------------
class Edits:
    """Edits of the text being converted, addressed by the parser's line numbers (1-based): the text's first
    line is line `first` of the page the parser read (after the front matter, which MkDocs takes away)."""

    def __init__(self, lines: list[str], first: int = 1):
        self.lines: list[str | None] = list(lines)
        self.first = first
        self.before: dict[int, list[str]] = {}
        self.after: dict[int, list[str]] = {}
        self.inline: dict[int, list[tuple[int, int, str]]] = {}
        self.replaced: set[int] = set()

    @property
    def last(self) -> int:
        """The number of the text's last line."""
        return self.first + len(self.lines) - 1

    def replace_line(self, line: int, text: str) -> None:
        self.lines[line - self.first] = text
        self.replaced.add(line)

    def drop_line(self, line: int) -> None:
        self.lines[line - self.first] = None
        self.replaced.add(line)

    def insert_before(self, line: int, text: str) -> None:
        self.before.setdefault(line, []).append(text)

    def append_after(self, line: int, text: str) -> None:
        self.after.setdefault(line, []).append(text)

    def replace_span(self, line: int, start: int, end: int, text: str) -> None:
        """Replace characters [start, end) (0-based) of a source line."""
        self.inline.setdefault(line, []).append((start, end, text))

    def add_spans(self, spans: dict[int, list[tuple[int, int, str]]], kept: set[int] = frozenset()) -> bool:
        """Replace more spans of source lines (another change of the text: the citations); False, and nothing
        added, when one of them meets an edit already made (a line replaced or dropped, a span overlapping) or
        stands on a line in `kept` (whose words the parser's model gives as they were)."""
        for line, new in spans.items():
            if line in self.replaced or line in kept:
                return False
            taken = sorted(self.inline.get(line, []) + new)
            if any(a[1] > b[0] for a, b in zip(taken, taken[1:])):
                return False
        for line, new in spans.items():
            self.inline.setdefault(line, []).extend(new)
        return True

    def result(self) -> str:
        out = []
        for number, text in enumerate(self.lines, start=self.first):
            out.extend(self.before.get(number, []))
            for start, end, new in sorted(self.inline.get(number, []), reverse=True):
                text = text[:start] + new + text[end:]
            if text is not None:
                out.append(text)
            out.extend(self.after.get(number, []))
        return "\n".join(out)


def paragraph_ids(doc: Document, edits: Edits) -> None:
    for p in doc.paragraphs:
        edits.append_after(p.end_line, f"{{: #{paragraph_id(p.number)} }}")


def question_ids(doc: Document, edits: Edits) -> None:
    """Every question of an interview guide gets `#fraga-<block>-<n>`, numbered within its block."""
    if doc.path not in GUIDES:
        return
    for number, item in question_numbers(doc):
        edits.append_after(item.end_line, f"{{: #{question_id(item.section, number)} }}")


def block_options(doc: Document, edits: Edits) -> None:
    """A quote block keeps only its `id:` option line: the block reads nothing else (its caption and annotation
    come from the parser's model), and pymdownx reads a block's options with pure-Python YAML (about 0.3 ms a
    block), which the parser has already read. Kept whole when the id line alone does not give the same id, and
    when an option is unknown (pymdownx then refuses the block, as the parser reports: QT004)."""
    for q in doc.quotes:
        first, last = q.option_lines
        line = q.option_at.get("id")
        if q.inline or q.id is None or line is None or last <= first:
            continue
        if not set(q.options) <= QUOTE_OPTIONS.get(q.kind, set()):
            continue
        if load_yaml(edits.lines[line - edits.first][4:]) != {"id": q.id}:
            continue
        for n in range(first, last + 1):
            if n != line:
                edits.drop_line(n)


def language(meta: dict, edits: Edits) -> None:
    lang = meta.get("lang")
    if lang and edits.lines:
        edits.insert_before(edits.first, f'<div lang="{html.escape(str(lang))}" markdown="1">\n')
        edits.append_after(edits.last, "\n</div>")


def markers(doc: Document, edition: Edition | None, edits: Edits, marks: list[Marker]) -> None:
    """Every marker of the edition becomes markup or disappears: a page marker alone on its line a `<div>`, an
    editorial note or a register their HTML or Markdown; a page or inline-quote marker inside text a token for
    `MarkerInlineProcessor` (appended to `marks`)."""
    for m in doc.markers:
        if m.kind == "page" and m.standalone and m.value.isdigit():
            edits.replace_span(m.line, m.col - 1, m.end, page_break(m.page, True))
        elif m.kind == "page" and m.value.isdigit():
            marks.append(m)
            edits.replace_span(m.line, m.col - 1, m.end, f"{OPEN}{len(marks) - 1}{CLOSE}")
        elif m.kind == "ed" and edition is not None and m.value in edition.notes:
            edits.replace_span(m.line, m.col - 1, m.end, editorial_note(doc.path, m.value, edition.notes[m.value]))
        elif m.kind == "register" and edition is not None and m.value in REGISTERS:
            edits.replace_line(m.line, REGISTERS[m.value](edition, doc.path))
        else:
            edits.replace_span(m.line, m.col - 1, m.end, "")
    for q in (q for q in doc.quotes if q.inline):
        start = doc.lines[q.line - 1].rfind("<!--", 0, q.span[0])
        marks.append(Marker(q.line, start + 1, q.span[0], "citat", q.id or ""))
        edits.replace_span(q.line, start, q.span[0], f"{OPEN}{len(marks) - 1}{CLOSE}")


# --- the extension ------------------------------------------------------------------------------------------
class PageContext:
    """The page one `Markdown` instance converts: its path (the extension's `path`, else the MkDocs page of the
    `relpath` treeprocessor), the edition model (the build's, `model.edition.current`, else read), and the
    parser's model of the text being converted."""

    def __init__(self, md: Markdown, config: dict):
        self.md, self.config = md, config
        self.doc: Document | None = None
        self.marks: list[Marker] = []
        self._edition: tuple[Edition | None] | None = None

    def reset(self) -> None:
        self.doc, self.marks = None, []

    @property
    def _host(self):
        return self.md.treeprocessors["relpath"] if "relpath" in self.md.treeprocessors else None

    @property
    def path(self) -> str:
        host = self._host
        return self.config.get("path") or (host.file.src_uri if host is not None else "")

    @property
    def edition(self) -> Edition | None:
        if self._edition is None:
            self._edition = (self._load(),)
        return self._edition[0]

    def _load(self) -> Edition | None:
        host = self._host
        docs = self.config.get("docs_dir") or (host.config.docs_dir if host is not None else "")
        conf = self.config.get("config_file") or (host.config.config_file_path if host is not None else "")
        if not docs or not conf:
            return None
        try:
            return current(Path(docs), Path(conf)) or load_cached(Path(docs).resolve(), Path(conf).resolve())
        except Exception:  # noqa: BLE001 — never raise in the extension: the build's own load reports it
            return None

    def quote(self, qid: str) -> Quote | None:
        return next((q for q in self.doc.quotes if q.id == qid and not q.inline), None) if self.doc else None


class StructurePreprocessor(Preprocessor):
    def __init__(self, md: Markdown, ctx: PageContext):
        super().__init__(md)
        self.ctx = ctx

    def run(self, lines: list[str]) -> list[str]:
        ctx = self.ctx
        edition = ctx.edition
        page = edition.document(ctx.path) if edition is not None else None
        found = page_text(page, lines) if page is not None else None
        if found is not None:  # the edition's own model of this page, and what the citations changed on it
            first, cited = found
            edits = self.edits(page, page.lines[first - 1:] + lines[len(page.lines) - first + 1:], first, cited)
            if edits is not None:
                return edits.result().split("\n")
        # a text the edition has not read (another host's, or changed by a hook where the edition's own markup
        # stands), parsed here as it is
        edits = self.edits(parse("\n".join(lines), ctx.path), lines, 1, {})
        return edits.result().split("\n") if edits is not None else lines

    def edits(self, doc: Document, lines: list[str], first: int,
              cited: dict[int, list[tuple[int, int, str]]]) -> Edits | None:
        """The edits of the text `lines` (line `first` of the page `doc`), with the citations' spans `cited`;
        None when a citation meets the edition's own markup."""
        ctx = self.ctx
        ctx.reset()
        ctx.doc = doc
        edition = ctx.edition
        edits = Edits(lines, first)
        markers(doc, edition, edits, ctx.marks)
        block_options(doc, edits)
        paragraph_ids(doc, edits)
        question_ids(doc, edits)
        definitions = term_definitions(doc, edition) if edition is not None else ""
        if definitions and edits.lines:  # the annotation terms' definitions, once a page, after its text
            edits.append_after(edits.last, f"\n{definitions}\n")
        page = edition.document(doc.path) if edition is not None else None
        language(page.meta if page is not None else doc.meta, edits)
        # a quote block's caption gives its header's words from the model (its attribution or source)
        headers = {q.line for q in doc.quotes if not q.inline}
        return edits if edits.add_spans(cited, headers) else None


def page_text(doc: Document, lines: list[str]) -> tuple[int, dict[int, list[tuple[int, int, str]]]] | None:
    """Where `lines` begin in the page `doc` (its line number) when they are the page's text — the whole page,
    or what follows its front matter and the empty lines after it (MkDocs converts that), each with any number
    of blank lines after it (Python-Markdown adds two) — as the edition read it, or with its citations replaced
    (the citations hook: `render.citations.citation_spans`); and the citations' spans by line. None when they
    are another text."""
    starts = [0]
    end = front_matter_end(doc.lines)
    if end:
        while end < len(doc.lines) and doc.lines[end] == "":
            end += 1
        starts.append(end)
    for skip in starts:
        rest = doc.lines[skip:]
        if lines[:len(rest)] == rest and not any(line.strip() for line in lines[len(rest):]):
            return skip + 1, {}
    for skip in starts:
        rest = doc.lines[skip:]
        spans = citation_spans(rest)
        if not any(spans) or any(line.strip() for line in lines[len(rest):]):
            continue
        if all(with_spans(line, s) == new for line, s, new in zip(rest, spans, lines)) and len(lines) >= len(rest):
            return skip + 1, {skip + 1 + i: s for i, s in enumerate(spans) if s}
    return None


def marker_element(ctx: PageContext, m: re.Match, words: str) -> tuple[etree.Element | None, int]:
    """A token's element and where it ends: a page break (`render.html.page_break`; the words that follow
    stay text), or an inline quote holding its quoted words (`words`)."""
    index = int(m.group(1))
    marker = ctx.marks[index] if index < len(ctx.marks) else None
    if marker is None or marker.kind == "page":
        el = etree.fromstring(page_break(marker.page, False)) if marker is not None else None
        return el, m.end(1) + len(CLOSE)
    span = etree.Element("span", {"class": "citat-inline", "id": marker.value})
    span.text = words
    return span, m.end(0)


class MarkerInlineProcessor(InlineProcessor):
    def __init__(self, md: Markdown, ctx: PageContext):
        super().__init__(TOKEN.pattern, md)
        self.ctx = ctx

    def handleMatch(self, m: re.Match, data: str):  # type: ignore[override]
        el, end = marker_element(self.ctx, m, m.group(2) or "")
        return (el if el is not None else ""), m.start(0), end


class CommentPostprocessor(Postprocessor):
    """No HTML comment in the output; a token inside raw HTML (where no inline processor runs) becomes HTML."""

    def __init__(self, md: Markdown, ctx: PageContext):
        super().__init__(md)
        self.ctx = ctx

    def run(self, text: str) -> str:
        def token(m: re.Match) -> str:
            el, end = marker_element(self.ctx, m, SLOT)
            out = to_html_string(el).replace(SLOT, m.group(2) or "") if el is not None else ""
            return out + m.string[end:m.end(0)]  # raw HTML: the quoted words stay as written

        if OPEN in text:
            text = TOKEN.sub(token, text)
        return HTML_COMMENT.sub("", text)


class QuoteBlock(Block):
    """`/// citat | Namn, roll` or `/// dokument | Källa`, its options, the text, `///`: a figure with the
    quote and the caption of `render.html.quote_caption`."""

    ARGUMENT = True

    def on_create(self, parent: etree.Element) -> etree.Element:
        qid = self.options.get("id")
        attrs = {"class": self.NAME}
        if isinstance(qid, str) and qid:
            attrs["id"] = qid
        figure = etree.SubElement(parent, "figure", attrs)
        self.quote = etree.SubElement(figure, "blockquote")
        return figure

    def on_add(self, block: etree.Element) -> etree.Element:
        return self.quote

    def on_end(self, block: etree.Element) -> None:
        ctx = self.config["ctx"]
        qid = self.options.get("id")
        q = ctx.quote(qid) if isinstance(qid, str) else None
        caption = (quote_caption(ctx.doc, ctx.edition, q)
                   if q is not None and (ctx.edition is not None or q.kind != "citat") else None)
        m = re.fullmatch(r"<figcaption(?P<attrs>[^>]*)>(?P<inner>.*)</figcaption>", caption or "", re.S)
        cap = etree.SubElement(block, "figcaption")
        if caption is None:
            cap.text = self.argument or ""  # no model of the quote: its printed attribution, as Markdown
        elif m is None:  # not a single figcaption: the caption's HTML as it is
            block.remove(cap)
            self.quote.tail = "\n" + self.md.htmlStash.store(caption)
        elif 'markdown="span"' in m.group("attrs"):
            cap.text = m.group("inner")  # Markdown, finished by the inline processors
        else:
            cap.text = self.md.htmlStash.store(m.group("inner"))


def _options(kind: str) -> dict:
    # every option is accepted in any form here: the parser checks the form and the vocabulary
    return {name: (None, type_any) for name in sorted(QUOTE_OPTIONS[kind])}


class Citat(QuoteBlock):
    NAME = "citat"
    OPTIONS = _options("citat")


class Dokument(QuoteBlock):
    NAME = "dokument"
    OPTIONS = _options("dokument")


class EditionExtension(BlocksExtension):
    def __init__(self, **kwargs):
        self.config = {
            "docs_dir": ["", "the edition's docs/ (default: the MkDocs host's)"],
            "config_file": ["", "its mkdocs.yml (default: the MkDocs host's)"],
            "path": ["", "the page, relative to docs_dir (default: the MkDocs host's current page)"],
        }
        super().__init__(**kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        md.registerExtension(self)
        self.ctx = ctx = PageContext(md, self.getConfigs())
        block_mgr.register(Citat, {"ctx": ctx})
        block_mgr.register(Dokument, {"ctx": ctx})
        md.preprocessors.register(StructurePreprocessor(md, ctx), "edition_structure", 29)
        md.inlinePatterns.register(MarkerInlineProcessor(md, ctx), "edition_markers", 95)
        md.postprocessors.register(CommentPostprocessor(md, ctx), "edition_comments", 25)

    def reset(self) -> None:
        if hasattr(self, "ctx"):
            self.ctx.reset()


def makeExtension(**kwargs) -> EditionExtension:
    return EditionExtension(**kwargs)


__all__ = ["EditionExtension", "makeExtension"]
