"""The rendered text of the report's units against the base text, word by word and in order (the built pages;
`checks.fidelity` compares the sources, for `make validate`)."""

from __future__ import annotations

from pathlib import Path

from conftest import copy_tree
from schenk_edition.model import edition
from schenk_edition.model import basetext
from schenk_edition.tools import fidelity
from schenk_edition.core.urls import url_of
from schenk_edition.model.syntax import FIRST_PAGE, LAST_PAGE

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("docs", "bibliography", "tests/data", "mkdocs.yml")  # what the validators read; tests/data: base text
THRESHOLD = 0.995


def rendered_streams(site: Path, norm=basetext.norm) -> tuple[list[str], list[str]]:
    body: list[str] = []
    notes: list[str] = []
    ed = edition.load(ROOT / "docs", ROOT / "mkdocs.yml")
    for rel in edition.reading_order(ROOT / "mkdocs.yml"):
        if ed.document(rel).is_edition_page:  # the edition's own pages (front matter `typ: utgåva`)
            continue
        html = (site / url_of(rel) / "index.html").read_text(encoding="utf-8")
        b, n = fidelity.page_words(html, norm)
        body += b
        notes += n
    return body, notes


def check(name: str, base: list[basetext.Token], rendered: list[str], threshold: float = THRESHOLD) -> None:
    words = [t.text for t in base]
    forward = fidelity.compare(words, [t.line for t in base], rendered)
    # and the other way round: words of the edition that the base text does not have
    backward = fidelity.compare(rendered, list(range(len(rendered))), words)
    report = "\n".join(forward.differences[:15])
    assert forward.ratio >= threshold, (
        f"{name}: {forward.matched}/{forward.total} base words in order = {forward.ratio:.4%} < {threshold:.1%}; "
        f"first differences:\n{report}")
    assert backward.ratio >= threshold, (
        f"{name}: the edition adds words the base text lacks ({backward.ratio:.4%} of its words matched); "
        f"first differences:\n{report}")


def test_running_text_matches_base_text(site):
    body, _ = rendered_streams(site)
    base_body, _ = basetext.streams()
    check("running text", base_body, body)


def test_footnotes_match_base_text(site):
    _, notes = rendered_streams(site)
    _, base_notes = basetext.streams()
    check("footnotes", base_notes, notes)


def test_punctuation_and_case_as_printed(site):
    """Stricter, and exact: quotation marks, dashes, pauses, cuts, parentheses and case as printed (hyphens
    aside). Any deliberate difference is an editorial note, which the comparison leaves out."""
    body, notes = rendered_streams(site, basetext.strict_norm)
    base_body, base_notes = basetext.streams(norm=basetext.strict_norm)
    check("running text, punctuation included", base_body, body, threshold=1.0)
    check("footnotes, punctuation included", base_notes, notes, threshold=1.0)


def test_comparison_detects_a_changed_word():
    base = [basetext.Token(w, i) for i, w in enumerate("en två tre fyra fem".split(), start=1)]
    result = fidelity.compare([t.text for t in base], [t.line for t in base], "en två TRE fyra fem".lower().split())
    assert result.ratio == 1.0
    result = fidelity.compare([t.text for t in base], [t.line for t in base], "en två sju fyra fem".split())
    assert result.matched == 4 and "base line 3" in result.differences[0]


def test_extraction_leaves_out_the_editions_additions():
    html = ('<article><p>Ord<sup class="red-anm"><a>red.</a></sup> och '
            '<a class="headerlink">#</a>mer.<sup><a class="footnote-ref">3</a></sup></p>'
            '<div class="footnote"><hr /><ol><li value="3"><p>Noten.<a class="footnote-backref">↩</a></p></li></ol>'
            '</div></article><p>utanför</p>')
    body, notes = fidelity.page_words(html)
    assert body == ["ord", "och", "mer3"]
    assert notes == ["noten"]


