"""The checks of the report's citations against the reconstructed bibliography: plain functions from the
Edition to findings (the citations are read by the one parser, the entries by `model.bibliography`)."""

from __future__ import annotations

import re

from ..core.findings import Finding
from ..core.paths import BIB
from ..model.bibliography import OWN_ENTRIES, Bibliography

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


def unknown_keys(ed) -> list[Finding]:
    """CI001: every citation names an entry of the bibliography."""
    bib = _bib(ed)
    if bib.findings:
        return []
    return [Finding(f"docs/{d.path}", c.line, c.col, "CI001", f"citation key '{c.key}' is not in {BIB} — check "
                    "the key (convention in bibliography/README.md) or add the work there")
            for d, c in _cites(ed) if c.key not in bib.entries]


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


CHECKS = (bibtex_errors, unknown_keys, uncited_entries, printed_years)


def run(ed) -> list[Finding]:
    return [f for check in CHECKS for f in check(ed)]
