"""The one reader of the edition's Markdown.

`parse(text, path)` turns one file of `docs/` into a `Document`: headings and their ids, paragraphs, page
markers, footnote references and definitions, quote blocks, editorial-note markers and links, each with its
line and column. Problems of form (a malformed quote block, a heading without an id, an unknown marker) are
collected as `Finding`s, never raised. The MkDocs hooks render from this model and the validators check it;
no other code matches this syntax.

The syntax itself is described in SYNTAX.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..core.yamlio import load_yaml, read_source, yaml_problem
from .blocks import QuoteReader
from .document import Document, Heading, ListItem, Paragraph, Reference
from .inline import InlineReader
from .syntax import (ATTR_LINE, CODE_FENCE, CODE_SPAN, FOOTNOTE_DEF, HEADING, HEADING_ID, HTML_BLOCK, ID_RE,
                     LIST_ITEM, MARKER)


def parse(text: str, path: str, where: str = "") -> Document:
    doc = Document(path=path, lines=text.split("\n"), where=where)
    parser = _Parser(doc)
    parser.run()
    _guard(doc, parser._front_matter_end)
    return doc


# What Python-Markdown (and mkdocs-bibtex after it) would take quadratic time on: a block with an opening
# '[', '(' or '<' that never closes (each one is scanned to the end of the block: a 20 KB block of '[a @b ' or
# '<a ' takes minutes) or a block far longer than any of the report's (the longest is about 2 000
# characters). The build stops on these before any page is rendered.
MAX_BLOCK = 10_000
_PAIRS = (("[", "]"), ("(", ")"), ("<", ">"))
_BRACKETS = re.compile(r"\\.|[\[\]()<>]")


def _guard(doc: Document, start: int) -> None:
    block: list[int] = []
    fenced = False
    options = {n - 1 for q in doc.quotes if not q.inline for n in range(q.option_lines[0], q.option_lines[1] + 1)}
    for i, line in enumerate(doc.lines + [""]):
        if i < start or i in options:  # the front matter and a block's options are YAML (MD003, QT003)
            continue
        if CODE_FENCE.match(line):
            fenced = not fenced
            _check_block(doc, block)
            continue
        if fenced:
            continue
        if line.strip():
            block.append(i)
        else:
            _check_block(doc, block)


def _check_block(doc: Document, block: list[int]) -> None:
    if not block:
        return
    size = sum(len(doc.lines[i]) + 1 for i in block)
    if size > MAX_BLOCK:
        doc.find(block[0] + 1, 1, "MD005", f"this paragraph or block is {size} characters long, more than "
                 f"{MAX_BLOCK} — no unit of the report has one this long: split it where the report does, or "
                 "remove what does not belong to the report")
    else:
        # every pair in one pass over the brackets (markers and code spans blanked): depth and first opening
        depth = {opener: 0 for opener, _ in _PAIRS}
        first = {opener: (0, 0) for opener, _ in _PAIRS}
        closes = {closer: opener for opener, closer in _PAIRS}
        for i in block:
            text = doc.lines[i]
            if "<!--" in text:
                text = MARKER.sub(_blank, text)
            if "`" in text:
                text = CODE_SPAN.sub(_blank, text)
            for m in _BRACKETS.finditer(text):
                ch = m.group(0)
                if ch in depth:
                    if not depth[ch]:
                        first[ch] = (i + 1, m.start() + 1)
                    depth[ch] += 1
                elif ch in closes and depth[closes[ch]]:
                    depth[closes[ch]] -= 1
        for opener, closer in _PAIRS:
            if depth[opener]:
                doc.find(first[opener][0], first[opener][1], "MD004", f"'{opener}' is never closed in this "
                         f"paragraph ({depth[opener]} open) — close it with '{closer}', or write it as "
                         f"'\\{opener}' if it is text")
    block.clear()


def _blank(m: re.Match) -> str:
    return " " * len(m.group(0))


def front_matter_end(lines: list[str]) -> int:
    """The index of the first line after a page's front matter (`---` … `---` or `...`); 0 when it has none or
    it is not closed."""
    if lines and lines[0].strip() == "---":
        for k in range(1, len(lines)):
            if lines[k].strip() in ("---", "..."):
                return k + 1
    return 0


def parse_file(file: Path, docs_dir: Path) -> Document:
    rel = file.relative_to(docs_dir).as_posix()
    text, bad = read_source(file, f"{docs_dir.name}/{rel}", "MD001")
    doc = parse(text, rel, f"{docs_dir.name}/{rel}")
    if bad:  # one finding at the byte, alone: the page is read as it is (the byte as U+FFFD) for the other
        doc.findings.clear()  # pages, and its own checks wait for the fix (Edition.broken)
        doc.find(bad.line, bad.col, bad.code, bad.message)
    return doc


class _Parser(InlineReader, QuoteReader):
    """A line scanner: fenced code, quote blocks, footnote definitions, HTML blocks, headings, lists and
    paragraphs at the top level; inline constructs on every line outside code."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.lines = doc.lines

    def run(self) -> None:
        doc, lines = self.doc, self.lines
        i, n = 0, len(lines)
        in_code = False
        block: list[int] = []  # line indexes of the current top-level text block
        self._front_matter_end = self._front_matter()
        i = self._front_matter_end
        html_depth = 0
        html_tag = ""
        code_start = 0
        while i < n:
            line = lines[i]
            if CODE_FENCE.match(line):
                in_code = not in_code
                code_start = i + 1
                self._flush(block)
                i += 1
                continue
            if in_code:
                i += 1
                continue
            self._inline(i)
            if html_depth:
                html_depth += len(re.findall(rf"<{html_tag}\b", line, re.I))
                html_depth -= len(re.findall(rf"</{html_tag}>", line, re.I))
                i += 1
                continue
            if not line.strip():
                self._flush(block)
                i += 1
                continue
            if MARKER.fullmatch(line.strip()):  # a marker alone on its line is not a paragraph
                self._flush(block)
                i += 1
                continue
            if line.startswith("///"):
                self._flush(block)
                i = self._quote(i)
                continue
            m = FOOTNOTE_DEF.match(line)
            if m:
                self._flush(block)
                doc.footnote_defs.append(Reference(i + 1, 1, m.group(1)))
                i += 1
                while i < n and (lines[i].startswith("    ") or not lines[i].strip()):
                    if not lines[i].strip() and not (i + 1 < n and lines[i + 1].startswith("    ")):
                        break
                    self._inline(i)
                    i += 1
                continue
            m = HEADING.match(line)
            if m and not block:
                self._heading(i, m)
                i += 1
                continue
            m = HTML_BLOCK.match(line)
            if m and not block and not m.group(1):
                html_tag = m.group(2)
                html_depth = len(re.findall(rf"<{html_tag}\b", line, re.I)) - len(
                    re.findall(rf"</{html_tag}>", line, re.I))
                i += 1
                continue
            block.append(i)
            i += 1
        if in_code:
            doc.find(code_start, 1, "MD002", "this fenced code block is not closed — add the closing fence")
        self._flush(block)

    def _front_matter(self) -> int:
        end = front_matter_end(self.lines)
        if end:
            try:
                meta = load_yaml("\n".join(self.lines[1:end - 1]))
                self.doc.meta = meta if isinstance(meta, dict) else {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = (mark.line + 2) if mark else 1
                self.doc.find(line, 1, "MD003", f"front matter is not valid YAML: {yaml_problem(exc)} — "
                              "check the indentation and quote values that contain ':'")
        elif self.lines and self.lines[0].strip() == "---":
            self.doc.find(1, 1, "MD003", "front matter is not closed — end it with a line '---'")
        return end

    def _flush(self, block: list[int]) -> None:
        if not block:
            return
        first = self.lines[block[0]]
        if LIST_ITEM.match(first):
            section = next((h.id for h in reversed(self.doc.headings)), None)
            for k in block:
                if LIST_ITEM.match(self.lines[k]):
                    self.doc.list_items.append(ListItem(k + 1, k + 1, section))
                elif self.doc.list_items:
                    self.doc.list_items[-1].end_line = k + 1
            block.clear()
            return
        if first.startswith((">", "|", "    ", "\t")) or HTML_BLOCK.match(first):
            block.clear()
            return
        last = block[-1]
        if ATTR_LINE.match(self.lines[last]) or ATTR_LINE.match(first):
            block.clear()  # a paragraph with its own attributes (subtitle, signature, source line)
            return
        number = len(self.doc.paragraphs) + 1
        self.doc.paragraphs.append(Paragraph(block[0] + 1, last + 1, number))
        block.clear()

    def _heading(self, i: int, m: re.Match) -> None:
        text = m.group(2)
        idm = HEADING_ID.search(text)
        hid = idm.group(1) if idm else None
        title = text[: idm.start()].rstrip() if idm else text
        if not hid:
            self.doc.find(i + 1, 1, "ID001", f"heading '{title}' has no explicit id — end it with "
                          "'{ #an-id }' (lower-case ASCII letters, digits, hyphens)")
        elif not ID_RE.match(hid):
            self.doc.find(i + 1, idm.start() + len(m.group(1)) + 2, "ID003", f"id '{hid}' is not lower-case "
                          "ASCII letters, digits and hyphens — write it as, for example, 'kapitel-2'")
        self.doc.headings.append(Heading(i + 1, len(m.group(1)), title, hid))

    def _blank_around(self, i: int) -> bool:
        before = i == 0 or not self.lines[i - 1].strip()
        after = i + 1 >= len(self.lines) or not self.lines[i + 1].strip()
        return before and after
