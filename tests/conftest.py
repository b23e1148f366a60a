"""Shared fixtures: one strict build of the real tree for all tests that read the HTML, and the one copy of parts
of the tree for the tests that change them (`copy_tree`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from schenk_edition.core import paths

ROOT = Path(__file__).resolve().parents[1]
# the folder of the build's caches (.cache, gitignored): the one that holds every cache folder core.paths names
CACHE = os.path.commonpath([v for k, v in vars(paths).items() if k.endswith("_CACHE")])
BUILD_PARTS = ("docs", "scripts", "overrides", "bibliography", "mkdocs.yml")  # what a strict build of a copy reads
SKIPPED = shutil.ignore_patterns("__pycache__", ".pytest_cache", "*.tmp")  # *.tmp: a cache entry being written


def copy_tree(dest: Path, names: tuple[str, ...] = BUILD_PARTS, cache: bool = True) -> Path:
    """Copy the named parts of the repository into `dest` (folders without __pycache__ or .pytest_cache, files;
    a name may be a path, `tests/data`) and, with `cache`, the project's build caches (.cache/) when they exist;
    return `dest`.

    Copying the caches is sound: every entry is kept under the hash of everything it is made from — the input
    files' bytes, the code that makes it, the versions of Python and of the libraries (`core.diskcache`,
    `render.citations`, `site.assets`, `site.templates`) — so no entry can be stale: what an edit in the copy
    touches is a new key and is computed again, what it does not touch (pandoc's citations, Material's pruned
    stylesheets, the compiled templates, the word lists' verdicts) is read as the real tree's build left it.
    Without them every build of a copy is a cold build. An entry being written (*.tmp) is left out, and one that
    a build beside this one removes while it is copied (each folder keeps its newest entries) is missing from the
    copy: it is made again there. A test whose subject is the caches or the cost of work passes `cache=False`."""
    parts = [*names, CACHE] if cache and (ROOT / CACHE).is_dir() else list(names)
    for name in parts:
        source, target = ROOT / name, dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=SKIPPED, copy_function=_copy_if_there)
        else:
            shutil.copy2(source, target)
    return dest


def _copy_if_there(source: str, target: str) -> str:
    """`shutil.copy2`, except for a cache entry removed after its folder was listed (a build beside this one)."""
    try:
        return shutil.copy2(source, target)
    except FileNotFoundError:
        if Path(source).is_relative_to(ROOT / CACHE):
            return target
        raise


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` (never with -q: it hides strict-mode warnings in MkDocs 1.6.1)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=project, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The strict build of the real tree, once per session. `make test` has just built it into site/ (its
    prerequisite `make check`, strict) and names it in EDITION_SITE: that build is shared, not made again."""
    built = os.environ.get("EDITION_SITE")
    if built and (Path(built) / "index.html").is_file():
        return Path(built).resolve()
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, out)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "WARNING" not in log, log
    return out
