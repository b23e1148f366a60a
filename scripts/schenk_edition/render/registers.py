"""Registers generated at build time from the model, never typed by hand: the quotes in reading order, by
voice, by role and by theme (/citat/), and the interview guides side by side (/intervjuguider/).

Each function takes the edition and the source path of the page it is rendered on and returns Markdown
with links to the sources (`../kapitel/6.md#citat-tina-1`), so MkDocs checks every link of a register."""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from urllib.parse import urlencode

from ..core import release
from ..core.escape import markdown_text
from ..core.ids import block_id, note_id, question_id, role_id, theme_id, voice_id
from ..core.paths import QUOTE_PAGE
from ..core.text import sv_key
from ..core.urls import href, md_link, resolve
from ..model.anchors import REGISTER_NAMES
from ..model.data import EDITION_WORDS, JOIN, definition_fragments
from ..model.edition import Edition
from ..model.guides import GUIDES, question_numbers
from ..model.harvard import harvard_report
from ..model.pages import page_label, place_label
from ..model.quotes import ROLE_LABELS, plain_text, records
from ..model.syntax import LIST_ITEM, MARKER, ROLES
from . import citations

EXCERPT_WORDS = 14


def _excerpt(text: str) -> str:
    words = text.split()
    cut = " ".join(words[:EXCERPT_WORDS])
    return html.escape(cut + (" …" if len(words) > EXCERPT_WORDS else ""), quote=False)


def _entries(ed: Edition, from_path: str):
    """(record, Markdown list item) for every quote in reading order."""
    docs = {d.path: d for d in ed.documents}
    out = []
    for (doc, q), r in zip(ed.quotes(), records(ed)):
        target = md_link(from_path, doc.path, q.id or "")
        page = page_label((r["sida"], r["sida_slut"]))
        themes = ", ".join(f"[{markdown_text(ed.themes[t].name)}](#{theme_id(t)})" for t in r["teman"] if t in ed.themes)
        line = (f"- [{markdown_text(r['rost'] or '')}, {r['roll']}, {page}]({target}) "
                f"({r['kapitel']}): ”{_excerpt(plain_text(docs[doc.path], q))}”")
        if themes:
            line += f" — {themes}"
        out.append((r, line))
    return out


def _heading(level: int, text: str, anchor: str) -> str:
    return f"{'#' * level} {text} {{ #{anchor} }}"


def overview(ed: Edition, from_path: str) -> str:
    rs = records(ed)
    voices = {r["rost_id"] for r in rs}
    inline = sum(1 for r in rs if r["typ"] == "inline")
    return (f"Registret omfattar {len(rs)} citat ({len(rs) - inline} blockcitat och {inline} citat i löptexten) "
            f"från {len(voices)} röster i rapportens fyra roller och {len(ed.themes)} teman.")


def all_quotes(ed: Edition, from_path: str) -> str:
    return "\n".join(line for _, line in _entries(ed, from_path))


def by_voice(ed: Edition, from_path: str) -> str:
    entries = _entries(ed, from_path)
    out = []
    for inf in sorted(ed.informants.values(), key=lambda i: sv_key(i.name)):
        if inf.role is None:  # the registry's entry is invalid and reported as such
            continue
        mine = [line for r, line in entries if r["rost_id"] == inf.id]
        variants = "".join(f" (även tryckt {markdown_text(v)})" for v in inf.variants)
        out += ["", _heading(3, markdown_text(inf.name), voice_id(inf.id)), "",
                f"{ROLE_LABELS[inf.role].start}{variants} · {len(mine)} citat", ""] + mine
    return "\n".join(out)


def by_role(ed: Edition, from_path: str) -> str:
    entries = _entries(ed, from_path)
    out = []
    for role in ROLES:
        plural = ROLE_LABELS[role].plural
        mine = [line for r, line in entries if r["roll"] == role]
        voices = Counter(r["rost_id"] for r, _ in entries if r["roll"] == role)
        out += ["", _heading(3, plural, role_id(role)), "",
                f"{len(mine)} citat från {len(voices)} röster", ""] + mine
    return "\n".join(out)


def _sources(ed: Edition, from_path: str, targets: tuple[str, ...], base: str = "") -> str:
    """Links to paragraphs of the report (`kapitel/6.md#p-2`, resolved from `base`), each named by its place."""
    links = []
    for target in targets:
        page, anchor = resolve(base, target)
        doc = ed.document(page)
        line = ed.anchors().get(page, {}).get(anchor)
        label = place_label(ed, doc, line, 1) if doc and line else target
        number = anchor.removeprefix("p-")
        links.append(f"[{markdown_text(label)}, stycke {number}]({md_link(from_path, page, anchor)})"
                     if anchor.startswith("p-") else f"[{markdown_text(label)}]({md_link(from_path, page, anchor)})")
    return "; ".join(links)


