"""Linear time on hostile input: one 200 KB line of citation-like brackets in a page must not stall the
validators or the build (the old link, footnote and e-mail patterns took minutes on such a line)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from conftest import copy_tree, mkdocs_build
from schenk_edition.checks import anonymity
from schenk_edition.model import syntax
from schenk_edition.tools.cli import validate

SIZE = 200_000
# Lines that made a pattern scan to the end of the line from every bracket (quadratic), one per old fault.
HOSTILE = ["[a @b ", "[^1", "[a](b", "0701234", "<!-- a:b {", "{ #", "[a @b [c](d) "]


def _line(unit: str) -> str:
    return unit * (SIZE // len(unit))


def _seconds(pattern: re.Pattern, text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in pattern.finditer(text):
            pass
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("unit", HOSTILE)
def test_every_pattern_is_linear(unit):
    """Each pattern of the parser's syntax and of the anonymity rules over a hostile line: eight times the
    text takes about eight times as long (a quadratic pattern: 64 times, and minutes at 200 KB); the margin
    allows for a loaded machine."""
    short, long = unit * (SIZE // 8 // len(unit)), _line(unit)
    for module in (syntax, anonymity):
        for name, pattern in vars(module).items():
            if isinstance(pattern, re.Pattern):
                t_short, t_long = _seconds(pattern, short), _seconds(pattern, long)
                assert t_long < 24 * t_short + 0.1, (module.__name__, name, unit, t_short, t_long)


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> Path:
    # without the project's caches: the times are the subject, and a cold copy is the slowest case
    project = copy_tree(tmp_path_factory.mktemp("linear"), cache=False)
    page = project / "docs" / "kapitel" / "1.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + _line("[a @b ") + "\n", encoding="utf-8")
    return project


def test_validate_under_one_second_with_one_finding(hostile_project):
    start = time.perf_counter()
    found = validate(hostile_project / "docs", hostile_project / "mkdocs.yml")
    assert time.perf_counter() - start < 1.0
    assert [(f.path, f.code) for f in found] == [("docs/kapitel/1.md", "MD005")], [str(f) for f in found]


def test_build_stops_under_ten_seconds(hostile_project):
    """Python-Markdown itself is quadratic on unclosed brackets (a 10 KB line of '[a @b ' takes seconds, 200 KB
    hours): the build stops on the guard (MD004, MD005) before any page is rendered."""
    start = time.perf_counter()
    result = mkdocs_build(hostile_project, hostile_project / "site")
    elapsed = time.perf_counter() - start
    log = result.stdout + result.stderr
    assert result.returncode != 0 and "docs/kapitel/1.md:" in log and "MD005" in log, log
    assert "Traceback" not in log
    assert elapsed < 10.0, elapsed


@pytest.mark.parametrize("unit, col", [("[a @b ", 6), ("<a ", 6), ("[a](b ", 9)])
def test_unclosed_brackets_in_a_short_block_are_one_finding(unit, col):
    """Under the length limit, an opening bracket that never closes is the finding (MD004), at its place."""
    from schenk_edition.model.parser import parse

    doc = parse("# X { #x }\n\nText " + unit * (9000 // len(unit)) + "\n", "x.md")
    assert [(f.code, f.line, f.col) for f in doc.findings] == [("MD004", 3, col)]
