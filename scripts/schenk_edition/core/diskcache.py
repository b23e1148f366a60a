"""The one content-keyed disk cache of the package (the edition a build read, the base text's tokens).

An entry lives in a folder of the project's `.cache/` (gitignored) under a key the caller computes as the SHA-256
of everything the cached value is made from — the input files' bytes, the code that makes it, the versions of
Python and pickle — so an entry is never stale: any change of an input is a new key. The folder is the
project's own (anyone who can write there can write the hooks); an entry that cannot be read is made again, an
entry is written whole or not at all (builds may run side by side), and a read-only checkout works without it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


class Key:
    """A SHA-256 over labelled parts: `add(label, bytes)`; the Python version and the pickle protocol are in it."""

    def __init__(self) -> None:
        import hashlib  # here: `validate` imports this module, and only a cache miss or a key needs hashlib
        import pickle

        self._h = hashlib.sha256()
        self.add("python", sys.version.encode())
        self.add("pickle", str(pickle.HIGHEST_PROTOCOL).encode())

    def add(self, label: str, data: bytes | None) -> None:
        """One part; `None` is a missing part (a missing file), not the same as empty bytes."""
        self._h.update(f"{label}\0{'-' if data is None else len(data)}\0".encode())
        self._h.update(data or b"")

    def hexdigest(self) -> str:
        return self._h.hexdigest()


def library_versions(libraries: tuple[tuple[str, str], ...]) -> bytes:
    """The installed versions of libraries, (module, distribution) pairs, as the names of their `.dist-info`
    folders beside the packages (`pyyaml-6.0.3.dist-info`): a part of a key, found without importing the
    libraries or importlib.metadata (a process that reads everything from a cache imports neither)."""
    import importlib.util  # here: only a key needs it
    import re

    out = []
    for module, dist in libraries:
        spec = importlib.util.find_spec(module)
        folder = Path(spec.origin).parent.parent if spec is not None and spec.origin else None
        version = re.compile(rf"{re.escape(dist)}-\d")  # pyyaml-6.0.3, not pyyaml_env_tag-1.1
        names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".dist-info")
                       and version.match(p.name.lower().replace("_", "-"))) if folder else []
        out.append(f"{module}: {' '.join(names) or 'not found'}")
    return "\n".join(out).encode()


def load(folder: Path, key: str, valid: Callable[[object], bool] = lambda _: True) -> object | None:
    """The value stored under `key` in `folder`, or None: missing, unreadable or not `valid`."""
    import pickle

    try:
        with (folder / f"{key}.pickle").open("rb") as fh:
            value = pickle.load(fh)
        return value if valid(value) else None
    except Exception:  # noqa: BLE001 — missing, or written by something else: made again
        return None


def store(folder: Path, key: str, value: object, keep: int = 8) -> None:
    """Store `value` under `key` in `folder`, whole or not at all; the `keep` newest entries stay. A folder that
    cannot be written (a read-only checkout) stores nothing."""
    import pickle
    import tempfile

    tmp = None
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, suffix=".tmp", delete=False) as fh:
            tmp = fh.name
            fh.write(data)
        os.replace(tmp, folder / f"{key}.pickle")
        for old in sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)[keep:]:
            old.unlink(missing_ok=True)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def cached(folder: Path, key: str, make: Callable[[], T], valid: Callable[[object], bool] = lambda _: True,
           keep: int = 8) -> T:
    """The value stored under `key` in `folder`, or `make()`, stored there (the `keep` newest entries stay)."""
    value = load(folder, key, valid)
    if value is None:
        value = make()
        store(folder, key, value, keep)
    return value  # type: ignore[return-value]
