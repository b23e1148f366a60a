"""A contributor adds a reference and cites it (CONTRIBUTING.md, "Add or correct a reference"): in a temporary
copy of the tree, the validators and the citation tests pass without any count edited, once the manifest is
regenerated as the contributor is told to (`make manifest`). Slow: it builds the copy's site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_tree
ENTRY = """
@book{nyman2020,
  author    = {Nyman, Ada},
  title     = {{Provbok om handläggning}},
  publisher = {Provförlaget},
  year      = {2020}
}
"""

pytestmark = pytest.mark.slow


PARTS = ("docs", "scripts", "overrides", "bibliography", "tests", "mkdocs.yml", "stable-urls.txt", "pyproject.toml",
         "CODES.md")


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    # the copy's own package first: its checks read the copy's tree; the copy's own build
    env = dict(os.environ, PYTHONPATH=str(cwd / "scripts"), NO_MKDOCS_2_WARNING="1", EDITION_SITE=str(cwd / "site"))
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)


def test_a_new_reference_and_its_citation_need_no_count(tmp_path):
    tree = copy_tree(tmp_path / "tree", PARTS)
    bib = tree / "bibliography" / "referenser.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + ENTRY, encoding="utf-8")
    page = tree / "docs" / "om-utgavan.md"  # a page of the edition's own: the report's text stays as printed
    page.write_text(page.read_text(encoding="utf-8") + "\nUtgåvan prövar sin referenslista [@nyman2020].\n",
                    encoding="utf-8")

    validate = run([sys.executable, "-m", "schenk_edition", "validate"], tree)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    # as `make test` does: one strict build, shared by the manifest and the tests (EDITION_SITE)
    build = run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tree / "site")], tree)
    assert build.returncode == 0 and "WARNING" not in build.stderr, build.stderr
    # the copy has the real tree's build caches (conftest.copy_tree), yet its build shows both edits: the caches
    # are keyed by their inputs, so the edited page and bibliography are formatted anew, not read from them
    assert (tree / ".cache").is_dir() == (ROOT / ".cache").is_dir()
    html = (tree / "site" / "om-utgavan" / "index.html").read_text(encoding="utf-8")
    assert "Utgåvan prövar sin referenslista" in html and 'href="#ref-nyman2020"' in html
    assert "Provbok om handläggning" in (tree / "site" / "referenser" / "index.html").read_text(encoding="utf-8")
    manifest = run([sys.executable, "-m", "schenk_edition", "manifest", "--site", str(tree / "site")], tree)
    assert manifest.returncode == 0, manifest.stdout + manifest.stderr
    assert "/referenser/#ref-nyman2020" in (tree / "stable-urls.txt").read_text(encoding="utf-8")
    tests = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_citations.py",
                 "tests/test_stable_urls.py::test_every_published_url_is_in_the_manifest",
                 "tests/test_validators.py::test_real_tree_has_no_findings"], tree)
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
