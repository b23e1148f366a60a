"""The informant registry (docs/_data/informanter.yml) and the attributions (AN011–AN013)."""

from __future__ import annotations

import re

from ...core.findings import Finding
from ...core.paths import EXCEPTIONS, INFORMANTS, PROPER_NOUNS
from ...core.yamlio import read_source
from ...model import data
from ...model.edition import Edition
from .lexicon import PROPER_NOUNS_EXAMPLE, load_word_list
from .texts import annotation_segments, clean

# The study's informants per role (chapter 4): 3 HR-specialists, 7 managers, 24 caseworkers (junior + senior).
STUDY_COUNTS = {("HR-specialist",): 3, ("chef",): 7, ("junior", "senior"): 24}


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
        people |= {f"{a} {b}" for t in texts for a, b in bigram.findall(clean(t).replace("<br>", " "))
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


