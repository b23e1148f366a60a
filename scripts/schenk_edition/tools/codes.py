"""The reference of finding codes, generated: `python -m schenk_edition codes` writes CODES.md.

Every code the checks emit has an entry in `CATALOGUE` (what is wrong, how to fix it); its sample is a small tree
under tests/samples/ that produces it, and the reference shows the finding as the sample prints it, so each
message in CODES.md is the code's own. `tests/test_codes.py` fails when CODES.md is not what this writes, when a
code is emitted but not catalogued, or when a catalogued code is never emitted.

Samples (also what `tests/test_validators.py` runs): `tests/samples/_base/` is the smallest valid edition
(mkdocs.yml + docs/). A case directory holds the files it adds to or replaces in docs/ (its own mkdocs.yml
replaces the configuration; a file REMOVE lists files of docs/ to delete; files under `_root/` go to the
repository root, e.g. `_root/tests/data/report-text.txt`, a base text; a file ENV sets `NAME=value` lines in the
environment while the case is validated, e.g. the path of a word list). A directory with a `docs/` of its own
is a whole tree instead (`ci-*`, `xr-links`).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..checks import EXCEPTABLE, validate
from ..core.findings import Finding
from ..core.paths import ROOT

SAMPLES = ROOT / "tests" / "samples"
REFERENCE = ROOT / "CODES.md"
# Codes checked on the built site (the redirects and the URL manifest): their samples are crafted sites in
# the test named here, since they need a build.
SITE_CODES = {"RD": "tests/test_stable_urls.py", "SU": "tests/test_stable_urls.py"}

CATALOGUE: dict[str, tuple[str, str]] = {
    'AN001': ('a quote names a pseudonym that is not in `docs/_data/informanter.yml`',
              'check the spelling against the printed report, or register the pseudonym with its role'),
    'AN002': ('a pseudonym with another role than in the registry, or a registry role that is not one of the four',
              "use the registry's role; a pseudonym has one role everywhere"),
    'AN003': ('a word that may be a name or a place, anywhere in a sentence of a quote (and the footnotes it reaches), an annotation, a YAML comment under `docs/_data/` or an HTML comment: no word of the word list (capitalised or in capitals), no pseudonym, no allowed proper noun',
              'remove it; add a proper noun that is no person and no place (an authority, a cited author, an abbreviation) to `docs/_data/egennamn.yml` with a reason; if the report prints it, add a reviewed exception'),
    'AN004': ('a place of `docs/_data/orter.yml` in any case, in the genitive or as the first part of a compound (`malmö`, `Lunds`, `Malmökontoret`, `lundakontoret`) in a quote, an annotation or a comment',
              'leave it out; if the report prints it, add a reviewed exception'),
    'AN005': ('an age in any phrasing (`hon är 52`, `52 år`, `femtiotvå år gammal`, `i femtioårsåldern`, `född -63`, `30-åring`) in a quote, an annotation or a comment',
              'leave it out; if the report prints it and means something else, add a reviewed exception'),
    'AN006': ('a date (`12 mars 2009`, `2009-03-12`, `mars 2009`) in a quote, an annotation or a comment',
              'leave it out; if the report prints it, add a reviewed exception'),
    'AN007': ('an e-mail address anywhere in `docs/`',
              'remove it'),
    'AN008': ('a phone number anywhere in `docs/`',
              'remove it'),
    'AN009': ('a Swedish personal identity number (`YYMMDD-XXXX`, with or without century, `-` or `+`) anywhere in `docs/`',
              'remove it'),
    'AN010': ('a registry entry with a field other than `namn`, `roll`, `varianter`',
              'remove the field: nothing else about an informant is recorded'),
    'AN011': ('more registered voices in a role than the study interviewed (3 HR-specialists, 7 managers, 24 caseworkers)',
              'a voice is registered twice: merge the spellings under `varianter:`'),
    'AN012': ('two registered pseudonyms one edit apart',
              'the same voice: record the spelling under `varianter:`; two voices of the report: a reviewed exception'),
    'AN013': ('a pseudonym or a quote attribution equal to the full name of a real person named in the edition (the author, people thanked, cited authors)',
              'attribute to the pseudonym alone, as printed (`Stina, junior`)'),
    'AN014': ('an exception in `docs/_data/undantag.yml` matches no finding',
              'remove it, or correct `fil`/`ord`'),
    'AN015': ('an exception is malformed or names a rule that cannot be excepted',
              'give `fil`, `ord`, `regel`, `skal`; only the rules above can be excepted'),
    'AN016': ('a tenure (`jobbat här i 23 år`, `efter 30 år på Försäkringskassan`, `anställd sedan 1998`) in a quote, a footnote reached from one, an annotation or a comment',
              "write `länge` or leave it out; if the report prints it, add a reviewed exception"),
    'AN017': ('a gender with a small count (`den enda manliga handläggaren`, `en av två kvinnor på kontoret`) in a quote, an annotation or a comment',
              'leave the count or the gender out; if the report prints it, add a reviewed exception'),
    'AN018': ('a named unit or street (`enhet 3`, `sektion Syd`, `Storgatan`, `kontoret på Drottninggatan`) in a quote, an annotation or a comment',
              'leave it out; if the report prints it, add a reviewed exception'),
    'AN019': ('a word list of the name rule (Debian\'s `wswedish`, `/usr/share/dict/swedish`; `wbritish` for the English comments) cannot be read: the name rule waits',
              'run `make dict-deps`, or set `EDITION_SWEDISH_WORDS` / `EDITION_ENGLISH_WORDS` to a list of one word per line'),
    'DA001': ('a data file is missing',
              'restore it from git'),
    'DA002': ('a data file is not valid YAML',
              'fix the indentation; quote values that contain `:`'),
    'DA003': ("a data file's top level is not a mapping",
              'write `id:` entries'),
    'DA004': ('a key is defined twice in a data file',
              'keep one entry'),
    'DA005': ('a vocabulary or registry id is not lower-case ASCII',
              'write å, ä, ö as a, a, o'),
    'DA006': ('a vocabulary or registry entry lacks a field or has the wrong form',
              'give `namn`, `definition`, `kalla` (vocabularies) or `namn`, `roll` (registry)'),
    'DA007': ('a vocabulary entry has an unknown field',
              'keep `namn`, `definition`, `kalla`'),
    'DA008': ("a vocabulary's `kalla`, or a decision's `stycken`, leads to no paragraph",
              'name an existing anchor, e.g. `kapitel/7.md#p-3`'),
    'DA009': ('an entry of `egennamn.yml` or `orter.yml` is not `Word: reason`',
              'one capitalised word and a short reason per line'),
    'DA010': ('an entry of `docs/_data/annoteringar.yml` lacks a field or has the wrong form',
              'give `citat`, `falt`, `varde`, `stycken` (paragraphs from docs/), `rapportens_ord`, `beslut`'),
    'DA011': ('a data file holds a byte that is not UTF-8 (reported at the byte; the checks that use the file wait)',
              'save it as UTF-8 and retype the character'),
    'ED001': ('an editorial-note id is not lower-case ASCII',
              'rename it (letters, digits, hyphens)'),
    'ED002': ('an editorial note is not a mapping',
              'give `kind` and `text`'),
    'ED003': ('an editorial note has an unknown field',
              'keep `kind` and `text`'),
    'ED004': ("an editorial note's kind is unknown",
              'use `lacuna`, `sic`, `variant` or `structure`'),
    'ED005': ('an editorial note has no text',
              'say in Swedish what the edition does'),
    'ED006': ('`<!-- ed:ID -->` names no note in `editorial.yml`',
              'add the note, or fix the id'),
    'ED007': ('an editorial note is placed twice',
              'keep one marker'),
    'ED008': ('an editorial note is placed nowhere',
              'add its marker, or remove it'),
    'ID001': ('a heading has no explicit id',
              'end it with `{ #an-id }`'),
    'ID002': ('an id is used twice on a page',
              'make it unique'),
    'ID003': ('an id is not lower-case ASCII',
              'rename it (letters, digits, hyphens)'),
    'ID004': ('a quote id is used on two pages',
              'quote ids are unique across the edition: renumber'),
    'MD001': ('a page holds a byte that is not UTF-8 (reported at the byte, alone: its own checks wait)',
              'save it as UTF-8 and retype the character'),
    'MD002': ('a fenced code block is not closed',
              'add the closing fence'),
    'MD003': ('the front matter is not closed or not valid YAML',
              'close it with `---`; fix the YAML'),
    'MD004': ("a `[`, `(` or `<` that never closes in its paragraph (rendering it would take quadratic time)",
              'close it, or escape it (`\\[`) if it is text'),
    'MD005': ('a paragraph or block over 10 000 characters (the longest of the report is about 2 000)',
              'split it as the report does'),
    'MK001': ('an unknown `<!-- kind:… -->` marker',
              'use `page`, `ed`, `register` or `citat`'),
    'MK002': ('a malformed marker',
              'write `<!-- kind:value -->`, no space after the colon'),
    'MK003': ('a register marker inside a line',
              'put it alone on its line'),
    'MK004': ('an unknown register',
              'use one of the registers the message lists'),
    'MK010': ('an HTML comment that is not a marker: the site drops it, but the repository publishes it',
              'remove it, or write an editorial note if readers should see it'),
    'PG001': ('a page number outside 5–59',
              'write the printed page number'),
    'PG002': ('a page marker alone on its line without blank lines around it',
              'add the blank lines, or move it into the text'),
    'PG003': ('a printed page marked twice',
              'keep the marker where the page begins'),
    'PG004': ('page markers out of reading order',
              'markers increase through the navigation order'),
    'PG005': ('a unit of the navigation holds no page marker (emptied), or printed pages are missing between two marked ones (cut short)',
              'restore the text from git, with its page markers'),
    'PG006': ('a printed page holds no text between its marker and the next',
              'restore its text from git'),
    'QT001': ('`///` closes no block',
              'remove it, or open the block'),
    'QT002': ('an unknown block kind',
              'use `/// citat` or `/// dokument`'),
    'QT003': ("a quote's options are not valid YAML",
              'fix the option lines (four spaces, `key: value`)'),
    'QT004': ('an unknown quote option',
              'use the options the message lists'),
    'QT005': ('a quote block is not closed',
              'end it with `///` alone on a line'),
    'QT006': ('a quote block has no text',
              "write the quote's text inside it"),
    'QT007': ('a malformed attribution',
              '`/// citat | Pseudonym, roll`, or `röst:`/`roll:` in an inline quote'),
    'QT008': ('an unknown role',
              '`HR-specialist`, `chef`, `junior` or `senior`'),
    'QT009': ('a quote without an id',
              'add `id: citat-<pseudonym>-<n>`'),
    'QT010': ('an id of the wrong form',
              '`citat-<pseudonym>-<n>` or `dokument-<name>`'),
    'QT011': ('an annotation of the wrong form, or a reading without the paragraph where the report states it',
              '`teman: [id, …]`; `norm` and `handlingsutrymme` map each id to its paragraphs, `{professionell: [p-2]}`; `tolkning` takes one anchor'),
    'QT012': ('an inline quote marker not right before the quoted words, or the words not closed on the line',
              '`<!-- citat:… -->”…”` on one line'),
    'QT013': ('a quote id that does not name its voice',
              '`citat-<registry id>-<n>`'),
    'QT014': ('a theme not in `teman.yml`',
              'fix the spelling, or add the theme with its definition'),
    'QT015': ('a norm or kind of discretion not in its vocabulary',
              'use an id the message lists'),
    'QT016': ('`tolkning:` leads to no paragraph',
              'name the interpreting paragraph, `p-12` or `kapitel/7.md#p-3`'),
    'QT017': ("a reading's paragraph does not exist, is not a `p-N`, or lies in another unit that the quote's page does not refer to",
              'link the paragraph where the report states the reading'),
    'QT018': ("a quote's annotations differ from `docs/_data/annoteringar.yml`",
              'write the decided values and paragraphs, or record the new decision there'),
    'XR001': ('a link leads to no page of the edition',
              'link an existing `.md` file'),
    'XR002': ('a link names an anchor the page does not have',
              'use an explicit id of that page'),
    'XR003': ('a reference to a chapter or appendix in the running text (`kapitel tre`, `i det sjunde kapitlet`, `det förra kapitlet`, `bilaga 2`, `bilagorna`) is not a link',
              'link the words, e.g. `[kapitel tre](3.md)`'),
    'XR004': ('such a reference links to another chapter or appendix than its words name',
              'make the number in the words and the link agree'),
    'XR005': ('a footnote reference without a definition on its page',
              'add `[^N]: …` at the end of the file'),
    'XR006': ('a footnote definition without a reference',
              'put `[^N]` where the report prints the number, or remove the definition'),
    'XR007': ('a footnote label that is not a printed number 1–15',
              'use the printed number'),
    'XR008': ('a footnote number referenced or defined twice',
              'each printed number stands once'),
    'XR009': ('footnote numbers that decrease through the reading order',
              'move the reference, or check the number'),
    'XR010': ('the navigation in `mkdocs.yml` names a missing file',
              'fix the path in `nav:`'),
    'XR011': ('a printed footnote number is missing from the edition',
              'restore the note where the report prints it'),
    'CI001': ('a citation names a key that is not in the bibliography',
              'check the key (bibliography/README.md) or add the work'),
    'CI002': ('a bibliography entry is never cited',
              'cite it where the report does, or remove it'),
    'CI003': ("a key does not end in the printed year, or the entry's year differs from it",
              'correct the key or the year'),
    'CI004': ('the bibliography is missing, not UTF-8, not valid BibTeX, or defines an entry twice',
              'restore or repair the file; keep one entry per work'),
    'CI005': ('an entry states a field that `bibliography/research.md` marks unconfirmed (listed in `bibliography/unconfirmed.yml`)',
              'leave it out, or say in the `note` that it is not confirmed'),
    'CI006': ('an `@article` without a journal',
              'name the journal a source confirms, or make the entry `@misc`'),
    'RD001': ('an entry of `docs/_data/omdirigeringar.yml` is not `old: new` with two site paths',
              'write `"/old/": /new/`, quoting the old one'),
    'RD002': ('a redirect maps a page to an anchor or an anchor to a page',
              'map page to page, anchor to anchor'),
    'RD003': ('an anchor redirect leaves its page',
              'add a page redirect if the page moved'),
    'RD004': ('a redirect leads to a redirected address',
              'point it at the final address'),
    'RD005': ('a redirect for an address the site still publishes',
              'remove the entry'),
    'RD006': ('a redirect leads to an address the build does not publish',
              'check the new address or anchor'),
    'RD007': ('an anchor redirect for an id the page still has',
              'remove the entry'),
    'SU001': ('the build no longer publishes a URL of `stable-urls.txt`',
              'restore the page or id, or add a redirect'),
    'SU002': ('a published URL is not in `stable-urls.txt` (warning)',
              'run `python -m schenk_edition manifest` and commit the file'),
    'FD001': ('a word of a unit of the report differs from the printed report (the base text '
              '`tests/data/report-text.txt`, page by page)',
              'write the printed word; a slip the report prints stays, marked with `<!-- ed:ID -->` and a `sic` '
              'note; an error of the base text itself is reported, not changed'),
    'FD002': ('a word of a unit of the report is not in the printed report',
              'remove it; what the edition adds is an editorial note, an annotation or a page of its own'),
    'FD003': ('a word of the printed report is missing from the unit',
              'restore it as printed'),
}


def build_case(case: str, tmp: Path) -> tuple[Path, Path]:
    """The tree of a sample in `tmp`: (its docs/, its mkdocs.yml)."""
    src = SAMPLES / case
    if (src / "docs").is_dir():  # a whole tree
        shutil.copytree(src, tmp, dirs_exist_ok=True)
        return tmp / "docs", tmp / "mkdocs.yml"
    shutil.copytree(SAMPLES / "_base" / "docs", tmp / "docs")
    shutil.copy(SAMPLES / "_base" / "mkdocs.yml", tmp / "mkdocs.yml")
    for f in sorted(p for p in src.rglob("*") if p.is_file() and case != "_base"):
        rel = f.relative_to(src).as_posix()
        if rel == "mkdocs.yml":
            shutil.copy(f, tmp / "mkdocs.yml")
        elif rel == "ENV":
            continue  # read by case_env
        elif rel == "REMOVE":
            for name in f.read_text(encoding="utf-8").split():
                (tmp / "docs" / name).unlink()
        else:
            target = tmp / rel[len("_root/"):] if rel.startswith("_root/") else tmp / "docs" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(f, target)
    return tmp / "docs", tmp / "mkdocs.yml"


@contextmanager
def case_env(case: str):
    """The environment of a case while it is validated: its file ENV, one `NAME=value` per line, set, then
    restored."""
    env = SAMPLES / case / "ENV"
    pairs = [line.split("=", 1) for line in env.read_text(encoding="utf-8").splitlines() if "=" in line] \
        if env.is_file() else []
    saved = {name: os.environ.get(name) for name, _ in pairs}
    os.environ.update({name: value for name, value in pairs})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def validate_case(case: str, tmp: Path) -> list[Finding]:
    """The findings of a case: its tree built in `tmp`, validated in its environment."""
    docs, config = build_case(case, tmp)
    with case_env(case):
        return validate(docs, config)


def sample_findings() -> dict[str, list[Finding]]:
    """Every sample's findings, by sample name."""
    out = {}
    for case in sorted(p.name for p in SAMPLES.iterdir() if p.is_dir() and p.name != "_base"):
        with tempfile.TemporaryDirectory() as tmp:
            out[case] = validate_case(case, Path(tmp))
    return out


