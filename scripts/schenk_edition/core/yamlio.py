"""The one place where YAML is read: Markdown options and front matter, the data files, mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

import yaml

from .findings import Finding

# libyaml's loader where it is installed (it is, with PyYAML's wheels): ten times faster than pure Python.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str):
    """YAML with libyaml's safe loader where available (PyYAML's wheels have it), else pure Python."""
    try:
        return yaml.load(text, Loader=FAST_LOADER)  # noqa: S506 (safe)
    except yaml.YAMLError:
        return yaml.safe_load(text)  # the same error, with the pure-Python parser's (more precise) marks


def yaml_problem(exc: yaml.YAMLError) -> str:
    return str(getattr(exc, "problem", None) or exc).strip()


class ConfigLoader(FAST_LOADER):
    """Reads mkdocs.yml, ignoring tags such as !!python/name and !ENV."""


ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict:
    """mkdocs.yml as a mapping ({} when it is missing or not a mapping); YAMLError when it is not YAML."""
    try:
        conf = yaml.load(path.read_text(encoding="utf-8"), Loader=ConfigLoader)  # noqa: S506 (safe)
    except FileNotFoundError:
        return {}
    return conf if isinstance(conf, dict) else {}


def read_source(path: Path, rel: str, code: str) -> tuple[str, Finding | None]:
    """A text file of the edition (a page, a data file, the bibliography) as UTF-8. A byte that is not UTF-8
    is ONE finding at its own line and column (`code`); the rest of the file is read as it is (the byte as
    U+FFFD), so nothing else follows from it. FileNotFoundError is the caller's."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        col = len(raw[start:exc.start].decode("utf-8", errors="replace")) + 1
        return raw.decode("utf-8", errors="replace"), Finding(
            rel, line, col, code, f"byte 0x{raw[exc.start]:02x} is not UTF-8 ({exc.reason}) — save the file "
            "as UTF-8 (in most editors: 'Save with encoding' → UTF-8) and retype the character")
