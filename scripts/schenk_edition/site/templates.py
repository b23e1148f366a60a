"""The themes' Jinja templates compiled once, not in every build.

MkDocs makes a new Jinja environment per build and Jinja compiles every template it renders from its source: about
50 templates of Material and of `overrides/`, a fifth of a warm build's time. Jinja's own bytecode cache
(`jinja2.FileSystemBytecodeCache`) keeps the compiled code in `.cache/templates/` (gitignored) and compiles a
template again when its source changes (each entry carries the SHA-1 of the source it was compiled from, and
Jinja's and Python's versions). What else shapes the compiled code — the environment's extensions, delimiters,
autoescaping, whitespace options — names the folder, so an environment configured otherwise never reads code
compiled for another. Jinja writes an entry whole (a temporary file, then a rename): builds may run side by side.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2

from ..core.paths import TEMPLATE_CACHE

CACHE = Path(TEMPLATE_CACHE)


def compile_options(env: jinja2.Environment) -> str:
    """What of `env` the compiled code depends on besides a template's source, as a short hash."""
    options = (
        jinja2.__version__, sorted(env.extensions), repr(env.autoescape), env.block_start_string,
        env.block_end_string, env.variable_start_string, env.variable_end_string, env.comment_start_string,
        env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
        env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
        env.finalize is not None, env.is_async,
    )
    return hashlib.sha256(repr(options).encode()).hexdigest()[:16]


def use_bytecode_cache(env: jinja2.Environment, root: Path) -> Path | None:
    """Give `env` the bytecode cache under `root` (the project); the folder it uses, or None where it cannot be
    made (a read-only checkout builds as before, compiling every template)."""
    folder = (CACHE if CACHE.is_absolute() else root / CACHE) / compile_options(env)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return folder
