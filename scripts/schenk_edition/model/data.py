"""The edition's data files (YAML), read with line numbers so that every problem names its line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..core.findings import Finding
from ..core.yamlio import FAST_LOADER, read_source, yaml_problem
from .syntax import ID_RE

EDITORIAL_KINDS = ("lacuna", "sic", "variant", "structure")
# The findings that mean a data file could not be read at all (missing, not YAML, not a mapping): the checks
# that use the file stop (`Edition.broken`) instead of reporting every use of it.
UNREADABLE = ("DA001", "DA002", "DA003", "DA011", "MD001")


@dataclass
class Entry:
    key: str
    line: int
    value: object


def load_mapping(path: Path, rel: str) -> tuple[list[Entry], list[Finding]]:
    """A YAML file whose top level is a mapping; each entry with the line of its key."""
    try:
        text, bad = read_source(path, rel, "DA011")
    except FileNotFoundError:
        return [], [Finding(rel, 1, 1, "DA001", "the file is missing — restore it from git")]
    if bad:  # one finding at the byte; the file's users wait for it (Edition.broken)
        return [], [bad]
    try:
        return _entries(text, rel, FAST_LOADER)
    except yaml.YAMLError:
        return _entries(text, rel, yaml.SafeLoader)  # the pure-Python parser's marks name the line better


def _entries(text: str, rel: str, loader_class) -> tuple[list[Entry], list[Finding]]:
    findings: list[Finding] = []
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return [], []
        if not isinstance(node, yaml.MappingNode):
            return [], [Finding(rel, 1, 1, "DA003", "the top level is not a mapping — write one 'id:' entry per "
                                "line with its fields indented below it")]
        entries = []
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)  # as written: 'No:' stays the key 'No', not False
            line = key_node.start_mark.line + 1
            if key in seen:
                findings.append(Finding(rel, line, 1, "DA004", f"'{key}' is defined twice (first on line "
                                        f"{seen[key]}) — keep one entry"))
                continue
            seen[key] = line
            entries.append(Entry(key, line, loader.construct_object(value_node, deep=True)))
    except yaml.YAMLError as exc:
        if loader_class is not yaml.SafeLoader:
            raise
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = str(getattr(exc, "problem", None) or exc).strip()
        return [], [Finding(rel, line, col, "DA002", f"not valid YAML: {problem} — check the indentation "
                            "and quote values that contain ':'")]
    finally:
        loader.dispose()
    return entries, findings


def _checked(entries: list[Entry], rel: str, findings: list[Finding], fields: tuple[str, ...],
             codes: tuple[str, str, str], id_hint: str, unknown_hint: str = ""):
    """The entries whose key is an id and whose value is a mapping (the others are findings), each with its
    mapping; an unknown field is a finding too, but keeps the entry."""
    id_code, mapping_code, unknown_code = codes
    for e in entries:
        if not ID_RE.match(e.key):
            findings.append(Finding(rel, e.line, 1, id_code, f"id '{e.key}' is not lower-case ASCII letters, "
                                    f"digits and hyphens — {id_hint}"))
            continue
        if not isinstance(e.value, dict):
            findings.append(Finding(rel, e.line, 1, mapping_code, f"'{e.key}' is not a mapping — give it the "
                                    "indented fields " + ", ".join(f"'{f}'" for f in fields)))
            continue
        unknown = sorted(set(e.value) - set(fields))
        if unknown:
            findings.append(Finding(rel, e.line, 1, unknown_code, f"'{e.key}': unknown field(s) "
                                    f"{', '.join(unknown)} — allowed: {', '.join(fields)}{unknown_hint}"))
        yield e, e.value


@dataclass
class EditorialNote:
    id: str
    kind: str
    text: str
    line: int


def load_editorial(path: Path, rel: str) -> tuple[dict[str, EditorialNote], list[Finding]]:
    entries, findings = load_mapping(path, rel)
    notes: dict[str, EditorialNote] = {}
    for e, v in _checked(entries, rel, findings, ("kind", "text"), ("ED001", "ED002", "ED003"),
                         "rename it, e.g. 'fotnot-1-lakun'"):
        kind, text = v.get("kind"), v.get("text")
        if kind not in EDITORIAL_KINDS:
            findings.append(Finding(rel, e.line, 1, "ED004", f"'{e.key}': kind '{kind}' is not listed in "
                                    f"{', '.join(EDITORIAL_KINDS)} — check your spelling"))
            continue
        if not isinstance(text, str) or not text.strip():
            findings.append(Finding(rel, e.line, 1, "ED005", f"'{e.key}': 'text' is empty — say in Swedish what the "
                                    "edition does here"))
            continue
        notes[e.key] = EditorialNote(e.key, kind, text.strip(), e.line)
    return notes, findings


@dataclass
class Term:
    """An entry of a controlled vocabulary (a theme, a norm, a kind of discretion)."""
    id: str
    name: str
    definition: str
    sources: tuple[str, ...]  # the paragraphs of the report whose words the definition takes: `kapitel/7.md#p-3`
    line: int
    file: str

    @property
    def source(self) -> str:
        """The first paragraph the definition cites (where the report develops the term)."""
        return self.sources[0]


def load_vocabulary(path: Path, rel: str, what: str) -> tuple[dict[str, Term], list[Finding]]:
    """`id: {namn: …, definition: …, kalla: [kapitel/N.md#anchor, …]}` entries. The definition restates the report
    in words taken from the `kalla` paragraphs (fragments joined by " … "); a sentence of the edition's own is
    marked by EDITION_WORDS (see `definition_fragments`)."""
    entries, findings = load_mapping(path, rel)
    terms: dict[str, Term] = {}
    for e, v in _checked(entries, rel, findings, ("namn", "definition", "kalla"), ("DA005", "DA006", "DA007"),
                         "write å, ä, ö as a, a, o"):
        missing = [k for k in ("namn", "definition") if not isinstance(v.get(k), str) or not v[k].strip()]
        sources = v.get("kalla")
        if not (isinstance(sources, list) and sources and all(isinstance(s, str) and s.strip() for s in sources)):
            missing.append("kalla")
        if missing:
            findings.append(Finding(rel, e.line, 1, "DA006", f"{what} '{e.key}' lacks " + ", ".join(missing)
                                    + " — add the field(s) (text; 'kalla' is the list of the report's paragraphs "
                                    "whose words the definition takes, e.g. '[kapitel/7.md#p-3]')"))
            continue
        terms[e.key] = Term(e.key, v["namn"].strip(), " ".join(v["definition"].split()),
                            tuple(s.strip() for s in sources), e.line, rel)
    return terms, findings


# A definition is the report's words: fragments of its `kalla` paragraphs joined by JOIN. A sentence of the
# edition's own stands after EDITION_WORDS, which the page shows as the edition's.
JOIN = " … "
EDITION_WORDS = "Utgåvans anmärkning:"


def definition_fragments(definition: str) -> tuple[list[str], str]:
    """The report's fragments of a definition and the edition's own sentence ('' when there is none)."""
    report, _, own = definition.partition(EDITION_WORDS)
    return [f.strip() for f in report.split(JOIN) if f.strip()], own.strip()


DECISION_FIELDS = ("norm", "handlingsutrymme", "tema", "tolkning")


@dataclass
class Decision:
    """One value of a quote's annotations as the edition decided it after re-reading the report."""
    quote: str  # citat
    field: str  # falt: norm | handlingsutrymme | tema | tolkning
    value: str  # varde
    paragraphs: tuple[str, ...]  # stycken, from docs/: `kapitel/6.md#p-2`
    words: str  # rapportens_ord
    reason: str  # beslut
    line: int


