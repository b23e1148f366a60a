"""One build: the edition is read once, before the build (`start`, from the hook's `on_pre_build`), and every
later step of the same build gets that same model (`edition`)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from ..model.edition import Edition, current, load_cached, publish


def start(config) -> Edition:
    """Read the edition for this build (again only if a file changed: `mkdocs serve`) and stop the build with
    `path:line:col: CODE message` lines if anything is malformed."""
    ed = publish(load_cached(Path(config.docs_dir), Path(config.config_file_path)), Path(config.config_file_path))
    errors = [f for f in ed.findings if f.severity == "error"]
    if errors:
        raise PluginError("the edition's Markdown has errors:\n" + "\n".join(str(f) for f in errors))
    return ed


def edition(config) -> Edition:
    """The edition of the current build (read by `start`); read now if the build did not start it."""
    ed = current(Path(config.docs_dir), Path(config.config_file_path))
    return ed if ed is not None else start(config)
