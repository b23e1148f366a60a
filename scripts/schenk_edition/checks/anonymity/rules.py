"""The rules that read the texts (`texts`): AN003 a name, AN004 a place, AN005 an age, AN006 a date, AN016 a
tenure, AN017 a gender with a small count, AN018 a named unit or street — in the quotes and the footnotes they
reach, every free-text field of the data files, every YAML comment under docs/_data/ and every HTML comment."""

from __future__ import annotations

import re

from ...core.findings import Finding
from ...core.paths import EXCEPTIONS, PLACES, PROPER_NOUNS
from ...model.edition import Edition
from .lexicon import STREET_ENDINGS, Lexicon, lexicon
from .patterns import AGE, DATE, GENDER_COUNT, LOWER, TENURE, UNIT, WORD, YEARS
from .texts import Segment, data_segments, footnote_segments, html_comment_segments, quote_segments

EXCEPTION_HINT = f"if the report prints it, add a reviewed exception to docs/{EXCEPTIONS} (one per passage)"
# Phrases, in order: a span taken by one is not reported again by a later one (a tenure is not also an age).
PHRASES = (
    (TENURE, "AN016", "a tenure (years of service)"),
    (AGE, "AN005", "an exact age"),
    (YEARS, "AN005", "a number of years (an age or a tenure)"),
    (DATE, "AN006", "a date"),
    (GENDER_COUNT, "AN017", "a gender with a small count"),
    (UNIT, "AN018", "a named unit"),
)
PHRASE_FIX = {
    "AN016": "an informant's years of service narrow down who it is: write 'länge', 'många år' or leave it out",
    "AN005": "an age can identify an informant: leave it out",
    "AN006": "an interview date can identify an informant: leave it out",
    "AN017": "a gender with a small count singles a person out: leave the count or the gender out",
    "AN018": "a named unit or street ties an informant to an office: leave it out",
}


def segments(ed: Edition) -> list[Segment]:
    values, comments = data_segments(ed)
    return quote_segments(ed) + footnote_segments(ed) + values + comments + html_comment_segments(ed)


NOT_A_WORD = re.compile(r"[\d_]")


def _skipped(text: str, start: int, end: int) -> bool:
    """A token of a path, a file name, an anchor, an address or a marker (`kapitel/5.md#p-3`,
    `CONTRIBUTING.md`, `ed:ID`), or with a digit or an underscore in it (`AN003`, `p-12`): no word of the text."""
    before, after = text[start - 1:start] if start else "", text[end:end + 2]
    return (before in ("/", ".", "#", "@", "`", ":") and before != "" or after[:1] in ("/", "@")
            or (after[:1] == "." and after[1:2].isalpha()) or NOT_A_WORD.search(text, start, end) is not None)


OPENERS = "”“\"»«'’([–—- \t*_"
CLOSERS = "”“\"»«'’)]*_"


def _at_sentence_start(text: str, start: int) -> bool:
    """Whether the word at `start` begins a sentence (or the text, or a quoted speech inside it)."""
    before = text[:start]
    if before[-1:] in ("”", "“", "’", "'", '"', "»", "«"):
        return True  # speech quoted inside a quote begins with a capital: ’Hur gör du i det här?’
    before = before.rstrip(OPENERS)
    return not before.strip() or before.rstrip(CLOSERS)[-1:] in (".", "!", "?", "…", ":") \
        or before.endswith(("...]", "…]"))


def _is_name(word: str, lex: Lexicon, english: bool, at_start: bool) -> bool:
    """Whether a word may be a name or a place (AN003): not allowed, and no ordinary word of the lists — or an
    ordinary word that the list also has as a proper noun, capitalised inside a sentence (Björn, Per, Inga)."""
    if lex.is_allowed(word):
        return False
    if not word.isupper() and lex.ordinary(word, english):  # the whole word, hyphen and all (A-aktie)
        return word != word.lower() and not at_start and lex.named(word, english)
    return any(_name_problem(part, lex, english, at_start and i == 0)
               for i, part in enumerate(word.split("-")) if part)


