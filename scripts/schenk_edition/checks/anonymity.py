"""Anonymisation rules (AN…): nothing in the edition may narrow down who an informant is.

Scopes, as the issue defines them:
- "quotes and annotations": the text of every interview quote (block and inline), the theme, norm and
  discretion vocabularies (`namn`, `definition`) and the editorial notes (`text`);
- "nowhere in docs/": every text file under docs/ (Markdown, data files, JSON);
- the informant registry itself (docs/_data/informanter.yml).

Reviewed data files (a reviewer sees every entry in the diff):
- docs/_data/egennamn.yml  proper nouns that may stand inside a quote or annotation (`Word: reason`);
- docs/_data/orter.yml     place names that must not (`Place: what it is`);
- docs/_data/undantag.yml  one exception per passage the report prints and the edition must keep
                           (`id: {fil, ord, regel, skal}`), never a switch that turns a rule off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


from ..core.findings import Finding
from ..core.yamlio import read_source
from ..core.paths import DISCRETION, EDITORIAL, EXCEPTIONS, INFORMANTS, NORMS, PLACES, PROPER_NOUNS, THEMES
from ..model import data
from ..model.edition import Edition
from ..model.syntax import FOOTNOTE_REF, MARKER

# The study's informants per role (chapter 4): 3 HR-specialists, 7 managers, 24 caseworkers (junior + senior).
STUDY_COUNTS = {("HR-specialist",): 3, ("chef",): 7, ("junior", "senior"): 24}

# --- patterns ------------------------------------------------------------------------------------------
CAPITALISED = re.compile(r"(?<![\w-])[A-ZÅÄÖÉÜ][\w-]*")
WORD = re.compile(r"(?<![\w-])[A-Za-zÅÄÖåäöÉéÜü][\w-]*")
LINK_TARGET = re.compile(r"\]\([^()\s]*\)")
OPENERS = "”“\"»«'’([–—- \t*_"
CLOSERS = "”“\"»«'’)]*_"
NUMBER_WORDS = (r"tjugo|trettio|fyrtio|femtio|sextio|sjuttio|åttio|nittio|"
                r"(?:tjugo|trettio|fyrtio|femtio|sextio|sjuttio|åttio|nittio)(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio)")
AGE = re.compile(
    rf"\b(?:\d{{1,3}}|{NUMBER_WORDS})\s+år\s+(?:gammal|gamla|ung|på\s+nacken|fyllda)\b"
    rf"|\b(?:\d{{1,3}}|{NUMBER_WORDS})-?åring(?:en|ar|arna)?\b"
    rf"|\b(?:\d{{1,3}}|{NUMBER_WORDS})-årig\b"
    rf"|\b(?:är|var|blir|blev|fyller|fyllde)\s+(?:\d{{2,3}}|{NUMBER_WORDS})(?:\s+år)?(?=\s*(?:[.,;:!?)”\"]|$|och\b|nu\b|i\s+år\b))"
    r"|\bfödd\s+(?:år\s+)?(?:19|20)\d\d\b",
    re.I)
MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
DATE = re.compile(
    r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b"
    rf"|\b[0-3]?\d(?::[ae])?\s+(?:{MONTHS})\b(?:\s+(?:19|20)\d\d)?"
    rf"|\b(?:{MONTHS})\s+(?:19|20)\d\d\b"
    r"|(?<![\d/])[0-3]?\d/[01]?\d(?:[-/](?:19|20)?\d\d)?(?![\d/])",
    re.I)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")  # from a token's start only: linear
PHONE = re.compile(r"(?<![\w+])(?:\+46[ -]?(?:\(0\)[ -]?)?|0)\d{1,3}(?:[ /–-]?\d){5,8}(?![\w])")
PERSONNUMMER = re.compile(r"(?<![\w-])(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|[6-8]\d|9[01])"
                          r"([-+]?)\d{4}(?![\w])")
ISSN_ISBN = re.compile(r"\b(?:ISSN|ISBN)[\s:]*$", re.I)
PROPER_NOUNS_EXAMPLE = "Försäkringskassan: myndigheten som rapporten handlar om"
PLACES_EXAMPLE = "Malmö: ett av studiens kontor (kapitel 4)"
TEXT_FILES = (".md", ".yml", ".yaml", ".json", ".csv", ".txt", ".html", ".bib")


@dataclass
class Segment:
    """A stretch of text to check, placed in a file: `text` begins at (line, col0)."""
    path: str
    line: int
    col0: int
    text: str
    starts_sentence: bool  # whether the text begins a sentence (the start of a quote, a value, a paragraph)


@dataclass
class Exception_:
    id: str
    file: str
    words: str
    rule: str
    line: int  # in undantag.yml


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def _clean(text: str) -> str:
    """Markers, footnote references and link targets become spaces (columns stay where they are)."""
    return LINK_TARGET.sub(_blank, FOOTNOTE_REF.sub(_blank, MARKER.sub(_blank, text)))


# --- the texts each rule reads -------------------------------------------------------------------------
def quote_segments(ed: Edition) -> list[Segment]:
    out: list[Segment] = []
    for d, q in ed.quotes():
        where = f"docs/{d.path}"
        if q.inline:
            start, end = q.span
            out.append(Segment(where, q.line, start, _clean(d.lines[q.line - 1][start:end]), True))
            continue
        start_sentence = True
        for n in range(q.body[0], q.body[1] + 1):
            text = d.lines[n - 1]
            if not text.strip():
                start_sentence = True
                continue
            out.append(Segment(where, n, 0, _clean(text), start_sentence))
            start_sentence = _ends_sentence(text)
    return out


def annotation_segments(ed: Edition) -> list[Segment]:
    """The values of the vocabularies (`namn`, `definition`) and of the editorial notes (`text`), with the
    lines and columns they have in their YAML files."""
    out: list[Segment] = []
    for rel, keys in ((THEMES, ("namn", "definition")), (NORMS, ("namn", "definition")),
                      (DISCRETION, ("namn", "definition")), (EDITORIAL, ("text",))):
        path = ed.docs_dir / rel
        try:
            lines = read_source(path, rel, "DA011")[0].split("\n")  # a bad byte: reported by data.load_mapping
        except OSError:
            continue  # data.load_mapping has reported it
        current = None
        previous = ""  # the text before, within the current value ("" at its start)
        for n, line in enumerate(lines, start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            m = re.match(r"^(\s+)([\w-]+):[ \t]*(.*)$", line)
            if not line.startswith((" ", "\t")):
                current = None
                continue
            if m and len(m.group(1)) <= 2:
                current = m.group(2) if m.group(2) in keys else None
                value, previous = m.group(3), ""
                if current and value and value not in (">", ">-", "|", "|-"):
                    quoted = value[0] in "'\"" and value[-1] == value[0]
                    col0 = m.start(3) + (1 if quoted else 0)
                    out.append(Segment(f"docs/{rel}", n, col0, value[1:-1] if quoted else value, True))
                    previous = value
                continue
            if current:
                indent = len(line) - len(line.lstrip())
                out.append(Segment(f"docs/{rel}", n, indent, line.strip(), _ends_sentence(previous)))
                previous = line
    return out


def _ends_sentence(text: str) -> bool:
    t = text.rstrip().rstrip(CLOSERS)
    return not t or t[-1] in ".!?…:"


def _begins_sentence(seg: Segment, start: int) -> bool:
    if seg.path.endswith(".md") and seg.text[:start][-1:] in ("”", "“", "’", "'", '"', "»", "«"):
        return True  # speech quoted inside an interview quote begins with a capital: ’Hur gör du i det här?’
    before = seg.text[:start].rstrip(OPENERS)
    if not before.strip():
        return seg.starts_sentence
    return before.rstrip(CLOSERS)[-1:] in (".", "!", "?", "…", ":") or before.endswith(("...]", "…]"))


# --- data files ----------------------------------------------------------------------------------------
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


def load_exceptions(ed: Edition, codes: set[str]) -> tuple[list[Exception_], list[Finding]]:
    rel = f"docs/{EXCEPTIONS}"
    entries, findings = data.load_mapping(ed.docs_dir / EXCEPTIONS, rel)
    out: list[Exception_] = []
    example = ("e.g. 'mona-30-ar: {fil: docs/kapitel/7.md, ord: \"30 år på nacken\", regel: AN005, "
               "skal: \"ett idiom om erfarenhet, ingen ålder\"}'")
    for e in entries:
        v = e.value
        if not isinstance(v, dict):
            findings.append(Finding(rel, e.line, 1, "AN015", f"exception '{e.key}' must be a mapping with 'fil', "
                                    f"'ord', 'regel' and 'skal' — {example}"))
            continue
        unknown = sorted(set(v) - {"fil", "ord", "regel", "skal"})
        missing = [k for k in ("fil", "ord", "regel", "skal") if not isinstance(v.get(k), str) or not v[k].strip()]
        if unknown or missing:
            findings.append(Finding(rel, e.line, 1, "AN015", f"exception '{e.key}': "
                                    + (f"unknown field(s) {', '.join(unknown)}; " if unknown else "")
                                    + (f"missing {', '.join(missing)}; " if missing else "")
                                    + f"an exception names one passage — {example}"))
            continue
        if v["regel"] not in codes:
            findings.append(Finding(rel, e.line, 1, "AN015", f"exception '{e.key}': rule '{v['regel']}' cannot "
                                    "be excepted — only these can: " + ", ".join(sorted(codes))))
            continue
        out.append(Exception_(e.key, v["fil"].strip(), v["ord"], v["regel"].strip(), e.line))
    return out, findings


def apply_exceptions(ed: Edition, findings: list[Finding], codes: set[str]) -> list[Finding]:
    """Drop each finding that a reviewed exception covers (same file and rule, the exception's words on the
    finding's line around its column); report the exceptions that cover nothing."""
    exceptions, out = load_exceptions(ed, codes)
    if any(f.code in data.UNREADABLE for f in out):  # the reviewed exceptions cannot be read: reported once,
        return out + [f for f in findings if f.code not in codes]  # and the rules they may cover wait for it
    used: set[str] = set()
    lines_of: dict[str, list[str] | None] = {}

    def lines(path: str) -> list[str] | None:
        if path not in lines_of:
            file = ed.docs_dir.parent / path
            try:
                lines_of[path] = read_source(file, path, "")[0].split("\n") if path.startswith("docs/") else None
            except OSError:
                lines_of[path] = None
        return lines_of[path]

    def covers(x: Exception_, f: Finding) -> bool:
        if x.rule != f.code or x.file != f.path:
            return False
        text = lines(f.path)
        if not text or not 1 <= f.line <= len(text):
            return False
        line = text[f.line - 1]
        start = line.find(x.words)
        while start >= 0:
            if start <= f.col - 1 < start + len(x.words):
                return True
            start = line.find(x.words, start + 1)
        return False

    for f in findings:
        hit = next((x for x in exceptions if covers(x, f)), None)
        if hit:
            used.add(hit.id)
        else:
            out.append(f)
    lists = {rel for rel in (PROPER_NOUNS, PLACES) if any(f.code in data.UNREADABLE
                                                            for f in load_word_list(ed, rel, "")[1])}
    waiting = {"AN003": bool(lists & {PROPER_NOUNS}) or f"docs/{INFORMANTS}" in ed.broken,
               "AN004": PLACES in lists, "AN012": f"docs/{INFORMANTS}" in ed.broken}
    for x in exceptions:
        if x.id not in used and x.file not in ed.broken and not waiting.get(x.rule):
            out.append(Finding(f"docs/{EXCEPTIONS}", x.line, 1, "AN014", f"exception '{x.id}' ({x.rule}, "
                               f"'{x.words}' in {x.file}) matches no finding — the passage has changed or the "
                               "rule no longer fires: remove the entry, or correct 'fil'/'ord'"))
    return out


# --- the rules -----------------------------------------------------------------------------------------
def _place_of(word: str, places: dict[str, int]) -> str | None:
    if word in places:
        return word
    for place in places:
        if word.startswith(place):
            rest = word[len(place):]
            if rest in ("s", "-") or re.fullmatch(r"s?-?(kontoret|kontor|området|regionen|trakten|borna|bo|bon|"
                                                  r"orten|delen|kontorets)", rest):
                return place
    return None


def _allowed(word: str, allowed: set[str]) -> bool:
    candidates = {word, word.split("-")[0]}
    candidates |= {c[:-1] for c in candidates if c.endswith("s")}
    return bool(candidates & allowed)


def identifying_text(ed: Edition) -> list[Finding]:
    """AN003 a personal name, AN004 a place, AN005 an exact age, AN006 a date, in quotes and annotations."""
    proper, out = load_word_list(ed, PROPER_NOUNS, PROPER_NOUNS_EXAMPLE)
    places, found = load_word_list(ed, PLACES, PLACES_EXAMPLE)
    # AN003 waits for the allow-list and the registry when either cannot be read
    names_known = not any(f.code in data.UNREADABLE for f in out) and f"docs/{INFORMANTS}" not in ed.broken
    out += found
    pseudonyms = {inf.name for inf in ed.informants.values()}
    pseudonyms |= {v for inf in ed.informants.values() for v in inf.variants}
    allowed = set(proper) | pseudonyms
    for seg in quote_segments(ed) + annotation_segments(ed):
        what = "this quote" if seg.path.endswith(".md") else "this annotation"
        for m in WORD.finditer(seg.text):
            word, col = m.group(0), seg.col0 + m.start() + 1
            place = _place_of(word, places) if word[0].isupper() else None
            if place:
                out.append(Finding(seg.path, seg.line, col, "AN004", f"'{word}' names a place ({place}) in {what}"
                                   " — a place ties an informant to an office: leave it out of annotations, or, "
                                   f"if the report prints it, add a reviewed exception to docs/{EXCEPTIONS}"))
            elif (names_known and word[0].isupper() and not _allowed(word, allowed)
                  and not _begins_sentence(seg, m.start())):
                out.append(Finding(seg.path, seg.line, col, "AN003", f"'{word}' looks like a name in {what} — "
                                   "only registered pseudonyms may name people: if it is a proper noun that is "
                                   f"not a person (an authority, a law, a cited author), add it to "
                                   f"docs/{PROPER_NOUNS} with a reason; otherwise remove it"))
        for pattern, code, kind in ((AGE, "AN005", "an exact age"), (DATE, "AN006", "a date")):
            for m in pattern.finditer(seg.text):
                out.append(Finding(seg.path, seg.line, seg.col0 + m.start() + 1, code, f"'{m.group(0)}' is {kind}"
                                   f" in {what} — an age or an interview date can identify an informant: leave "
                                   "it out, or, if the report prints it and means something else, add a reviewed "
                                   f"exception to docs/{EXCEPTIONS}"))
    return out


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits[-10:]):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def personal_data(ed: Edition) -> list[Finding]:
    """AN007 e-mail addresses, AN008 phone numbers, AN009 Swedish personal identity numbers: nowhere in docs/."""
    out: list[Finding] = []
    for file in sorted(ed.docs_dir.rglob("*")):
        if file.suffix not in TEXT_FILES or not file.is_file():
            continue
        rel = f"docs/{file.relative_to(ed.docs_dir).as_posix()}"
        try:
            text = read_source(file, rel, "")[0]  # a bad byte: the parser or data.load_mapping reports it
        except OSError:
            continue
        if "@" not in text and not re.search(r"\d{6}", text) and not re.search(r"\d[ -]\d", text):
            continue
        for n, line in enumerate(text.split("\n"), start=1):
            taken: list[tuple[int, int]] = []
            for m in PERSONNUMMER.finditer(line):
                if m.group(1) or _luhn(re.sub(r"\D", "", m.group(0))):
                    taken.append(m.span())
                    out.append(Finding(rel, n, m.start() + 1, "AN009", f"'{m.group(0)}' has the form of a Swedish "
                                       "personal identity number — remove it: the edition never records one"))
            for m in EMAIL.finditer(line):
                out.append(Finding(rel, n, m.start() + 1, "AN007", f"'{m.group(0)}' is an e-mail address — "
                                   "remove it; the edition names no one's address (link the repository instead)"))
            for m in PHONE.finditer(line):
                if any(a < m.end() and m.start() < b for a, b in taken) or ISSN_ISBN.search(line[:m.start()]):
                    continue
                if not 8 <= len(re.sub(r"\D", "", m.group(0))) <= 13:
                    continue
                out.append(Finding(rel, n, m.start() + 1, "AN008", f"'{m.group(0)}' looks like a phone number — "
                                   "remove it; the edition records no one's number"))
    return out


