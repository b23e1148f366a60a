"""Shared fixtures: one strict build of the real tree for all tests that read the HTML."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


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
