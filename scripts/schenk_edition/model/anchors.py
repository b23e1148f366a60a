"""The one anchor set of a page: every id the built page carries, with the line that defines it and its kind —
the page's own ids (headings, `p-N`, `s-N`, quotes, editorial notes, footnotes, interview questions, raw
`id="…"`) and those a register marker generates, named from the data without rendering the register.
Ids are built by `core.ids` only, the same functions rendering uses."""

from __future__ import annotations

import re

from ..core import ids
from ..core.text import sv_key
from .bibliography import OWN_ENTRIES
from .document import Document
from .guides import GUIDES, question_numbers
from .syntax import ROLES

# Every register a `<!-- register:NAME -->` marker may name (render.registers.REGISTERS renders each).
REGISTER_NAMES = ("citera-rapporten", "redaktionella-anmarkningar", "citat-oversikt", "citat-alla", "citat-roster",
                  "citat-roller", "citat-teman", "annoteringsbeslut", "intervjuguider", "referenser", "rattigheter",
                  "citat-matris", "nedladdningar")
_RAW_ID = re.compile(r"""\sid="([^"]+)\"""")


def register_anchors(ed, name: str) -> list[str]:
    """The ids of the headings (or list items) a register generates, in the order it writes them."""
    if name == "citat-roster":
        return [ids.voice_id(i.id) for i in sorted(ed.informants.values(), key=lambda i: sv_key(i.name))
                if i.role is not None]
    if name == "citat-roller":
        return [ids.role_id(role) for role in ROLES]
    if name == "citat-teman":
        return [ids.theme_id(t.id) for t in sorted(ed.themes.values(), key=lambda t: sv_key(t.name))]
    if name == "intervjuguider":
        first = next((d for d in map(ed.document, GUIDES) if d is not None), None)
        return [ids.block_id(h.id) for h in first.headings if h.level == 2 and h.id] if first else []
    if name == "referenser":
        return [ids.reference_id(k) for k in ed.bibliography.entries if k not in OWN_ENTRIES]
    return []


def page_anchor_list(ed, doc: Document) -> list[tuple[str, int, str]]:
    """Every id of the page as (id, line, kind), in the order of the kinds below; an id defined twice is
    listed twice (ID002)."""
    out = [(h.id, h.line, "heading") for h in doc.headings if h.id]
    out += [(ids.paragraph_id(p.number), p.line, "paragraph") for p in doc.paragraphs]
    out += [(ids.page_id(m.page), m.line, "page") for m in doc.pages]
    out += [(q.id, q.line, "quote") for q in doc.quotes if q.id]
    out += [(ids.note_id(m.value), m.line, "note") for m in doc.ed_notes]
    out += [(ids.footnote_id(r.label), r.line, "footnote") for r in doc.footnote_defs]
    if doc.path in GUIDES:
        out += [(ids.question_id(item.section, n), item.line, "question") for n, item in question_numbers(doc)]
    out += [(m.group(1), n, "html") for n, text in enumerate(doc.lines, start=1) if 'id="' in text
            for m in _RAW_ID.finditer(text)]
    out += [(a, m.line, "register") for m in doc.registers for a in register_anchors(ed, m.value)]
    return out


def page_anchors(ed, doc: Document) -> dict[str, int]:
    """Every id of the page with the line that defines it (the first, if defined twice)."""
    return first_lines(page_anchor_list(ed, doc))


def first_lines(anchor_list: list[tuple[str, int, str]]) -> dict[str, int]:
    """A page's anchor list (`page_anchor_list`) as id -> the line that defines it (the first, if defined twice)."""
    out: dict[str, int] = {}
    for anchor, line, _ in anchor_list:
        out.setdefault(anchor, line)
    return out