def _edits_within_one(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


def real_people(ed: Edition, proper: set[str]) -> set[str]:
    """Full names of real people named in the edition: the author (mkdocs.yml `site_author`), the people the
    foreword names, the authors and editors in bibliography/*.bib, and any 'Given Surname' in the text or the
    annotations whose surname is in the allow-list of proper nouns (a cited author such as Stina Hall)."""
    people: set[str] = set()
    if ed.site_author:
        people.add(ed.site_author)
    for entry in ed.bibliography.entries.values():  # an unreadable file is reported by the citation checks
        for role in ("author", "editor"):
            for name in re.split(r"\s+and\s+", entry.fields.get(role, "").replace("{", "").replace("}", "")):
                last, _, first = name.partition(",")
                full = f"{first.strip()} {last.strip()}" if first else last.strip()
                if " " in full:
                    people.add(full)
    bigram = re.compile(r"(?<![\w-])([A-ZÅÄÖÉÜ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäö]+)?) ([A-ZÅÄÖÉÜ][a-zåäöéü]+)")
    texts: list[str] = []
    forord = ed.document("forord.md")
    if forord:
        for p in forord.paragraphs:
            texts.append(" ".join(forord.lines[p.line - 1:p.end_line]))
        people |= {f"{a} {b}" for t in texts for a, b in bigram.findall(_clean(t).replace("<br>", " "))
                   if not re.match(r"^(Jag|Den|Det|Ett|Tack|Lund)$", a)}
    for d in ed.documents:
        for p in d.paragraphs:
            texts.append(" ".join(d.lines[p.line - 1:p.end_line]))
    texts += [s.text for s in annotation_segments(ed)]
    for t in texts:
        for given, surname in bigram.findall(t):
            base = surname[:-1] if surname.endswith("s") and surname[:-1] in proper else surname
            if base in proper:
                people.add(f"{given} {base}")
    return people


def registry(ed: Edition) -> list[Finding]:
    """AN011 more voices in a role than the study had, AN012 two pseudonyms one edit apart, AN013 a
    pseudonym or an attribution that is the full name of a real person."""
    out: list[Finding] = []
    rel = f"docs/{INFORMANTS}"
    voices = sorted(ed.informants.values(), key=lambda inf: inf.line)
    for roles, limit in STUDY_COUNTS.items():
        these = [inf for inf in voices if inf.role in roles]
        for inf in these[limit:]:
            out.append(Finding(rel, inf.line, 1, "AN011", f"'{inf.id}' is voice {these.index(inf) + 1} with role "
                               f"{' or '.join(roles)}, but the study interviewed only {limit} — a pseudonym is "
                               "probably registered twice: merge it with its other spelling under 'varianter:'"))
    try:
        lines = read_source(ed.docs_dir / INFORMANTS, rel, "")[0].split("\n")
    except OSError:
        lines = []

    def place(inf: data.Informant, name: str) -> tuple[int, int]:
        for n in range(inf.line, min(len(lines), inf.line + 12) + 1):
            col = lines[n - 1].find(name)
            if col >= 0 and (n == inf.line or lines[n - 1].startswith(" ")):
                return n, col + 1
        return inf.line, 1

    names = [(inf, name) for inf in voices for name in (inf.name, *inf.variants)]
    for i, (inf, name) in enumerate(names):
        for other, other_name in names[:i]:
            if other is not inf and _edits_within_one(name, other_name):
                line, col = place(inf, name)
                out.append(Finding(rel, line, col, "AN012", f"'{name}' ({inf.id}) is one edit away from "
                                   f"'{other_name}' ({other.id}) — if it is the same voice, record the spelling "
                                   f"under 'varianter:' of '{other.id}'; if the report prints two voices, add a "
                                   f"reviewed exception to docs/{EXCEPTIONS}"))
    proper, _ = load_word_list(ed, PROPER_NOUNS, PROPER_NOUNS_EXAMPLE)
    people = {p.lower(): p for p in real_people(ed, set(proper))}
    for inf, name in names:
        if name.lower() in people:
            line, col = place(inf, name)
            out.append(Finding(rel, line, col, "AN013", f"pseudonym '{name}' is the full name of a real person "
                               f"named in the edition ({people[name.lower()]}) — a pseudonym is the given name "
                               "the report prints, nothing more"))
    for d, q in ed.quotes():
        name = q.pseudonym if q.inline else q.argument.split(",")[0].strip()
        if name and name.lower() in people:
            out.append(Finding(f"docs/{d.path}", q.line, 1, "AN013", f"the quote is attributed to '{name}', the "
                               f"full name of a real person named in the edition — attribute it to the pseudonym "
                               "alone, as the report prints it ('Stina, junior')"))
    return out


VALIDATORS = [identifying_text, personal_data, registry]
# The rules a reviewed exception in docs/_data/undantag.yml may cover (the report's own words may trip them).
EXCEPTABLE = {"AN003", "AN004", "AN005", "AN006", "AN012"}