def load_decisions(path: Path, rel: str) -> tuple[list[Decision], list[Finding]]:
    """docs/_data/annoteringar.yml: a list of `{citat, falt, varde, stycken, rapportens_ord, beslut}` (none when
    the file is absent, as in a validator's sample; the edition's tests require it)."""
    try:
        text, bad = read_source(path, rel, "DA011")
    except FileNotFoundError:
        return [], []
    if bad:  # one finding at the byte, nothing read from the file
        return [], [bad]
    loader = FAST_LOADER(text)
    try:
        node = loader.get_single_node()
        items = [(item.start_mark.line + 1, loader.construct_object(item, deep=True))
                 for item in (node.value if isinstance(node, yaml.SequenceNode) else [])]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Finding(rel, mark.line + 1 if mark else 1, 1, "DA002", f"not valid YAML: {yaml_problem(exc)} — "
                            "check the indentation and quote values that contain ':'")]
    finally:
        loader.dispose()
    if not isinstance(node, yaml.SequenceNode):
        return [], [Finding(rel, 1, 1, "DA003", "the top level is not a list — write one '- citat: …' entry per "
                            "decision")]
    out: list[Decision] = []
    findings: list[Finding] = []
    for line, v in items:
        ok = (isinstance(v, dict) and set(v) == {"citat", "falt", "varde", "stycken", "rapportens_ord", "beslut"}
              and v.get("falt") in DECISION_FIELDS
              and all(isinstance(v[k], str) and v[k].strip() for k in ("citat", "varde", "rapportens_ord", "beslut"))
              and isinstance(v["stycken"], list) and v["stycken"]
              and all(isinstance(s, str) and "#" in s for s in v["stycken"]))
        if not ok:
            findings.append(Finding(rel, line, 1, "DA010", "this decision is incomplete — give exactly the fields "
                                    "citat, falt (" + ", ".join(DECISION_FIELDS) + "), varde, stycken (a list of "
                                    "paragraphs from docs/, e.g. 'kapitel/6.md#p-2'), rapportens_ord and beslut"))
            continue
        out.append(Decision(v["citat"], v["falt"], v["varde"], tuple(v["stycken"]),
                            " ".join(v["rapportens_ord"].split()), " ".join(v["beslut"].split()), line))
    return out, findings


