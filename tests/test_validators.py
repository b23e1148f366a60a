"""Validators: one failing sample per rule (code, file, line), the real tree as the passing sample."""

from __future__ import annotations

import shutil
from pathlib import Path

from scripts.edition import edition
from scripts.edition.__main__ import main, validate
from scripts.edition.validators import internal_links

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = Path(__file__).parent / "samples"


def sample_edition(name: str, tmp_path: Path) -> edition.Edition:
    docs = tmp_path / "docs"
    shutil.copytree(SAMPLES / name, docs)
    return edition.load(docs, tmp_path / "mkdocs.yml")


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
