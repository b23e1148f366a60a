"""The rules that read the texts (`texts`): AN003 a name, AN004 a place, AN005 an age, AN006 a date, AN016 a
tenure, AN017 a gender with a small count, AN018 a named unit or street — in the quotes and the footnotes they
reach, every free-text field of the data files, every YAML comment under docs/_data/ and every HTML comment."""

from __future__ import annotations

import bisect
import re

from ...core.findings import Finding
from ...core.paths import EXCEPTIONS, PLACES, PROPER_NOUNS
from ...model.edition import Edition
from .lexicon import STREET_ENDINGS, Lexicon, lexicon
from .patterns import AGE, DATE, GENDER_COUNT, LOWER, TENURE, UNIT, WORD, YEARS
from .texts import (Segment, data_segments, footnote_segments, html_comment_segments, option_comment_segments,
                    quote_segments)

EXCEPTION_HINT = f"if the report prints it, add a reviewed exception to docs/{EXCEPTIONS} (one per passage)"
# Phrases, in order: a span taken by one is not reported again by a later one (a tenure is not also an age).
# Each with the strings one of which its every match holds (in lower case): a text without any is not scanned.
DIGITS = tuple("0123456789")
NUMBERISH = (*DIGITS, "år", "tio", "tjugo", "tretti", "förti", "femti", "sexti", "sjutti", "åtti", "nitti", "elva",
             "tolv", "ton", "year", "aged")
PHRASES = (
    (TENURE, "AN016", "a tenure (years of service)", NUMBERISH),
    (AGE, "AN005", "an exact age", NUMBERISH),
    (YEARS, "AN005", "a number of years (an age or a tenure)", NUMBERISH),
    (DATE, "AN006", "a date", DIGITS),
    (GENDER_COUNT, "AN017", "a gender with a small count",
     ("manl", "kvinn", "män", "mannen", "kill", "tjej", "karl", "gubb", "pojk", "flick", "male", "man", "wom",
      "men")),
    (UNIT, "AN018", "a named unit",
     ("enhet", "sektion", "avdelning", "team", "grupp", "distrikt", "kontor", "område")),
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
    return (quote_segments(ed) + footnote_segments(ed) + values + comments + option_comment_segments(ed)
            + html_comment_segments(ed))


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
    """Whether the word at `start` begins a sentence (or the text, or a quoted speech inside it), judged by the
    characters just before it (a bounded look back: linear time on any line)."""
    before = text[max(0, start - 40):start]
    if before[-1:] in ("”", "“", "’", "'", '"', "»", "«"):
        return True  # speech quoted inside a quote begins with a capital: ’Hur gör du i det här?’
    before = before.rstrip(OPENERS)
    return not before.strip() or before.rstrip(CLOSERS)[-1:] in (".", "!", "?", "…", ":") \
        or before.endswith(("...]", "…]"))


def _is_name(word: str, lex: Lexicon, english: bool, text: str, start: int) -> bool:
    """Whether the word at `start` of `text` may be a name or a place (AN003): not allowed, and no ordinary word
    of the lists — or an ordinary word that the list also has as a proper noun, capitalised inside a sentence
    (Björn, Per, Inga)."""
    if lex.is_allowed(word):
        return False
    if not word.isupper() and lex.ordinary(word, english):  # the whole word, hyphen and all (A-aktie)
        return word != word.lower() and lex.named(word, english) and not _at_sentence_start(text, start)
    parts = [p for p in word.split("-") if p]
    if any(_name_problem(part, lex, english, False) for part in parts[1:]):
        return True
    # the first part: a name that is also a word (Björn) counts only inside a sentence
    return bool(parts) and (_name_problem(parts[0], lex, english, True) or (
        _name_problem(parts[0], lex, english, False) and not _at_sentence_start(text, start)))


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
    lex.keep()  # the word lists' new verdicts, for the next run
    return out


def segment_findings(seg: Segment, lex: Lexicon) -> list[Finding]:
    """The findings of the word rules (AN003, AN004, AN018) and the phrase rules (PHRASES) in one text."""
    out: list[Finding] = []
    words = lex.sv.words if lex.sv else frozenset()
    english = lex.en.words if lex.en and seg.english else frozenset()
    heads = lex.place_heads
    text, what = seg.text, seg.what
    names = lex.names_known and (lex.en is not None or not seg.english)
    for m in WORD.finditer(text):
        token = m.group()
        if token in words and token.islower():  # an ordinary word in lower case (most words)
            if token[:3] not in heads and not token.endswith(STREET_ENDINGS):
                continue
            lw = token
        else:
            lw = token.lower()
            if (lw in words or lw in english) and token not in words and token not in english \
                    and lw[:3] not in heads and not lw.endswith(STREET_ENDINGS) and not token.isupper():
                continue  # an ordinary word capitalised (Det, The), and no name of the lists
        start, end = m.span()
        word = token.strip("-")
        if not word or _skipped(text, start, end):
            continue
        lw = word.lower() if word != token else lw
        col = seg.col0 + start + 1
        place = lex.place_of(word) if lw[:3] in heads else None
        if place:
            out.append(Finding(seg.path, seg.line, col, "AN004", f"'{word}' names a place ({place}) in {what} "
                               "— a place ties an informant to an office: leave it out; " + EXCEPTION_HINT))
        elif lw.endswith(STREET_ENDINGS) and lex.street(word):
            out.append(Finding(seg.path, seg.line, col, "AN018", f"'{word}' names a street or a square in "
                               f"{what} — a named unit or street ties an informant to an office: leave it "
                               "out; " + EXCEPTION_HINT))
        elif names and _is_name(word, lex, seg.english, text, start):
            out.append(Finding(seg.path, seg.line, col, "AN003", f"'{word}' may be a name or a place in "
                               f"{what}: no word of the word list, no pseudonym, no allowed proper noun — "
                               "only pseudonyms name people: add a proper noun that is no person and no "
                               f"place (an authority, a cited author, an abbreviation) to docs/{PROPER_NOUNS} "
                               f"with a reason, a place to docs/{PLACES}; " + EXCEPTION_HINT
                               + "; otherwise remove it"))
    lower = text.lower()
    if len(lower) != len(text):  # a character whose lower case is longer (İ): match the text as it is
        lower = text
    taken: list[tuple[int, int]] = []  # the spans of the phrases before, sorted (they do not overlap)
    for pattern, code, kind, needs in PHRASES:
        if not any(n in lower for n in needs):
            continue
        spans = []
        for m in pattern.finditer(lower if pattern in LOWER else text):
            i = bisect.bisect_left(taken, (m.end(),))  # the spans that begin before this match ends
            if i and taken[i - 1][1] > m.start():
                continue  # a phrase before has taken these words
            spans.append(m.span())
            out.append(Finding(seg.path, seg.line, seg.col0 + m.start() + 1, code, f"'{text[m.start():m.end()]}'"
                               f" is {kind} in {what} — {PHRASE_FIX[code]}; or, if the report prints it and "
                               f"means something else, add a reviewed exception to docs/{EXCEPTIONS}"))
        taken = sorted(taken + spans)
    return out
