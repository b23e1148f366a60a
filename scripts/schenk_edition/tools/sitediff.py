"""Compare two built sites file by file: the engine check (`make engines`) and before/after diffs of a change.

    python scripts/schenk_edition/tools/sitediff.py SITE_A SITE_B [--shown N]

Every file must exist on both sides with the same bytes, except three things that say how or when a site was
built, not what readers get:

- the generator tag of an HTML page (`<meta name="generator" content="…">`: MkDocs and ProperDocs name
  themselves there);
- the `<lastmod>` dates of `sitemap.xml` and `sitemap.xml.gz`;
- the gzip header of `sitemap.xml.gz` (it carries a timestamp): that file is compared decompressed.

Build both sites with the same SOURCE_DATE_EPOCH (the cite box prints the access date) from the same commit (the
date of last change comes from git). Prints every file only on one side or different, the first lines of a
unified diff of the first differing files, and a summary line; exit 1 when anything differs, 2 on bad arguments.

Only the standard library: the tool must run against any two folders, whatever the project's code does.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import re
import sys
from pathlib import Path

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")
SITEMAPS = {"sitemap.xml", "sitemap.xml.gz"}
DIFF_LINES = 40  # lines of unified diff shown per differing file


def content(site: Path, name: str) -> bytes:
    """The bytes of `name` in `site` that must be equal: without the parts the module docstring lists."""
    data = (site / name).read_bytes()
    if name == "sitemap.xml.gz":
        data = gzip.decompress(data)
    if name in SITEMAPS:
        data = LASTMOD.sub(b"<lastmod></lastmod>", data)
    elif name.endswith(".html"):
        data = GENERATOR.sub(b'<meta name="generator" content="">', data)
    return data


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def unified(a: bytes, b: bytes, name: str) -> list[str]:
    lines_a = a.decode("utf-8", "replace").splitlines()
    lines_b = b.decode("utf-8", "replace").splitlines()
    return list(difflib.unified_diff(lines_a, lines_b, f"a/{name}", f"b/{name}", lineterm="", n=1))


def compare(a: Path, b: Path, shown: int = 5, out=None) -> int:
    """Print the differences between the sites `a` and `b`; 0 when they are the same, else 1."""
    out = out or sys.stdout
    names_a, names_b = files(a), files(b)
    only = [f"only in {a}: {x}" for x in sorted(names_a - names_b)]
    only += [f"only in {b}: {x}" for x in sorted(names_b - names_a)]
    common = sorted(names_a & names_b)
    changed, ignored = [], 0
    for name in common:
        ca, cb = content(a, name), content(b, name)
        if ca != cb:
            changed.append((name, ca, cb))
        elif (a / name).read_bytes() != (b / name).read_bytes():
            ignored += 1
    for line in only:
        print(line, file=out)
    for name, _, _ in changed:
        print(f"differs: {name}", file=out)
    for name, ca, cb in changed[:shown]:
        diff = unified(ca, cb, name)
        if not diff:  # same text after decoding: the bytes differ (binary file, encoding, line endings)
            diff = [f"a/{name}, b/{name}: {len(ca)} and {len(cb)} bytes, same text lines"]
        print("\n".join(diff[:DIFF_LINES]), file=out)
    print(
        f"{len(common)} files compared, {len(changed)} differ, {len(only)} only on one side; "
        f"{ignored} equal once the generator tag, sitemap dates and gzip header are set aside",
        file=out,
    )
    return 1 if changed or only else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sitediff", description="Compare two built sites file by file (see the module docstring)."
    )
    parser.add_argument("site_a", type=Path)
    parser.add_argument("site_b", type=Path)
    parser.add_argument("--shown", type=int, default=5, help="how many differing files get a unified diff")
    args = parser.parse_args(argv)
    for site in (args.site_a, args.site_b):
        if not site.is_dir() or not any(site.iterdir()):
            # A missing or empty folder must not pass as "no difference".
            print(f"sitediff: {site}: not a built site (missing or empty folder)", file=sys.stderr)
            return 2
    return compare(args.site_a, args.site_b, args.shown)


if __name__ == "__main__":
    sys.exit(main())
