"""Reviewed exceptions (docs/_data/undantag.yml): one entry per passage the report prints and the edition must
keep although a rule meets it (`id: {fil, ord, regel, skal}`), never a switch that turns a rule off. An
exception that covers no finding is itself a finding (AN014)."""

from __future__ import annotations

from dataclasses import dataclass

from ...core.findings import Finding
from ...core.paths import EXCEPTIONS, INFORMANTS, PLACES, PROPER_NOUNS
from ...core.yamlio import read_source
from ...model import data
from ...model.edition import Edition
from .lexicon import lexicon, load_word_list


@dataclass
class Exception_:
    id: str
    file: str
    words: str
    rule: str
    line: int  # in undantag.yml


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
    lex = lexicon(ed)
    waiting = {"AN003": not lex.names_known or lex.en is None,
               "AN004": PLACES in lists, "AN012": f"docs/{INFORMANTS}" in ed.broken}
    for x in exceptions:
        if x.id not in used and x.file not in ed.broken and not waiting.get(x.rule):
            out.append(Finding(f"docs/{EXCEPTIONS}", x.line, 1, "AN014", f"exception '{x.id}' ({x.rule}, "
                               f"'{x.words}' in {x.file}) matches no finding — the passage has changed or the "
                               "rule no longer fires: remove the entry, or correct 'fil'/'ord'"))
    return out


