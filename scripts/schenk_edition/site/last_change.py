"""The date of each page's last change, from git (`git log -1 --format=%cs -- <file>`), shown
as "Senast ändrad …" by `overrides/partials/source-file.html`. A file git does not know (not committed yet, or
no repository) gets no date."""

from __future__ import annotations

import subprocess
from pathlib import Path

def last_change(path: Path) -> str | None:
    """The committer date (YYYY-MM-DD) of the last commit that changed `path`, or None."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path.name], cwd=path.parent,
                                capture_output=True, text=True, check=False)
    except OSError:
        return None
    date = result.stdout.strip()
    return date if result.returncode == 0 and len(date) == 10 else None
