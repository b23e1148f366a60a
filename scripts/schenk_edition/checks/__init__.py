"""Validators: plain functions from the edition model to findings. The command line
(`python -m schenk_edition validate`) runs them after the structural checks of `edition.load`."""

from __future__ import annotations

from pathlib import Path

from ..core.findings import Finding
from ..model import edition
from ..model.edition import Edition
from ..model.redirects import load_redirects
from . import anonymity, citations, fidelity
from .comments import comments
from .footnotes import footnotes
from .links import internal_links
from .references import chapter_references


# Every check of `python -m schenk_edition validate`, in order: a function from the edition to findings.
# Add a module's rules by extending this list (e.g. `VALIDATORS += citations.VALIDATORS`).
VALIDATORS = [internal_links, chapter_references, footnotes, comments, *anonymity.VALIDATORS, *citations.CHECKS,
              *fidelity.CHECKS]
# Rules a reviewed exception in docs/_data/undantag.yml may cover (one entry per passage, never a switch).
EXCEPTABLE = {*anonymity.EXCEPTABLE, "XR003"}


def validate(docs: Path, config: Path) -> list[Finding]:
    """Everything `python -m schenk_edition validate` reports: the structural findings of `edition.load`, then
    the validators. The edition as a build or an earlier run read the same content (`edition.load_by_content`:
    the findings of the reading are kept with it)."""
    ed = edition.load_by_content(docs, config)
    return list(ed.findings) + run(ed) + load_redirects(docs)[1]  # the redirects, as the build reads them


def run(ed: Edition) -> list[Finding]:
    found: list[Finding] = []
    for validator in VALIDATORS:
        found.extend(validator(ed))
    # a file that cannot be read (Edition.broken) has its one finding from the loader; the rules wait for it
    found = [f for f in found if f.path not in ed.broken]
    return anonymity.apply_exceptions(ed, found, EXCEPTABLE)
