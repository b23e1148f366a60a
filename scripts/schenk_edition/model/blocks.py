"""The parser's quote blocks: `/// citat | Namn, roll` and `/// dokument | source`, their options and body
(a part of `model.parser._Parser`)."""

from __future__ import annotations

import re

import yaml

from ..core.yamlio import load_yaml, yaml_problem
from .document import Document, Quote
from .syntax import CITAT_ARG, CITAT_ID, DOKUMENT_ID, FENCE_CLOSE, FENCE_OPEN, QUOTE_KINDS, QUOTE_OPTIONS, ROLES

# an option key at the top level of a block's options: four spaces, the key, a colon
_OPTION_KEY = re.compile(r"^ {4}([^\s:#'\"][^:]*?)[ \t]*:(?:[ \t]|$)")


class QuoteReader:
    """Reads a quote block starting at line index `i` into `self.doc` (mixed into the parser)."""

    doc: Document
    lines: list[str]

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
        option_at: dict = {}
        for n in range(i + 1, j):  # each top-level option key with its own line
            km = _OPTION_KEY.match(lines[n])
            if km:
                option_at.setdefault(km.group(1), n + 1)
        for key in options:
            if kind in QUOTE_OPTIONS and key not in QUOTE_OPTIONS[kind]:
                doc.find(option_at.get(str(key), i + 2), 5, "QT004", f"unknown option '{key}' in '/// {kind}' — allowed: "
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
        quote = Quote(kind, i + 1, end + 1, argument, options, option_lines, (body_first + 1, end),
                      option_at=option_at)
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
                doc.find(quote.option_line("id", option_lines[0]), 5, "QT010", f"id '{qid}' is malformed — write "
                         + ("'citat-<pseudonym>-<n>'" if kind == "citat" else "'dokument-<name>'"))
        doc.quotes.append(quote)
        return next_index
