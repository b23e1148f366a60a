"""The plain habit of MkDocs users works from a fresh clone, without make: `python -m venv .venv &&
.venv/bin/pip install --require-hashes -r requirements.txt && .venv/bin/pip install --no-deps -e . && .venv/bin/mkdocs serve`
(README, "Without make").

Slow (a new venv and the real install of every pinned requirement, from the machine's configured package index);
`make test` runs it. The clone carries the working tree as it would be committed (modified, new and deleted
files applied), so the test checks the change under test and not only the last commit."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def fresh_clone(dest: Path) -> Path:
    """`git clone` of this repository, then the uncommitted state of its working tree on top."""
    git("clone", "--quiet", "--local", str(ROOT), str(dest), cwd=dest.parent)
    changed = git("diff", "HEAD", "--name-only", "--no-renames", "-z").split("\0")
    changed += git("ls-files", "--others", "--exclude-standard", "-z").split("\0")
    for rel in filter(None, changed):
        if (ROOT / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel)
        else:
            (dest / rel).unlink(missing_ok=True)
    return dest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_plain_habit_from_a_fresh_clone(tmp_path):
    clone = fresh_clone(tmp_path / "clone")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", ".venv"], cwd=clone, env=env, check=True)
    # As make does, but --no-compile: byte-compiling every installed module is a large part of pip's CPU here,
    # and the habit does not depend on it (Python compiles what it imports, as it runs the build below).
    for args in (["--require-hashes", "-r", "requirements.txt"], ["--no-deps", "-e", "."]):
        install = subprocess.run([".venv/bin/pip", "install", "-q", "--no-compile", *args], cwd=clone, env=env,
                                 capture_output=True, text=True)
        assert install.returncode == 0, install.stdout + install.stderr
    assert not list((clone / ".venv").rglob("schenk_edition.pth")), "no path file of our own"

    # The strict build, from another working directory too.
    build = subprocess.run([str(clone / ".venv/bin/mkdocs"), "build", "--strict", "-f", str(clone / "mkdocs.yml"),
                            "-d", str(tmp_path / "out")], cwd=tmp_path, env=env, capture_output=True, text=True)
    log = build.stdout + build.stderr
    assert build.returncode == 0, log
    assert "ModuleNotFoundError" not in log and "WARNING" not in log, log
    assert (tmp_path / "out/kapitel/5/index.html").is_file()

    # `mkdocs serve` serves the edition's pages (the hooks ran: a page carries its printed-page anchors).
    port = free_port()
    serve = subprocess.Popen([".venv/bin/mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=clone, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page, deadline = None, time.monotonic() + 120
        while page is None and time.monotonic() < deadline and serve.poll() is None:
            try:
                # `/` redirects to the site's mount path (the path of `site_url`)
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    base = response.geturl()
                with urllib.request.urlopen(base.rstrip("/") + "/kapitel/5/", timeout=5) as response:
                    page = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
    finally:
        serve.terminate()
        output = serve.communicate(timeout=30)[0]
    assert page is not None, output
    assert 'id="s-26"' in page and "ModuleNotFoundError" not in output, output
