"""Issue 13: the edition's apparatus held to the report. Every reading of a quote is stated by the report at the
paragraph it links; the decisions are recorded; definitions are the report's words from their cited
paragraphs; /om-utgavan/ describes everything the edition adds, each editorial note at its printed page; labels
come from one table; the edition's own pages carry no printed page."""

from __future__ import annotations

import csv
import html as htmllib
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from schenk_edition.core.paths import DECISIONS
from schenk_edition.core.urls import resolve, url
from schenk_edition.model import edition
from schenk_edition.model.anchors import REGISTER_NAMES
from schenk_edition.model.data import EDITION_WORDS, Term, definition_fragments, load_decisions
from schenk_edition.model.document import Quote
from schenk_edition.core.release import label, release
from schenk_edition.model.harvard import EDITORS
from schenk_edition.model.inline import _is_reading
from schenk_edition.model.parser import parse
from schenk_edition.model.quotes import ROLE_LABELS, anchor_text, plain_text, records
from schenk_edition.model.syntax import MARKER
from schenk_edition.site.cite_box import FORMATS
from schenk_edition.site.downloads import downloads

ROOT = Path(__file__).resolve().parents[1]
ED = edition.load(ROOT / "docs", ROOT / "mkdocs.yml")
DECIDED, DECISION_FINDINGS = load_decisions(ROOT / "docs" / DECISIONS, f"docs/{DECISIONS}")
WORDS = re.compile(r"\w+")


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text_at(doc_path: str, target: str) -> str:
    """The report's words at a paragraph target written from `doc_path` (as the options write it)."""
    return anchor_text(ED, *resolve(doc_path, target))


# --- 1. readings with their paragraphs ----------------------------------------------------------------------

def test_decisions_are_in_the_repository_and_cover_every_quote():
    assert DECIDED and not DECISION_FINDINGS
    quotes = {q.id for _, q in ED.quotes()}
    assert {d.quote for d in DECIDED} == quotes
    assert {d.quote for d in DECIDED if d.field == "tolkning"} == quotes  # every quote was re-read


def test_the_reports_words_stand_in_the_decided_paragraphs():
    for d in DECIDED:
        there = "  ".join(anchor_text(ED, *resolve("", t)) for t in d.paragraphs)
        assert there, d
        for fragment in d.words.split(" … "):
            assert fragment in there, (d.quote, d.field, d.value, fragment)


def _term_stem(term: Term) -> str:
    """The reading's term as the report inflects it: the first word of its name without its adjective ending
    (`professionell norm` -> `profession`, `regelorienterat handlingsutrymme` -> `regelorienter`)."""
    return re.sub(r"(ell|isk|at)$", "", term.name.split()[0].lower())


def _supports(doc_path: str, q: Quote, term: Term, target: str) -> bool:
    """The issue's test: the linked paragraph contains the speaker's pseudonym (as printed anywhere), five
    consecutive words of the quote, or the reading's term."""
    text = text_at(doc_path, target)
    low = text.lower()
    voice = ED.voice(q.pseudonym)
    names = {q.pseudonym, *(([voice.name] + list(voice.variants)) if voice else [])}
    if any(n and n in text for n in names):
        return True
    doc = ED.document(doc_path)
    words = WORDS.findall(plain_text(doc, q).lower())
    if any(" ".join(words[i:i + 5]) in " ".join(WORDS.findall(low)) for i in range(len(words) - 4)):
        return True
    return _term_stem(term) in low


def test_each_linked_paragraph_states_the_reading():
    checked = 0
    for doc, q in ED.quotes():
        for readings, terms in ((q.norm, ED.norms), (q.discretion, ED.discretion)):
            for value, targets in readings.items():
                assert targets, (q.id, value)  # a value without a paragraph is not set
                for target in targets:
                    assert _supports(doc.path, q, terms[value], target), (q.id, value, target)
                    checked += 1
    assert checked == sum(len(d.paragraphs) for d in DECIDED if d.field in ("norm", "handlingsutrymme"))


@pytest.mark.parametrize("qid, value, old_target", [
    ("citat-ann-marie-2", "byrakratisk", "p-13"),  # the issue: the reading is made at p-17
    ("citat-vivian-2", "professionell", "p-14"),  # the issue: p-14 speaks of no norm
])
def test_the_relinked_readings_now_link_the_paragraph_that_names_them(qid, value, old_target):
    """The old links name the speaker (so they pass the pseudonym rule) but not the reading; every paragraph
    linked now names it."""
    doc, q = next((d, q) for d, q in ED.quotes() if q.id == qid)
    term = ED.norms[value]
    assert _term_stem(term) not in text_at(doc.path, old_target).lower()
    assert old_target not in q.norm[value]
    assert all(_term_stem(term) in text_at(doc.path, t).lower() for t in q.norm[value])