def samples_of(found: dict[str, list[Finding]]) -> dict[str, tuple[str, Finding]]:
    """For each code, its sample and the finding the sample prints (a sample named after the code first)."""
    out: dict[str, tuple[str, Finding]] = {}
    for named_first in (True, False):
        for case, findings in found.items():
            for f in findings:
                if f.code not in out and (case.startswith(f.code.lower() + "-") or not named_first):
                    out[f.code] = (case, f)
    return out


def reference(found: dict[str, list[Finding]] | None = None) -> str:
    samples = samples_of(sample_findings() if found is None else found)
    lines = [
        "# Finding codes",
        "",
        "<!-- Generated by `python -m schenk_edition codes` (scripts/schenk_edition/tools/codes.py): do not edit;",
        "     tests/test_codes.py fails when this file is not current. -->",
        "",
        "Every check prints a finding as `path:line:col: CODE message — how to fix`: `make validate` (also the",
        "pre-commit hook, `make serve` and CI), the strict build, `make test`. Below, each code: what is wrong, how",
        "to fix it, and its sample under `tests/samples/` with the finding that sample prints.",
        "",
        "Where a rule meets a passage the report prints and the edition must keep, add a reviewed exception to",
        "`docs/_data/undantag.yml`, one entry per passage: `fil`, `ord` (the exact words, on one line), `regel`,",
        f"`skal`. Only {', '.join(sorted(EXCEPTABLE))} can be excepted; an exception that matches nothing is itself",
        "a finding (AN014). The informant registry (`docs/_data/informanter.yml`) records `namn`, `roll` and",
        "`varianter`, nothing else (AN010–AN013).",
        "",
    ]
    for code, (what, fix) in sorted(CATALOGUE.items()):
        lines += [f"## {code}", "", f"{what[0].upper()}{what[1:]}.", "", f"Fix: {fix}.", ""]
        if code in samples:
            case, finding = samples[code]
            lines += [f"Sample: [`tests/samples/{case}/`](tests/samples/{case}/)", "", "```text", str(finding),
                      "```", ""]
        elif code[:2] in SITE_CODES:
            lines += [f"Sample: a crafted site in `{SITE_CODES[code[:2]]}` (the check needs a built site).", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def emitted_codes(root: Path = ROOT / "scripts" / "schenk_edition") -> set[str]:
    """Every code written as a string literal in the package."""
    codes: set[str] = set()
    for py in root.rglob("*.py"):
        if py.name != "codes.py":
            codes |= set(re.findall(r"[\"']([A-Z]{2}[0-9]{3})[\"']", py.read_text(encoding="utf-8")))
    return codes


def write(path: Path = REFERENCE) -> bool:
    """Write the reference; True when it changed."""
    text = reference()
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if old != text:
        path.write_text(text, encoding="utf-8")
    return old != text