def _name_problem(part: str, lex: Lexicon, english: bool, at_start: bool) -> bool:
    """Whether one part of a word (a hyphen splits HR-specialist, Ann-Mari) may be a name or a place."""
    if part[0].isupper():
        if lex.is_allowed(part):
            return False
        if len(part) >= 2 and part.isupper():  # an abbreviation: initials look the same (AS, EK)
            if len(part) >= 4 and lex.ordinary(part, english):  # a word in capitals: NOTHING, ELSE
                return False
            # an English text's abbreviation of three or more letters that the English list has (URL, HTML)
            return not (english and len(part) >= 3 and lex.en is not None and part in lex.en.words)
        if lex.ordinary(part, english):  # Men, Då, Hur; but Björn inside a sentence is a name
            return not at_start and lex.named(part, english)
        if lex.proper(part, english):  # Anna, Göteborg: a proper noun of the word list
            return True
        lw = part.lower()
        return not ((lw.endswith("s") and lex.ordinary(lw[:-1], english)) or lex.compound(lw, english))
    # lower case: a proper noun of the word list written small (kalle, göteborg), not also a word
    return (part.lower() not in lex.allowed_lower and not lex.ordinary(part, english)
            and lex.proper(part.capitalize(), english) and not lex.compound(part, english))


def identifying_text(ed: Edition) -> list[Finding]:
    lex = lexicon(ed)
    out = list(lex.findings)
    for seg in segments(ed):
        out += segment_findings(seg, lex)
    return out


def segment_findings(seg: Segment, lex: Lexicon) -> list[Finding]:
    """The findings of the word rules (AN003, AN004, AN018) and the phrase rules (PHRASES) in one text."""
    out: list[Finding] = []
    words = lex.sv.words if lex.sv else frozenset()
    heads = lex.place_heads
    text, what = seg.text, seg.what
    names = lex.names_known and (lex.en is not None or not seg.english)
    for m in WORD.finditer(text):
        token = m.group()
        if token in words and token.islower() and token[:3] not in heads and not token.endswith(STREET_ENDINGS):
            continue  # an ordinary word in lower case (most words): nothing more to look up
        start, end = m.span()
        word = token.strip("-")
        if not word or _skipped(text, start, end):
            continue
        lw = word.lower()
        col = seg.col0 + start + 1
        place = lex.place_of(word) if lw[:3] in heads else None
        if place:
            out.append(Finding(seg.path, seg.line, col, "AN004", f"'{word}' names a place ({place}) in {what} "
                               "— a place ties an informant to an office: leave it out; " + EXCEPTION_HINT))
        elif lw.endswith(STREET_ENDINGS) and lex.street(word):
            out.append(Finding(seg.path, seg.line, col, "AN018", f"'{word}' names a street or a square in "
                               f"{what} — a named unit or street ties an informant to an office: leave it "
                               "out; " + EXCEPTION_HINT))
        elif names and _is_name(word, lex, seg.english, _at_sentence_start(text, start)):
            out.append(Finding(seg.path, seg.line, col, "AN003", f"'{word}' may be a name or a place in "
                               f"{what}: no word of the word list, no pseudonym, no allowed proper noun — "
                               "only pseudonyms name people: add a proper noun that is no person and no "
                               f"place (an authority, a cited author, an abbreviation) to docs/{PROPER_NOUNS} "
                               f"with a reason, a place to docs/{PLACES}; " + EXCEPTION_HINT
                               + "; otherwise remove it"))
    lower = text.lower()
    if len(lower) != len(text):  # a character whose lower case is longer (İ): match the text as it is
        lower = text
    taken: list[tuple[int, int]] = []
    for pattern, code, kind in PHRASES:
        for m in pattern.finditer(lower if pattern in LOWER else text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append(m.span())
            out.append(Finding(seg.path, seg.line, seg.col0 + m.start() + 1, code, f"'{text[m.start():m.end()]}'"
                               f" is {kind} in {what} — {PHRASE_FIX[code]}; or, if the report prints it and "
                               f"means something else, add a reviewed exception to docs/{EXCEPTIONS}"))
    return out