@dataclass
class Informant:
    """A voice of the report: its pseudonym as printed, its role, and any other printed spelling. Nothing
    else about an informant is ever recorded."""
    id: str
    name: str
    role: str | None  # None when the registry's entry names no valid role (reported there)
    variants: dict[str, str]  # another printed spelling -> the editorial note that records the decision
    line: int


def load_informants(path: Path, rel: str, roles: tuple[str, ...]) -> tuple[dict[str, Informant], list[Finding]]:
    entries, findings = load_mapping(path, rel)
    out: dict[str, Informant] = {}
    for e, v in _checked(entries, rel, findings, ("namn", "roll", "varianter"), ("DA005", "DA006", "AN010"),
                         "write å, ä, ö as a, a, o (Åsa: 'asa')",
                         " — the registry never holds other facts about an informant"):
        name, role, variants = v.get("namn"), v.get("roll"), v.get("varianter") or {}
        if not isinstance(name, str) or not name.strip():
            findings.append(Finding(rel, e.line, 1, "DA006", f"'{e.key}' has no 'namn' — add the pseudonym as "
                                    "printed"))
            continue
        if role not in roles:
            findings.append(Finding(rel, e.line, 1, "AN002", f"'{e.key}': role '{role}' is not one of the "
                                    f"report's roles ({', '.join(roles)}) — check your spelling"))
            role = None  # keep the voice known, so its quotes are not reported as unknown too
        if not isinstance(variants, dict) or not all(isinstance(k, str) and isinstance(n, str)
                                                     for k, n in variants.items()):
            findings.append(Finding(rel, e.line, 1, "DA006", f"'{e.key}': 'varianter' maps each other printed "
                                    "spelling to the editorial note that records it, e.g. 'Ann-Mari: ann-mari'"))
            variants = {}
        out[e.key] = Informant(e.key, name.strip(), role, dict(variants), e.line)
    return out, findings
