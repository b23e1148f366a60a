"""One command line for the edition's chores: `python -m schenk_edition <command>`.

  validate   read docs/ and the data files, print every finding as `path:line:col: CODE message`
             (GitHub annotations when GITHUB_ACTIONS=true); exit 1 on any error
  codes      write CODES.md, the reference of every finding code with its sample (--check: exit 1 when
             CODES.md is not current; see scripts/schenk_edition/tools/codes.py)
  bench      the strict build against plain Material (one interleaved run, medians) and `validate` as a
             whole process (see scripts/schenk_edition/tools/bench.py); --enforce: exit 1 over budget
  budget     every page: Lighthouse mobile and desktop, gzip weight on load, the Nu Html Checker, in
             Debian's Chromium (see scripts/schenk_edition/tools/budget.py); exit 1 when a budget is not met
  manifest   add the built site's URLs and anchors to stable-urls.txt (never drops one); --check only
             compares (see scripts/schenk_edition/site/manifest.py)
  sitediff   compare two built sites file by file, ignoring only the generator tag, sitemap dates and the
             gzip header (see scripts/schenk_edition/tools/sitediff.py); exit 1 when they differ
  pdf        the whole edition as one PDF from the built site: dist/schenk-utgava-<version>.pdf
             (see scripts/schenk_edition/tools/pdf.py; `make pdf` builds the site first)
  epub       the whole edition as an EPUB 3 from the built site: dist/schenk-utgava-<version>.epub
             (see scripts/schenk_edition/tools/epub.py; `make epub` builds the site first)
  sitecheck  check every href/src/srcset of a built site (and the links of its downloads) offline; list
             the external links (see scripts/schenk_edition/site/sitecheck.py); exit 1 on any broken link
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from ..checks import validate
from ..core.findings import Finding, report
from ..core.paths import DIST, ROOT
from ..core.release import release
from ..model import edition as edition_model
from ..site import manifest, sitecheck
from . import bench, budget, codes, epub, pdf, sitediff

__all__ = ["main", "report", "validate"]


def cmd_validate(args) -> int:
    start = time.perf_counter()
    findings = validate(Path(args.docs), Path(args.config))
    status = report(findings)
    elapsed = time.perf_counter() - start
    summary = f"{len(findings)} finding(s) in {elapsed:.3f} s"
    print(summary if findings else f"no findings ({elapsed:.3f} s)", file=sys.stderr)
    return status


def cmd_bench(args) -> int:
    runs = []
    for _ in range(args.runs):
        t = time.perf_counter()
        validate(Path(args.docs), Path(args.config))
        runs.append(time.perf_counter() - t)
    print(f"validators over the whole tree, in process: median of {args.runs}: {bench.median(runs):.3f} s")
    return bench.run(Path(args.config), args.runs, args.enforce)


def cmd_budget(args) -> int:
    return budget.run(Path(args.site) if args.site else None, with_lighthouse=not args.no_lighthouse,
                      with_html=not args.no_html, only=args.pages)


def cmd_manifest(args) -> int:
    import subprocess
    import tempfile

    path = Path(args.manifest)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(args.site) if args.site else Path(tmp)
        if not args.site:
            config = Path(args.config)
            result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                                     str(config), "--site-dir", str(site)], cwd=config.parent,
                                    capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
            if result.returncode != 0:
                print(result.stdout + result.stderr, file=sys.stderr)
                return 1
        if args.check:
            findings, new = manifest.check(path, site, Path(args.docs))
            for url in new:
                findings.append(Finding(path.name, 1, 1, "SU002", f"'{url}' is published but not in the manifest "
                                        "— run `make manifest` and commit the file",
                                        severity="warning"))
            return report(findings)
        findings, added = manifest.write(path, site, Path(args.docs))
        status = report(findings)
        if status == 0:
            print(f"{path.name}: {added} new URL(s) added", file=sys.stderr)
        return status


def cmd_codes(args) -> int:
    path = Path(args.output)
    if args.check:
        current = path.exists() and path.read_text(encoding="utf-8") == codes.reference()
        if not current:
            print(f"{path.name} is not current — run `python -m schenk_edition codes` and commit it", file=sys.stderr)
        return 0 if current else 1
    changed = codes.write(path)
    print(f"{path.name}: {'written' if changed else 'unchanged'} ({len(codes.CATALOGUE)} codes)", file=sys.stderr)
    return 0


def cmd_sitecheck(args) -> int:
    result = sitecheck.check_site(Path(args.site), sitecheck.site_url_of(Path(args.config)))
    if args.external:
        for url in sorted(result.external):
            print(f"external: {url} ({len(result.external[url])} file(s))")
    for problem in result.problems:
        print(problem)
    print(f"{result.checked} internal link(s) checked, {len(result.problems)} broken, "
          f"{len(result.external)} external URL(s) listed, not fetched", file=sys.stderr)
    return 1 if result.problems else 0


def _write_book(build, args) -> int:
    """`pdf` and `epub`: the whole edition's file of the current version, from the built site, into `--out`."""
    config = Path(args.config)
    ed = edition_model.load(Path(args.docs), config)
    path = build(Path(args.site), Path(args.out), ed, release(root=config.parent))
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size} bytes",
          file=sys.stderr)
    return 0