def test_base_text_has_the_printed_pages():
    starts = basetext.page_starts(basetext.read_lines())
    assert len(starts) == LAST_PAGE - FIRST_PAGE + 1


def test_exactly_the_units_of_the_report_are_compared():
    """Marking a page `typ: utgåva` takes it out of the fidelity test: only the edition's own pages may be. (The
    report's units, as its table of contents lists them: a new unit of the report is added here too.)"""
    ed = edition.load(ROOT / "docs", ROOT / "mkdocs.yml")
    units = [rel for rel in edition.reading_order(ROOT / "mkdocs.yml") if not ed.document(rel).is_edition_page]
    assert units == ["sammanfattning.md", "summary.md", "forord.md"] + [f"kapitel/{n}.md" for n in range(1, 9)] \
        + [f"bilaga/{n}.md" for n in range(1, 5)]


def test_a_changed_word_is_a_finding_at_its_place_in_docs(tmp_path):
    """The source check (`checks.fidelity`, run by `make validate`, `make serve` and pre-commit) names the file,
    line and column of a changed word, the printed word and page, and says how a printed slip is kept: here the
    report's own slip "Johannas beskriver" (s. 27), "corrected" without an editorial note's consent."""
    from schenk_edition.checks import validate

    copy_tree(tmp_path, SOURCES)
    assert validate(tmp_path / "docs", tmp_path / "mkdocs.yml") == []
    chapter = tmp_path / "docs" / "kapitel" / "5.md"
    lines = chapter.read_text(encoding="utf-8").split("\n")
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("Johannas<!-- ed:johannas -->"))
    lines[line - 1] = lines[line - 1].replace("Johannas", "Johanna", 1)
    chapter.write_text("\n".join(lines), encoding="utf-8")
    ed = edition.load(ROOT / "docs", ROOT / "mkdocs.yml")
    page = ed.page_at(ed.document("kapitel/5.md"), line, 1)
    found = validate(tmp_path / "docs", tmp_path / "mkdocs.yml")
    assert [(f.path, f.line, f.col, f.code) for f in found] == [("docs/kapitel/5.md", line, 1, "FD001")]
    message = found[0].message
    assert message.startswith(f"'Johanna' differs from the printed report, which has 'Johannas' here (s. {page}, ")
    assert "the editorial note 'johannas' (sic) is placed on this word" in message
    assert "marked by `<!-- ed:ID -->` right after it and a `sic` note" in message  # how to mark a correction


def test_the_findings_of_an_edition_read_by_content_are_kept_under_its_key(tmp_path, monkeypatch):
    """`checks.fidelity` keeps the findings of an edition read by content (`Edition.key`) in .cache/fidelity/: the
    same sources compare nothing again; a changed word is another edition, compared anew, and its finding is
    the same as without the cache."""
    from schenk_edition.checks import fidelity as check

    copy_tree(tmp_path, SOURCES, cache=False)  # the subject is the fidelity cache: the copy starts without one
    docs, config = tmp_path / "docs", tmp_path / "mkdocs.yml"
    compared = []
    real = check._fidelity

    def counting(ed):
        compared.append(ed.key)
        return real(ed)

    monkeypatch.setattr(check, "_fidelity", counting)
    first = edition.load_by_content(docs, config)
    assert first.key is not None and check.fidelity(first) == []
    assert check.fidelity(edition.load_by_content(docs, config)) == [] and compared == [first.key]
    assert list((tmp_path / ".cache" / "fidelity").glob("*.pickle"))
    chapter = docs / "kapitel" / "5.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("Johannas<!-- ed:", "Johanna<!-- ed:", 1),
                       encoding="utf-8")
    changed = edition.load_by_content(docs, config)
    found = check.fidelity(changed)
    assert len(compared) == 2 and compared[-1] == changed.key != first.key
    assert [f.code for f in found] == ["FD001"] and found == real(edition.load(docs, config))
    assert check.fidelity(edition.load_by_content(docs, config)) == found and len(compared) == 2
