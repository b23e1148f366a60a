"""The one place where YAML is read: Markdown options and front matter, the data files, mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

import yaml

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
