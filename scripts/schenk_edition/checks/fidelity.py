"""Fidelity of the sources: every word of a unit of the report in docs/ is the printed report's word.

The words of each unit (not the edition's own pages, front matter `typ: utgåva`) are read from the Markdown,
less what the edition writes around the report's text: markers, heading ids and attribute lists, the quote
options (the annotations), HTML tags, link targets. A quote block's attribution is read where the page prints
it, after the quote. A citation (`[@key, s. 15]`) stands for the printed reference it renders, so it matches
any few words of the base text. Words are compared as the built-site test compares them: letters and digits,
lower case (`model.basetext.norm`); the test (`tests/test_fidelity.py`) also compares punctuation and case.

Running text is compared page by page (the page markers against the base text's pages), footnotes as one
stream. An editorial note (`<!-- ed:ID -->`) adds no word to docs/: its text is in docs/_data/editorial.yml.
A tree without the base text (a validator's sample) has nothing to compare.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import html
import re
from pathlib import Path
from typing import NamedTuple

from ..core.diskcache import Key, cached
from ..core.findings import Finding
from ..core.paths import BASE_TEXT, BASE_TEXT_CACHE, EDITORIAL, FIDELITY_CACHE
from ..model import basetext
from ..model.edition import Edition
from ..model.syntax import (ATTR_LINE, CITATION_BLOCK, CODE_FENCE, FENCE_CLOSE, FOOTNOTE_DEF, FOOTNOTE_REF,
                            HEADING, HEADING_ID, LINK, MARKER)

CITE = "\x00"  # a citation's place among the words: it stands for the reference it renders
_PAGE = "\x01"  # a page marker's place (it may stand inside a word split by the page break)
_BLOCK_TAGS = "p|div|li|ul|ol|h[1-6]|blockquote|figure|figcaption|table|tr|td|th|caption|br|hr|section|thead|tbody"
_INLINE = re.compile("|".join([
    f"(?P<marker>{MARKER.pattern})",
    f"(?P<cite>{CITATION_BLOCK.pattern})",
    f"(?P<link>{LINK.pattern})",
    f"(?P<fnref>{FOOTNOTE_REF.pattern})",
    rf"(?P<block></?(?:{_BLOCK_TAGS})\b[^>]*>)",
    r"(?P<tag></?[a-zA-Z][^>]*>)",
    r"(?P<entity>&(?:#\d+|#x[0-9a-fA-F]+|\w+);)",
    r"(?P<escape>\\(?=[^\w\s]))",
]), re.I)
_NON_SPACE = re.compile(r"\S+")
# How many base words one citation may stand for ("(Söderberg & Alexandersson 2005, s. 15)").
WORDS_PER_CITATION = 8
HOW_TO_FIX = (" — keep the printed words; a slip the report prints stays, marked by `<!-- ed:ID -->` right after "
              f"it and a `sic` note in docs/{EDITORIAL} (CONTRIBUTING.md, \"Printed slips stay\"); if the base text "
              f"({BASE_TEXT}) is what differs from the printed page, change nothing and report it")


class Word(NamedTuple):
    raw: str  # as written in docs/ (a citation as CITE)
    text: str  # compared: `basetext.norm`, or CITE
    path: str
    line: int
    col: int


def _words_of_line(line: str) -> tuple[list[tuple[str, int]], list[int], int]:
    """(word, 1-based column) of one source line, the number of page markers before each word's start (a word
    split by a page marker belongs to the page it begins on), and the number of page markers on the line."""
    if "<" not in line and "[" not in line and "&" not in line and "\\" not in line:  # plain text
        words = [(w.group(0), w.start() + 1) for w in _NON_SPACE.finditer(line)]
        return words, [0] * len(words), 0
    out: list[str] = []
    breaks: list[tuple[int, int]] = []  # (index in the output, its source column, 0-based), increasing
    pos = at = 0
    for m in _INLINE.finditer(line):
        out.append(line[pos:m.start()])
        breaks.append((at, pos))
        at += m.start() - pos
        kind = m.lastgroup
        start = m.start()
        if kind == "marker":
            repl = _PAGE if m.group(2) == "page" else ""
        elif kind == "cite":
            repl = CITE * m.group("cite").count("@")  # one per cite of the block
            repl += _PAGE * sum(1 for x in MARKER.finditer(m.group("cite")) if x.group(1) == "page")
        elif kind == "link":
            repl, start = m.group("link")[1:m.group("link").index("](")], m.start() + 1
        elif kind == "fnref":
            repl, start = m.group("fnref")[2:-1], m.start() + 2
        elif kind == "block":
            repl = " "
        elif kind == "entity":
            repl = html.unescape(m.group("entity"))
        else:  # an inline tag, an escape
            repl = ""
        out.append(repl)
        breaks.append((at, start))
        breaks.append((at + len(repl), m.end()))  # (a replacement keeps its start column throughout)
        at += len(repl)
        pos = m.end()
    out.append(line[pos:])
    breaks.append((at, pos))
    text = "".join(out)
    keys = [b[0] for b in breaks]

    def column(i: int) -> int:
        k = bisect.bisect_right(keys, i) - 1
        o, c = breaks[k]
        # inside a replacement every character keeps the construct's column
        nxt = breaks[k + 1] if k + 1 < len(breaks) else None
        if nxt is not None and nxt[0] > o and nxt[1] - c != nxt[0] - o:
            return c + 1
        return c + (i - o) + 1

    words, pages_before = [], []
    seen = counted = 0  # the page markers in text[:seen], counted as the words go (not from 0 for each word)
    for w in _NON_SPACE.finditer(text):
        raw = w.group(0)
        bare = raw.replace(_PAGE, "") if _PAGE in raw else raw
        lead = len(raw) - len(raw.lstrip(_PAGE))
        counted += text.count(_PAGE, seen, w.start())
        seen = w.start()
        pages_before.append(lead + counted)
        words.append((bare, column(w.start() + lead) if bare else 0))
    return words, pages_before, text.count(_PAGE)


def _compared(raw: str) -> str:
    return CITE if CITE in raw else basetext.norm(raw)


def source_streams(ed: Edition) -> tuple[dict[int, list[Word]], list[Word]]:
    """(running text by printed page, footnotes) of the units of the report, in reading order."""
    pages: dict[int, list[Word]] = {}
    notes: list[Word] = []
    page = basetext.FIRST_PAGE
    for doc in ed.documents:  # the navigation's order first
        if doc.is_edition_page:
            continue
        where = doc.where or f"docs/{doc.path}"
        skip: set[int] = set()  # 0-based lines that hold no word of the report
        later: dict[int, tuple[int, str]] = {}  # a quote's closing line -> (header line, attribution)
        for q in doc.quotes:
            if q.inline:
                continue
            skip.update(range(q.line - 1, q.option_lines[1]))
            skip.add(q.end_line - 1)
            later[q.end_line - 1] = (q.line, q.argument)
        in_notes = in_code = False
        lines = doc.lines
        if lines and lines[0].strip() == "---":
            end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), len(lines) - 1)
            skip.update(range(end + 1))
        for i, line in enumerate(lines):
            if CODE_FENCE.match(line.lstrip()):
                in_code = not in_code
                continue
            if in_code or ATTR_LINE.match(line.strip()) or (FENCE_CLOSE.match(line) and i not in later):
                continue
            col0 = 0
            if i in later:
                header, argument = later[i]
                col0 = lines[header - 1].index(argument) if argument in lines[header - 1] else 0
                line, lineno = argument, header
            elif i in skip:
                continue
            else:
                lineno = i + 1
                if FOOTNOTE_DEF.match(line):
                    in_notes = True
                    col0 = FOOTNOTE_DEF.match(line).end()
                    line = line[col0:]
                elif HEADING.match(line):
                    line = HEADING_ID.sub("", line.rstrip())
            words, pages_before, markers = _words_of_line(line)
            seen = 0
            for (raw, col), before in zip(words, pages_before):
                while seen < before:
                    seen += 1
                    page = _page_marker_after(doc, lineno, seen, page)
                text = _compared(raw)
                if text:
                    w = Word(raw, text, where, lineno, col0 + col)
                    (notes if in_notes else pages.setdefault(page, [])).append(w)
            while seen < markers:
                seen += 1
                page = _page_marker_after(doc, lineno, seen, page)
    return pages, notes


def _page_marker_after(doc, lineno: int, nth: int, current: int) -> int:
    """The page of the nth page marker on line `lineno` (the model's markers carry the page)."""
    on_line = [m for m in doc.pages if m.line == lineno]
    return on_line[nth - 1].page if nth <= len(on_line) else current


def _base(root: Path) -> tuple[dict[int, list[basetext.Token]], list[basetext.Token], list[int], tuple[str, ...]]:
    """The base text's tokens by printed page, its footnotes' tokens, the lines where pages start, its lines:
    made once per content of the base text and of the code that tokenises it (`core.diskcache`, in
    .cache/basetext/), since the base text does not change between runs."""
    path = root / BASE_TEXT
    digest = _base_key(root)
    if digest not in _BASES:  # one process checks many trees with the same base text (the samples' tests)
        _BASES[digest] = cached(root / BASE_TEXT_CACHE, digest, lambda: _make_base(path), keep=2)
    return _BASES[digest]


_BASES: dict[str, tuple] = {}


def _base_key(root: Path) -> str:
    """The SHA-256 of the base text and of the code that tokenises it."""
    key = Key()
    key.add("base text", (root / BASE_TEXT).read_bytes())
    for module in (basetext.__file__, __file__):
        key.add(f"code {Path(module).name}", Path(module).read_bytes())
    return key.hexdigest()


def _make_base(path: Path) -> tuple[dict[int, list[basetext.Token]], list[basetext.Token], list[int],
                                    tuple[str, ...]]:
    lines = basetext.read_lines(path)
    starts = basetext.page_starts(lines)
    body, notes = basetext.streams(lines)
    pages: dict[int, list[basetext.Token]] = {}
    for t in body:
        pages.setdefault(basetext.page_of(starts, t.line), []).append(t)
    return pages, notes, starts, tuple(lines)


def _findings(base: list[basetext.Token], words: list[Word], page: int | None, starts: list[int],
              lines: tuple[str, ...], fallback: Word | None, only: set[int] | None = None,
              notes: dict | None = None) -> list[Finding]:
    """The differences of one stretch; with `only` (ids of words and tokens), those that touch them."""
    notes = notes or {}
    a = [t.text for t in base]
    b = [w.text for w in words]
    if a == b or _same_but_citations(a, words):
        return []
    out = []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        ours = words[j1:j2]
        if only is not None and not any(id(x) in only for x in (ours or base[i1:i2])):
            continue
        if ours and all(w.text == CITE for w in ours) \
                and i2 - i1 <= WORDS_PER_CITATION * sum(w.raw.count(CITE) for w in ours):
            continue  # a citation and the printed reference it renders
        at = base[min(i1, len(base) - 1)] if base else None
        printed_page = basetext.page_of(starts, at.line) if at else page
        where = f"s. {printed_page}" + (f", base text line {at.line}" if at else "")
        printed = " ".join(_printed(base[i1:i2], lines))
        if ours:
            place = ours[0]
            written = " ".join("[@…]" if w.text == CITE else w.raw for w in ours)
            if i2 > i1:
                message = (f"'{written}' differs from the printed report, which has '{printed}' here ({where})"
                           + notes.get((place.path, place.line, place.col), ""))
                code = "FD001"
            else:
                message = f"'{written}' is not in the printed report ({where})"
                code = "FD002"
        else:
            place = words[j1 - 1] if j1 > 0 else (words[0] if words else fallback)
            if place is None:
                continue
            message = f"the printed report has '{printed}' after this word ({where}); the edition leaves it out"
            code = "FD003"
        out.append(Finding(place.path, place.line, place.col, code, message + HOW_TO_FIX))
    return out


def _marked(ed: Edition, words: list[Word]) -> dict[tuple[str, int, int], str]:
    """For a word an editorial note is placed on (`Johannas<!-- ed:johannas -->`), what the note says."""
    out = {}
    for doc in ed.documents:
        where = doc.where or f"docs/{doc.path}"
        for m in doc.ed_notes:
            for w in words:
                if w.path == where and w.line == m.line and w.col <= m.col <= w.col + len(w.raw) + 1:
                    note = ed.notes.get(m.value)
                    kind = f" ({note.kind})" if note is not None else ""
                    out[(w.path, w.line, w.col)] = (f"; the editorial note '{m.value}'{kind} is placed on this "
                                                    "word: it marks the printed form, which stays")
    return out


def _same_but_citations(a: list[str], words: list[Word]) -> bool:
    """The quick path: the words are the base words, each citation standing for a few of them (where the words
    after a citation resume in the base text: the first place where the next three agree)."""
    i = j = 0
    while j < len(words):
        w = words[j]
        if w.text == CITE:
            limit = i + WORDS_PER_CITATION * w.raw.count(CITE)
            after = [x.text for x in words[j + 1:j + 4]]
            if not after:
                return len(a) - i <= limit - i
            if CITE in after[:1]:
                return False
            after = after[:after.index(CITE)] if CITE in after else after
            k = next((k for k in range(i, min(limit, len(a) - 1) + 1) if a[k:k + len(after)] == after), None)
            if k is None:
                return False
            i, j = k, j + 1
        elif i < len(a) and a[i] == w.text:
            i, j = i + 1, j + 1
        else:
            return False
    return i == len(a)


def _printed(tokens: list[basetext.Token], lines: tuple[str, ...]) -> list[str]:
    """The tokens as the base text prints them (the first matching word on each token's line)."""
    out = []
    for t in tokens:
        line = lines[t.line - 1] if 0 < t.line <= len(lines) else ""
        out.append(next((w for w in line.split() if basetext.norm(w) == t.text), t.text))
    return out


def fidelity(ed: Edition) -> list[Finding]:
    """FD001–FD003: the words of the report's units against the base text. An edition read by content
    (`Edition.key`) has its findings kept in .cache/fidelity/ under that key, the base text's and this code's:
    a run over the same sources compares nothing again."""
    path = ed.root / BASE_TEXT
    if not path.exists():
        return []
    if ed.key is None:
        return _fidelity(ed)
    key = Key()
    key.add("edition", ed.key.encode())
    key.add("base text", _base_key(ed.root).encode())
    key.add("code", Path(__file__).read_bytes())
    return cached(ed.root / FIDELITY_CACHE, key.hexdigest(), lambda: _fidelity(ed),
                  lambda v: isinstance(v, list) and all(isinstance(f, Finding) for f in v), keep=4)


def _fidelity(ed: Edition) -> list[Finding]:
    base_pages, base_notes, starts, lines = _base(ed.root)
    pages, notes = source_streams(ed)
    out: list[Finding] = []
    last: Word | None = None
    numbers = sorted(set(base_pages) | set(pages))
    if _same_but_citations([t.text for p in numbers for t in base_pages.get(p, [])],
                           [w for p in numbers for w in pages.get(p, [])]):
        return _findings(base_notes, notes, None, starts, lines, last)  # the running text as printed
    differ = [p for p in numbers if [t.text for t in base_pages.get(p, [])] != [w.text for w in pages.get(p, [])]]
    # A word at a page break may fall on either side of it: a differing page is compared together with its
    # neighbours, so that only real differences remain.
    seen: set[tuple] = set()
    for p in differ:
        before = [w for q in numbers if q < p for w in pages.get(q, [])[-1:]]
        if not _findings(base_pages.get(p, []), pages.get(p, []), p, starts, lines, before[-1] if before else None):
            continue  # a citation and the printed reference it renders
        window = range(p - 1, p + 2)
        base = [t for q in window for t in base_pages.get(q, [])]
        words = [w for q in window for w in pages.get(q, [])]
        before = [w for q in numbers if q < p - 1 for w in pages.get(q, [])[-1:]]
        only = {id(x) for x in [*base_pages.get(p, []), *pages.get(p, [])]}
        for f in _findings(base, words, p - 1, starts, lines, before[-1] if before else None, only,
                           _marked(ed, words)):
            key = (f.path, f.line, f.col, f.code)
            if key not in seen:
                seen.add(key)
                out.append(f)
    out += _findings(base_notes, notes, None, starts, lines, last)
    return out


CHECKS = (fidelity,)
