"""CODES.md, the reference of finding codes, is generated from the code and current: every code the package
emits is catalogued, every catalogued code is emitted, and each has a sample that prints it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from schenk_edition.tools import codes

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def found():
    return codes.sample_findings()


def test_reference_is_current(found):
    assert (ROOT / "CODES.md").read_text(encoding="utf-8") == codes.reference(found), (
        "CODES.md is not current: run `python -m schenk_edition codes` and commit it")


def test_every_emitted_code_is_catalogued_and_every_catalogued_code_emitted():
    emitted = codes.emitted_codes()
    assert emitted - set(codes.CATALOGUE) == set(), "add the code to CATALOGUE in tools/codes.py"
    assert set(codes.CATALOGUE) - emitted == set(), "a catalogued code that no check emits"


def test_every_code_has_a_sample_that_prints_it(found):
    samples = codes.samples_of(found)
    for code in codes.CATALOGUE:
        if code[:2] in codes.SITE_CODES:  # checked on a built site: crafted in the test named
            assert code in (ROOT / codes.SITE_CODES[code[:2]]).read_text(encoding="utf-8"), code
            continue
        assert code in samples, f"{code}: add a sample under tests/samples/ that produces it"
        case, finding = samples[code]
        assert " — " in finding.message, f"{finding}: say how to fix it"


def test_the_command_checks_and_writes(tmp_path):
    out = tmp_path / "CODES.md"
    run = [sys.executable, "-m", "schenk_edition", "codes", "--output", str(out)]
    assert subprocess.run([*run, "--check"], cwd=ROOT, capture_output=True).returncode == 1
    assert subprocess.run(run, cwd=ROOT, capture_output=True).returncode == 0
    assert out.read_text(encoding="utf-8") == (ROOT / "CODES.md").read_text(encoding="utf-8")
    assert subprocess.run([*run, "--check"], cwd=ROOT, capture_output=True).returncode == 0
