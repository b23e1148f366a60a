"""Annotated quotes, voices and registers; the norms table and the interview guides as linked data."""

from __future__ import annotations

import copy
import csv
import html as html_module
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT
from schenk_edition.model import edition, quotes
from schenk_edition.model.pages import anchor_pages, page_label
from schenk_edition.render.html import quote_caption
from test_build_errors import assert_fails_with, break_file, line_of, project  # noqa: F401 (fixture)

ED = edition.load(ROOT / "docs", ROOT / "mkdocs.yml")


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def ids_of(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def test_every_quote_is_a_record_in_reading_order():
    records = quotes.records(ED)
    block = [r for r in records if r["typ"] == "block"]
    inline = [r for r in records if r["typ"] == "inline"]
    assert [r["id"] for r in block] == [q.id for _, q in ED.quotes() if not q.inline]  # every quote block
    assert {r["id"] for r in inline} == {"citat-bea-1", "citat-emma-1"}
    # reading order: chapter, then printed page, never backwards
    assert [r["sida"] for r in records] == sorted(r["sida"] for r in records)
    # every registered voice is quoted, under each of its printed spellings (docs/_data/informanter.yml):
    # Ann-Marie (ch. 6) and Ann-Mari (ch. 7) are one voice
    assert {r["rost_id"] for r in records} == set(ED.informants)
    assert {r["rost"] for r in records} == {name for i in ED.informants.values() for name in (i.name, *i.variants)}
    assert {r["rost"] for r in records if r["rost_id"] == "ann-marie"} == {"Ann-Marie", "Ann-Mari"}


def test_quote_pages_come_from_the_page_markers():
    by_id = {r["id"]: r for r in quotes.records(ED)}
    assert (by_id["citat-tina-2"]["sida"], by_id["citat-tina-2"]["sida_slut"]) == (36, 37)
    assert (by_id["citat-henrik-1"]["sida"], by_id["citat-henrik-1"]["sida_slut"]) == (25, 25)
    assert by_id["citat-bea-1"]["text"] == "att man visar empati, trots att man håller sig till reglerna"


def test_every_quote_has_themes_and_an_interpretation():
    for r in quotes.records(ED):
        assert r["teman"], f"{r['id']} has no theme"
        assert r["tolkning"], f"{r['id']} has no link to the report's interpretation"


def test_theme_vocabulary_is_8_to_12_themes_each_used():
    assert 8 <= len(ED.themes) <= 12
    used = {t for r in quotes.records(ED) for t in r["teman"]}
    assert used == set(ED.themes), f"themes never used: {set(ED.themes) - used}"


def test_citat_json_validates_against_its_schema(site):
    schema = json.loads((ROOT / "docs" / "citat.schema.json").read_text(encoding="utf-8"))
    data = json.loads((site / "citat.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert len(data["citat"]) == len(quotes.records(ED))
    broken = json.loads(json.dumps(data))
    broken["citat"][0]["roll"] = "handläggare"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_citat_csv_has_the_same_records(site):
    rows = list(csv.DictReader(io.StringIO((site / "citat.csv").read_text(encoding="utf-8"))))
    records = quotes.records(ED)
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert rows[0]["teman"] == ";".join(records[0]["teman"])
    assert set(rows[0]) == set(json.loads((site / "citat.json").read_text(encoding="utf-8"))["citat"][0])


def test_every_register_entry_resolves(site):
    """Every link of /citat/ leads to a page and an anchor that exist."""
    html = page(site, "citat")
    article = html[html.index("<article"):html.index("</article>")]
    links = re.findall(r'href="(\.\./[^"#]*)#([^"]+)"', article)
    assert len(links) > 3 * 30
    for url, anchor in links:
        target = (site / "citat" / url / "index.html").resolve()
        assert anchor in ids_of(target.read_text(encoding="utf-8")), f"{url}#{anchor}"
    local = set(re.findall(r'href="#([^"]+)"', article))
    assert local <= ids_of(html)


def test_registers_count_and_group(site):
    html = page(site, "citat")
    for r in quotes.records(ED):
        assert f'#{r["id"]}"' in html
    for inf in ED.informants.values():
        assert f'id="rost-{inf.id}"' in html
    for role in ("hr-specialist", "chef", "junior", "senior"):
        assert f'id="roll-{role}"' in html
    for t in ED.themes:
        assert f'id="tema-{t}"' in html
    ann = re.search(r'id="rost-ann-marie".*?·\s*(\d+) citat', html, re.S)
    assert ann and int(ann.group(1)) == 3


def test_quote_figure_shows_voice_role_page_permalink_and_annotations(site):
    html = page(site, "kapitel/6")
    fig = re.search(r'<figure class="citat" id="citat-tina-2">(.*?)</figure>', html, re.S).group(1)
    assert 'class="citat-rost" href="../../citat/#rost-tina"' in fig
    assert '<span class="citat-roll">senior</span>' in fig
    assert re.search(r'<a class="citat-sida" href="#s-36"[^>]*>s\. 36–37</a>', fig)
    assert 'class="citat-permalank" href="#citat-tina-2"' in fig
    themes = re.findall(r'href="\.\./\.\./citat/#tema-([a-z-]+)" aria-describedby="([^"]+)"', fig)
    assert themes
    for theme, tip in themes:  # the definition is in the page ONCE, named by the link for hover and focus
        definition = html_module.escape(ED.themes[theme].definition)
        assert f'id="{tip}"' not in fig and definition not in fig
        assert html.count(f'id="{tip}"') == 1
        assert re.search(rf'<div class="term-definitioner" hidden>(<p id="[^"]+">[^<]+</p>)*'
                         rf'<p id="{tip}">{re.escape(definition)}</p>', html)
    # every term of the page is defined once, however many quotes use it
    used = re.findall(r'aria-describedby="(begrepp-[^"]+)"', html)
    assert len(used) > len(set(used))  # kapitel 6 uses a term in more than one quote
    assert sorted(re.findall(r'<p id="(begrepp-[^"]+)">', html)) == sorted(set(used))


def test_norm_annotation_links_to_the_hall_table(site):
    annotated = [r for r in quotes.records(ED) if r["norm"]]
    assert annotated, "no quote is annotated with a norm"
    r = annotated[0]
    norm = r["norm"][0]
    html = page(site, r["url"].split("#")[0])
    fig = re.search(rf'id="{r["id"]}">(.*?)</figure>', html, re.S).group(1)
    assert f'href="../3/#norm-{norm}"' in fig
    assert f'id="norm-{norm}"' in page(site, "kapitel/3")


def test_norms_table_as_csv(site):
    rows = list(csv.reader(io.StringIO((site / "normer.csv").read_text(encoding="utf-8"))))
    assert rows[0] == ["id", "professionell_norm", "byrakratisk_norm"]
    assert rows[1] == ["norm-1", "Lyssna", "Informera"]
    assert [r[0] for r in rows[1:]] == [f"norm-{n}" for n in range(1, 9)]


def test_interview_guides_anchor_every_question(site):
    for n in range(1, 5):
        doc = ED.document(f"bilaga/{n}.md")
        html = page(site, f"bilaga/{n}")
        for block in ("personlig-bakgrund", "handlaggarrollen", "annat"):
            assert f'id="{block}"' in html
        lis = re.findall(r'<li id="(fraga-[a-z-]+-\d+)">', html)
        assert len(lis) == len(doc.list_items) and len(set(lis)) == len(lis)
    assert '<li id="fraga-handlaggarrollen-1">Vad innebär det att vara handläggare?' in page(site, "bilaga/1")


def test_guide_comparison_lines_up_the_blocks(site):
    html = page(site, "intervjuguider")
    for block in ("personlig-bakgrund", "handlaggarrollen", "arbetssituationen", "organisationsforandringen",
                  "annat"):
        assert f'id="block-{block}"' in html
    # a question all four guides ask in the same words is one row with four marks
    row = re.search(r"<tr>\s*<td>Vilka kompetenser och egenskaper värderas inom Försäkringskassan\?</td>.*?</tr>",
                    html, re.S).group(0)
    assert row.count("✓") == 4
    for url, anchor in re.findall(r'href="(\.\./bilaga/\d/)#([^"]+)"', html):
        assert anchor in ids_of(page(site, f"bilaga/{url[-2]}"))


def test_chapter_4_links_its_question_blocks_to_the_guides(site):
    html = page(site, "kapitel/4")
    links = re.findall(r'href="\.\./\.\./intervjuguider/#block-([a-z-]+)"', html)
    assert {"personlig-bakgrund", "handlaggarrollen", "arbetssituationen", "organisationsforandringen"} <= set(links)


def test_unknown_pseudonym_fails_the_build(project):  # noqa: F811
    text = break_file(project, "kapitel/6.md", "/// citat | Tina, senior\n    id: citat-tina-2",
                      "/// citat | Tine, senior\n    id: citat-tina-2")
    assert_fails_with(project, f"docs/kapitel/6.md:{line_of(text, '/// citat | Tine')}:1: AN001 'Tine' is not "
                      "listed in docs/_data/informanter.yml")


def test_wrong_role_fails_the_build(project):  # noqa: F811
    text = break_file(project, "kapitel/6.md", "/// citat | Tina, senior\n    id: citat-tina-2",
                      "/// citat | Tina, junior\n    id: citat-tina-2")
    assert_fails_with(project, f"docs/kapitel/6.md:{line_of(text, '/// citat | Tina, junior')}:1: AN002")


def test_unknown_theme_fails_the_build(project):  # noqa: F811
    text = break_file(project, "kapitel/6.md", "    id: citat-tina-2\n    teman: [",
                      "    id: citat-tina-2\n    teman: [okant-tema, ")
    assert_fails_with(project, f"docs/kapitel/6.md:{line_of(text, 'teman: [okant-tema')}:1: QT014 theme "
                      "'okant-tema' is not listed in docs/_data/teman.yml")


def test_unknown_role_in_the_registry_fails_the_build(project):  # noqa: F811
    text = break_file(project, "_data/informanter.yml", "tina:\n  namn: Tina\n  roll: senior",
                      "tina:\n  namn: Tina\n  roll: handläggare")
    assert_fails_with(project, f"docs/_data/informanter.yml:{line_of(text, chr(10) + 'tina:') + 1}:1: AN002")


def test_caption_reads_norms_as_values_with_their_paragraphs():
    """Issue 13 makes `Quote.norm` and `Quote.discretion` value id -> the paragraphs where the report states the
    reading; the caption names each value and links each paragraph by its printed page."""
    doc, q = next((d, q) for d, q in ED.quotes() if not q.inline and q.norm and q.interpretation)
    paragraphs = [a for a in anchor_pages(ED, doc) if a.startswith("p-")][:2]
    norms = sorted(ED.norms)[:2]
    readings = {norms[0]: (paragraphs[0],), norms[1]: tuple(paragraphs)}

    class Read(type(q)):
        norm = property(lambda self: readings)

    read = copy.copy(q)
    read.__class__ = Read
    caption = quote_caption(doc, ED, read)
    assert "Normer: " in caption
    for value, targets in readings.items():
        term = ED.norms[value]
        assert f'aria-describedby="begrepp-norm-{value}">{html_module.escape(term.name)}</a>' in caption
        for target in targets:
            label = page_label(anchor_pages(ED, doc)[target])
            assert (f'<a class="citat-belagg" href="#{target}" aria-label="Där rapporten läser '
                    f'{html_module.escape(term.name)}, {label}">{label}</a>') in caption
    # the real caption links every paragraph of every reading the quote's options give
    real = quote_caption(doc, ED, q)
    assert all(f'href="#{t}"' in real for targets in q.norm.values() for t in targets if "#" not in t)
