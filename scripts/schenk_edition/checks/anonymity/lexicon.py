"""What a word is: a Swedish (or English) word of the word lists, a proper noun, a place of orter.yml, an allowed
proper noun or pseudonym — the judgements behind AN003 (names), AN004 (places) and AN018 (streets).

The word lists are Debian's full-form lists (`core.paths.WORD_LISTS`): wswedish's 121 000 forms, proper nouns
capitalised ("Anna", "Lund"), ordinary words in lower case; wbritish for the English texts. One set per list,
read once per process (about 25 ms each), or not at all when the verdicts of earlier runs answer every question
(`Words`); a missing list is one finding (AN019) and the name rule waits for it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ...core.diskcache import Key, load, store
from ...core.findings import Finding
from ...core.paths import INFORMANTS, PLACES, PROPER_NOUNS, WORD_LISTS, WORDS_CACHE
from ...model import data
from ...model.edition import Edition, per_edition

LANGUAGES = {"sv": "Swedish", "en": "English"}

# The last part of a compound that makes a place or a family name more often than a word (Sandviken, Sjöberg,
# Lindgren, Älvdalen): a word ending in one is not passed as a compound of two ordinary words.
NAME_PARTS = ("berg", "gren", "ström", "lund", "kvist", "qvist", "holm", "blad", "borg", "mark", "stad", "köping",
              "hamn", "strand", "sten", "fors", "bäck", "hult", "hall", "säter", "feldt", "gård", "hammar", "sund",
              "skog", "land", "vall", "berga", "dala", "backa", "tuna", "stedt", "torp", "näs", "boda", "dal",
              "träsk", "fjäll", "bruk", "härad", "hage", "kvarn", "äng", "sjö", "skär", "fjärd", "backe", "brunn",
              "kulla", "ljunga", "ånger", "vik", "ryd", "red", "måla", "inge", "sson", "son")
NAME_PART_ENDINGS = ("", "s", "en", "ens", "et", "ets", "a", "ar", "e", "n", "ns", "na", "nas")
_NAME_TAIL = re.compile(rf"(?:{'|'.join(sorted(set(NAME_PARTS), key=len, reverse=True))})"
                        rf"(?:{'|'.join(e for e in NAME_PART_ENDINGS if e)})?\Z")
# Derivations the full-form list lacks: a suffix and what the stem must be followed by to be a word of the list
# (lyhörd -> lyhördhet; orientera -> orienteringen).
SUFFIXES = (("het", ""), ("heten", ""), ("heter", ""), ("heterna", ""), ("hetens", ""), ("ering", "era"),
            ("eringen", "era"), ("eringar", "era"), ("eringarna", "era"), ("eringens", "era"), ("ing", "a"),
            ("ingen", "a"), ("ingar", "a"), ("ingarna", "a"), ("ingens", "a"))
# The longest word the compound rule splits (Swedish compounds of the report: up to 30 letters).
LONGEST_COMPOUND = 48
# Streets and squares: a word ending so, longer than the ending, that is not an ordinary word (genvägen is); the
# endings of ROAD_ENDINGS only capitalised (Kungsvägen; a yrkesväg is a career).
STREET_ENDINGS = ("gatan", "gata", "gränd", "gränden", "torget", "allén", "allé", "vägen", "väg", "stigen", "backen",
                  "street", "road")
ROAD_ENDINGS = ("vägen", "väg", "stigen", "backen", "road")


class Words:
    """The entries of one word list, asked as a set (`in`, `len`, iteration). A list with a memo (the project's
    .cache/words/, under the list's path, encoding, size and modification time and this module's code) answers
    `in` from the verdicts earlier runs kept while it can, and reads the list itself — about 25 ms for 120 000
    words, most of `validate`'s time — only at the first question no earlier run asked; `keep` stores the new
    verdicts. Without a memo the list is read at once."""

    def __init__(self, path: str, encoding: str, memo: tuple[Path, str] | None = None):
        self.path, self.encoding, self.memo = path, encoding, memo
        self._all: frozenset[str] | None = None
        self._known: dict[str, bool] = {}
        self._count: int | None = None
        self._new = False
        self._asked: set[str] = set()  # this run's questions: the memo keeps these and no others
        kept = load(*memo, valid=_valid_memo) if memo is not None else None
        if kept is not None:
            self._count, self._known = kept["count"], kept["known"]
        else:
            self._read()

    def _read(self) -> frozenset[str]:
        if self._all is None:
            self._all = _entries(self.path, self.encoding)
            if self._count != len(self._all):
                self._count, self._known, self._new = len(self._all), {}, True
        return self._all

    def __contains__(self, word: object) -> bool:
        found = self._known.get(word)  # type: ignore[arg-type]
        if found is None:
            found = word in self._read()
            if self.memo is not None and isinstance(word, str):
                self._known[word], self._new = found, True
        if self.memo is not None:
            self._asked.add(word)  # type: ignore[arg-type]
        return found

    def __len__(self) -> int:
        return self._count if self._count is not None else len(self._read())

    def __iter__(self):
        return iter(self._read())

    def keep(self) -> None:
        """Store the verdicts of this run's questions for the next run (nothing when the memo holds exactly
        these): the memo follows the texts, it does not grow with every edit."""
        if self.memo is not None and (self._new or len(self._asked) != len(self._known)):
            self._known = {w: self._known[w] for w in self._asked}
            store(*self.memo, {"count": len(self), "known": dict(self._known)}, keep=4)
            self._new = False


_read_lists: dict[tuple, frozenset[str]] = {}


def _entries(path: str, encoding: str) -> frozenset[str]:
    """The entries of a list file, read once per process and state of the file (many trees checked in one
    process — the samples' tests — share them)."""
    st = os.stat(path)
    key = (path, encoding, st.st_mtime_ns, st.st_size)
    if key not in _read_lists:
        _read_lists[key] = frozenset(Path(path).read_bytes().decode(encoding, errors="replace").split())
    return _read_lists[key]


def _valid_memo(kept: object) -> bool:
    return (isinstance(kept, dict) and isinstance(kept.get("count"), int) and isinstance(kept.get("known"), dict))


@dataclass(frozen=True)
class WordList:
    path: str
    words: Words  # every entry as written: `w.lower() in words` is an ordinary word of the list

    def has_word(self, word: str) -> bool:
        """`word` in lower case is an entry: an ordinary (lower-case) word."""
        return word.lower() in self.words

    def is_proper(self, word: str) -> bool:
        """An entry with a capital (a proper noun of the list) that is not also an ordinary word."""
        return word in self.words and word != word.lower() and word.lower() not in self.words


_lists: dict[tuple, WordList] = {}


def word_list(lang: str, root: Path | None = None) -> tuple[WordList | None, Finding | None]:
    """The word list of a language (`sv`, `en`), or the one finding that says why it cannot be read. With the
    project's `root`, the list answers from its memo in `root`/.cache/words/ (`Words`)."""
    default, encoding, package, variable = WORD_LISTS[lang]
    path = os.environ.get(variable) or default
    how = (f"install it: `make dict-deps` (Debian: `sudo apt-get install {package}`), or set {variable} to a "
           "file of one word per line")
    try:
        st = os.stat(path)
        if os.path.isdir(path):  # checked here: a list answered from its memo is not read
            raise IsADirectoryError(path)
        if not os.access(path, os.R_OK):
            raise PermissionError(path)
        key = (path, encoding, st.st_mtime_ns, st.st_size, str(root))
        if key not in _lists:
            memo = None
            if root is not None:
                digest = Key()
                digest.add("list", repr(key[:4]).encode())
                digest.add("code", Path(__file__).read_bytes())
                memo = (root / WORDS_CACHE, digest.hexdigest())
            _lists[key] = WordList(path, Words(path, encoding, memo))
        found = _lists[key]
    except OSError as exc:
        where = f"{variable}={path}" if os.environ.get(variable) else path
        why = "no such file" if isinstance(exc, FileNotFoundError) else f"not readable: {type(exc).__name__}"
        return None, Finding(path, 1, 1, "AN019", f"the {LANGUAGES[lang]} word list cannot be read ({where}: "
                             f"{why}) — the name rule (AN003) needs it and waits: {how}")
    if len(found.words) < 1000:
        return None, Finding(path, 1, 1, "AN019", f"the {LANGUAGES[lang]} word list holds {len(found.words)} "
                             f"words, not a language's — the name rule (AN003) waits: {how}")
    return found, None


# --- the reviewed lists of the edition (egennamn.yml, orter.yml) ------------------------------------------
PROPER_NOUNS_EXAMPLE = "Försäkringskassan: myndigheten som rapporten handlar om"
PLACES_EXAMPLE = "Malmö: ett av studiens kontor (kapitel 4)"


def load_word_list(ed: Edition, rel: str, what: str) -> tuple[dict[str, int], list[Finding]]:
    """`Word: reason` entries (the allow-list of proper nouns, the place names), read once per edition."""
    cache = ed.__dict__.setdefault("_word_lists", {})
    if rel not in cache:
        cache[rel] = _load_word_list(ed, rel, what)
    words, findings = cache[rel]
    return words, list(findings)


def _load_word_list(ed: Edition, rel: str, what: str) -> tuple[dict[str, int], list[Finding]]:
    entries, findings = data.load_mapping(ed.docs_dir / rel, f"docs/{rel}")
    words: dict[str, int] = {}
    for e in entries:
        if not re.fullmatch(r"[A-ZÅÄÖÉÜ][\w-]*", e.key) or not isinstance(e.value, str) or not e.value.strip():
            findings.append(Finding(f"docs/{rel}", e.line, 1, "DA009", f"'{e.key}': each entry is one "
                                    f"capitalised word and a short reason — write '{what}'"))
            continue
        words[e.key] = e.line
    return words, findings


@dataclass
class Lexicon:
    """Everything the word rules consult, for one edition."""
    sv: WordList | None
    en: WordList | None
    allowed: set[str]  # egennamn.yml and the pseudonyms (with their printed variants)
    allowed_lower: set[str]
    places: dict[str, str]  # lower case -> the place as orter.yml writes it
    place_heads: frozenset[str]  # the first three letters of each place: most words start none
    names_known: bool  # the allow-list, the registry and the Swedish word list could be read
    findings: list[Finding]

    def keep(self) -> None:
        """Store the word lists' new verdicts for the next run (`Words.keep`)."""
        for found in (self.sv, self.en):
            if found is not None:
                found.words.keep()

    def ordinary(self, word: str, english: bool) -> bool:
        """An ordinary word in lower case: in the Swedish list, or (English texts) in the English list."""
        lw = word.lower()
        return bool(self.sv and lw in self.sv.words) or bool(english and self.en and lw in self.en.words)

    def proper(self, word: str, english: bool) -> bool:
        """A proper noun of a list (Anna, Göteborg) that is not also an ordinary word."""
        return bool(self.sv and self.sv.is_proper(word)) or bool(english and self.en and self.en.is_proper(word))

    def named(self, word: str, english: bool) -> bool:
        """`word` as written (capitalised) is an entry of a list: a proper noun, perhaps also an ordinary word."""
        return bool(self.sv and word in self.sv.words) or bool(english and self.en and word in self.en.words)

    def is_allowed(self, word: str) -> bool:
        """An allowed proper noun or a pseudonym, as written, in the genitive (-s) or with a hyphenated tail."""
        if word in self.allowed:
            return True
        candidates = {word, word.split("-")[0]}
        candidates |= {c[:-1] for c in candidates if c.endswith("s")}
        return bool(candidates & self.allowed)

    def compound(self, lw: str, english: bool) -> bool:
        """A compound of two ordinary words (målorienterat, sjukförsäkringsreformen, handläggarrollen) or a
        derivation (lyhördhet) that the full-form list lacks: a head of 3+ letters in its joining form (`head`) and
        a tail of 5+ letters that is no proper noun of the list and no part that makes places and family names
        (Sjöberg, Sandviken)."""
        if len(lw) > LONGEST_COMPOUND:  # no word: not split (and a hostile token stays linear)
            return False
        if self.derived(lw, english):
            return True
        for i in range(3, len(lw) - 4):
            head, tail = lw[:i], lw[i:]
            if _NAME_TAIL.match(tail) or self.proper(tail.capitalize(), english):
                continue
            if not (self.ordinary(tail, english) or self.derived(tail, english)):
                continue
            if self.head(head, english):
                return True
        return False

    def head(self, head: str, english: bool) -> bool:
        """The first part of a compound: a word, perhaps in its joining form — with -s- (arbets-, yrkes-), without
        its final -e (handläggar-) or with -e (tjänste-)."""
        if self.ordinary(head, english):
            return True
        if head.endswith("s") and len(head) > 4:
            head = head[:-1]
        return (self.ordinary(head, english) or self.ordinary(head + "e", english)
                or (head.endswith("e") and len(head) > 3 and self.ordinary(head[:-1], english)))

    def derived(self, lw: str, english: bool) -> bool:
        """A derivation of a word of the list by one of SUFFIXES (lyhördhet, orienteringen)."""
        return any(lw.endswith(s) and len(lw) - len(s) >= 3 and self.ordinary(lw[:-len(s)] + stem, english)
                   for s, stem in SUFFIXES)

    def place_of(self, word: str) -> str | None:
        """The place of orter.yml that `word` names, in any case: as written, in the genitive (Lunds, malmös) or
        as the first part of a compound (Malmökontoret, lundakontoret, Lund-kontoret). A place that is also an
        ordinary word (lund, klippan) counts in lower case only inside a compound that is no word of the list."""
        lw = word.lower()
        lower = word == lw
        for i in range(min(len(lw), 24), 2, -1):
            place = self.places.get(lw[:i])
            if not place:
                continue
            rest = lw[i:]
            place_is_word = self.ordinary(lw[:i], False)
            if rest in ("", "s", "-", "s-"):
                if lower and place_is_word and self.ordinary(lw, False):
                    continue
                return place
            if self.ordinary(lw, False):  # a word of its own that begins like a place (osbyggd)
                continue
            for link in ("-", "s-", "a-", "s", "a", "e", ""):
                tail = rest[len(link):] if rest.startswith(link) else None
                if tail and len(tail) >= 3 and (self.ordinary(tail, False) or self.compound(tail, False)):
                    return place
        return None

    def street(self, word: str) -> bool:
        """A named street or square: Storgatan, storgatan, Kungsvägen, stortorget (not genvägen, an ordinary word,
        nor yrkesväg)."""
        lw = word.lower()
        ending = next((e for e in STREET_ENDINGS if lw.endswith(e)), None)
        return (ending is not None and len(lw) > len(ending) + 2 and not self.ordinary(lw, True)
                and (word[0].isupper() or ending not in ROAD_ENDINGS))


@per_edition
def lexicon(ed: Edition) -> Lexicon:
    """The lexicon of an edition, built once per edition."""
    proper, findings = load_word_list(ed, PROPER_NOUNS, PROPER_NOUNS_EXAMPLE)
    list_ok = not any(f.code in data.UNREADABLE for f in findings)
    places, found = load_word_list(ed, PLACES, PLACES_EXAMPLE)
    findings += found
    sv, missing_sv = word_list("sv", ed.root)
    en, missing_en = word_list("en", ed.root)
    findings += [f for f in (missing_sv, missing_en) if f]
    allowed = set(proper) | {inf.name for inf in ed.informants.values()}
    allowed |= {v for inf in ed.informants.values() for v in inf.variants}
    names_known = list_ok and sv is not None and f"docs/{INFORMANTS}" not in ed.broken
    return Lexicon(sv, en, allowed, {w.lower() for w in allowed}, {p.lower(): p for p in places},
                   frozenset(p.lower()[:3] for p in places), names_known, findings)