def _write_options(lines: list[str], q: Quote, options: dict) -> None:
    """Replace a quote's annotation options in the lines of its page (the id, voice and role stay)."""
    if q.inline:
        keep = {k: v for k, v in q.options.items() if k in ("röst", "roll")}
        flow = yaml.safe_dump({**keep, **options}, allow_unicode=True, default_flow_style=True, width=10**6).strip()
        lines[q.line - 1] = re.sub(rf"(<!-- citat:{q.id} )\{{.*\}}( -->)", lambda m: m.group(1) + flow + m.group(2),
                                   lines[q.line - 1], count=1)
    else:
        first, last = q.option_lines
        block = yaml.safe_dump({"id": q.id, **options}, allow_unicode=True, sort_keys=False,
                               default_flow_style=None, width=10**6)
        lines[first - 1:last] = ["    " + line for line in block.splitlines()]


def test_the_old_options_fail_the_checks(tmp_path):
    """The annotations as they were before (tests/data/annotations-before-13.yml: one value per field, no
    paragraphs): QT011 for each old reading, and QT018 for exactly the quotes whose annotations changed."""
    from conftest import copy_tree

    old = yaml.safe_load((ROOT / "tests/data/annotations-before-13.yml").read_text(encoding="utf-8"))
    docs = copy_tree(tmp_path, ("docs", "mkdocs.yml")) / "docs"
    changed = set()
    for doc in ED.documents:
        quotes = [q for q in doc.quotes if q.id in old]
        if not quotes:
            continue
        lines = list(doc.lines)
        for q in sorted(quotes, key=lambda q: -q.line):  # bottom up: a block's option lines change in number
            now = {k: v for k, v in q.options.items() if k in ("teman", "norm", "handlingsutrymme", "tolkning")}
            if now != old[q.id]:
                changed.add(q.id)
            _write_options(lines, q, old[q.id])
        (docs / doc.path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    findings = edition.load(docs, tmp_path / "mkdocs.yml").findings
    old_readings = sum(isinstance(o.get(k), str) for o in old.values() for k in ("norm", "handlingsutrymme"))
    assert sum(f.code == "QT011" for f in findings) == old_readings > 0
    named = {re.match(r"'([^']+)'", f.message).group(1) for f in findings if f.code == "QT018"}
    assert named == changed and changed


def test_the_report_reads_both_kinds_in_ann_mari_and_fredrik():
    """Chapter 7 p-6: "Citaten illustrerar alltså samtidigheten och samspelet av regelorienterat och
    värdeorienterat handlingsutrymme" — both quotes carry both readings now, with that paragraph."""
    p6 = text_at("kapitel/7.md", "p-6")
    assert "samtidigheten och samspelet av regelorienterat och värdeorienterat handlingsutrymme" in p6
    for qid in ("citat-ann-marie-3", "citat-fredrik-1"):
        q = next(q for _, q in ED.quotes() if q.id == qid)
        assert {"regel", "varde"} <= set(q.discretion)
        assert all("p-6" in q.discretion[v] for v in ("regel", "varde"))


def test_readings_form_and_old_form():
    assert _is_reading({"professionell": ["p-2", "p-3"]})
    for old in ("professionell", {"professionell": []}, {"professionell": "p-2"}, {}, ["professionell"]):
        assert not _is_reading(old)
    doc = parse("# X { #x }\n\nEtt stycke.\n\n/// citat | Tina, senior\n    id: citat-tina-1\n"
                "    norm: professionell\n\nText.\n///\n", "kapitel/9.md")
    assert [f.code for f in doc.findings] == ["QT011"]
    assert doc.quotes[0].norm == {}


def test_inline_marker_carries_a_nested_reading():
    line = ('Hon säger <!-- citat:citat-bea-1 {röst: Bea, roll: senior, norm: {professionell: [p-2], '
            'byrakratisk: [p-2, p-3]}, tolkning: p-2} -->”att man visar empati”.')
    old = re.compile(r"<!--\s*([A-Za-z][\w-]*):(\S*)(?:[ \t]+(\{[^}]*\}))?\s*-->")
    assert old.search(line) is None  # the marker of before could not carry it
    doc = parse(f"# X {{ #x }}\n\nEtt stycke.\n\n{line}\n", "kapitel/9.md")
    assert [f.code for f in doc.findings] == []
    q = doc.quotes[0]
    assert q.norm == {"professionell": ("p-2",), "byrakratisk": ("p-2", "p-3")}
    assert MARKER.search(line).group(2) == "citat-bea-1"


def test_citat_json_and_csv_show_every_value_with_its_paragraphs(site):
    data = json.loads((site / "citat.json").read_text(encoding="utf-8"))["citat"]
    by_id = {r["id"]: r for r in data}
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((site / "citat.csv").read_text(encoding="utf-8")))}
    for doc, q in ED.quotes():
        record, row = by_id[q.id], rows[q.id]
        want = [(f, v, [url(*resolve(doc.path, t)) for t in ts])
                for f, readings in (("norm", q.norm), ("handlingsutrymme", q.discretion)) for v, ts in readings.items()]
        assert record["norm"] == list(q.norm) and record["handlingsutrymme"] == list(q.discretion)
        assert [(r["falt"], r["id"], [s["url"] for s in r["stycken"]]) for r in record["lasningar"]] == want
        assert row["norm"] == ";".join(q.norm) and row["handlingsutrymme"] == ";".join(q.discretion)
        assert row["lasningar"] == "; ".join(f"{f} {v} ({', '.join(us)})" for f, v, us in want)


