"""A finding of a check (`path:line:col: CODE message`) and how the command line prints a list of them."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass


_VISIBLE = {ord("\r"): "\\r", ord("\n"): "\\n"}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    col: int
    code: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        # a value quoted in a message cannot start a line of its own in a log
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}".translate(_VISIBLE)


def _escape_data(value: str) -> str:
    """A workflow command's message: %, CR and LF escaped, so that a value cannot end the line and forge a
    second command (GitHub's toolkit: escapeData)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    """A workflow command's property value: as a message, and ':' and ',' too (GitHub's toolkit:
    escapeProperty)."""
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    """A finding as a GitHub Actions workflow command (`::error file=…,line=…::message`), escaped."""
    level = "error" if f.severity == "error" else "warning"
    props = ",".join(f"{k}={_escape_property(str(v))}" for k, v in
                     (("file", f.path), ("line", f.line), ("col", f.col), ("title", f.code)))
    return f"::{level} {props}::{_escape_data(f.message)}"


def report(findings: list[Finding], stream=None) -> int:
    """Print findings sorted by place (GitHub annotations when GITHUB_ACTIONS=true); 1 if any is an error."""
    stream = stream or sys.stdout
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for f in sorted(findings, key=lambda f: (f.path, f.line, f.col, f.code)):
        print(annotation(f) if github else str(f), file=stream)
    errors = sum(1 for f in findings if f.severity == "error")
    return 1 if errors else 0
