"""The edition's version, from its one source: the newest released heading of CHANGELOG.md
(`## [1.0.0] - 2026-11-28`). The footer, the cite box, every download, the PDF and the EPUB print it;
CITATION.cff and .zenodo.json repeat it (GitHub and the archive read them as they are) and a test checks that
they agree. How to cut a release: CONTRIBUTING.md, "Cutting a release"."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import NamedTuple

from .paths import CHANGELOG, DIST, ROOT

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


def current(root: Path = ROOT) -> Release | None:
    """The version of the project at `root`, or None when it has no CHANGELOG.md with a released version (a
    crafted project in a test): what the build prints in the footer, the cite box and the downloads."""
    try:
        return release(root=root)
    except (FileNotFoundError, ValueError):
        return None


def label(rel: Release) -> str:
    """`version 1.0.0, 2026-11-28`: how the footer, the cite box and every download name the version."""
    return f"version {rel.version}, {rel.date.isoformat()}"


FORMATS = (("pdf", "PDF"), ("epub", "EPUB"))  # the whole edition's files, in the order the pages list them


class EditionFile(NamedTuple):
    ext: str
    kind: str  # `PDF`, `EPUB`
    name: str
    url: str  # the release's asset
    size: int | None  # bytes, when `dist/` holds the file of this version (after `make pdf`/`make epub`)


def edition_files(rel: Release, repo_url: str, root: Path = ROOT) -> list[EditionFile]:
    """The PDF and the EPUB of a version: where its release publishes them, and their size when built here."""
    out = []
    for ext, kind in FORMATS:
        path = root / DIST / file_name(ext, rel.version)
        out.append(EditionFile(ext, kind, path.name, asset_url(repo_url, rel.version, ext),
                               path.stat().st_size if path.is_file() else None))
    return out


def size_label(size: int) -> str:
    """A file size as Swedish readers write it: `1,5 MB`, `88 kB`."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1000))} kB"
