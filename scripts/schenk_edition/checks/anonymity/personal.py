"""Contact data and identity numbers (AN007–AN009): nowhere in any text file under docs/."""

from __future__ import annotations

import re

from ...core.findings import Finding
from ...core.yamlio import read_source
from ...model.edition import Edition
from .patterns import EMAIL, ISSN_ISBN, PERSONNUMMER, PHONE

TEXT_FILES = (".md", ".yml", ".yaml", ".json", ".csv", ".txt", ".html", ".bib")


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