def definition(ed: Edition, from_path: str, term) -> str:
    """A term's definition as the report's words with the paragraphs they are taken from; a sentence of the
    edition's own, if any, marked as the edition's."""
    fragments, own = definition_fragments(term.definition)
    out = f"Rapportens ord: ”{markdown_text(JOIN.join(fragments))}” ({_sources(ed, from_path, term.sources)})"
    if own:
        out += f" {EDITION_WORDS} {markdown_text(own)}"
    return out


def by_theme(ed: Edition, from_path: str) -> str:
    entries = _entries(ed, from_path)
    out = []
    for term in sorted(ed.themes.values(), key=lambda t: sv_key(t.name)):
        mine = [line for r, line in entries if term.id in r["teman"]]
        out += ["", _heading(3, markdown_text(term.name[:1].upper() + term.name[1:]), theme_id(term.id)), "",
                f"{definition(ed, from_path, term)} · {len(mine)} citat", ""] + mine
    return "\n".join(out)


FIELD_LABELS = {"norm": "norm", "handlingsutrymme": "handlingsutrymme", "tema": "tema", "tolkning": "tolkning"}


def decisions(ed: Edition, from_path: str) -> str:
    """The edition's annotation decisions (docs/_data/annoteringar.yml), quote by quote in reading order: each
    value with the paragraphs where the report states it and the report's words there."""
    found = ed.decisions
    vocab = {"norm": ed.norms, "handlingsutrymme": ed.discretion, "tema": ed.themes}
    rows = []
    for doc, q in ed.quotes():
        first, last = ed.quote_pages(doc, q)
        quote = f"[{markdown_text(q.pseudonym or '')}, {page_label((first, last)) if first else ''}]" \
                f"({md_link(from_path, doc.path, q.id or '')})"
        for dec in (x for x in found if x.quote == q.id):
            term = vocab.get(dec.field, {}).get(dec.value)
            value = term.name if term else "rapportens tolkning"
            rows.append(f"- {quote} · {FIELD_LABELS[dec.field]}: {markdown_text(value)} · "
                        f"{_sources(ed, from_path, dec.paragraphs)}: ”{markdown_text(dec.words)}”")
    return "\n".join(rows)


def _guide_questions(ed: Edition):
    """Per guide: its subtitle and, per block id, the questions (text, anchor) in order."""
    out = []
    for path in GUIDES:
        doc = ed.document(path)
        if doc is None:
            continue
        subtitle = next((doc.lines[i - 1] for i, line in enumerate(doc.lines)
                         if i and line.strip() == "{: .undertitel }"), path)
        blocks: dict[str, list[tuple[str, str]]] = {}
        for number, item in question_numbers(doc):
            text = MARKER.sub("", LIST_ITEM.sub("", doc.lines[item.line - 1], count=1)).strip()
            blocks.setdefault(item.section or "", []).append((text, question_id(item.section, number)))
        out.append((doc, subtitle, blocks))
    return out


def guides(ed: Edition, from_path: str) -> str:
    """The four interview guides lined up block by block: one row per distinct question, a mark per guide
    that asks it, linked to the question."""
    data = _guide_questions(ed)
    if not data:
        return ""
    first = data[0][0]
    blocks = [(h.id, h.text) for h in first.headings if h.level == 2 and h.id]
    head = "| Fråga | " + " | ".join(f"[Bilaga {d.path[-4]}]({md_link(from_path, d.path)})"
                                       for d, _, _ in data) + " |"
    out = ["Bilagor: " + "; ".join(f"bilaga {d.path[-4]}: {html.escape(s)}" for d, s, _ in data) + "."]
    for block, block_title in blocks:
        rows: dict[str, list[str]] = {}
        order: list[str] = []
        for d, _, qs in data:
            for text, anchor in qs.get(block, []):
                key = re.sub(r"\W+", " ", text.lower()).strip()
                if key not in rows:
                    rows[key] = [text] + [""] * len(data)
                    order.append(key)
                col = 1 + [x[0] for x in data].index(d)
                rows[key][col] = f"[✓]({md_link(from_path, d.path, anchor)} \"Bilaga {d.path[-4]}\")"
        asked = [sum(1 for k in order if rows[k][1 + c]) for c in range(len(data))]
        out += ["", _heading(2, html.escape(block_title), block_id(block)), "",
                "Antal frågor: " + ", ".join(f"bilaga {d.path[-4]}: {n}" for (d, _, _), n in zip(data, asked)),
                "", head, "| --- |" + " :-: |" * len(data)]
        for key in order:
            cells = [html.escape(rows[key][0]).replace("|", "&#124;")] + rows[key][1:]
            out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def editorial_list(edition: Edition, from_path: str) -> str:
    """The list of every editorial note, in reading order, for the editorial-principles page."""
    rows = ["| Plats | Anmärkning |", "| --- | --- |"]
    for d in edition.documents:
        for m in d.ed_notes:
            note = edition.notes.get(m.value)
            if note is None:
                continue
            where = place_label(edition, d, m.line, m.col)
            rows.append(f"| [{where}]({md_link(from_path, d.path, note_id(m.value))}) | "
                        f"{markdown_text(note.text)} |")
    return "\n".join(rows)


