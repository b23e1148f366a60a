"""`make bench` (`python -m schenk_edition bench`): the edition's build against a plain Material build of the same
docs/, and the validators.

One interleaved run: each round builds every variant once, in turn, so that a change in the machine's load
touches all of them alike; the figures are medians over the rounds (5 by default), wall time and CPU time
(user + system of the build process). The variants:

- edition: `mkdocs build --strict` with mkdocs.yml, its caches warm (.cache/: pandoc's citation output and the
  edition as read, each by content hash): a build of what an earlier build saw;
- edition, text changed: the same with the edition's cache empty (the pages, data files and bibliography are
  read and checked, as after any edit; the citations' cache stays warm, as when the edit kept the citations);
- edition, cold: the same with no .cache at all (pandoc runs and the edition is read: a fresh clone, CI);
- plain: theme material (the same language), the same Markdown extensions — the edition's own among them, as
  the issue that set the budget defines plain ("the same Markdown extensions, no hooks or plugins"): the
  extension renders the edition's markup and registers in any Python-Markdown host, reading the edition
  itself — no hooks, no plugins, no extra CSS, the same docs/, nav and exclusions; its config in a temporary
  directory. What the edition adds over it is its hooks and plugins: the citations, the downloads, the cite box,
  metadata, the print view, the assets' pruning, search;
- plain, bare: the same without the edition's own extension (the stricter comparison of earlier rounds: the
  edition's markup and registers cost what they cost in the edition's build and nothing in this one);
- plain + search: plain with Material's search plugin as mkdocs.yml configures it.

The budget (issue 14): edition ≤ 1.3 × plain. `validate` is timed as a whole process (`python -m
schenk_edition validate`, imports included), budget 0.3 s: with its caches (the edition, the base text's tokens,
the fidelity findings, the word lists' verdicts, all by content), as after a build or an earlier run, and cold,
without them. With `--enforce` the command exits 1 when a budget is
missed (off by default: a loaded machine gives noisy figures).
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..core.yamlio import read_config
from ..core.paths import (BASE_TEXT_CACHE, BIBLIOGRAPHY_CACHE, CITATION_CACHE, EDITION_CACHE, FIDELITY_CACHE,
                          WORDS_CACHE)

BUILD_BUDGET = 1.3
# what `validate` keeps between runs (`core.diskcache`): the cold runs go without all of it
VALIDATE_CACHES = (EDITION_CACHE, BIBLIOGRAPHY_CACHE, BASE_TEXT_CACHE, FIDELITY_CACHE, WORDS_CACHE)
VALIDATE_BUDGET = 0.3
OWN_EXTENSION = "schenk_edition"  # the edition's own Markdown extension is not "plain"


@dataclass
class Timings:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return median(self.wall)

    @property
    def cpu_median(self) -> float:
        return median(self.cpu)


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _name(entry) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


def plain_config(config: Path, search: bool, own_extension: bool = True) -> dict:
    """A plain Material configuration of the same docs/: what mkdocs.yml says about the pages (docs_dir, nav,
    exclusions, the theme's language, the Markdown extensions — the edition's own only with `own_extension`),
    nothing else of the edition."""
    conf = read_config(config)
    theme = conf.get("theme") or {}
    plain = {
        "site_name": conf.get("site_name") or "plain",
        "docs_dir": str((config.parent / conf.get("docs_dir", "docs")).resolve()),
        "theme": {"name": "material", **({"language": theme["language"]} if theme.get("language") else {})},
        "markdown_extensions": [e for e in conf.get("markdown_extensions") or []
                                if own_extension or not _name(e).startswith(OWN_EXTENSION)],
        "plugins": [e for e in conf.get("plugins") or [] if _name(e) in ("search", "material/search")]
        if search else [],
    }
    for key in ("exclude_docs", "not_in_nav", "nav", "use_directory_urls"):
        if key in conf:
            plain[key] = conf[key]
    return plain


def _run(cmd: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    import resource  # here and below: the CLI imports this module, `validate` must start fast
    import subprocess

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stdout}{result.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run(config: Path, rounds: int = 5, enforce: bool = False) -> int:
    import shutil
    import subprocess
    import tempfile

    import yaml

    root = config.parent
    # Python's default: compiled modules are cached (__pycache__, gitignored), as in any `make build` and in CI.
    # Without it the edition's own package would be compiled anew in every build (its dependencies are
    # compiled when pip installs them), which measures the environment, not the build.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    mkdocs = [sys.executable, "-m", "mkdocs", "build"]
    citation_cache = root / CITATION_CACHE
    # the caches each variant runs without (moved aside for its build, then put back)
    without = {"edition, text changed": [root / EDITION_CACHE],
               "edition, cold": [root / ".cache"]}
    times: dict[str, Timings] = {}
    with tempfile.TemporaryDirectory() as tmp:
        configs = {}
        for name, search, own in (("plain", False, True), ("plain, bare", False, False),
                                  ("plain + search", True, True)):
            configs[name] = Path(tmp, name.replace(" + ", "-").replace(", ", "-") + ".yml")
            configs[name].write_text(yaml.safe_dump(plain_config(config, search, own), allow_unicode=True),
                                     encoding="utf-8")
        variants = {
            "edition": [*mkdocs, "--strict", "--config-file", str(config)],
            "edition, text changed": [*mkdocs, "--strict", "--config-file", str(config)],
            "edition, cold": [*mkdocs, "--strict", "--config-file", str(config)],
            **{name: [*mkdocs, "--config-file", str(path)] for name, path in configs.items()},
        }
        # a first build of each configuration fills its caches and the bytecode cache (not timed)
        for name in ("edition", *configs):
            subprocess.run(variants[name] + ["--site-dir", str(Path(tmp, "warm"))], cwd=root, env=env,
                           capture_output=True, check=True)
        warm = sorted(citation_cache.glob("*.html")) if citation_cache.is_dir() else []
        print(f"caches: {len(warm)} file(s) in {CITATION_CACHE}, the edition in {EDITION_CACHE} (warm for "
              "'edition'; the edition's emptied for 'edition, text changed', both for 'edition, cold')")
        for n in range(rounds):
            for name, cmd in variants.items():
                site = Path(tmp, f"site-{n}-{len(times.get(name, Timings()).wall)}-{name.replace(' ', '')}")
                aside = [(cache, Path(tmp, f"aside-{k}")) for k, cache in enumerate(without.get(name, []))
                         if cache.is_dir()]
                for cache, place in aside:
                    shutil.move(str(cache), place)
                try:
                    wall, cpu = _run(cmd + ["--site-dir", str(site)], root, env)
                finally:
                    for cache, place in aside:
                        shutil.rmtree(cache, ignore_errors=True)
                        shutil.move(str(place), cache)
                shutil.rmtree(site, ignore_errors=True)
                t = times.setdefault(name, Timings())
                t.wall.append(wall)
                t.cpu.append(cpu)
        validate, validate_cold = Timings(), Timings()
        command = [sys.executable, "-m", "schenk_edition", "--config", str(config), "--docs",
                   str(root / read_config(config).get("docs_dir", "docs")), "validate"]
        for _ in range(rounds):
            for timings, caches in ((validate, []), (validate_cold, [root / c for c in VALIDATE_CACHES])):
                aside = [(cache, Path(tmp, f"aside-v{k}")) for k, cache in enumerate(caches) if cache.is_dir()]
                for cache, place in aside:
                    shutil.move(str(cache), place)
                try:
                    wall, cpu = _run(command, root, env)
                finally:
                    for cache, place in aside:
                        shutil.rmtree(cache, ignore_errors=True)
                        shutil.move(str(place), cache)
                timings.wall.append(wall)
                timings.cpu.append(cpu)

    ed, plain, search, bare = times["edition"], times["plain"], times["plain + search"], times["plain, bare"]
    changed, cold = times["edition, text changed"], times["edition, cold"]
    ratio = ed.median / plain.median
    print(f"medians of {rounds} interleaved rounds, wall (CPU) seconds; load average now "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPU(s)"
          + ("; PYTHONDONTWRITEBYTECODE is set here, the builds ran without it" if
             "PYTHONDONTWRITEBYTECODE" in os.environ else ""))
    print(f"strict build (edition): {ed.median:.2f} s ({ed.cpu_median:.2f}) | plain Material (theme material, "
          f"the same Markdown extensions with the edition's own, no hooks/plugins): {plain.median:.2f} s "
          f"({plain.cpu_median:.2f}) | ratio {ratio:.2f} (CPU {ed.cpu_median / plain.cpu_median:.2f}; budget "
          f"{BUILD_BUDGET:.2f})")
    for label, other in (("plain Material + its search plugin", search),
                         ("plain Material, bare (without the edition's extension)", bare)):
        print(f"strict build (edition) / {label}: {ed.median:.2f} s / {other.median:.2f} s "
              f"({other.cpu_median:.2f}) = {ed.median / other.median:.2f} (CPU {ed.cpu_median / other.cpu_median:.2f})")
    print(f"strict build (edition, text changed: the edition read and checked): {changed.median:.2f} s "
          f"({changed.cpu_median:.2f}) = {changed.median / plain.median:.2f} x plain, "
          f"{changed.median / bare.median:.2f} x bare")
    print(f"strict build (edition, cold: no .cache, one pandoc run): {cold.median:.2f} s "
          f"({cold.cpu_median:.2f}) = {cold.median / plain.median:.2f} x plain, "
          f"{cold.median / bare.median:.2f} x bare")
    print(f"validate, whole process: {validate.median:.2f} s ({validate.cpu_median:.2f}) "
          f"(budget {VALIDATE_BUDGET:.2f}); cold, without the validators' caches (a fresh clone, CI): "
          f"{validate_cold.median:.2f} s ({validate_cold.cpu_median:.2f})")
    print("every run, wall: " + "; ".join(f"{name} " + " ".join(f"{x:.2f}" for x in t.wall)
                                          for name, t in [*times.items(), ("validate", validate),
                                                                      ("validate, cold", validate_cold)]))
    missed = ratio > BUILD_BUDGET or validate.median > VALIDATE_BUDGET
    if missed:
        print("over budget" + ("" if enforce else " (not enforced: --enforce makes it an error)"))
    return 1 if missed and enforce else 0