def test_the_registers_and_captions_show_every_value(site):
    for doc, q in ED.quotes():
        if q.inline:
            continue
        fig = re.search(rf'id="{q.id}">(.*?)</figure>', page(site, url(doc.path)), re.S).group(1)
        for readings, terms in ((q.norm, ED.norms), (q.discretion, ED.discretion)):
            for value in readings:
                assert f">{htmllib.escape(terms[value].name)}</a>" in fig, (q.id, value)


def test_the_decisions_are_listed_on_om_utgavan_escaped(site, tmp_path):
    html = page(site, "om-utgavan")
    section = html.split('id="annoteringsbeslut"', 1)[1]
    for d in DECIDED:
        # the words are data: written as text (characters Markdown reads as syntax as character references)
        assert d.words in htmllib.unescape(re.sub(r"<[^>]+>", "", section)), d
    items = re.findall(r"<li>", section.split("<h2", 1)[0])
    assert len(items) == len(DECIDED)


# --- 2. definitions in the report's words ------------------------------------------------------------------

def definition_problems(term: Term) -> list[str]:
    """Fragments of a definition that do not stand in any of its cited paragraphs."""
    cited = "  ".join(anchor_text(ED, *resolve("", s)) for s in term.sources)
    fragments, _ = definition_fragments(term.definition)
    return [f for f in fragments if not cited or f not in cited]


def test_every_definition_is_the_reports_words_from_its_cited_paragraphs():
    terms = [*ED.themes.values(), *ED.norms.values(), *ED.discretion.values()]
    assert terms
    for t in terms:
        assert t.sources and definition_problems(t) == [], (t.id, definition_problems(t))
        assert EDITION_WORDS not in t.definition or definition_fragments(t.definition)[1]


def test_the_old_definitions_fail():
    old = [  # the examples, as teman.yml had them
        Term("handlingsutrymme", "handlingsutrymme", "Det utrymme för egna bedömningar som är centralt för "
             "gräsrotsbyråkratens yrkesroll men långt ifrån statiskt i sin form.", ("kapitel/3.md#p-2",), 1, "x"),
        Term("malstyrning", "målstyrning", "Det starkare fokus på resultat och målstyrning som har ersatt den "
             "tidigare utredarkulturen, med mål- och processuppföljning av t.ex. kravet att ett visst antal ärenden "
             "ska vara avslutade efter en viss tid.", ("kapitel/3.md#p-11",), 1, "x"),
    ]
    for t in old:
        assert definition_problems(t), t.id


def test_theme_register_shows_the_report_words_and_each_source(site):
    html = page(site, "citat")
    for t in ED.themes.values():
        section = html.split(f'id="tema-{t.id}"', 1)[1].split("<h3", 1)[0]
        assert "Rapportens ord:" in section
        for s in t.sources:
            p, a = resolve("", s)
            assert f'href="../{url(p, a)}"' in section, (t.id, s)


# --- 3. /om-utgavan/ -------------------------------------------------------------------------------------

def test_om_utgavan_describes_every_page_register_and_download_the_edition_adds(site):
    html = page(site, "om-utgavan")
    hrefs = set(re.findall(r'href="([^"]+)"', html))
    here = "om-utgavan.md"
    for doc in ED.documents:
        if doc.is_edition_page and doc.path != here:
            assert "../" + url(doc.path) in hrefs or (url(doc.path) == "" and "../" in hrefs), doc.path
    for name in REGISTER_NAMES:
        holders = [d.path for d in ED.documents if any(m.value == name for m in d.registers)]
        assert holders, name
        assert all(p == here or "../" + url(p) in hrefs for p in holders), name
    assert "../citat/#ladda-ner" in hrefs  # where the downloads are linked (the print view keeps page links)
    for filename in [name for name, _ in downloads(ED)] + ["citat.schema.json"]:
        assert f"<code>{filename}</code>" in html, filename
        assert f'href="../{filename}"' in page(site, "citat"), filename
    for _, label, _ in FORMATS:
        assert label in html, label
    for words in ("/s/5/", "/utskrift/"):
        assert words in html


