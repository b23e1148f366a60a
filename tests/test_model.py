"""The one parser: what it reads, and what it reports on malformed input (code, file, line; no exception)."""

from __future__ import annotations

from schenk_edition.model.parser import parse

GOOD = """# 2. Försäkringskassan { #kapitel-2 }

En myndighet i förändring
{: .undertitel }

<!-- page:10 -->

Första stycket med fotnot.[^3]
Andra raden, [kapitel tre](3.md), sidan börjar mitt i ordet socialförsäk<!-- page:11 -->ringen.

/// citat | Tina, senior
    id: citat-tina-1

Det är ett stressmoment [...] mera... tycker jag.
///

Andra stycket<!-- ed:johannas -->.

```markdown
/// citat | inte ett block
<!-- page:99 -->
```

[^3]: I denna rapport.
"""


def codes(doc):
    return [(f.code, f.line) for f in doc.findings]


def test_reads_the_constructs():
    doc = parse(GOOD, "kapitel/2.md")
    assert codes(doc) == []
    assert [(h.level, h.text, h.id) for h in doc.headings] == [(1, "2. Försäkringskassan", "kapitel-2")]
    assert [(m.page, m.line, m.standalone) for m in doc.pages] == [(10, 6, True), (11, 9, False)]
    assert [(p.number, p.line, p.end_line) for p in doc.paragraphs] == [(1, 8, 9), (2, 17, 17)]
    q = doc.quotes[0]
    assert (q.kind, q.pseudonym, q.role, q.id, q.line, q.end_line, q.body) == (
        "citat", "Tina", "senior", "citat-tina-1", 11, 15, (14, 14))
    assert [(r.label, r.line) for r in doc.footnote_refs] == [("3", 8)]
    assert [(r.label, r.line) for r in doc.footnote_defs] == [("3", 24)]
    assert [(lk.text, lk.target) for lk in doc.links] == [("kapitel tre", "3.md")]
    assert [m.value for m in doc.ed_notes] == ["johannas"]


def test_heading_without_id():
    assert codes(parse("# Rubrik\n", "x.md")) == [("ID001", 1)]


def test_unknown_page_number():
    doc = parse("Text <!-- page:99 --> mer.\n", "x.md")
    assert codes(doc) == [("PG001", 1)]
    assert str(doc.findings[0]).startswith("x.md:1:6: PG001 unknown page number '99'")


def test_standalone_page_marker_needs_blank_lines():
    assert codes(parse("Text\n<!-- page:9 -->\n\nMer.\n", "x.md")) == [("PG002", 2)]


def test_unknown_marker():
    assert codes(parse("Text <!-- sida:9 -->\n", "x.md")) == [("MK001", 1)]


def test_unclosed_quote_block():
    doc = parse("/// citat | Tina, senior\n    id: citat-tina-1\n\nText\n", "kapitel/6.md")
    assert ("QT005", 1) in codes(doc)


def test_quote_with_unknown_role():
    doc = parse("/// citat | Tina, handläggare\n    id: citat-tina-1\n\nText\n///\n", "x.md")
    assert codes(doc) == [("QT008", 1)]


def test_quote_attribution_malformed():
    doc = parse("/// citat | Tina senior\n    id: citat-tina-1\n\nText\n///\n", "x.md")
    assert codes(doc) == [("QT007", 1)]


def test_quote_without_id():
    assert codes(parse("/// citat | Tina, senior\n\nText\n///\n", "x.md")) == [("QT009", 1)]


def test_quote_options_bad_yaml_and_unknown_key():
    doc = parse("/// citat | Tina, senior\n    id: [citat\n\nText\n///\n", "x.md")
    assert "QT003" in [c for c, _ in codes(doc)]
    doc = parse("/// citat | Tina, senior\n    id: citat-tina-1\n    ålder: 50\n\nText\n///\n", "x.md")
    assert ("QT004", 3) in codes(doc)  # at the unknown option's own line


def test_unknown_block():
    doc = parse("/// admonition | Obs\n    id: x\n\nText\n///\n", "x.md")
    assert "QT002" in [c for c, _ in codes(doc)]


def test_stray_closing_fence():
    assert codes(parse("Text\n\n///\n", "x.md")) == [("QT001", 3)]


def test_unclosed_code_fence():
    assert codes(parse("Text\n\n```\nkod\n", "x.md")) == [("MD002", 3)]


def test_inline_quote_with_annotations():
    line = ("Bea som är senior handläggare med <!-- citat:citat-bea-1 {röst: Bea, roll: senior, teman: [empati], "
            "tolkning: p-3} -->”att man visar empati“.")
    doc = parse(line + "\n", "kapitel/6.md")
    assert codes(doc) == []
    q = doc.quotes[0]
    assert (q.inline, q.id, q.pseudonym, q.role, q.themes, q.interpretation) == (
        True, "citat-bea-1", "Bea", "senior", ["empati"], "p-3")
    assert line[q.span[0]:q.span[1]] == "”att man visar empati“"


def test_inline_quote_errors():
    assert codes(parse("Text <!-- citat:citat-bea-1 {röst: Bea, roll: senior} --> utan citattecken.\n", "x.md")) \
        == [("QT012", 1)]
    assert codes(parse("Text <!-- citat:citat-bea-1 {röst: Bea} -->”ord”.\n", "x.md")) == [("QT007", 1)]
    assert codes(parse("Text <!-- citat:citat-bea-1 {röst: Bea, roll: senior, ålder: 40} -->”ord”.\n", "x.md")) \
        == [("QT004", 1)]


def test_annotation_form():
    block = "/// citat | Tina, senior\n    id: citat-tina-1\n    teman: handlingsutrymme\n    norm: [a, b]\n\nText.\n///\n"
    assert codes(parse(block, "x.md")) == [("QT011", 3), ("QT011", 4)]  # each at its option's line
