"""One command line for the edition's chores: `python -m scripts.edition <command>`.

  validate   read docs/ and the data files, print every finding as `path:line:col: CODE message`
             (GitHub annotations when GITHUB_ACTIONS=true); exit 1 on any error
  bench      time the validators and the strict build
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import edition as edition_model
from .model import Finding

ROOT = Path(__file__).resolve().parents[2]


def report(findings: list[Finding], stream=None) -> int:
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


def validate(docs: Path, config: Path) -> list[Finding]:
    from .validators import run

    ed = edition_model.load(docs, config)
    return list(ed.findings) + run(ed)


def cmd_validate(args) -> int:
    start = time.perf_counter()
    findings = validate(Path(args.docs), Path(args.config))
    status = report(findings)
    elapsed = time.perf_counter() - start
    summary = f"{len(findings)} finding(s) in {elapsed:.3f} s"
    print(summary if findings else f"no findings ({elapsed:.3f} s)", file=sys.stderr)
    return status


def cmd_bench(args) -> int:
    import subprocess
    import tempfile

    runs = []
    for _ in range(args.runs):
        t = time.perf_counter()
        validate(Path(args.docs), Path(args.config))
        runs.append(time.perf_counter() - t)
    print(f"validators: best of {args.runs}: {min(runs):.3f} s")
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", tmp],
                       cwd=ROOT, check=True, capture_output=True)
        print(f"strict build: {time.perf_counter() - t:.2f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.edition", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", default=str(ROOT / "docs"))
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"))
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="run the validators")
    b = sub.add_parser("bench", help="time the validators and the strict build")
    b.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    return {"validate": cmd_validate, "bench": cmd_bench}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
