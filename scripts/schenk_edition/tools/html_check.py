"""The Nu Html Checker over built pages: vnu.jar of npm's vnu-jar (pinned in package-lock.json), run with
Debian's Java (`make html-deps` installs both). One runner for the test (tests/test_html_valid.py) and the
budget command (`python -m schenk_edition budget`).

The checker runs with --errors-only: its warnings are advice, not conformance errors (on this site: an <h1> per
part of the one-page print view, which the checker asks to reconsider).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..core.paths import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


class MissingChecker(RuntimeError):
    """Java or vnu.jar is not installed; the message says how to install it."""


def nu_errors(files: list[Path]) -> list[dict]:
    """The Nu Html Checker's errors (no warnings) on `files`, each a message of its JSON report."""
    java = shutil.which("java")
    if java is None:
        raise MissingChecker("java is missing: install with `make html-deps` (Debian's default-jre-headless)")
    if not VNU.exists():
        raise MissingChecker(f"{VNU.relative_to(ROOT)} is missing: install with `make html-deps` (npm ci)")
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--exit-zero-always",
                             "--format", "json", "--stdout", *map(str, files)], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"the Nu Html Checker failed: {result.stderr[-2000:]}")
    # every message that is not advice ("info"): errors, and files the checker could not read
    return [m for m in json.loads(result.stdout)["messages"] if m["type"] != "info"]


def where(message: dict, root: Path) -> str:
    """file:line of a message, the file relative to `root`."""
    path = Path(unquote(urlparse(message.get("url", "")).path))
    name = path.relative_to(root) if path.is_relative_to(root) else path
    return f"{name}:{message.get('lastLine', '?')}"


def report(errors: list[dict], root: Path) -> str:
    """One line an error: file:line, the message and the checker's extract of the markup."""
    return "\n".join(f"{where(m, root)}: {m['message']}  [{' '.join(m.get('extract', '').split())}]"
                     for m in errors)
