"""The edition's version, from its one source: the newest released heading of CHANGELOG.md
(`## [1.0.0] - 2026-11-28`). The footer, the cite box, every download, the PDF and the EPUB print it;
CITATION.cff and .zenodo.json repeat it (GitHub and the archive read them as they are) and a test checks that
they agree. How to cut a release: CONTRIBUTING.md, "Cutting a release"."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import NamedTuple

from .paths import CHANGELOG, ROOT

RELEASE_HEADING = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.M)
# the file names of the whole edition's files: `schenk-utgava-1.0.0.pdf`, `schenk-utgava-1.0.0.epub`
FILE_STEM = "schenk-utgava"


class Release(NamedTuple):
    version: str
    date: datetime.date


def releases(text: str) -> list[Release]:
    """(version, date) of every released version of a changelog, in the order written (newest first)."""
    return [Release(v, datetime.date.fromisoformat(d)) for v, d in RELEASE_HEADING.findall(text)]


def release(text: str | None = None, root: Path = ROOT) -> Release:
    """The edition's version and its date: the newest released heading of CHANGELOG.md (or of `text`)."""
    found = releases((root / CHANGELOG).read_text(encoding="utf-8") if text is None else text)
    if not found:
        raise ValueError(f"{CHANGELOG} has no released version (a heading `## [X.Y.Z] - YYYY-MM-DD`)")
    return found[0]


def file_name(ext: str, version: str) -> str:
    """The name of the whole edition's PDF or EPUB of a version (`dist/`, the release's assets)."""
    return f"{FILE_STEM}-{version}.{ext}"


def asset_url(repo_url: str, version: str, ext: str) -> str:
    """Where the release of `version` publishes that file: the GitHub release of the tag `vX.Y.Z`."""
    return f"{repo_url.rstrip('/')}/releases/download/v{version}/{file_name(ext, version)}"
