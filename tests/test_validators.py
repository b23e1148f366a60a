"""Validators: one failing sample per rule (code, file, line), the real tree as the passing sample."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from schenk_edition.checks import anonymity
from schenk_edition.model import edition
from schenk_edition.tools.cli import main, validate
from schenk_edition.tools.codes import build_case, validate_case
from schenk_edition.checks.links import internal_links

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = Path(__file__).parent / "samples"


def sample_edition(name: str, tmp_path: Path) -> edition.Edition:
    return edition.load(*build_case(name, tmp_path))


def test_real_tree_has_no_findings(capsys):
    assert validate(ROOT / "docs", ROOT / "mkdocs.yml") == []
    assert main(["validate"]) == 0


def test_link_to_missing_page(tmp_path):
    found = internal_links(sample_edition("xr-links", tmp_path))
    assert [(f.code, f.path, f.line) for f in found] == [("XR001", "docs/kapitel/1.md", 5),
                                                         ("XR002", "docs/kapitel/1.md", 7)]


def test_command_exits_1_and_prints_path_line_col(tmp_path, capsys):
    sample_edition("xr-links", tmp_path)
    status = main(["--docs", str(tmp_path / "docs"), "--config", str(tmp_path / "mkdocs.yml"), "validate"])
    out = capsys.readouterr().out
    assert status == 1
    assert "docs/kapitel/1.md:5:8: XR001 link '9.md' leads to no page" in out


def test_bad_yaml_is_a_finding_not_a_traceback(tmp_path, capsys):
    sample_edition("xr-links", tmp_path)
    (tmp_path / "docs" / "_data" / "editorial.yml").write_text("a: [\n", encoding="utf-8")
    status = main(["--docs", str(tmp_path / "docs"), "--config", str(tmp_path / "mkdocs.yml"), "validate"])
    assert status == 1
    assert "docs/_data/editorial.yml:2:1: DA002 not valid YAML" in capsys.readouterr().out


# --- one failing sample per rule ---------------------------------------------------------------------------
# The samples' layout: schenk_edition.tools.codes (which also shows each code's sample in CODES.md). A case
# must produce exactly the findings listed: code, file, line.
CASES = [
    ("an001-unknown-pseudonym", [('AN001', 'docs/extra.md', 3)]),
    ("an002-registry-role", [('AN002', 'docs/_data/informanter.yml', 10)]),
    ("an002-role-mismatch", [('AN002', 'docs/extra.md', 3)]),
    ("an003-name-in-annotation", [('AN003', 'docs/_data/normer.yml', 5)]),
    ("an003-name-in-quote", [('AN003', 'docs/extra.md', 6)]),
    # issue 12, "Anonymity": each of these passed `validate` before the rules read every position and text
    ("an003-sentence-start", [('AN003', 'docs/extra.md', 6)]),  # a name at the start of a sentence
    ("an003-html-comment", [('AN003', 'docs/extra.md', 3), ('AN003', 'docs/extra.md', 4), ('MK010', 'docs/extra.md', 3)]),
    ("an003-yaml-comment", [('AN003', 'docs/_data/informanter.yml', 4)]),
    ("an003-footnote-in-quote", [('AN003', 'docs/kapitel/2.md', 20)]),
    ("an003-decision", [('AN003', 'docs/_data/annoteringar.yml', 13)]),  # a decision's `beslut`, in English
    ("an004-place", [('AN004', 'docs/extra.md', 6), ('AN004', 'docs/extra.md', 7)]),
    ("an004-lowercase-compound", [('AN004', 'docs/extra.md', 6), ('AN004', 'docs/extra.md', 7)]),
    ("an005-age", [('AN005', 'docs/extra.md', 6), ('AN005', 'docs/extra.md', 7)]),
    ("an005-any-phrasing", [('AN005', 'docs/extra.md', 6), ('AN005', 'docs/extra.md', 7), ('AN005', 'docs/extra.md', 8),
                            ('AN005', 'docs/extra.md', 9)]),
    ("an006-date", [('AN006', 'docs/extra.md', 6)]),
    ("an007-email", [('AN007', 'docs/extra.md', 3)]),
    ("an008-phone", [('AN008', 'docs/_data/editorial.yml', 3)]),
    ("an009-personnummer", [('AN009', 'docs/extra.md', 3), ('AN009', 'docs/extra.md', 3)]),
    ("an010-registry-field", [('AN010', 'docs/_data/informanter.yml', 1)]),
    ("an011-role-count", [('AN011', 'docs/_data/informanter.yml', 16)]),
    ("an012-one-edit", [('AN012', 'docs/_data/informanter.yml', 11)]),
    ("an013-attribution", [('AN001', 'docs/extra.md', 3), ('AN013', 'docs/extra.md', 3)]),
    ("an013-registry-full-name", [('AN013', 'docs/_data/informanter.yml', 11)]),
    ("an014-stale-exception", [('AN014', 'docs/_data/undantag.yml', 6)]),
    ("an015-malformed-exception", [('AN015', 'docs/_data/undantag.yml', 6), ('AN015', 'docs/_data/undantag.yml', 10)]),
    ("an016-tenure", [('AN016', 'docs/extra.md', 6), ('AN016', 'docs/extra.md', 7)]),
    ("an017-gender-count", [('AN017', 'docs/extra.md', 6), ('AN017', 'docs/extra.md', 7)]),
    ("an018-unit-street", [('AN018', 'docs/extra.md', 6), ('AN018', 'docs/extra.md', 7)]),
    # the word list cannot be read (ENV names a missing file): one finding, and the name rule waits (no AN003)
    ("an019-word-list-missing", [('AN019', '/nonexistent/dict/swedish', 1)]),
    # a data file that cannot be read is one finding: the checks that use it wait (no QT014 per quote)
    ("da001-missing-file", [('DA001', 'docs/_data/teman.yml', 1)]),
    ("da002-bad-yaml", [('DA002', 'docs/_data/teman.yml', 3)]),
    ("da003-not-mapping", [('DA003', 'docs/_data/normer.yml', 1)]),
    ("da004-key-twice", [('DA004', 'docs/_data/orter.yml', 3)]),
    ("da005-vocabulary-id", [('DA005', 'docs/_data/handlingsutrymme.yml', 5)]),
    ("da006-vocabulary-fields", [('DA006', 'docs/_data/handlingsutrymme.yml', 1), ('QT015', 'docs/kapitel/1.md', 12)]),
    ("da007-vocabulary-unknown-field", [('DA007', 'docs/_data/handlingsutrymme.yml', 1)]),
    ("da008-kalla", [('DA008', 'docs/_data/handlingsutrymme.yml', 1)]),
    ("da010-decision-fields", [('DA010', 'docs/_data/annoteringar.yml', 1)]),
    ("da011-not-utf8", [('DA011', 'docs/_data/teman.yml', 5)]),
    ("da009-word-list", [('DA009', 'docs/_data/egennamn.yml', 3), ('DA009', 'docs/_data/egennamn.yml', 4)]),
    ("ed001-data-id", [('ED001', 'docs/_data/editorial.yml', 4)]),
    ("ed001-marker-id", [('ED001', 'docs/extra.md', 3)]),
    ("ed002-not-mapping", [('ED002', 'docs/_data/editorial.yml', 4)]),
    ("ed003-unknown-field", [('ED003', 'docs/_data/editorial.yml', 1)]),
    ("ed004-kind", [('ED004', 'docs/_data/editorial.yml', 1), ('ED006', 'docs/kapitel/1.md', 5)]),
    ("ed005-text", [('ED005', 'docs/_data/editorial.yml', 1), ('ED006', 'docs/kapitel/1.md', 5)]),
    ("ed006-unknown-note", [('ED006', 'docs/extra.md', 3)]),
    ("ed007-note-twice", [('ED007', 'docs/extra.md', 3)]),
    ("ed008-note-unplaced", [('ED008', 'docs/_data/editorial.yml', 4)]),
    ("exception-covers-passage", []),
    ("fd-matches", []),  # the base of the FD cases: a base text that the base sample matches
    ("fd001-changed-word", [('FD001', 'docs/kapitel/1.md', 5)]),
    ("fd002-added-word", [('FD002', 'docs/kapitel/1.md', 15)]),
    ("fd003-left-out", [('FD003', 'docs/forord.md', 5)]),
    ("id001-heading-id", [('ID001', 'docs/extra.md', 1)]),
    ("id002-id-twice", [('ID002', 'docs/extra.md', 3)]),
    ("id003-id-form", [('ID003', 'docs/extra.md', 1)]),
    ("id004-quote-id-twice", [('ID004', 'docs/extra.md', 3)]),
    ("md001-not-utf8", [('MD001', 'docs/extra.md', 3)]),  # at the byte's line
    ("md004-unclosed-bracket", [('MD004', 'docs/extra.md', 3)]),
    ("md005-long-block", [('MD005', 'docs/extra.md', 3)]),
    ("md002-open-code-fence", [('MD002', 'docs/extra.md', 5)]),
    ("md003-front-matter", [('MD003', 'docs/extra.md', 2)]),
    ("mk001-unknown-marker", [('MK001', 'docs/extra.md', 3)]),
    ("mk002-malformed-marker", [('MK002', 'docs/extra.md', 3)]),
    ("mk003-register-inline", [('MK003', 'docs/extra.md', 3)]),
    ("mk004-unknown-register", [('MK004', 'docs/extra.md', 3)]),
    ("mk010-html-comment", [('MK010', 'docs/extra.md', 3), ('MK010', 'docs/extra.md', 5)]),
    ("pg001-page-number", [('PG001', 'docs/extra.md', 3)]),
    ("pg002-blank-lines", [('PG002', 'docs/extra.md', 4)]),
    ("pg005-unit-empty", [('PG005', 'docs/forord.md', 1)]),  # an emptied unit: one finding, not its pages
    ("pg005-pages-missing", [('PG005', 'docs/kapitel/1.md', 28)]),  # pages 10-11: at the end of page 9's unit
    ("pg006-empty-page", [('PG006', 'docs/kapitel/2.md', 3)]),
    ("pg003-page-twice", [('PG003', 'docs/extra.md', 3)]),
    ("pg004-page-order", [('PG004', 'docs/extra.md', 3)]),
    ("qt001-stray-fence", [('QT001', 'docs/extra.md', 5)]),
    ("qt002-unknown-block", [('QT002', 'docs/extra.md', 3)]),
    ("qt003-options-yaml", [('QT003', 'docs/extra.md', 4), ('QT009', 'docs/extra.md', 3)]),
    ("qt004-unknown-option", [('QT004', 'docs/extra.md', 5)]),  # an option's finding: at its own line
    ("qt005-unclosed", [('QT005', 'docs/extra.md', 3)]),
    ("qt006-no-text", [('QT006', 'docs/extra.md', 3)]),
    ("qt007-attribution", [('QT007', 'docs/extra.md', 3)]),
    ("qt008-role", [('AN002', 'docs/extra.md', 3), ('QT008', 'docs/extra.md', 3)]),
    ("qt009-no-id", [('QT009', 'docs/extra.md', 3)]),
    ("qt010-id-form", [('QT010', 'docs/extra.md', 4), ('QT013', 'docs/extra.md', 4)]),
    ("qt011-teman-form", [('QT011', 'docs/extra.md', 5)]),
    ("qt012-inline-mark", [('QT012', 'docs/extra.md', 3)]),
    ("qt013-id-voice", [('QT013', 'docs/extra.md', 4)]),
    ("qt014-theme", [('QT014', 'docs/extra.md', 5)]),
    ("qt015-norm", [('QT015', 'docs/extra.md', 5)]),
    ("qt016-tolkning", [('QT016', 'docs/extra.md', 5)]),
    # a reading's paragraph that does not exist, and one in a unit this page does not refer to
    ("qt017-reading-paragraph", [('QT017', 'docs/extra.md', 5), ('QT017', 'docs/extra.md', 5)]),
    # the options carry a theme the decisions do not record
    ("qt018-decision", [('QT018', 'docs/kapitel/1.md', 8)]),
    ("xr003-reference-not-link", [('XR003', 'docs/extra.md', 3), ('XR003', 'docs/extra.md', 3), ('XR003', 'docs/extra.md', 3)]),
    ("xr004-wrong-target", [('XR004', 'docs/extra.md', 3), ('XR004', 'docs/extra.md', 3), ('XR004', 'docs/kapitel/3.md', 3)]),
    ("xr005-footnote-no-definition", [('XR005', 'docs/extra.md', 3), ('XR007', 'docs/extra.md', 3)]),
    ("xr006-footnote-no-reference", [('XR006', 'docs/extra.md', 5)]),
    ("xr007-footnote-label", [('XR007', 'docs/extra.md', 3)]),
    ("xr008-footnote-twice", [('XR008', 'docs/extra.md', 3), ('XR008', 'docs/extra.md', 6)]),
    ("xr009-footnote-order", [('XR009', 'docs/kapitel/1.md', 5)]),
    ("xr010-nav-missing", [('XR010', 'mkdocs.yml', 1)]),
    ("xr011-footnote-missing", [('XR011', 'docs/kapitel/2.md', 5)]),
]


def test_base_sample_is_clean(tmp_path):
    """The base of every case passes: the voice 'Stina' and the cited author 'Stina Hall' both stand in it."""
    docs, config = build_case("_base", tmp_path)
    assert validate(docs, config) == []
    people = anonymity.real_people(edition.load(docs, config), {"Hall", "Försäkringskassan"})
    assert {"Anett Schenk", "Johan Lindgren", "Stina Hall"} <= people


def test_every_case_directory_is_listed():
    listed = {case for case, _ in CASES}
    on_disk = {p.name for p in SAMPLES.iterdir() if p.is_dir() and p.name not in ("_base", "xr-links")
               and not p.name.startswith("ci-")}  # ci-*: the citation checks' samples (tests/test_citations.py)
    assert listed == on_disk


@pytest.mark.parametrize("case, expected", CASES, ids=[c for c, _ in CASES])
def test_failing_sample(case, expected, tmp_path):
    found = validate_case(case, tmp_path)
    assert sorted((f.code, f.path, f.line) for f in found) == expected
    for f in found:
        assert " — " in f.message, f"{f}: say how to fix it"


# --- malformed input: a finding and exit 1, never a traceback ----------------------------------------------
DATA_FILES = ["editorial.yml", "informanter.yml", "teman.yml", "normer.yml", "handlingsutrymme.yml",
              "egennamn.yml", "orter.yml", "undantag.yml"]


@pytest.mark.parametrize("name", DATA_FILES)
def test_bad_yaml_in_any_data_file(name, tmp_path):
    docs, config = build_case("_base", tmp_path)
    (docs / "_data" / name).write_text("a:\n  b: [\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "schenk_edition", "--docs", str(docs), "--config", str(config),
                             "validate"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert f"docs/_data/{name}:3:1: DA002 not valid YAML" in result.stdout
    assert "Traceback" not in result.stderr + result.stdout


def test_bad_markdown_is_a_finding_not_a_traceback(tmp_path):
    docs, config = build_case("_base", tmp_path)
    (docs / "kapitel" / "2.md").write_bytes(b"# Tv\xe5 { #tva }\n\n```\n/// citat | X\n")
    result = subprocess.run([sys.executable, "-m", "schenk_edition", "--docs", str(docs), "--config", str(config),
                             "validate"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "docs/kapitel/2.md:1:5: MD001" in result.stdout  # at the byte: 'Tv' then 0xe5
    assert "Traceback" not in result.stderr + result.stdout


def test_github_annotations(tmp_path, monkeypatch, capsys):
    docs, config = build_case("an005-age", tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["--docs", str(docs), "--config", str(config), "validate"]) == 1
    assert "::error file=docs/extra.md,line=6,col=5,title=AN005::'är 52' is an exact age" in capsys.readouterr().out


def test_exception_needs_the_exact_words(tmp_path):
    """An exception covers only its passage: the same rule elsewhere in the same file still fires."""
    docs, config = build_case("exception-covers-passage", tmp_path)
    extra = docs / "extra.md"
    extra.write_text(extra.read_text(encoding="utf-8").replace("gasa på.", "gasa på, jag är 52."),
                     encoding="utf-8")
    assert [(f.code, f.line) for f in validate(docs, config)] == [("AN005", 6)]


# --- the same command everywhere, and fast -------------------------------------------------------------------
def test_pre_commit_runs_the_validators():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    entries = [h["entry"] for h in hooks if h.get("language") == "system" and h.get("pass_filenames") is False]
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    command = "-m schenk_edition validate"
    assert any(command in e for e in entries)
    assert re.search(r"^validate:.*\n\t\$\(PY\) " + re.escape(command), make, re.M)


def test_make_serve_manifest_and_the_hook():
    """`make serve` prints the validators' findings and serves anyway; `make manifest` regenerates
    stable-urls.txt; pre-commit is pinned and `make hooks` installs its hook (CONTRIBUTING.md, "Set-up")."""
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    serve = re.search(r"^serve:.*\n((?:\t.*\n)+)", make, re.M).group(1).split("\n")
    assert serve[0] == "\t-$(PY) -m schenk_edition validate" and "mkdocs serve" in serve[1]
    assert re.search(r"^manifest:.*\n\t\$\(PY\) -m schenk_edition manifest$", make, re.M)
    assert re.search(r"^hooks:.*\n\t\$\(VENV\)/bin/pre-commit install$", make, re.M)
    for name in ("requirements.in", "requirements.txt"):
        assert re.search(r"^pre-commit==\d+\.\d+\.\d+(?: \\)?$", (ROOT / name).read_text(encoding="utf-8"), re.M), name


def test_whole_tree_in_under_0_3_s():
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        validate(ROOT / "docs", ROOT / "mkdocs.yml")
        runs.append(time.perf_counter() - t)
    assert min(runs) <= 0.3, runs
