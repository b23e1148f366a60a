"""The plain habit of MkDocs users works from a fresh clone, without make: `python -m venv .venv &&
.venv/bin/pip install --require-hashes -r requirements.txt && .venv/bin/pip install --no-deps -e . && .venv/bin/mkdocs serve`
(README, "Without make").

The install is the one `make` runs: the Makefile's venv recipe is these very commands (the first test), so `make
test` from a fresh clone (CI) installs the plain way before any test runs, and a failing install fails it there.
The venv the tests run in is that venv; the second test runs the README's `mkdocs` from it, without make: the
strict build from another working directory, and `mkdocs serve`. (Until 2026-11-28 this test made a second venv
in a second clone and installed every package again: 23 s of the suite for the same commands.)"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from schenk_edition.tools.budget import free_port

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent

# Options of `make`'s pip that change only what pip prints.
QUIET = {"--quiet", "--disable-pip-version-check"}


def readme_commands() -> list[list[str]]:
    """The commands of the README's "Without make" block, split on `&&`."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^Without make\b.*?\n```sh\n(.*?)\n```", text, re.M | re.S)
    assert block, "README.md: no ```sh block after 'Without make'"
    return [shlex.split(part) for part in block.group(1).split("&&")]


def make_install_commands() -> list[list[str]]:
    """The commands of the Makefile's venv recipe ($(STAMP)) that create the venv and install into it, with make's
    variables replaced by what they name and its quiet options left out."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^\$\(STAMP\):.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe, "Makefile: no $(STAMP) recipe"
    out = []
    for line in recipe.group(1).splitlines():
        words = shlex.split(line.strip().replace("$(PYTHON)", "python").replace("$(VENV)", ".venv"))
        if words[1:3] == ["-m", "venv"] or words[0] == ".venv/bin/pip":
            out.append([w for w in words if w not in QUIET])
    return out


def test_make_installs_the_readmes_way():
    readme = readme_commands()
    assert readme[-1] == [".venv/bin/mkdocs", "serve"], readme
    assert make_install_commands() == readme[:-1], (
        "the Makefile's venv recipe must run the README's commands ('Without make'): change both together")


@pytest.mark.slow
def test_the_plain_venv_builds_and_serves_without_make(tmp_path):
    assert (VENV_BIN / "mkdocs").is_file(), f"no mkdocs in {VENV_BIN}: run the tests with the venv's python"
    assert not list(VENV_BIN.parent.rglob("schenk_edition.pth")), "no path file of our own"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["NO_MKDOCS_2_WARNING"] = "1"

    # The strict build, from another working directory too.
    build = subprocess.run([str(VENV_BIN / "mkdocs"), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                            "-d", str(tmp_path / "out")], cwd=tmp_path, env=env, capture_output=True, text=True)
    log = build.stdout + build.stderr
    assert build.returncode == 0, log
    assert "ModuleNotFoundError" not in log and "WARNING" not in log, log
    assert (tmp_path / "out/kapitel/5/index.html").is_file()

    # `mkdocs serve` serves the edition's pages (the hooks ran: a page carries its printed-page anchors).
    port = free_port()
    serve = subprocess.Popen([str(VENV_BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
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
