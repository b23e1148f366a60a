"""Every page of the built site is valid HTML by the Nu Html Checker: vnu.jar of npm's vnu-jar (pinned in
package-lock.json), run with Debian's Java. `make html-deps` (a prerequisite of `make test`) installs both. The
runner is the package's (`schenk_edition.tools.html_check`), which the budget command uses too.

Material's base.html is overridden (overrides/base.html) only to make its two toggles valid; a test here keeps
the override equal to Material's template with that one change, so that an upgrade of Material shows.
"""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from schenk_edition.tools import html_check
from schenk_edition.tools.html_check import report, where

ROOT = Path(__file__).resolve().parents[1]
MATERIAL_BASE = Path(material.__file__).parent / "templates" / "base.html"
OVERRIDE_BASE = ROOT / "overrides" / "base.html"
# Material's toggles: the checkboxes that open the drawer and the search.
TOGGLE = 'class="md-toggle"'
# The empty form the toggles belong to: autocomplete="off" on it keeps the browser from restoring a toggle's
# checked state on history navigation, which autocomplete="off" on the checkboxes did, invalidly.
TOGGLES_FORM = '<form id="__toggles" autocomplete="off" hidden></form>'


def nu_errors(files: list[Path]) -> list[dict]:
    """The checker's errors on `files` (the package's runner, also the budget command's); a missing Java or
    vnu.jar fails the test with the command that installs it."""
    try:
        return html_check.nu_errors(files)
    except html_check.MissingChecker as missing:
        pytest.fail(str(missing), pytrace=False)


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
