"""A finding of a check (`path:line:col: CODE message`) and how the command line prints a list of them."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    col: int
    code: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"


def report(findings: list[Finding], stream=None) -> int:
    """Print findings sorted by place (GitHub annotations when GITHUB_ACTIONS=true); 1 if any is an error."""
    stream = stream or sys.stdout
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for f in sorted(findings, key=lambda f: (f.path, f.line, f.col, f.code)):
        if github:
            level = "error" if f.severity == "error" else "warning"
            print(f"::{level} file={f.path},line={f.line},col={f.col},title={f.code}::{f.message}", file=stream)
        else:
            print(str(f), file=stream)
    errors = sum(1 for f in findings if f.severity == "error")
    return 1 if errors else 0