def cmd_pdf(args) -> int:
    return _write_book(pdf.build, args)


def cmd_epub(args) -> int:
    return _write_book(epub.build, args)


def main(argv: list[str] | None = None) -> int:
    return dispatch(parse(argv))


def run(argv: list[str] | None = None) -> None:
    """The command line as a process (`python -m schenk_edition`): `main`, then the exit with its status. After
    `validate` the process ends at once (`os._exit`, the output flushed): the validators' data — the word lists of
    the anonymity rules, hundreds of thousands of strings — would otherwise be freed object by object, about
    70 ms of a command whose budget is 0.3 s. `validate` writes no file and starts no process, so nothing else is
    left to do; every other command exits as usual."""
    args = parse(argv)
    status = dispatch(args)
    if args.command != "validate":
        sys.exit(status)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be written anyway
            pass
    os._exit(status)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m schenk_edition", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", default=str(ROOT / "docs"))
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"))
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="run the validators")
    b = sub.add_parser("bench", help="the strict build against plain Material, and validate")
    b.add_argument("--runs", type=int, default=5, help="interleaved rounds (medians are printed)")
    b.add_argument("--enforce", action="store_true", help="exit 1 when a budget is missed")
    m = sub.add_parser("manifest", help="write (or --check) the stable-URL manifest from a built site")
    m.add_argument("--site", help="a built site (default: build one into a temporary directory)")
    m.add_argument("--manifest", default=str(ROOT / "stable-urls.txt"))
    m.add_argument("--check", action="store_true", help="only compare the build with the manifest")
    k = sub.add_parser("codes", help="write CODES.md, the reference of finding codes")
    k.add_argument("--output", default=str(codes.REFERENCE))
    k.add_argument("--check", action="store_true", help="only check that the file is current")
    u = sub.add_parser("budget", help="every page: Lighthouse mobile and desktop, gzip weight, HTML check")
    u.add_argument("--site", help="a built site (default: build one for the local server)")
    u.add_argument("--no-lighthouse", action="store_true", help="leave out Lighthouse")
    u.add_argument("--no-html", action="store_true", help="leave out the Nu Html Checker")
    u.add_argument("--pages", nargs="+", metavar="URL", help="only these pages (`kapitel/6/`, `404.html`)")
    c = sub.add_parser("sitecheck", help="check every link of a built site, offline")
    c.add_argument("--site", default=str(ROOT / "site"), help="the built site (default: site/)")
    c.add_argument("--external", action="store_true", help="also list the external URLs")
    for name, what in (("pdf", "the whole edition as one PDF"), ("epub", "the whole edition as an EPUB 3")):
        x = sub.add_parser(name, help=f"{what}, from the built site, into dist/")
        x.add_argument("--site", default=str(ROOT / "site"), help="the built site (default: site/)")
        x.add_argument("--out", default=str(ROOT / DIST), help="where to write it (default: dist/)")
    d = sub.add_parser("sitediff", help="compare two built sites (generator tag and sitemap dates ignored)",
                       add_help=False)
    d.add_argument("rest", nargs=argparse.REMAINDER)
    return parser.parse_args(argv)


def dispatch(args: argparse.Namespace) -> int:
    if args.command == "sitediff":
        return sitediff.main(args.rest)
    return {"validate": cmd_validate, "bench": cmd_bench, "manifest": cmd_manifest,
            "budget": cmd_budget, "sitecheck": cmd_sitecheck, "codes": cmd_codes, "pdf": cmd_pdf,
            "epub": cmd_epub}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
