"""`make test` spreads the tests over workers with pytest-xdist's `--dist loadgroup`: the tests of one
`xdist_group` run on one worker, so that a module whose session fixtures render the PDF (tests/browser/test_pdf.py),
print the view (test_print.py) or write the EPUB (tests/test_epub.py) renders it once. pytest 9.2 with pytest-xdist
3.8 splits the groups without a word (pytest-dev/pytest-xdist#1386: the group is written into a node id that pytest
no longer reads); requirements.in pins pytest below it, and this test fails when a group is split again."""

from __future__ import annotations

import re
import subprocess
import sys

GROUPED = """
import pytest

pytestmark = pytest.mark.xdist_group("rendered_once")


@pytest.mark.parametrize("i", range(6))
def test_part(i):
    pass
"""


def test_the_tests_of_a_group_run_on_one_worker(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"test_{name}.py").write_text(GROUPED, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v", "-p",
                          "no:cacheprovider", "--rootdir", str(tmp_path), str(tmp_path)],
                         cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    passed = re.findall(r"^\[(gw\d+)\] .*PASSED (\S+)", run.stdout, re.M)
    assert len(passed) == 12, run.stdout
    workers = {worker for worker, _ in passed}
    assert len(workers) == 1 and all(node.endswith("@rendered_once") for _, node in passed), (
        "the group ran on several workers: each would render the PDF, the print view and the EPUB again "
        "(pytest-dev/pytest-xdist#1386; keep pytest below 9.2 in requirements.in)\n" + run.stdout)
