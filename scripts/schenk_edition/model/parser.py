"""The one reader of the edition's Markdown.

`parse(text, path)` turns one file of `docs/` into a `Document`: headings and their ids, paragraphs, page
markers, footnote references and definitions, quote blocks, editorial-note markers and links, each with its
line and column. Problems of form (a malformed quote block, a heading without an id, an unknown marker) are
collected as `Finding`s, never raised. The MkDocs hooks render from this model and the validators check it;
no other code matches this syntax.

The syntax itself is described in CONTRIBUTING.md ("How the text is written").
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..core.yamlio import load_yaml, yaml_problem
from .document import Citation, Document, Heading, ListItem, Link, Marker, Paragraph, Quote, Reference
from .syntax import (ATTR_LINE, CITAT_ARG, CITAT_ID, CITATION_BLOCK, CITE, CODE_FENCE, CODE_SPAN, DOKUMENT_ID,
                     FENCE_CLOSE, FENCE_OPEN, FOOTNOTE_DEF, FOOTNOTE_REF, HEADING, HEADING_ID, HTML_BLOCK,
                     INLINE_OPTIONS, LINK, LIST_ITEM, MARKER, MARKER_KINDS, QUOTE_KINDS, QUOTE_MARKS,
                     QUOTE_OPTIONS, ROLES, ID_RE, FIRST_PAGE, LAST_PAGE)

def parse(text: str, path: str, where: str = "") -> Document:
    doc = Document(path=path, lines=text.split("\n"), where=where)
    _Parser(doc).run()
    return doc


def parse_file(file: Path, docs_dir: Path) -> Document:
    rel = file.relative_to(docs_dir).as_posix()
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        doc = Document(path=rel, lines=[], where=f"{docs_dir.name}/{rel}")
        doc.find(1, 1, "MD001", f"the file is not UTF-8 ({exc.reason}) — save it as UTF-8")
        return doc
    return parse(text, rel, f"{docs_dir.name}/{rel}")


class _Parser:
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
        if self.lines and self.lines[0].strip() == "---":
            for k in range(1, len(self.lines)):
                if self.lines[k].strip() in ("---", "..."):
                    try:
                        meta = load_yaml("\n".join(self.lines[1:k]))
                        self.doc.meta = meta if isinstance(meta, dict) else {}
                    except yaml.YAMLError as exc:
                        mark = getattr(exc, "problem_mark", None)
                        line = (mark.line + 2) if mark else 1
                        self.doc.find(line, 1, "MD003", f"front matter is not valid YAML: {yaml_problem(exc)} — "
                                      "check the indentation and quote values that contain ':'")
                    return k + 1
            self.doc.find(1, 1, "MD003", "front matter is not closed — end it with a line '---'")
        return 0

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

    def _inline(self, i: int) -> None:
        line = self.lines[i]
        doc = self.doc
        for m in MARKER.finditer(line):
            kind, value = m.group(1), m.group(2)
            standalone = line.strip() == m.group(0)
            if kind not in MARKER_KINDS:
                doc.find(i + 1, m.start() + 1, "MK001", f"unknown marker '{kind}:' — the edition knows "
                         + ", ".join(f"'<!-- {k}:… -->'" for k in MARKER_KINDS))
                continue
            marker = Marker(i + 1, m.start() + 1, m.end(), kind, value, standalone)
            if kind == "page":
                if not value.isdigit() or not FIRST_PAGE <= int(value) <= LAST_PAGE:
                    doc.find(i + 1, m.start() + 1, "PG001", f"unknown page number '{value}' — the printed "
                             f"report has pages {FIRST_PAGE}–{LAST_PAGE}: write '<!-- page:N -->'")
                    continue
                if standalone and not self._blank_around(i):
                    doc.find(i + 1, 1, "PG002", "a page marker alone on its line needs a blank line before "
                             "and after it — add them, or move the marker into the text that follows")
            elif kind == "citat":
                self._inline_quote(i, m)
                continue
            elif kind == "register" and not standalone:
                doc.find(i + 1, m.start() + 1, "MK003", "a register marker is not alone on its line — put "
                         "'<!-- register:… -->' on a line of its own")
                continue
            elif kind in ("ed", "register") and not ID_RE.match(value):
                doc.find(i + 1, m.start() + 1, "ED001", f"editorial-note id '{value}' is not lower-case ASCII "
                         "letters, digits and hyphens — rename it, e.g. 'fotnot-1-lakun'")
                continue
            doc.markers.append(marker)
        if "<!--" in line and not MARKER.search(line) and re.search(r"<!--\s*[A-Za-z][\w-]*:", line):
            doc.find(i + 1, line.index("<!--") + 1, "MK002", "malformed marker — write '<!-- kind:value -->' "
                     "with no space after the colon")
        for m in FOOTNOTE_REF.finditer(line):
            if m.start() == 0 and FOOTNOTE_DEF.match(line):
                continue
            doc.footnote_refs.append(Reference(i + 1, m.start() + 1, m.group(1)))
        for m in LINK.finditer(line):
            doc.links.append(Link(i + 1, m.start() + 1, m.group(1), m.group(2)))
        self._citations(i)

    def _citations(self, i: int) -> None:
        """Pandoc citations on a line (code spans aside), one `Citation` per cite."""
        line = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), self.lines[i])
        for m in CITATION_BLOCK.finditer(line):
            start = m.start(1)
            for part in re.split(r"(?<!\\);", m.group(1)):
                c = CITE.match(part)
                if c:
                    suffix = c.group("suffix").strip()
                    locator = re.sub(r"^[,:]\s*", "", suffix).strip("{}")
                    self.doc.citations.append(Citation(
                        i + 1, start + c.start("key"), c.group("key"), c.group("prefix").strip(),
                        locator, bool(c.group("suppress")), m.group(0)))
                start += len(part) + 1

    def _inline_quote(self, i: int, m: re.Match) -> None:
        """`<!-- citat:ID {röst: Namn, roll: roll, teman: […], …} -->”the quoted words”` in running text."""
        doc, line = self.doc, self.lines[i]
        qid, raw = m.group(2), m.group(3)
        options: dict = {}
        if raw:
            try:
                loaded = load_yaml(raw)
            except yaml.YAMLError as exc:
                doc.find(i + 1, m.start() + 1, "QT003", f"the options of this quote are not valid YAML — write a flow "
                         "mapping '{röst: Namn, roll: senior}': "
                         f"{yaml_problem(exc)}")
                loaded = {}
            options = loaded if isinstance(loaded, dict) else {}
        for key in options:
            if key not in INLINE_OPTIONS:
                doc.find(i + 1, m.start() + 1, "QT004", f"unknown option '{key}' in an inline quote — allowed: "
                         + ", ".join(sorted(INLINE_OPTIONS)))
        start = m.end()
        if start >= len(line) or line[start] not in QUOTE_MARKS:
            doc.find(i + 1, m.start() + 1, "QT012", "no quotation mark follows this inline quote marker — put the "
                     "marker right before the opening quotation mark: '<!-- citat:… -->”…”'")
            return
        close = next((k for k in range(start + 1, len(line)) if line[k] in QUOTE_MARKS), None)
        if close is None:
            doc.find(i + 1, start + 1, "QT012", "the quoted words after this inline quote marker are not closed "
                     "on the same line — end them with ” on this line")
            return
        voice, role = options.get("röst"), options.get("roll")
        quote = Quote("citat", i + 1, i + 1, f"{voice}, {role}", {"id": qid, **options}, (i + 1, i + 1),
                      (i + 1, i + 1), voice if isinstance(voice, str) else None,
                      role if isinstance(role, str) else None, inline=True, span=(start, close + 1))
        if not quote.pseudonym or not quote.role:
            doc.find(i + 1, m.start() + 1, "QT007", "an inline quote lacks its voice or role — name them in its "
                         "options: "
                     "'{röst: Namn, roll: senior, …}'")
        elif quote.role not in ROLES:
            doc.find(i + 1, m.start() + 1, "QT008", f"unknown role '{quote.role}' — the report's roles are "
                     + ", ".join(ROLES))
        if not CITAT_ID.match(qid):
            doc.find(i + 1, m.start() + 1, "QT010", f"id '{qid}' is malformed — write 'citat-<pseudonym>-<n>'")
        self._annotation_form(quote, i + 1, m.start() + 1)
        doc.quotes.append(quote)

    def _annotation_form(self, quote: Quote, line: int, col: int) -> None:
        """The annotations' form (their vocabulary is checked against docs/_data/ by the edition)."""
        o = quote.options
        if "teman" in o and not (isinstance(o["teman"], list) and o["teman"]
                                 and all(isinstance(t, str) for t in o["teman"])):
            self.doc.find(line, col, "QT011", "'teman' is not a list of theme ids — write ids from "
                          "docs/_data/teman.yml, "
                          "e.g. 'teman: [handlingsutrymme, tyst-kunskap]'")
        for key in ("norm", "handlingsutrymme", "tolkning"):
            if key in o and not isinstance(o[key], str):
                self.doc.find(line, col, "QT011", f"'{key}' is not a single id — write e.g. '{key}: "
                              + {"norm": "professionell", "handlingsutrymme": "varde",
                                 "tolkning": "p-12"}[key] + "'")

    def _blank_around(self, i: int) -> bool:
        before = i == 0 or not self.lines[i - 1].strip()
        after = i + 1 >= len(self.lines) or not self.lines[i + 1].strip()
        return before and after

    def _quote(self, i: int) -> int:
        """A `/// kind | argument` block; returns the index after it."""
        doc, lines = self.doc, self.lines
        head = FENCE_OPEN.match(lines[i])
        kind = head.group(1) if head else None
        if FENCE_CLOSE.match(lines[i]) or not kind:
            doc.find(i + 1, 1, "QT001", "'///' closes a block that was never opened — remove it, or open the "
                     "block with '/// citat | Namn, roll'")
            return i + 1
        argument = (head.group(2) or "").strip()
        if kind not in QUOTE_KINDS:
            doc.find(i + 1, 5, "QT002", f"unknown block '{kind}' — the edition knows "
                     + ", ".join(f"'/// {k}'" for k in QUOTE_KINDS))
        # options: lines indented by four spaces right after the header
        j = i + 1
        while j < len(lines) and lines[j].startswith("    ") and lines[j].strip():
            j += 1
        option_lines = (i + 2, j)
        options: dict = {}
        if j > i + 1:
            raw = "\n".join(line[4:] for line in lines[i + 1:j])
            try:
                loaded = load_yaml(raw)
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                doc.find(i + 2 + (mark.line if mark else 0), 5, "QT003",
                         f"the options of this block are not valid YAML: {yaml_problem(exc)} — write "
                         "'key: value' lines indented by four spaces")
                loaded = {}
            if isinstance(loaded, dict):
                options = loaded
            else:
                doc.find(i + 2, 5, "QT003", "the options of this block are not a mapping — write "
                     "'key: value' lines")
        for key in options:
            if kind in QUOTE_OPTIONS and key not in QUOTE_OPTIONS[kind]:
                doc.find(i + 2, 5, "QT004", f"unknown option '{key}' in '/// {kind}' — allowed: "
                         + ", ".join(sorted(QUOTE_OPTIONS[kind])))
        # body up to the closing fence
        k = j
        while k < len(lines) and not FENCE_CLOSE.match(lines[k]):
            if lines[k].startswith("///"):
                break
            self._inline(k)
            k += 1
        if k >= len(lines) or not FENCE_CLOSE.match(lines[k]):
            doc.find(i + 1, 1, "QT005", f"'/// {kind}' is not closed — end the block with '///' alone on a line")
            end = k if k < len(lines) else len(lines) - 1
            next_index = k
        else:
            end = k
            next_index = k + 1
        body_first = j
        while body_first < end and not lines[body_first].strip():
            body_first += 1
        quote = Quote(kind, i + 1, end + 1, argument, options, option_lines, (body_first + 1, end))
        if body_first >= end:
            doc.find(i + 1, 1, "QT006", f"'/// {kind}' has no text — write the text of the quote inside it")
        if kind == "citat":
            am = CITAT_ARG.match(argument)
            if not am:
                doc.find(i + 1, 1, "QT007", f"'/// citat | {argument}': the attribution is malformed — write it "
                         "'Pseudonym, roll' as printed after the quote, e.g. '/// citat | Tina, senior'")
            else:
                quote.pseudonym, quote.role = am.group("name"), am.group("role")
                if quote.role not in ROLES:
                    doc.find(i + 1, 1, "QT008", f"unknown role '{quote.role}' — the report's roles are "
                             + ", ".join(ROLES))
        elif kind == "dokument" and not argument:
            doc.find(i + 1, 1, "QT007", "'/// dokument' lacks its source — write it as printed: "
                     "'/// dokument | (Källa)'")
        if kind == "citat":
            self._annotation_form(quote, option_lines[0], 5)
        if kind in QUOTE_KINDS:
            qid = quote.id
            pattern = CITAT_ID if kind == "citat" else DOKUMENT_ID
            if qid is None:
                doc.find(i + 1, 1, "QT009", f"'/// {kind}' has no id — add the option line "
                         f"'    id: {kind}-…' right after the header")
            elif not pattern.match(qid):
                doc.find(option_lines[0], 5, "QT010", f"id '{qid}' is malformed — write "
                         + ("'citat-<pseudonym>-<n>'" if kind == "citat" else "'dokument-<name>'"))
        doc.quotes.append(quote)
        return next_index
