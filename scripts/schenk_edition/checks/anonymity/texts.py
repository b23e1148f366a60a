"""The texts the anonymity rules read, each placed in its file (`Segment`: a line, the column it begins at):

- the interview quotes (block and inline) and the footnotes whose reference stands inside one;
- the annotations: every free-text field of the data files (the vocabularies' `namn` and `definition`, the
  editorial notes' `text`, the decisions' `rapportens_ord` and `beslut`, the exceptions' `skal`);
- the comments: every YAML comment of every file under docs/_data/ and of the quotes' option lines, and every
  HTML comment of a page (the site never publishes them, but the repository does).

The reviewed lists themselves (`egennamn.yml`, `orter.yml`: their entries are the names and places the rules
allow or refuse) and the registry (`informanter.yml`: AN010–AN013) are read for their comments only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...core.paths import DATA_DIR, DECISIONS, DISCRETION, EDITORIAL, EXCEPTIONS, NORMS, THEMES
from ...core.yamlio import read_source
from ...model.edition import Edition, per_edition
from ...model.syntax import FOOTNOTE_DEF, FOOTNOTE_REF, MARKER

LINK_TARGET = re.compile(r"\]\([^()\s]*\)")
# The free-text fields of the data files, and which of them are written in English.
TEXT_FIELDS = {THEMES: ("namn", "definition"), NORMS: ("namn", "definition"), DISCRETION: ("namn", "definition"),
               EDITORIAL: ("text",), DECISIONS: ("rapportens_ord", "beslut"), EXCEPTIONS: ("skal",)}
ENGLISH_FIELDS = {(DECISIONS, "beslut")}
KEY_LINE = re.compile(r"^(\s*(?:-[ \t]+)?)([\w-]+):[ \t]*(.*)$")
COMMENT_HASH = re.compile(r"(?<=[ \t])#")


@dataclass
class Segment:
    """A stretch of text to check, placed in a file: `text` begins at (line, col0)."""
    path: str
    line: int
    col0: int
    text: str
    what: str = "this quote"  # how a message names it
    english: bool = False  # the English word list counts too (comments, the decisions' `beslut`)


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def clean(text: str) -> str:
    """Markers, footnote references and link targets become spaces (columns stay where they are)."""
    return LINK_TARGET.sub(_blank, FOOTNOTE_REF.sub(_blank, MARKER.sub(_blank, text)))


def quote_segments(ed: Edition) -> list[Segment]:
    """Every line of every interview quote (an inline quote: its quoted words)."""
    out: list[Segment] = []
    for d, q in ed.quotes():
        where = f"docs/{d.path}"
        if q.inline:
            start, end = q.span
            out.append(Segment(where, q.line, start, clean(d.lines[q.line - 1][start:end])))
            continue
        for n in range(q.body[0], q.body[1] + 1):
            if d.lines[n - 1].strip():
                out.append(Segment(where, n, 0, clean(d.lines[n - 1])))
    return out


def option_comment_segments(ed: Edition) -> list[Segment]:
    """The YAML comments on the option lines of the quotes (`teman: [a, b]  # …`): the annotations' own
    comments, never published but committed."""
    out: list[Segment] = []
    for d, q in ed.quotes(interviews_only=False):
        if q.inline:
            continue
        for n in range(q.option_lines[0], q.option_lines[1] + 1):
            line = d.lines[n - 1]
            m = KEY_LINE.match(line)
            hash_at = _comment_start(line, m.start(3) if m else -1) if "#" in line else -1
            if hash_at >= 0:
                out.append(Segment(f"docs/{d.path}", n, hash_at + 1, line[hash_at + 1:], "this YAML comment", True))
    return out


def footnote_segments(ed: Edition) -> list[Segment]:
    """The text of each footnote whose reference stands inside an interview quote: checked like the quote."""
    out: list[Segment] = []
    for d, q in ed.quotes():
        labels = {r.label for r in d.footnote_refs
                  if (q.span[0] <= r.col - 1 < q.span[1] and r.line == q.line if q.inline
                      else q.body[0] <= r.line <= q.body[1])}
        for definition in (r for r in d.footnote_defs if r.label in labels):
            n = definition.line
            first = FOOTNOTE_DEF.match(d.lines[n - 1])
            col0 = first.end() if first else 0
            while True:
                out.append(Segment(f"docs/{d.path}", n, col0, clean(d.lines[n - 1][col0:]),
                                   f"footnote {definition.label} (its reference stands in a quote)"))
                if n >= len(d.lines) or not d.lines[n].startswith("    "):
                    break
                n, col0 = n + 1, 4
    return out


def html_comment_segments(ed: Edition) -> list[Segment]:
    """The text of every HTML comment of a page that is not a marker of the edition (MK010 reports the comment
    itself), line by line up to its `-->`."""
    out: list[Segment] = []
    for d in ed.documents:
        for c in d.comments:
            n, col0 = c.line, c.col - 1 + 4
            while n <= len(d.lines):
                line = d.lines[n - 1]
                end = line.find("-->", col0)
                out.append(Segment(d.where or f"docs/{d.path}", n, col0, clean(line[col0:end if end >= 0 else None]),
                                   "this HTML comment", english=True))
                if end >= 0:
                    break
                n, col0 = n + 1, 0
    return out


def _comment_start(line: str, value_at: int) -> int:
    """Where a YAML comment begins on a line (-1: none): a '#' at the start of the line's content or after a
    blank, outside a quoted value."""
    stripped = line.lstrip()
    if stripped.startswith("#"):
        return len(line) - len(stripped)
    start = value_at
    if 0 <= start < len(line) and line[start] in "'\"":
        close = line.find(line[start], start + 1)
        while close >= 0 and line[start] == "'" and line[close + 1:close + 2] == "'":  # '' inside '…'
            close = line.find("'", close + 2)
        if close < 0:
            return -1
        start = close + 1
    m = COMMENT_HASH.search(line, max(start, 0))
    return m.start() if m else -1


@per_edition
def data_segments(ed: Edition) -> tuple[list[Segment], list[Segment]]:
    """(the free-text fields of TEXT_FIELDS, the comments) of every YAML file under docs/_data/."""
    values: list[Segment] = []
    comments: list[Segment] = []
    for file in sorted((ed.docs_dir / DATA_DIR).glob("*.y*ml")):
        rel = f"{DATA_DIR}/{file.name}"
        where = f"docs/{rel}"
        try:
            lines = read_source(file, where, "")[0].split("\n")  # a bad byte: reported by the file's loader
        except OSError:
            continue
        keys = TEXT_FIELDS.get(rel, ())
        current = None  # the text field whose value continues on the following lines
        for n, line in enumerate(lines, start=1):
            m = KEY_LINE.match(line)
            value_at = m.start(3) if m else (len(line) - len(line.lstrip()) if current else -1)
            hash_at = _comment_start(line, value_at) if "#" in line else -1
            if hash_at >= 0:
                comments.append(Segment(where, n, hash_at + 1, line[hash_at + 1:], "this YAML comment", True))
            body = line[:hash_at] if hash_at >= 0 else line
            if not body.strip():
                continue
            if m and len(m.group(1)) <= 2:  # a field of an entry (top-level keys are ids)
                current = m.group(2) if m.group(2) in keys and m.group(1) else None
                value = body[m.start(3):].rstrip()
                if current and value and value not in (">", ">-", "|", "|-"):
                    quoted = value[0] in "'\"" and value[-1] == value[0] and len(value) > 1
                    values.append(Segment(where, n, m.start(3) + (1 if quoted else 0),
                                          value[1:-1] if quoted else value, "this annotation",
                                          (rel, current) in ENGLISH_FIELDS))
                continue
            if current and line.startswith((" ", "\t")):
                indent = len(body) - len(body.lstrip())
                values.append(Segment(where, n, indent, body.strip(), "this annotation",
                                      (rel, current) in ENGLISH_FIELDS))
            else:
                current = None
    return values, comments


def annotation_segments(ed: Edition) -> list[Segment]:
    """The free-text fields of the data files, with the lines and columns they have there."""
    return data_segments(ed)[0]
