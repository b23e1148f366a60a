"""The checks of the report's citations against the reconstructed bibliography: plain functions from the
Edition to findings (the citations are read by the one parser, the entries by `model.bibliography`)."""

from __future__ import annotations

import re

from ..core.findings import Finding
from ..core.paths import BIB, UNCONFIRMED
from ..core.yamlio import load_yaml
from ..model.bibliography import OWN_ENTRIES, Bibliography
from ..model.edition import unknown_keys  # CI001 is the build's too (site.citations), which needs no other check

# The key's year: `lipsky1980`, `forsakringskassan2006a`, `sou2015-21` (see bibliography/README.md).
KEY_YEAR = re.compile(r"(\d{4})(?:[a-z]|-\d+)?$")


def _bib(ed) -> Bibliography:
    return ed.bibliography


def _cites(ed):
    for d in ed.documents:
        for c in d.citations:
            yield d, c


def bibtex_errors(ed) -> list[Finding]:
    """CI004: the bibliography is missing, not valid BibTeX, or defines an entry twice. (A tree with no
    bibliography and no citation, such as a validator's sample, has nothing to check.)"""
    if not (ed.root / BIB).exists() and not any(True for _ in _cites(ed)):
        return []
    return list(_bib(ed).findings)


def uncited_entries(ed) -> list[Finding]:
    """CI002: every entry (the report's own aside) is cited at least once in the text."""
    bib = _bib(ed)
    cited = {c.key for _, c in _cites(ed)}
    return [Finding(bib.path, e.line, 1, "CI002", f"entry '{e.key}' is never cited in docs/ — cite it where the "
                    "report does, or remove it", "error")
            for e in bib.entries.values() if e.key not in cited and e.key not in OWN_ENTRIES]


def printed_years(ed) -> list[Finding]:
    """CI003: the year printed in the text (recorded in the key: `lipsky1980`) is the entry's year."""
    bib = _bib(ed)
    out = []
    first: dict[str, tuple[str, int, int]] = {}
    for d, c in _cites(ed):
        first.setdefault(c.key, (f"docs/{d.path}", c.line, c.col))
    for e in bib.entries.values():
        m = KEY_YEAR.search(e.key)
        if e.key in OWN_ENTRIES:
            continue
        if not m:
            out.append(Finding(bib.path, e.line, 1, "CI003", f"key '{e.key}' does not end in the year the text "
                               "prints (e.g. 'lipsky1980', 'forsakringskassan2006a', 'sou2015-21')"))
        elif m.group(1) != e.year:
            where = first.get(e.key)
            cited = f" (cited at {where[0]}:{where[1]})" if where else ""
            out.append(Finding(bib.path, e.line, 1, "CI003", f"entry '{e.key}' has year '{e.year}' but the text "
                               f"prints {m.group(1)}{cited} — the rendered citation would differ from the "
                               "printed one; correct the year"))
    return out


def unconfirmed_fields(ed) -> list[Finding]:
    """CI005: no entry states as a field what bibliography/research.md marks unconfirmed (the list of those facts:
    bibliography/unconfirmed.yml, `field: ["*"]` for the whole field or the texts the field must not contain)."""
    bib = _bib(ed)
    path = ed.root / UNCONFIRMED
    if bib.findings or not path.exists():
        return []
    rules = load_yaml(path.read_text(encoding="utf-8")) or {}
    out = []
    for key, fields in rules.items():
        entry = bib.entries.get(key)
        if entry is None:
            out.append(Finding(UNCONFIRMED, 1, 1, "CI005", f"'{key}' is not an entry of {BIB} — remove it here"))
            continue
        for name, texts in (fields or {}).items():
            value = entry.fields.get(name)
            if value is None:
                continue
            for text in texts:
                if text == "*" or text in value:
                    what = f"the field '{name}'" if text == "*" else f"'{text}' in '{name}'"
                    out.append(Finding(bib.path, entry.line, 1, "CI005", f"entry '{key}' states {what}, which "
                                       "bibliography/research.md marks unconfirmed — leave it out, or say in the "
                                       "note that it is not confirmed"))
    return out


def entry_types(ed) -> list[Finding]:
    """CI006: an entry's type is what is known of the work: an `@article` names its journal (without one, the
    work is not known to be an article: `@misc`)."""
    bib = _bib(ed)
    return [Finding(bib.path, e.line, 1, "CI006", f"entry '{e.key}' is an @article without a journal — name the "
                    "journal a source confirms, or make it @misc")
            for e in bib.entries.values() if e.type == "article" and not e.fields.get("journal")]


CHECKS = (bibtex_errors, unknown_keys, uncited_entries, printed_years, unconfirmed_fields, entry_types)


def run(ed) -> list[Finding]:
    return [f for check in CHECKS for f in check(ed)]
