"""The date of each page's last change, from git, shown as "Senast ändrad …" by
`overrides/partials/source-file.html`. One `git log` for the whole of docs/ per build (not one per page): the
first date seen for a path, newest first, is the date `git log -1 --format=%cs -- <file>` gives. A file git does
not know (not committed yet, or no repository) gets no date. The process is started early (`start`) and read
when the first page needs its date, so that git runs beside the build instead of before it."""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path
from typing import Callable


def _work_tree(path: Path) -> Path | None:
    """The top of the git work tree that holds `path` (a `.git` directory, or file in a worktree)."""
    for folder in (path, *path.parents):
        if (folder / ".git").exists():
            return folder
    return None


def last_changes(docs_dir: Path) -> dict[str, str]:
    """Every file of `docs_dir` that git knows -> the committer date (YYYY-MM-DD) of the last commit that
    changed it, paths relative to `docs_dir` (a page's `src_uri`), in ONE git process.

    `-c` lists, for a merge, the files that differ from every parent: exactly the merges that
    `git log -- <file>` shows for that file (a merge that took one side's version is not a change)."""
    return start(docs_dir)()


def start(docs_dir: Path) -> Callable[[], dict[str, str]]:
    """`last_changes`, started: the git process runs while the build goes on (the hook starts it when the
    configuration is read); the function returned waits for it and gives the dates."""
    docs_dir = Path(docs_dir).resolve()
    top = _work_tree(docs_dir)
    if top is None:
        return dict
    prefix = docs_dir.relative_to(top).as_posix()
    try:
        proc = subprocess.Popen(["git", "-c", "core.quotepath=off", "-C", str(top), "log", "-c", "--format=%x00%cs",
                                 "--name-only", "--", prefix or "."],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8")
    except OSError:
        return dict
    prefix = "" if prefix == "." else prefix + "/"

    def dates() -> dict[str, str]:
        out, _ = proc.communicate()
        return _dates(out, prefix) if proc.returncode == 0 else {}

    return functools.cache(dates)


def _dates(log: str, prefix: str) -> dict[str, str]:
    dates: dict[str, str] = {}
    for commit in log.split("\0")[1:]:
        date, *names = commit.split("\n")
        if len(date) != 10:
            continue
        for name in names:
            if name.startswith(prefix):
                dates.setdefault(name[len(prefix):], date)
    return dates
