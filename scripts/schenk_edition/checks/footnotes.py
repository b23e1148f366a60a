"""The report's printed footnotes 1–15: each referenced and defined once, in order."""

from __future__ import annotations

from ..core.findings import Finding
from ..model.edition import Edition
from ..model.syntax import FOOTNOTE_REF, MARKER


FOOTNOTES = range(1, 16)  # the report's printed footnotes 1–15


def footnotes(ed: Edition) -> list[Finding]:
    """XR005 a reference without a definition, XR006 a definition without a reference, XR007 a label that is
    not a printed number 1–15, XR008 a number used twice, XR009 numbers out of reading order, XR011 a printed
    number missing from the edition (reported at the next reference after the gap)."""
    out: list[Finding] = []
    seen: dict[int, str] = {}
    order: list[tuple[int, str, int, int]] = []  # every valid reference in reading order
    previous = 0
    for d in ed.documents:
        where = f"docs/{d.path}"
        defined: dict[str, int] = {}
        for r in d.footnote_defs:
            if r.label in defined:
                out.append(Finding(where, r.line, r.col, "XR008", f"footnote [^{r.label}] is defined twice on this "
                                   f"page (first on line {defined[r.label]}) — keep one definition"))
            defined.setdefault(r.label, r.line)
        referenced = {r.label for r in d.footnote_refs}
        for r in d.footnote_refs:
            if r.label not in defined:
                out.append(Finding(where, r.line, r.col, "XR005", f"footnote [^{r.label}] has no definition on "
                                   f"this page — add '[^{r.label}]: …' at the end of the file"))
        for r in d.footnote_defs:
            if r.label not in referenced:
                out.append(Finding(where, r.line, r.col, "XR006", f"footnote [^{r.label}] is defined but never "
                                   f"referenced — put '[^{r.label}]' where the report prints the note number, or "
                                   "remove the definition"))
        for r in d.footnote_refs:
            if not r.label.isdigit() or int(r.label) not in FOOTNOTES:
                out.append(Finding(where, r.line, r.col, "XR007", f"footnote label '{r.label}' is not a printed "
                                   f"note number — the report's notes are numbered {FOOTNOTES[0]}–{FOOTNOTES[-1]}: "
                                   "use the printed number"))
                continue
            number = int(r.label)
            if number in seen:
                out.append(Finding(where, r.line, r.col, "XR008", f"footnote {number} is referenced again (first at "
                                   f"{seen[number]}) — each printed note number stands once"))
                continue
            if number < previous:
                out.append(Finding(where, r.line, r.col, "XR009", f"footnote {number} comes after footnote "
                                   f"{previous} in the reading order — printed note numbers increase: move the "
                                   "reference, or check the number against the printed report"))
            seen[number] = f"{where}:{r.line}"
            order.append((number, where, r.line, r.col))
            previous = max(previous, number)
    missing = [k for k in FOOTNOTES if k not in seen]
    groups: dict[tuple[str, int, int], list[int]] = {}
    for k in missing:
        after = next(((w, ln, c) for number, w, ln, c in order if number > k), None)
        if after is None:
            after = (order[-1][1], order[-1][2], order[-1][3]) if order else (
                f"docs/{ed.documents[0].path}" if ed.documents else "mkdocs.yml", 1, 1)
        groups.setdefault(after, []).append(k)
    for (where, line, col), numbers in groups.items():
        out.append(Finding(where, line, col, "XR011", f"printed footnote(s) {', '.join(map(str, numbers))} are "
                           "missing from the edition — restore each where the report prints it, with its number"))
    return out
