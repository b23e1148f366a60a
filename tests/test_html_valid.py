"""Every page of the built site is valid HTML by the Nu Html Checker: vnu.jar of npm's vnu-jar (pinned in
package-lock.json), run with Debian's Java. `make html-deps` (a prerequisite of `make test`) installs both.

The checker runs with --errors-only: its warnings are advice, not conformance errors, and are fine (on this
site: an <h1> per part of the one-page print view, which the checker asks to reconsider).

Material's base.html is overridden (overrides/base.html) only to make its two toggles valid; a test here keeps
the override equal to Material's template with that one change, so that an upgrade of Material shows.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import material
import pytest

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL_BASE = Path(material.__file__).parent / "templates" / "base.html"
OVERRIDE_BASE = ROOT / "overrides" / "base.html"
# Material's toggles: the checkboxes that open the drawer and the search.
TOGGLE = 'class="md-toggle"'
# The empty form the toggles belong to: autocomplete="off" on it keeps the browser from restoring a toggle's
# checked state on history navigation, which autocomplete="off" on the checkboxes did, invalidly.
TOGGLES_FORM = '<form id="__toggles" autocomplete="off" hidden></form>'


def nu_errors(files: list[Path]) -> list[dict]:
    """The Nu Html Checker's errors (no warnings) on `files`, each a message of its JSON report."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: install with `make html-deps` (Debian's default-jre-headless)",
                    pytrace=False)
    if not VNU.exists():
        pytest.fail(f"{VNU.relative_to(ROOT)} is missing: install with `make html-deps` (npm ci)", pytrace=False)
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--exit-zero-always",
                             "--format", "json", "--stdout", *map(str, files)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
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


def test_every_page_of_the_site_is_valid_html(site):
    files = sorted(site.rglob("*.html"))
    # the pages the theme's templates make besides the units: 404, the print view, a printed page's address
    assert site / "404.html" in files and site / "utskrift" / "index.html" in files
    assert any(f.parent.parent == site / "s" for f in files), "no /s/N/ page was built"
    errors = nu_errors(files)
    assert not errors, f"{len(errors)} HTML errors in {len(files)} files:\n" + report(errors, site)


def with_valid_toggles(template: str) -> str:
    """Material's base.html as the edition overrides it: the toggles belong to TOGGLES_FORM, which comes
    first, instead of carrying autocomplete="off"."""
    lines, out = template.splitlines(keepends=True), []
    for line in lines:
        if TOGGLE in line:
            if not any(TOGGLES_FORM in o for o in out):
                out.append(line[: len(line) - len(line.lstrip())] + TOGGLES_FORM + "\n")
            line = line.replace(' autocomplete="off">', ' form="__toggles">')
        out.append(line)
    return "".join(out)


def test_override_is_materials_base_with_valid_toggles():
    material_base = MATERIAL_BASE.read_text(encoding="utf-8")
    toggles = [line for line in material_base.splitlines() if TOGGLE in line]
    assert toggles and all(line.endswith(' autocomplete="off">') for line in toggles), toggles
    header, _, override = OVERRIDE_BASE.read_text(encoding="utf-8").partition("-#}\n")
    assert header.startswith("{#-"), "overrides/base.html begins with its comment"
    assert override == with_valid_toggles(material_base), (
        "overrides/base.html is no longer Material's base.html with valid toggles: Material changed; "
        "make it again from the installed base.html (tests/test_html_valid.py: with_valid_toggles)")


def crafted_page(tmp_path: Path, name: str, body_lines: list[str]) -> tuple[Path, list[int]]:
    """A minimal valid page with `body_lines` in its body; the file and those lines' numbers."""
    head = ['<!doctype html>', '<html lang="sv">', '<head><meta charset="utf-8"><title>Prov</title></head>',
            '<body>']
    page = tmp_path / name
    page.write_text("\n".join(head + body_lines + ['</body>', '</html>']) + "\n", encoding="utf-8")
    return page, list(range(len(head) + 1, len(head) + len(body_lines) + 1))


def test_checker_reports_materials_toggles_and_accepts_the_override(tmp_path):
    """The old failure: Material's own toggles are errors, one a line; the override's lines are none."""
    material_lines = [line for line in MATERIAL_BASE.read_text(encoding="utf-8").splitlines() if TOGGLE in line]
    override_lines = [line for line in OVERRIDE_BASE.read_text(encoding="utf-8").splitlines()
                      if TOGGLE in line or TOGGLES_FORM in line]
    old, old_lines = crafted_page(tmp_path, "material.html", material_lines)
    new, _ = crafted_page(tmp_path, "override.html", override_lines)
    errors = nu_errors([old, new])
    assert sorted(m["lastLine"] for m in errors) == old_lines, report(errors, tmp_path)
    assert all(where(m, tmp_path).startswith("material.html:") and "autocomplete" in m["message"]
               for m in errors), report(errors, tmp_path)
