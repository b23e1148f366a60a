"""The anonymity rules on the texts they read, with the real word lists: names in any position, places in any case
and inside compounds, quasi-identifiers in any phrasing, and every text a contributor can publish or commit.
The samples under tests/samples/an0*/ (tests/test_validators.py) show each code failing on a small tree."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import copy_tree
from schenk_edition.checks import validate
from schenk_edition.checks.anonymity import lexicon as lexicon_module, patterns, rules
from schenk_edition.checks.anonymity.texts import TEXT_FIELDS, Segment, data_segments
from schenk_edition.model import edition
from schenk_edition.tools.codes import build_case

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def real():
    return edition.load(ROOT / "docs", ROOT / "mkdocs.yml")


@pytest.fixture(scope="module")
def lex(real):
    found = lexicon_module.lexicon(real)
    assert found.sv is not None and found.en is not None, "run `make dict-deps`"
    return found


def codes(lex, text: str, english: bool = False) -> list[tuple[str, str]]:
    """(code, the words at the finding's column) for one text."""
    found = rules.segment_findings(Segment("docs/x.md", 1, 0, text, english=english), lex)
    return [(f.code, re.match(r"[\w-]+(?:\s+[\w-]+)?", text[f.col - 1:]).group(0)) for f in found]


# Each phrase, and the finding it must give (the words at the finding's start); [] where nothing may be found.
CASES = [
    # names in any position (AN003)
    ("Kalle sa att det var så.", [("AN003", "Kalle sa")]),  # at the start of a sentence: passed on main
    ("Det sa min kollega Kalle också.", [("AN003", "Kalle också")]),
    ("Hon ringde Lindgren om det.", [("AN003", "Lindgren om")]),  # a family name of the word list
    ("Jag pratade med Sjöberg.", [("AN003", "Sjöberg")]),  # not in the list: -berg makes names, not words
    ("Det var Per som sa det.", [("AN003", "Per som")]),  # a name that is also a word, inside a sentence
    ("AS tyckte att det var fel.", [("AN003", "AS tyckte")]),  # initials look like an abbreviation
    ("jag pratade med kalle.", [("AN003", "kalle")]),  # a name of the list written small
    ("Men då sa hon att Hur gör vi nu?", []),  # ordinary words, wherever they stand
    ("Försäkringskassans regler och HR-specialisten, sa Ann-Mari.", []),  # allowed, genitive, hyphens, variant
    ("Målorienterat arbete, Handläggarrollen, Lyhördhet och Regelorienteringen.", []),  # compounds, derivations
    ("Björn sa att det var fel.", []),  # an ordinary word at a sentence start: a known limit, not a finding
    # places in any case and inside compounds (AN004)
    ("jag jobbar i malmö nu.", [("AN004", "malmö nu")]),
    ("Malmökontoret och lundakontoret, Lund-kontoret och Lunds kommun.",
     [("AN004", "Malmökontoret och"), ("AN004", "lundakontoret"), ("AN004", "Lund-kontoret och"),
      ("AN004", "Lunds kommun")]),
    ("vi åkte till Helsingborg och Stockholmsenheten.", [("AN004", "Helsingborg och"), ("AN004", "Stockholmsenheten")]),
    ("en lund med träd och klippan vid havet.", []),  # places that are also words, in lower case
    # ages in any phrasing (AN005)
    ("hon är 52 och har jobbat länge.", [("AN005", "är 52")]),
    ("jag var 45 när jag började", [("AN005", "var 45")]),
    ("Snart 52 år och trött.", [("AN005", "52 år")]),
    ("femtiotvå år gammal", [("AN005", "femtiotvå år")]),
    ("hon är i femtioårsåldern", [("AN005", "femtioårsåldern")]),
    ("han är född -63", [("AN005", "född -63")]),
    ("en 30-åring", [("AN005", "30-åring")]),
    ("om ett år ska jag sluta, det var 3 handläggare där", []),
    # tenure (AN016), not also an age
    ("jag har jobbat här i 23 år", [("AN016", "jobbat här")]),
    ("efter 30 år på Försäkringskassan", [("AN016", "efter 30")]),
    ("jag har varit anställd sedan 1998", [("AN016", "sedan 1998")]),
    ("tjugo års erfarenhet", [("AN016", "tjugo års")]),
    # a gender with a small count (AN017)
    ("den enda manliga handläggaren", [("AN017", "enda manliga")]),
    ("en av två kvinnor på kontoret", [("AN017", "en av")]),
    ("vi är två killar på enheten", [("AN017", "vi är")]),
    ("det enda man kan göra är att vänta", []),
    # named units and streets (AN018)
    ("enhet 3 och sektion Syd", [("AN018", "enhet 3"), ("AN018", "sektion Syd")]),
    ("kontoret på Drottninggatan och storgatan", [("AN018", "Drottninggatan och"), ("AN018", "storgatan")]),
    ("på kontoret tre dagar i veckan, den långa vägen, genvägen och en yrkesväg", []),
    # dates (AN006)
    ("intervjun den 12 mars 2009", [("AN006", "12 mars")]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[t[:40] for t, _ in CASES])
def test_phrases(lex, text, expected):
    assert codes(lex, text) == expected


def test_english_texts_use_the_english_list_too(lex):
    """The comments and the decisions' `beslut` are English: its words pass, its names do not."""
    assert codes(lex, "The decisions: NOTHING ELSE, see the URL.", english=True) == []
    assert codes(lex, "The decisions: NOTHING ELSE, see the URL.") != []  # Swedish only: not words
    assert codes(lex, "Kept, as Gunilla told us.", english=True) == [("AN003", "Gunilla told")]


def test_no_ordinary_word_is_a_place_or_a_street(lex):
    """Measured on the whole Swedish list: none of its ordinary (lower-case) words is taken for a place of
    orter.yml or a street; in capitals only the places' own homographs are (Lund, Klippan, Dalarna)."""
    ordinary = [w for w in lex.sv.words if w.islower()]
    assert [w for w in ordinary if lex.place_of(w)] == []
    assert [w for w in ordinary if lex.street(w)] == []
    homographs = {lex.place_of(w.capitalize()) for w in ordinary if lex.place_of(w.capitalize())}
    assert homographs <= {p for p in lex.places.values() if lex.ordinary(p, False)}


def test_every_place_in_any_case_and_compound(lex):
    """Every place of orter.yml as written, in the genitive, in compounds; in lower case unless it is also an
    ordinary word (lund, klippan: then only inside a compound)."""
    for place in lex.places.values():
        forms = [place, place + "s", place.lower() + "kontoret", place.lower() + "skontoret", place + "-kontoret"]
        if not lex.ordinary(place, False):
            forms += [place.lower(), place.lower() + "s"]
        for form in forms:
            assert lex.place_of(form) == place, form


def test_few_proper_nouns_pass_as_compounds(lex):
    """The compound and derivation rules pass words the full-form list lacks; measured on the list's own proper
    nouns (as if the list lacked them), they pass at most one in twenty."""
    proper = [w for w in lex.sv.words if w[0].isupper() and not w.isupper() and "-" not in w
              and not lex.ordinary(w, False)]
    passed = [w for w in proper if lex.compound(w.lower(), False)]
    assert len(passed) <= len(proper) / 20, (len(passed), len(proper))


# --- every text a contributor can publish or commit ---------------------------------------------------------
def _tree(tmp_path: Path) -> tuple[Path, Path]:
    copy_tree(tmp_path, ("docs", "mkdocs.yml", "bibliography"))
    return tmp_path / "docs", tmp_path / "mkdocs.yml"


def test_every_text_field_and_comment_of_every_data_file(tmp_path):
    """A name put into every free-text field (TEXT_FIELDS) and as a comment into every data file under
    docs/_data/ is reported at its line: the fields and files are read from the tree, not listed here."""
    docs, config = _tree(tmp_path)
    expected = set()
    for file in sorted((docs / "_data").glob("*.yml")):
        rel = f"_data/{file.name}"
        lines = file.read_text(encoding="utf-8").split("\n")
        lines.insert(0, "# Intervjun gjordes av Gunilla.")
        fields = TEXT_FIELDS.get(rel, ())
        for n, line in enumerate(lines):
            m = re.match(r"^(\s*(?:-\s+)?)([\w-]+): (.+)$", line)
            if m and m.group(2) in fields and m.group(1) and not m.group(3).startswith(("'", '"', ">", "|")):
                lines[n] = line + " Enligt Gunilla."
                expected.add((f"docs/{rel}", n + 1))
                fields = tuple(f for f in fields if f != m.group(2))  # one value of each field
        file.write_text("\n".join(lines), encoding="utf-8")
        expected.add((f"docs/{rel}", 1))
    assert {(rel, field) for rel, fields in TEXT_FIELDS.items() for field in fields} and expected
    found = {(f.path, f.line) for f in validate(docs, config) if f.code == "AN003" and "'Gunilla'" in f.message}
    assert found == expected


def test_comment_on_a_quote_option_line(tmp_path):
    """A YAML comment among a quote's options is committed like any other: a name there is reported."""
    docs, config = build_case("_base", tmp_path)
    page = docs / "kapitel" / "1.md"
    text = page.read_text(encoding="utf-8")
    assert "    teman: [tema-1]\n" in text
    page.write_text(text.replace("    teman: [tema-1]\n", "    teman: [tema-1]  # som Gunilla sa\n"), encoding="utf-8")
    line = text[:text.index("    teman: [tema-1]")].count("\n") + 1
    assert [(f.code, f.path, f.line) for f in validate(docs, config)] == [("AN003", "docs/kapitel/1.md", line)]


def test_trailing_comment_and_hash_in_a_quoted_value(tmp_path):
    docs, config = _tree(tmp_path)
    notes = docs / "_data" / "editorial.yml"
    notes.write_text(notes.read_text(encoding="utf-8") + "ny-not:  # Gunilla\n  kind: sic\n  text: 'Tryckt: ”#1 "
                     "Gunnar”.'\n", encoding="utf-8")
    values, comments = data_segments(edition.load(docs, config))
    n = notes.read_text(encoding="utf-8").count("\n") - 2
    assert [s.text for s in comments if s.path.endswith("editorial.yml") and s.line == n] == [" Gunilla"]
    assert [s.text for s in values if s.path.endswith("editorial.yml") and s.line == n + 2] == ["Tryckt: ”#1 Gunnar”."]


def test_the_clean_tree_passes_and_its_texts_are_read(real):
    """The real tree has no finding, and the rules read every kind of text it has (footnotes 14 and 15 stand
    in quotes)."""
    assert validate(ROOT / "docs", ROOT / "mkdocs.yml") == []
    whats = {s.what.split(" (")[0] for s in rules.segments(real)}
    assert {"this quote", "this annotation", "this YAML comment", "footnote 14", "footnote 15"} <= whats


# --- the word list: installed by make, one finding when it is missing ----------------------------------------
def test_missing_word_list_is_one_finding_not_a_traceback(tmp_path):
    env = {"EDITION_SWEDISH_WORDS": str(tmp_path / "missing"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "schenk_edition", "validate"], cwd=ROOT, capture_output=True,
                            text=True, env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith(f"{tmp_path / 'missing'}:1:1: AN019 "), lines
    assert "make dict-deps" in lines[0] and "wswedish" in lines[0]


def test_word_list_override(tmp_path, monkeypatch):
    """EDITION_SWEDISH_WORDS names another list: a name becomes a word when the list says so."""
    own = tmp_path / "ord.txt"
    own.write_text("\n".join(["kalle", *sorted(lexicon_module.word_list("sv")[0].words)]), encoding="iso-8859-1",
                   errors="replace")
    monkeypatch.setenv("EDITION_SWEDISH_WORDS", str(own))
    ed = edition.load(ROOT / "docs", ROOT / "mkdocs.yml")
    assert codes(lexicon_module.lexicon(ed), "Kalle sa det.") == []
    own.write_text("ett\ntvå\n", encoding="iso-8859-1")
    monkeypatch.setenv("EDITION_SWEDISH_WORDS", str(own))
    assert [f.code for f in lexicon_module.lexicon(edition.load(ROOT / "docs", ROOT / "mkdocs.yml")).findings] \
        == ["AN019"]  # two words are no language's list


def test_make_installs_the_word_lists():
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^dict-deps:.*\n((?:\t.*\n)+)", make, re.M).group(1)
    assert "apt-get install -y wswedish wbritish" in recipe and "sudo" in recipe
    for target in ("serve", "validate", "check", "test"):
        assert re.search(rf"^{target}:[^\n#]*\bdict-deps\b", make, re.M), target


# --- linear time ------------------------------------------------------------------------------------------------
HOSTILE = ["jobbat a ", "en av två ", "enhet ", "född ", "är 5", "Aa-", "vi är två a ", "9 år ", "Malmö", "sa Per ",
           "Kalle ", "x.md "]


@pytest.mark.parametrize("unit", HOSTILE)
def test_new_patterns_and_word_rules_are_linear(lex, unit):
    """Eight times the text takes about eight times as long (a quadratic rule: 64 times)."""
    def seconds(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            rules.segment_findings(Segment("x", 1, 0, text), lex)
            for p in (patterns.AGE, patterns.YEARS, patterns.TENURE, patterns.GENDER_COUNT, patterns.UNIT):
                for _ in p.finditer(text):
                    pass
            best = min(best, time.perf_counter() - start)
        return best
    short, long = unit * (12_500 // len(unit)), unit * (100_000 // len(unit))
    assert seconds(long) < 24 * seconds(short) + 0.1


def test_a_word_list_answers_from_the_verdicts_of_earlier_runs_without_reading_itself(tmp_path, monkeypatch):
    """`lexicon.Words`: the questions an earlier run asked are answered from its memo (.cache/words/) without
    reading the list; a new question reads it; a changed list (another size or time) is another memo."""
    words = [f"ord{n}" for n in range(1500)] + ["Anna", "anna"]
    path = tmp_path / "ordlista"
    path.write_text("\n".join(words) + "\n", encoding="utf-8")
    monkeypatch.setenv("EDITION_SWEDISH_WORDS", str(path))
    monkeypatch.setattr(lexicon_module, "_lists", {})
    first, finding = lexicon_module.word_list("sv", tmp_path)
    assert finding is None and len(first.words) == len(words)
    assert ("ord7" in first.words, "Anna" in first.words, "Malmö" in first.words) == (True, True, False)
    first.words.keep()
    assert len(list((tmp_path / ".cache" / "words").glob("*.pickle"))) == 1

    read = []
    real_read = Path.read_bytes

    def counting_read(self):
        if self == path:  # the list (the key reads this module's code too)
            read.append(self)
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", counting_read)
    monkeypatch.setattr(lexicon_module, "_lists", {})  # a new process
    monkeypatch.setattr(lexicon_module, "_read_lists", {})
    again, _ = lexicon_module.word_list("sv", tmp_path)
    assert len(again.words) == len(words) and again.words is not first.words
    assert ("ord7" in again.words, "Anna" in again.words, "Malmö" in again.words) == (True, True, False)
    assert read == [], "every answer came from the memo"
    assert "ord1499" in again.words and read == [path], "a new question reads the list"
    assert ("ord9999" in again.words, sorted(again.words) == sorted(words)) == (False, True)

    path.write_text("\n".join(words[:1200]) + "\n", encoding="utf-8")  # a changed list: another memo
    monkeypatch.setattr(lexicon_module, "_lists", {})
    changed, _ = lexicon_module.word_list("sv", tmp_path)
    assert len(changed.words) == 1200 and "ord7" in changed.words and "ord1300" not in changed.words

    monkeypatch.setattr(lexicon_module, "_lists", {})
    path.unlink()
    path.mkdir()  # a list that is a folder is one finding, memo or not
    missing, finding = lexicon_module.word_list("sv", tmp_path)
    assert missing is None and finding.code == "AN019" and "IsADirectoryError" in finding.message
