"""The parser's inline constructs of a line: page and quote markers, inline quotes and their options, links,
footnote references and citations (a part of `model.parser._Parser`)."""

from __future__ import annotations

import re

import yaml

from ..core.yamlio import load_yaml, yaml_problem
from .document import Citation, Comment, Document, Link, Marker, Quote, Reference
from .syntax import (CITAT_ID, CITATION_BLOCK, CITE, CODE_SPAN, FIRST_PAGE, FOOTNOTE_DEF, FOOTNOTE_REF, ID_RE,
                     INLINE_OPTIONS, LAST_PAGE, LINK, MARKER, MARKER_KINDS, QUOTE_MARKS, READINGS, ROLES)


class InlineReader:
    """Reads the inline constructs of line `i` into `self.doc` (mixed into the parser)."""

    doc: Document
    lines: list[str]

    def _inline(self, i: int) -> None:
        line = self.lines[i]
        doc = self.doc
        # each construct is looked for only on a line that holds its opening characters (the same matches,
        # found sooner: most lines hold none)
        for m in MARKER.finditer(line) if "<!--" in line else ():
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
        elif "<!--" in line:
            self._comments(i)
        for m in FOOTNOTE_REF.finditer(line) if "[^" in line else ():
            if m.start() == 0 and FOOTNOTE_DEF.match(line):
                continue
            doc.footnote_refs.append(Reference(i + 1, m.start() + 1, m.group(1)))
        for m in LINK.finditer(line) if "](" in line else ():
            doc.links.append(Link(i + 1, m.start() + 1, m.group(1), m.group(2)))
        if "@" in line:
            self._citations(i)

    def _comments(self, i: int) -> None:
        """HTML comments on a line that are not markers of the edition (code spans aside)."""
        line = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), self.lines[i])
        markers = {m.start() for m in MARKER.finditer(line)}
        for m in re.finditer(r"<!--", line):
            if m.start() not in markers:
                self.doc.comments.append(Comment(i + 1, m.start() + 1, line[m.end():].split("-->")[0].strip()))

    def _citations(self, i: int) -> None:
        """Pandoc citations on a line (code spans aside), one `Citation` per cite."""
        line = self.lines[i]
        line = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line) if "`" in line else line
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
            self.doc.find(quote.option_line("teman", line), col, "QT011", "'teman' is not a list of theme ids — write ids from "
                          "docs/_data/teman.yml, "
                          "e.g. 'teman: [handlingsutrymme, tyst-kunskap]'")
        for key in READINGS:
            if key in o and not _is_reading(o[key]):
                example = {"norm": "professionell", "handlingsutrymme": "varde"}[key]
                self.doc.find(quote.option_line(key, line), col, "QT011", f"'{key}' does not give each value with the paragraphs where the "
                              f"report states that reading — write e.g. '{key}: {{{example}: [p-12]}}' (a value "
                              "without such a paragraph is not set)")
        if "tolkning" in o and not isinstance(o["tolkning"], str):
            self.doc.find(quote.option_line("tolkning", line), col, "QT011", "'tolkning' is not a single paragraph — write e.g. 'tolkning: p-12'")


def _is_reading(value: object) -> bool:
    """`{id: [paragraph, …], …}`: at least one value, each with at least one paragraph target."""
    return (isinstance(value, dict) and bool(value)
            and all(isinstance(k, str) and isinstance(v, list) and v and all(isinstance(t, str) and t for t in v)
                    for k, v in value.items()))
