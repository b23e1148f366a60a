"""The base text (`tests/data/report-text.txt`, the report's text extracted from its PDF) read as the fidelity
checks need it (the source check `checks.fidelity` and the built-site test `tests/test_fidelity.py`).

The extraction left page furniture in the text: a page begins with a line that starts with one space (or, twice,
after a line holding only the printed page number), and a page's footnotes follow a line of tab characters. This
module splits the text into the running text and the footnotes, in reading order, as comparable tokens.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

from ..core import paths
from .syntax import FIRST_PAGE

BASE_TEXT = paths.ROOT / paths.BASE_TEXT

_TAB_RULE = re.compile(r"^\t{10,}\s*$")
_PAGE_NUMBER = re.compile(r"^\d+\s*$")
_PAGE_START = re.compile(r"^ \S")
_NOTE_START = re.compile(r"^(\d+) ")
_NOT_ALNUM = re.compile(r"[\W_]+")


class Token(NamedTuple):
    text: str  # normalised: lower case letters and digits only
    line: int  # 1-based line of the base text


@functools.lru_cache(maxsize=None)
def norm(word: str) -> str:
    """Lower case letters and digits only: punctuation, dashes, hyphens and quotes fall away."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFC", word).lower())


def strict_norm(word: str) -> str:
    """Everything as printed, punctuation and case included, except hyphens (which line-end hyphenation
    makes ambiguous: `Försäk-ringskassan` and `HR-specialister` both come from a broken line)."""
    return unicodedata.normalize("NFC", word).replace("-", "")


def read_lines(path: Path = BASE_TEXT) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def page_starts(lines: list[str]) -> list[int]:
    """1-based line numbers where printed pages 5, 6, … begin, derived from the text itself."""
    starts = []
    after_number = False
    for i, line in enumerate(lines, start=1):
        if _PAGE_NUMBER.match(line):
            after_number = True
            continue
        if after_number and line.strip():
            starts.append(i)
            after_number = False
            continue
        if i == 1 or _PAGE_START.match(line):
            starts.append(i)
    return starts


def _tokens(lines: list[tuple[int, str]], norm=norm) -> list[Token]:
    """Tokens of a run of lines, with line-end hyphenation joined (a trailing hyphen joins the next word)."""
    out: list[Token] = []
    append = out.append
    carry = ""
    carry_line = 0
    for lineno, line in lines:
        words = line.split()
        if not words:
            continue
        first = lineno  # the line of the first word: where a word carried over from an earlier line began
        if carry:
            words[0] = carry + words[0]
            first, carry = carry_line, ""
        last = words[-1]
        if last.endswith("-") and len(last) > 1:  # hyphenated at the line's end: joins the next word
            carry, carry_line = last, first if len(words) == 1 else lineno
            words.pop()
        for k, w in enumerate(words):
            t = norm(w)
            if t:
                append(Token(t, first if k == 0 else lineno))
    if carry and norm(carry):
        append(Token(norm(carry), carry_line))
    return out


def streams(lines: list[str] | None = None, norm=norm) -> tuple[list[Token], list[Token]]:
    """(running text, footnotes) of the whole report in reading order, as tokens."""
    lines = read_lines() if lines is None else lines
    starts = page_starts(lines)
    body: list[tuple[int, str]] = []
    notes: list[list[tuple[int, str]]] = []
    bounds = starts + [len(lines) + 1]
    for s, e in zip(bounds, bounds[1:]):
        in_notes = False
        for i in range(s, e):
            line = lines[i - 1]
            if _TAB_RULE.match(line):
                in_notes = True
                continue
            if _PAGE_NUMBER.match(line):
                continue
            if in_notes:
                m = _NOTE_START.match(line)
                if m:  # a new note: its printed number is a label, not text
                    notes.append([])
                    line = line[m.end():]
                notes[-1].append((i, line))
            else:
                body.append((i, line))
    return _tokens(body, norm), [t for note in notes for t in _tokens(note, norm)]


def page_of(starts: list[int], line: int) -> int:
    """The printed page on which base-text line `line` stands (`starts`: `page_starts` of the text)."""
    return FIRST_PAGE + max(0, bisect.bisect_right(starts, line) - 1)