def test_every_editorial_note_is_listed_at_its_printed_page(site):
    """The list gives each note the page of the base text: a note inside a footnote is printed with the
    footnote, at the foot of the page of its reference (footnote 1's lacuna: s. 8, not s. 9)."""
    table = page(site, "om-utgavan").split('id="redaktionella-anmarkningar"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<a href="\.\./([^"#]+)/#red-([^"]+)">([^<]+)</a>', table)
    placed = {m.value: (d, m) for d in ED.documents for m in d.ed_notes}
    assert {key for _, key, _ in rows} == set(placed)
    for _, key, label in rows:
        d, m = placed[key]
        assert label.endswith(f", s. {ED.page_at(d, m.line, m.col)}"), (key, label)
    lacuna = next(label for _, key, label in rows if key == "fotnot-1-lakun")
    assert lacuna.endswith("s. 8")


def _printed_page_of_footnotes() -> dict[str, int]:
    """Each footnote's printed page, from the base text and its page map (not from the model)."""
    rows = [line.split("\t") for line in (ROOT / "tests/data/page-map.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")][1:]
    starts = sorted((int(line), int(p)) for p, line, _ in rows)
    base = (ROOT / "tests/data/report-text.txt").read_text(encoding="utf-8").splitlines()
    out = {}
    for d in ED.documents:
        for r in d.footnote_defs:
            first = re.sub(r"<!--.*?-->|\[@[^\]]*\]|\[\^\w+\]:\s*", "", d.lines[r.line - 1]).split()[:3]
            hit = next(i for i, line in enumerate(base, 1)
                       if line.startswith(f"{r.label} ") and " ".join(first) in line)
            out[r.label] = max(p for start, p in starts if start <= hit)
    return out


def test_every_footnote_stands_on_its_printed_page():
    printed = _printed_page_of_footnotes()
    assert len(printed) == 15
    naive = {}
    for d in ED.documents:
        for r in d.footnote_defs:
            assert ED.page_at(d, r.line, 1) == printed[r.label], r.label
            naive[r.label] = max(m.page for m in d.pages if m.line < r.line)
    # the rule of before (the last page marker before the definition) was wrong for most of them
    assert naive["1"] == 9 != printed["1"] == 8
    assert sum(naive[k] != printed[k] for k in printed) > len(printed) // 2


# --- 5. labels, pages of the edition's own pages, the edition's citation ---------------------------------

def test_role_labels_are_printed_as_the_report_prints_them(site):
    html = page(site, "citat")
    for role, label in ROLE_LABELS.items():
        assert label.start[0].isupper() and label.start[1:] == label.singular[1:]
        assert role.lower() in label.singular.lower()
    assert "Hr-specialist" not in html
    assert f"{ROLE_LABELS['HR-specialist'].start} · " in html


def test_no_printed_page_for_the_editions_own_pages(site):
    html = page(site, "referenser")
    for doc in ED.documents:
        if doc.is_edition_page:
            assert ED.page_at(doc, 1, 1) is None
            assert not re.search(rf">{re.escape(htmllib.escape(doc.title))}, s\. \d", html), doc.path


def test_the_editions_citation_names_editors_version_and_year(site):
    rel = release()
    version, date = rel.version, rel.date.isoformat()
    box = page(site, "kapitel/7").split('id="citera-utgava-rubrik"', 1)[1]
    assert f"utg. av {EDITORS}, {label(rel)}" in box
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{version}] - {date}" in changelog
    assert f'version: "{version}"' in (ROOT / "CITATION.cff").read_text(encoding="utf-8")


def test_decisions_and_definitions_are_escaped(tmp_path):
    """Data from the YAML files reaches the page as text: HTML and Markdown syntax in it are inert."""
    import dataclasses
    from schenk_edition.render import registers
    (tmp_path / "_data").mkdir()
    evil = "<script>alert(1)</script> *fet* [länk](http://x) | `kod` _u_"
    (tmp_path / DECISIONS).write_text(yaml.safe_dump([{
        "citat": "citat-tina-1", "falt": "tema", "varde": "administrativ-borda", "stycken": ["kapitel/5.md#p-16"],
        "rapportens_ord": evil, "beslut": "x"}], allow_unicode=True), encoding="utf-8")
    decided, _ = load_decisions(tmp_path / DECISIONS, f"docs/{DECISIONS}")  # as `edition.load` reads the file
    out = registers.decisions(dataclasses.replace(ED, decisions=decided), "om-utgavan.md")
    assert "<script>" not in out and "&lt;script&gt;" in out
    for raw in ("*fet*", "[länk]", "`kod`", "_u_", " | "):
        assert raw not in out, raw
    term = dataclasses.replace(next(iter(ED.themes.values())), definition=evil)
    shown = registers.definition(ED, "citat.md", term)
    assert "<script>" not in shown and "*fet*" not in shown
