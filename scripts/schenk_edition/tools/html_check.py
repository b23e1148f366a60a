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


# A checker runs once over a batch of files and exits: the JVM's quick compiler alone and its serial collector
# halve its CPU time (the Nu checker on 80 pages of the site: 5.0 s of CPU against 2.1 s; EPUBCheck on the
# edition's EPUB: 7.0 s against 3.4 s), with the same messages. The quick compiler's code needs a larger stack
# for the Nu checker's schema (without -Xss it stops with a StackOverflowError).
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m")


class MissingChecker(RuntimeError):
    """Java or vnu.jar is not installed; the message says how to install it."""


def java_jar(java: str, jar: Path) -> list[str]:
    """The command that runs a checker's jar (the Nu Html Checker, EPUBCheck), before its own arguments."""
    return [java, *JAVA_OPTIONS, "-jar", str(jar)]


def nu_errors(files: list[Path]) -> list[dict]:
    """The Nu Html Checker's errors (no warnings) on `files`, each a message of its JSON report."""
    java = shutil.which("java")
    if java is None:
        raise MissingChecker("java is missing: install with `make html-deps` (Debian's default-jre-headless)")
    if not VNU.exists():
        raise MissingChecker(f"{VNU.relative_to(ROOT)} is missing: install with `make html-deps` (npm ci)")
    result = subprocess.run([*java_jar(java, VNU), "--errors-only", "--exit-zero-always",
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