def report_citation(edition: Edition, from_path: str) -> str:
    """The suggested citation of the report on the start page: the cite box's Harvard form (one form)."""
    return f'<p class="citera-text">{harvard_report(edition.work, as_html=True)}</p>'


# The explorer on /citat/ (docs/javascripts/utforskare.js) reads its state from the query string: these are
# its parameter names for a voice, a role and a theme, and the id of its section (docs/citat.md).
# tests/browser/test_matrix.py opens every link and checks that the explorer restores the filter.
EXPLORER = {"rost": "rost", "roll": "roll", "tema": "tema"}
EXPLORER_ANCHOR = "utforskare"
HEAT_LEVELS = 4


def _explorer_link(from_path: str, filters: list[tuple[str, str]]) -> str:
    query = urlencode([(EXPLORER[k], v) for k, v in filters])
    # a path even on /citat/ itself: a bare `#utforskare` would keep the reader's current filter
    return (href(from_path, QUOTE_PAGE) or "./") + html.escape(f"?{query}" * bool(query) + f"#{EXPLORER_ANCHOR}")


def _count_cell(n: int, top: int, from_path: str, filters: list[tuple[str, str]], what: str) -> str:
    """A cell of the heat map: the count, its shade by count class (1 to HEAT_LEVELS of the table's highest
    count; none for a total, top=0), a link to the explorer filtered to it."""
    if not n:
        return '<td class="matris-0">0</td>'
    level = f' class="matris-{math.ceil(HEAT_LEVELS * n / top)}"' if top else ""
    return (f'<td{level}><a href="{_explorer_link(from_path, filters)}" '
            f'aria-label="{n} citat: {html.escape(what)}">{n}</a></td>')


