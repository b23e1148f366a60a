"""The one reader of the bibliography: `bibliography/referenser.bib` parsed once with pybtex (lazily: a slow
import), each entry with its line (so that every finding names a place), its fields in file order and its
persons as names. `Work.from_entry` is the report itself as the citation downloads and metadata use it.
The checks are in `checks.citations`, the formatting in `render.citations`. Conventions:
bibliography/README.md."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.diskcache import Key, cached, library_versions
from ..core.findings import Finding
from ..core.ids import REPORT_KEY
from ..core.yamlio import read_source
from ..core.paths import BIB, BIBLIOGRAPHY_CACHE

OWN_ENTRIES = {REPORT_KEY}  # the report itself: the edition's metadata, not a work the report cites
ENTRY_START = re.compile(r"^[ \t]*@(\w+)[ \t]*\{[ \t]*([^,\s]+)[ \t]*,", re.M)


@dataclass(frozen=True)
class Person:
    family: str
    given: str

    @property
    def initials(self) -> str:
        """`Anett` -> `A.`, `Ann-Mari` -> `A.-M.`"""
        return " ".join("-".join(part[0] + "." for part in name.split("-") if part)
                        for name in self.given.split())


@dataclass
class Entry:
    key: str
    line: int
    type: str
    fields: dict[str, str]  # lower-case names; persons as written ("Schenk, Anett and …")
    field_items: tuple[tuple[str, str], ...] = ()  # the non-person fields as written, in file order
    persons: dict[str, tuple[Person, ...]] = field(default_factory=dict)  # role -> names

    @property
    def year(self) -> str:
        return (self.fields.get("year") or self.fields.get("date", ""))[:4]

    @property
    def note(self) -> str:
        return self.fields.get("note", "")


@dataclass
class Bibliography:
    path: str  # as findings name it (relative to the repository)
    entries: dict[str, Entry] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


_FIELD_START = re.compile(r"^\s*[A-Za-z][\w-]*\s*=")


def syntax_error_line(text: str, reported: int) -> int:
    """The line of a BibTeX syntax error where it was made, not where pybtex noticed it (often the next entry):
    in the entry before the reported line, a field that follows one without its comma, a value whose brace is
    still open when the next field begins or the entry ends, or an entry without its closing brace."""
    lines = text.split("\n")
    starts = [text.count("\n", 0, m.start()) + 1 for m in ENTRY_START.finditer(text)]
    before = [n for n in starts if n < reported] or [n for n in starts if n <= reported]
    if not before:
        return reported
    first = before[-1]
    end = next((n for n in starts if n > first), len(lines) + 1)
    depth, value_line, last_field, comma, last_text = 0, 0, 0, True, first
    for n in range(first, end):
        line = lines[n - 1]
        if depth <= 1 and line.lstrip().startswith("%"):
            continue
        if _FIELD_START.match(line):
            if depth >= 2:
                return value_line  # a value still open when the next field begins
            if depth == 1 and not comma:
                return last_field  # the field before has no comma
            last_field = n
        for ch in line:
            if ch == "{":
                depth += 1
                if depth == 2:
                    value_line = n
            elif ch == "}":
                depth -= 1
        if line.strip():
            last_text = n
            comma = line.rstrip().endswith((",", "{")) or depth != 1
        if depth <= 0 and n > first:
            return reported  # the entry closed: the error is not in it
    return value_line if depth >= 2 else last_text


def read_bib(path: Path, where: str = BIB) -> Bibliography:
    """The entries with their lines; a file pybtex cannot read is a finding (CI004), never a traceback."""
    bib = Bibliography(where)
    try:
        text, bad = read_source(path, where, "CI004")
    except FileNotFoundError:
        bib.findings.append(Finding(where, 1, 1, "CI004", "the bibliography file is missing — the citations "
                                    "need it (see bibliography/README.md)"))
        return bib
    _parse(bib, text)
    if bad:  # one finding at the byte; the rest of the file is read as it is, so nothing else follows
        bib.findings.insert(0, bad)
    return bib


PYBTEX = (("pybtex", "pybtex"),)  # the library that parses the file (its version is part of the cache's key)


def read_bib_by_content(path: Path, root: Path, where: str = BIB) -> Bibliography:
    """`read_bib`, or what an earlier run read from the same bytes (`core.diskcache`, in `root`/.cache/
    bibliography/, keyed by the file, this module's code and pybtex's version): an edit of the pages reads the
    edition again but neither imports pybtex nor parses the bibliography."""
    try:
        data = path.read_bytes()
    except OSError:
        return read_bib(path, where)  # its one finding (CI004)
    key = Key()
    key.add("bib", data)
    key.add("where", where.encode())
    key.add("code", Path(__file__).read_bytes())
    key.add("libraries", library_versions(PYBTEX))
    return cached(root / BIBLIOGRAPHY_CACHE, key.hexdigest(), lambda: read_bib(path, where),
                  lambda v: isinstance(v, Bibliography), keep=4)


def _parse(bib: Bibliography, text: str) -> Bibliography:
    import pybtex.database
    import pybtex.errors
    from pybtex.database.input.bibtex import Parser  # the class itself: no search of the installed plug-ins
    from pybtex.exceptions import PybtexError
    from pybtex.scanner import PybtexSyntaxError

    where = bib.path
    lines: dict[str, list[int]] = {}
    for m in ENTRY_START.finditer(text):
        lines.setdefault(m.group(2), []).append(text.count("\n", 0, m.start()) + 1)
    for key, at in lines.items():
        if len(at) > 1:
            bib.findings.append(Finding(where, at[1], 1, "CI004", f"entry '{key}' is defined twice (first on "
                                        f"line {at[0]}) — keep one entry per work"))
    if bib.findings:
        return bib
    strict = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)
    try:
        data = pybtex.database.parse_string(text, Parser)
    except PybtexSyntaxError as exc:
        line = syntax_error_line(text, exc.lineno or 1)
        bib.findings.append(Finding(where, line, 1, "CI004", f"the bibliography is not valid BibTeX: "
                                    + re.sub(r"^syntax error in line \d+: ", "", str(exc))
                                    + " (pybtex noticed it on line " + str(exc.lineno or 1) + ") — compare with "
                                    "the entries around it: a comma after each field, every brace closed"))
        return bib
    except PybtexError as exc:
        bib.findings.append(Finding(where, 1, 1, "CI004", f"the bibliography cannot be read: {exc}"))
        return bib
    finally:
        pybtex.errors.set_strict_mode(strict)
    for key, entry in data.entries.items():
        items = tuple((k.lower(), str(v)) for k, v in entry.fields.items())
        fields = dict(items)
        people = {role: " and ".join(str(p) for p in persons) for role, persons in entry.persons.items()}
        fields.update({k.lower(): v for k, v in people.items()})
        persons = {role.lower(): tuple(Person(" ".join(p.prelast_names + p.last_names),
                                              " ".join(p.first_names + p.middle_names)) for p in people_)
                   for role, people_ in entry.persons.items()}
        bib.entries[key] = Entry(key, lines.get(key, [1])[0], entry.type.lower(), fields, items, persons)
    return bib


@dataclass(frozen=True)
class Work:
    """The report as its bibliography entry records it (only the fields the entry has)."""
    key: str
    entry_type: str
    title: str
    authors: tuple[Person, ...]
    year: str
    institution: str
    address: str
    series: str  # BibTeX `type` of a techreport: the series
    number: str
    isbn: str
    pagetotal: str
    url: str
    language: str
    fields: tuple[tuple[str, str], ...]  # every field as written, in order (for BibTeX)

    @classmethod
    def from_entry(cls, entry: Entry) -> Work:
        f = entry.fields
        return cls(key=entry.key, entry_type=entry.type, title=f.get("title", ""),
                   authors=entry.persons.get("author", ()), year=f.get("year", ""),
                   institution=f.get("institution", ""), address=f.get("address", ""), series=f.get("type", ""),
                   number=f.get("number", ""), isbn=f.get("isbn", ""), pagetotal=f.get("pagetotal", ""),
                   url=f.get("url", ""), language=f.get("language", ""), fields=entry.field_items)
