"""XR003/XR004: a textual reference to a chapter or an appendix ("kapitel fem", "det sjunde kapitlet",
"bilagorna") is a link, and it leads where the words say."""

from __future__ import annotations

import re

from ..core.findings import Finding
from ..core.urls import md_link, resolve
from ..model.edition import Edition
from ..model.syntax import FOOTNOTE_REF, LINK, MARKER


CARDINALS = {"ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8}
ORDINALS = {"första": 1, "andra": 2, "tredje": 3, "fjärde": 4, "femte": 5, "sjätte": 6, "sjunde": 7, "åttonde": 8}
_NUM = r"(?:[1-9]|" + "|".join(CARDINALS) + r")"
_ORD = r"(?:[1-9]:[ae]|" + "|".join(ORDINALS) + r")"
# "kapitel 5", "kapitel tre", "Kapitlen sex och sju", "bilaga 2", "bilagorna 1–4"
REF_NUMBERED = re.compile(rf"\b(kapitel|kapitlen|bilaga|bilagor|bilagorna)\s+({_NUM}(?:\s*(?:,|och|–|-|samt|eller)\s*{_NUM})*)\b",
                          re.I)
# "det sjunde kapitlet", "i det avslutande åttonde kapitlet", "den fjärde bilagan"
REF_ORDINAL = re.compile(rf"\b(?:det|den)\s+(?:[a-zåäö]+\s+){{0,2}}?({_ORD})\s+(kapitlet|bilagan)\b", re.I)
# "det förra kapitlet", "nästa kapitel" (on a chapter page: the chapter before or after)
REF_RELATIVE = re.compile(r"\b(förra|föregående|nästa|följande)\s+(kapitlet|kapitel)\b", re.I)
# "bilaga", "bilagorna" with no number: the word itself is the link
REF_BARE = re.compile(r"\b(bilaga|bilagor|bilagorna)\b(?!\s+(?:[1-9]|ett|två|tre|fyra)\b)", re.I)
NUMBER = re.compile(rf"(?<!\w){_NUM}(?!\w)", re.I)
_MENTION = re.compile(r"[kK]apit|[bB]ilag")


def _plain(line: str) -> tuple[str, list[int], list[tuple[int, int, str]]]:
    """A line with its links reduced to their text and markers/footnote references removed: the plain text,
    the column of each plain character in the source, and each link as (start, end, target) in plain text."""
    line = MARKER.sub(lambda m: "\0" * len(m.group(0)), line)
    line = FOOTNOTE_REF.sub(lambda m: "\0" * len(m.group(0)), line)
    plain: list[str] = []
    cols: list[int] = []
    links: list[tuple[int, int, str]] = []
    pos = 0
    for m in LINK.finditer(line):
        for k in range(pos, m.start()):
            plain.append(line[k])
            cols.append(k)
        start = len(plain)
        for k in range(m.start(1), m.end(1)):
            plain.append(line[k])
            cols.append(k)
        links.append((start, len(plain), m.group(2)))
        pos = m.end()
    for k in range(pos, len(line)):
        plain.append(line[k])
        cols.append(k)
    kept = [(c, col) for c, col in zip(plain, cols) if c != "\0"]
    # re-index links after dropping the blanked markers
    index = {}
    j = 0
    for i, c in enumerate(plain):
        index[i] = j
        if c != "\0":
            j += 1
    index[len(plain)] = j
    links = [(index[a], index[b], t) for a, b, t in links]
    return "".join(c for c, _ in kept), [col for _, col in kept], links


def _running_text(d) -> list[int]:
    """The lines of running text: paragraphs, list items, footnote definitions (with their continuation)."""
    lines: set[int] = set()
    for p in d.paragraphs:
        lines.update(range(p.line, p.end_line + 1))
    for item in getattr(d, "list_items", []):
        lines.update(range(item.line, item.end_line + 1))
    for ref in d.footnote_defs:
        n = ref.line
        lines.add(n)
        while n < len(d.lines) and (d.lines[n].startswith("    ") or (not d.lines[n].strip() and n + 1 < len(
                d.lines) and d.lines[n + 1].startswith("    "))):
            n += 1
            lines.add(n)
    return sorted(lines)


def _target(d, target: str) -> str | None:
    path, _, _ = target.partition("#")
    if "://" in target or not path.endswith(".md"):
        return None
    return resolve(d.path, target)[0]


def chapter_references(ed: Edition) -> list[Finding]:
    """XR003: a textual reference to a chapter or an appendix is a link; XR004: the link leads to the
    chapter or appendix the words name."""
    out: list[Finding] = []
    for d in ed.documents:
        where = f"docs/{d.path}"
        here = re.fullmatch(r"kapitel/(\d+)\.md", d.path)
        for n in _running_text(d):
            if not _MENTION.search(d.lines[n - 1]):
                continue
            text, cols, links = _plain(d.lines[n - 1])
            wanted: list[tuple[int, int, str, str]] = []  # (start, end, expected page or prefix, the words)
            for m in REF_NUMBERED.finditer(text):
                kind = "kapitel" if m.group(1).lower().startswith("kapit") else "bilaga"
                for k in NUMBER.finditer(m.group(2)):
                    word = k.group(0).lower()
                    number = int(word) if word.isdigit() else CARDINALS[word]
                    a = m.start(2) + k.start()
                    wanted.append((a, a + len(word), f"{kind}/{number}.md", m.group(0)))
            for m in REF_ORDINAL.finditer(text):
                word = m.group(1).lower()
                number = int(word[0]) if word[0].isdigit() else ORDINALS[word]
                kind = "kapitel" if m.group(2).lower() == "kapitlet" else "bilaga"
                wanted.append((m.start(1), m.end(1), f"{kind}/{number}.md", m.group(0)))
            if here:
                for m in REF_RELATIVE.finditer(text):
                    step = -1 if m.group(1).lower() in ("förra", "föregående") else 1
                    wanted.append((m.start(1), m.end(1), f"kapitel/{int(here.group(1)) + step}.md", m.group(0)))
            for m in REF_BARE.finditer(text):
                wanted.append((m.start(1), m.end(1), "bilaga/", m.group(0)))
            for a, b, expected, words in wanted:
                link = next((lk for lk in links if lk[0] <= a and b <= lk[1]), None)
                col = cols[a] + 1
                if link is None:
                    example = expected if expected.endswith(".md") else "bilaga/1.md"
                    rel = md_link(d.path, example)
                    shown = words if len(NUMBER.findall(words)) <= 1 else text[a:b]
                    out.append(Finding(where, n, col, "XR003", f"'{words}' refers to "
                                       f"{'an appendix' if expected.startswith('bilaga') else 'a chapter'} but is "
                                       f"not a link — link the words: '[{shown}]({rel})'"))
                    continue
                target = _target(d, link[2])
                ok = target == expected if expected.endswith(".md") else bool(target and target.startswith(expected))
                if not ok:
                    right = expected if expected.endswith(".md") else "bilaga/N.md"
                    out.append(Finding(where, n, col, "XR004", f"'{words}' links to '{link[2]}', but the words "
                                       f"name {right} — make the link and the words agree: "
                                       f"'({md_link(d.path, right)})'"))
    return out