def _table(caption: str, head: str, rows: list[str], colgroups: str = "") -> str:
    return (f'<div class="matris-rulla" role="region" aria-label="{html.escape(caption)}" tabindex="0">'
            f'<table class="matris-tabell"><caption>{html.escape(caption)}</caption>{colgroups}'
            f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></div>")


def matrix(ed: Edition, from_path: str) -> str:
    """Two heat maps of the quote records (`model.quotes.records`): quotes per role and theme, and per voice
    and theme, as real tables; each count links to the explorer filtered to that role (voice) and theme."""
    rs = records(ed)
    themes = sorted((t for t in ed.themes.values()), key=lambda t: sv_key(t.name))
    voices = [(role, sorted((i for i in ed.informants.values() if i.role == role), key=lambda i: sv_key(i.name)))
              for role in ROLES]
    voices = [(role, [i for i in group if any(r["rost_id"] == i.id for r in rs)]) for role, group in voices]
    voices = [(role, group) for role, group in voices if group]

    # the counts of every cell, in one pass over the records: a record counts once for each of its themes
    # (and once without a theme), for its role, its voice and for all
    tally: Counter = Counter()
    for r in rs:
        for theme in {None, *r["teman"]}:
            for key in ("roll", "rost_id", None):
                tally[key, r[key] if key else None, theme] += 1

    def count(tema: str | None = None, **want) -> int:
        (key, value), = want.items() if want else ((None, None),)
        return tally[key, value, tema]

    # role x theme, with the quotes of each theme and of each role
    by_role = {(role, t.id): count(roll=role, tema=t.id) for role in ROLES for t in themes}
    top = max(by_role.values(), default=0) or 1
    head = ('<tr><th scope="col">Tema</th>' + "".join(f'<th scope="col">{ROLE_LABELS[role][0]}</th>'
                                                      for role in ROLES)
            + '<th scope="col">Alla roller</th></tr>')
    rows = []
    for t in themes:
        name = html.escape(t.name)
        cells = "".join(_count_cell(by_role[role, t.id], top, from_path, [("roll", role), ("tema", t.id)],
                                    f"{ROLE_LABELS[role][0].lower()}, {t.name}") for role in ROLES)
        total = _count_cell(count(tema=t.id), 0, from_path, [("tema", t.id)], t.name)
        rows.append(f'<tr><th scope="row">{name}</th>{cells}{total}</tr>')
    rows.append('<tr class="matris-summa"><th scope="row">Alla teman</th>' + "".join(
        _count_cell(count(roll=role), 0, from_path, [("roll", role)], ROLE_LABELS[role][0].lower())
        for role in ROLES) + _count_cell(len(rs), 0, from_path, [], "alla") + "</tr>")
    roles_table = _table("Citat per roll och tema", head, rows)

    # voice x theme: the voices in columns, grouped by role
    by_voice = {(i.id, t.id): count(rost_id=i.id, tema=t.id) for _, group in voices for i in group for t in themes}
    top = max(by_voice.values(), default=0) or 1
    colgroups = "<colgroup></colgroup>" + "".join(f'<colgroup span="{len(g)}"></colgroup>' for _, g in voices)
    head = ('<tr><td></td>' + "".join(f'<th scope="colgroup" colspan="{len(g)}">{ROLE_LABELS[role][0]}</th>'
                                     for role, g in voices) + "</tr>"
            '<tr><th scope="col">Tema</th>' + "".join(
                f'<th scope="col" class="matris-rost"><span>{html.escape(i.name)}</span></th>'
                for _, g in voices for i in g) + "</tr>")
    rows = [f'<tr><th scope="row">{html.escape(t.name)}</th>' + "".join(
        _count_cell(by_voice[i.id, t.id], top, from_path, [("rost", i.id), ("tema", t.id)], f"{i.name}, {t.name}")
        for _, g in voices for i in g) + "</tr>" for t in themes]
    voices_table = _table("Citat per röst och tema", head, rows, colgroups)
    note = ("<p>Talen räknas fram ur utgåvans data över citaten (samma uppgifter som i citat.json) när "
            "webbplatsen byggs. De är ett faktum om materialet, inte en tolkning: de säger hur många citat "
            "utgåvan har annoterat med varje tema, inte hur viktigt ett tema är för en roll eller röst. Ett citat "
            "kan ha flera teman. Ett tal leder till utforskaren med just de citaten.</p>")
    return f'<div class="matris">{roles_table}{voices_table}{note}</div>'


def edition_downloads(edition: Edition, from_path: str) -> str:
    """The whole edition as PDF and EPUB (start page, /om-utgavan/): each file of the current version, where
    its release publishes it, with the version and, when `dist/` holds it at build time, its size."""
    rel = release.current(edition.root)
    if rel is None:
        return ""
    items = []
    for f in release.edition_files(rel, edition.repo_url, edition.root):
        facts = ", ".join([release.label(rel)] + ([release.size_label(f.size)] if f.size is not None else []))
        items.append(f'<li><a href="{html.escape(f.url)}">Hela utgåvan som {f.kind}</a> '
                     f'(<code>{html.escape(f.name)}</code>, {html.escape(facts)})</li>')
    return '<ul class="nedladdningar">\n' + "\n".join(items) + "\n</ul>"


# Every register a `<!-- register:NAME -->` marker may name (the names: `model.anchors.REGISTER_NAMES`, which
# also names the anchors each one generates, from the data).
REGISTERS = {
    "citera-rapporten": report_citation,
    "redaktionella-anmarkningar": editorial_list,
    "citat-oversikt": overview,
    "citat-alla": all_quotes,
    "citat-roster": by_voice,
    "citat-roller": by_role,
    "citat-teman": by_theme,
    "citat-matris": matrix,
    "annoteringsbeslut": decisions,
    "intervjuguider": guides,
    "referenser": citations.reference_list,
    # the rights statement of mkdocs.yml `copyright`, the one text the footer shows too
    "rattigheter": lambda edition, from_path: html.escape(edition.rights, quote=False),
    "nedladdningar": edition_downloads,
}
assert set(REGISTERS) == set(REGISTER_NAMES)
