"""Fidelity: the words of the built pages against the base text.

The rendered text of each unit of the report (the article of the page) is read from the built HTML, less
what the edition adds — editorial notes, permalinks, footnote back-links — and split, like the base text,
into running text and footnotes. Both streams are compared word by word, in order.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from html.parser import HTMLParser

from ..model.basetext import norm

# Elements whose text is the edition's, not the report's.
SKIP_CLASSES = {"headerlink", "footnote-backref", "red-anm", "citat-permalank", "citat-annotering",
                "term-definitioner",  # the definitions of the annotation terms (render.html.term_definitions)
                "md-source-file",
                "citera",  # the cite box (scripts/hooks/cite_box.py)
                "referensnoter"}  # referensnoter: the references of a page's citations (scripts/hooks/citations.py)  # md-source-file: "Senast ändrad …" (scripts/hooks/last_change.py)
BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure",
              "figcaption", "table", "tr", "td", "th", "caption", "br", "hr", "section", "article", "thead",
              "tbody", "dd", "dt", "dl"}
VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"}


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article>
        self.skip = 0  # depth of skipped element nesting
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipping-start, footnote-start)
        self.in_notes = 0
        self.counters: list[int] = []  # numbering of open <ol> elements
        self.body: list[str] = []
        self.notes: list[str] = []

    def _emit(self, text: str) -> None:
        (self.notes if self.in_notes else self.body).append(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth or tag in VOID_TAGS:
            if self.depth and tag in BLOCK_TAGS:
                self._emit(" ")
            return
        classes = set((attrs.get("class") or "").split())
        starts_skip = bool(classes & SKIP_CLASSES) or tag in ("script", "style")
        starts_notes = tag == "div" and "footnote" in classes
        if starts_skip:
            self.skip += 1
        if starts_notes:
            self.in_notes += 1
        self.stack.append((tag, starts_skip, starts_notes))
        if tag in BLOCK_TAGS:
            self._emit(" ")
        if tag == "ol":
            self.counters.append(int(attrs.get("start") or 1))
        elif tag == "li" and self.counters and not self.in_notes and not self.skip:
            self._emit(f"{self.counters[-1]}. ")
            self.counters[-1] += 1

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "article":
            self.depth -= 1
            return
        if tag in VOID_TAGS or tag not in (t for t, _, _ in self.stack):
            return
        while self.stack:
            t, s, n = self.stack.pop()
            if s:
                self.skip -= 1
            if n:
                self.in_notes -= 1
            if t == "ol" and self.counters:
                self.counters.pop()
            if t == tag:
                break
        if tag in BLOCK_TAGS:
            self._emit(" ")

    def handle_data(self, data):
        if self.depth and not self.skip:
            self._emit(data)


def page_words(html: str, norm=norm) -> tuple[list[str], list[str]]:
    """(running text, footnotes) of one built page, as normalised words."""
    ex = _Extractor()
    ex.feed(html)
    ex.close()

    def words(parts: list[str]) -> list[str]:
        return [w for w in (norm(x) for x in "".join(parts).split()) if w]

    return words(ex.body), words(ex.notes)


@dataclass
class Comparison:
    matched: int
    total: int
    differences: list[str]

    @property
    def ratio(self) -> float:
        return self.matched / self.total if self.total else 1.0


def compare(base: list[str], base_lines: list[int], edition: list[str], context: int = 4) -> Comparison:
    sm = difflib.SequenceMatcher(None, base, edition, autojunk=False)
    matched = sum(b.size for b in sm.get_matching_blocks())
    diffs = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        line = base_lines[min(i1, len(base_lines) - 1)] if base_lines else 0
        diffs.append(f"base line {line}: {op}: base {' '.join(base[max(0, i1 - context):i2 + context])!r} "
                     f"/ edition {' '.join(edition[max(0, j1 - context):j2 + context])!r}")
    return Comparison(matched, len(base), diffs)
