"""The report's citations and the reconstructed bibliography: the checks, the one pandoc run that formats every
citation of the build, and the generated reference list (`<!-- register:referenser -->`).

The citations themselves are read by the one parser (`model.Citation`); the entries are read from
`bibliography/referenser.bib` with pybtex, with the line of each entry, so that every finding names a place.
Conventions (keys, notes, the citation forms): bibliography/README.md.
"""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .model import Finding

BIB = "bibliography/referenser.bib"
CSL = "bibliography/schenk-edition.csl"
NOTE_PREFIX = "ref-"  # mkdocs-bibtex `footnote_format: "ref-{key}"`: citation notes never collide with [^1]..[^15]
OWN_ENTRIES = {"schenk2015"}  # the report itself: the edition's metadata, not a work the report cites
# The key's year: `lipsky1980`, `forsakringskassan2006a`, `sou2015-21` (see bibliography/README.md).
KEY_YEAR = re.compile(r"(\d{4})(?:[a-z]|-\d+)?$")
ENTRY_START = re.compile(r"^[ \t]*@(\w+)[ \t]*\{[ \t]*([^,\s]+)[ \t]*,", re.M)
SEPARATOR = "schenk2015"  # cited before each block in the pandoc run, so that no block is read as "ibid"


@dataclass
class Entry:
    key: str
    line: int
    type: str
    fields: dict[str, str]

    @property
    def year(self) -> str:
        return (self.fields.get("year") or self.fields.get("date", ""))[:4]

    @property
    def note(self) -> str:
        return self.fields.get("note", "")


@dataclass
class Bibliography:
    path: str  # as findings name it (relative to the repository)
    entries: dict[str, Entry] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def bib_file(ed) -> Path:
    return Path(ed.docs_dir).parent / BIB


def read_bib(path: Path, where: str = BIB) -> Bibliography:
    """The entries with their lines; a file pybtex cannot read is a finding (CI004), never a traceback."""
    import pybtex.database
    import pybtex.errors
    from pybtex.exceptions import PybtexError
    from pybtex.scanner import PybtexSyntaxError

    bib = Bibliography(where)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        bib.findings.append(Finding(where, 1, 1, "CI004", "the bibliography file is missing — the citations "
                                    "need it (see bibliography/README.md)"))
        return bib
    except UnicodeDecodeError as exc:
        bib.findings.append(Finding(where, 1, 1, "CI004", f"the bibliography is not UTF-8 ({exc.reason}) — save "
                                    "it as UTF-8"))
        return bib
    lines: dict[str, list[int]] = {}
    for m in ENTRY_START.finditer(text):
        lines.setdefault(m.group(2), []).append(text.count("\n", 0, m.start()) + 1)
    for key, at in lines.items():
        if len(at) > 1:
            bib.findings.append(Finding(where, at[1], 1, "CI004", f"entry '{key}' is defined twice (first on "
                                        f"line {at[0]}) — keep one entry per work"))
    if bib.findings:
        return bib
    strict = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)
    try:
        data = pybtex.database.parse_string(text, "bibtex")
    except PybtexSyntaxError as exc:
        bib.findings.append(Finding(where, exc.lineno or 1, 1, "CI004", f"the bibliography is not valid BibTeX: "
                                    f"{exc.message if hasattr(exc, 'message') else exc} — compare with the "
                                    "entries around it"))
        return bib
    except PybtexError as exc:
        bib.findings.append(Finding(where, 1, 1, "CI004", f"the bibliography cannot be read: {exc}"))
        return bib
    finally:
        pybtex.errors.set_strict_mode(strict)
    for key, entry in data.entries.items():
        fields = {k.lower(): str(v) for k, v in entry.fields.items()}
        people = {role: " and ".join(str(p) for p in persons) for role, persons in entry.persons.items()}
        fields.update({k.lower(): v for k, v in people.items()})
        bib.entries[key] = Entry(key, lines.get(key, [1])[0], entry.type.lower(), fields)
    return bib


# --- checks: plain functions from the Edition to findings --------------------------------------------------

def _bib(ed) -> Bibliography:
    cached = getattr(ed, "_bibliography", None)
    if cached is None:
        cached = read_bib(bib_file(ed))
        try:
            ed._bibliography = cached
        except AttributeError:
            pass
    return cached


def _cites(ed):
    for d in ed.documents:
        for c in d.citations:
            yield d, c


def bibtex_errors(ed) -> list[Finding]:
    """CI004: the bibliography is missing, not valid BibTeX, or defines an entry twice. (A tree with no
    bibliography and no citation, such as a validator's sample, has nothing to check.)"""
    if not bib_file(ed).exists() and not any(True for _ in _cites(ed)):
        return []
    return list(_bib(ed).findings)


def unknown_keys(ed) -> list[Finding]:
    """CI001: every citation names an entry of the bibliography."""
    bib = _bib(ed)
    if bib.findings:
        return []
    return [Finding(f"docs/{d.path}", c.line, c.col, "CI001", f"citation key '{c.key}' is not in {BIB} — check "
                    "the key (convention in bibliography/README.md) or add the work there")
            for d, c in _cites(ed) if c.key not in bib.entries]


def uncited_entries(ed) -> list[Finding]:
    """CI002: every entry (the report's own aside) is cited at least once in the text."""
    bib = _bib(ed)
    cited = {c.key for _, c in _cites(ed)}
    return [Finding(bib.path, e.line, 1, "CI002", f"entry '{e.key}' is never cited in docs/ — cite it where the "
                    "report does, or remove it", "error")
            for e in bib.entries.values() if e.key not in cited and e.key not in OWN_ENTRIES]


def printed_years(ed) -> list[Finding]:
    """CI003: the year printed in the text (recorded in the key: `lipsky1980`) is the entry's year."""
    bib = _bib(ed)
    out = []
    first: dict[str, tuple[str, int, int]] = {}
    for d, c in _cites(ed):
        first.setdefault(c.key, (f"docs/{d.path}", c.line, c.col))
    for e in bib.entries.values():
        m = KEY_YEAR.search(e.key)
        if e.key in OWN_ENTRIES:
            continue
        if not m:
            out.append(Finding(bib.path, e.line, 1, "CI003", f"key '{e.key}' does not end in the year the text "
                               "prints (e.g. 'lipsky1980', 'forsakringskassan2006a', 'sou2015-21')"))
        elif m.group(1) != e.year:
            where = first.get(e.key)
            cited = f" (cited at {where[0]}:{where[1]})" if where else ""
            out.append(Finding(bib.path, e.line, 1, "CI003", f"entry '{e.key}' has year '{e.year}' but the text "
                               f"prints {m.group(1)}{cited} — the rendered citation would differ from the "
                               "printed one; correct the year"))
    return out


CHECKS = (bibtex_errors, unknown_keys, uncited_entries, printed_years)


def run(ed) -> list[Finding]:
    return [f for check in CHECKS for f in check(ed)]


# --- formatting: one pandoc run for the whole build -------------------------------------------------------

@dataclass
class Formatted:
    inline: dict[str, str] = field(default_factory=dict)  # "[@key, s. 5]" -> HTML of the citation
    references: dict[str, str] = field(default_factory=dict)  # key -> HTML of the full reference


FORMATTED = Formatted()  # of the current build (filled by scripts/hooks/citations.py)

_LI = re.compile(r"<li>(.*?)</li>", re.S)
_REF = re.compile(r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>\s*(.*?)\s*</div>\s*(?=<div id="ref-|</div>)',
                  re.S)
_CITE_LINK = re.compile(r'<a href="#ref-([^"]+)" role="doc-biblioref">')


def _first_key(block: str) -> str | None:
    m = re.search(r"-?@([\w-]+)", block)
    return m.group(1) if m else None


def is_ibid(block: str) -> bool:
    """`[ibid, @key, s. 135f.]`: printed "ibid"; formatted as a cite that follows a cite of the same work."""
    return block[1:].lstrip().lower().startswith("ibid")


def format_citations(blocks: list[str], bib: Path, csl: Path) -> Formatted:
    """Every citation block of the build and every entry, formatted with the edition's CSL in ONE pandoc run.

    Each block stands in its own list item after a neutral cite (the report's own entry), so that pandoc's
    "ibid" positions arise only where the text prints "ibid" (such a block follows a cite of its own work)
    or inside one citation (`[@lipsky1980, s. 18; jmf också @lipsky1980, s. 81ff.]`)."""
    import pypandoc

    unique = list(dict.fromkeys(blocks))
    items = []
    for i, block in enumerate(unique, start=1):
        before = _first_key(block) if is_ibid(block) else SEPARATOR
        items.append(f"{i}. [@{before}] {block}")
    doc = "---\nlink-citations: true\nlang: sv-SE\nnocite: '@*'\n---\n\n" + "\n".join(items) + "\n\n# Referenser\n"
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "in.md")
        src.write_text(doc, encoding="utf-8")
        result = subprocess.run([pypandoc.get_pandoc_path(), str(src), "--citeproc", "--bibliography", str(bib),
                                 "--csl", str(csl), "-f", "markdown", "-t", "html", "--wrap=none"],
                                capture_output=True, text=True, encoding="utf-8")
    if result.returncode != 0:
        raise RuntimeError(f"pandoc failed: {result.stderr.strip()}")
    out = Formatted()
    body, _, refs = result.stdout.partition('<div id="refs"')
    for block, li in zip(unique, _LI.findall(body)):
        second = li.find('<span class="citation"', li.find('<span class="citation"') + 1)
        text = li[second:] if second >= 0 else li
        out.inline[block] = _CITE_LINK.sub(
            lambda m: f'<a class="footnote-ref citering" href="#{NOTE_PREFIX}{m.group(1)}" '
                      f'role="doc-biblioref">', text)
    for m in _REF.finditer(refs + "</div>"):
        out.references[m.group(1)] = " ".join(m.group(2).split())
    return out


# --- the reconstructed reference list ----------------------------------------------------------------------

def anchor(key: str, n: int) -> str:
    """The id of the n-th cite (1-based, in the order of the page) of a work on a page."""
    return f"cit-{key}-{n}"


def places(ed) -> dict[str, list[tuple[object, object, int]]]:
    """key -> [(document, citation, n)] in reading order."""
    out: dict[str, list] = {}
    for d in ed.documents:
        count: dict[str, int] = {}
        for c in d.citations:
            count[c.key] = count.get(c.key, 0) + 1
            out.setdefault(c.key, []).append((d, c, count[c.key]))
    return out


def sort_key(entry: Entry) -> tuple:
    from .edition import sv_key

    who = entry.fields.get("author") or (f"{entry.fields.get('type', '')} {entry.fields.get('number', '')}"
                                          if entry.fields.get("type") else entry.fields.get("title", ""))
    family = " ".join(part.split(",")[0].strip() for part in who.split(" and "))
    return (sv_key(family.strip("{} ")), entry.year, entry.key)


def reference_list(ed, from_path: str) -> str:
    """`<!-- register:referenser -->`: every cited work, sorted as a Swedish reader expects (å, ä, ö last),
    with the note of an incomplete entry and a link to every place that cites it."""
    from .render import html_link

    bib = _bib(ed)
    formatted = FORMATTED.references
    if not formatted and bib.entries:
        keys = [k for k in bib.entries if k not in OWN_ENTRIES]
        formatted = format_citations([f"[@{k}]" for k in keys], bib_file(ed), Path(ed.docs_dir).parent / CSL
                                     ).references
    where = places(ed)
    entries = sorted((e for e in bib.entries.values() if e.key not in OWN_ENTRIES), key=sort_key)
    incomplete = [e for e in entries if e.note]
    rows = []
    for e in entries:
        links = []
        for d, c, n in where.get(e.key, []):
            page = ed.page_at(d, c.line, c.col)
            title = next((h.text for h in d.headings if h.level == 1), d.path)
            label = html.escape(f"{title}, s. {page}" if page else title)
            links.append(f'<a href="{html_link(from_path, d.path, anchor(e.key, n))}">{label}</a>')
        cls = "referens referens-ofullstandig" if e.note else "referens"
        rows.append(f'<li id="{NOTE_PREFIX}{e.key}" class="{cls}"><p>{formatted.get(e.key, html.escape(e.key))}'
                    f'</p><p class="referens-platser">Citeras i: ' + ", ".join(links) + "</p></li>")
    summary = ", ".join(f'<a href="#{NOTE_PREFIX}{e.key}">{_short(e)}</a>' for e in incomplete)
    return ("\n" + f'<p class="referenser-status">{len(entries)} verk, varav {len(incomplete)} med ofullständiga '
            f"eller obekräftade uppgifter: {summary}.</p>\n\n"
            '<ul class="referenslista">\n' + "\n".join(rows) + "\n</ul>\n")


def _short(e: Entry) -> str:
    if e.fields.get("type") == "SOU":
        return html.escape(f"SOU {e.fields.get('number', '')}")
    who = e.fields.get("author") or e.fields.get("title", e.key)
    names = [p.split(",")[0].strip("{} ") for p in who.split(" and ")]
    return html.escape(" & ".join(names) + f" {e.year}" + (e.key[-1] if e.key[-1].isalpha() else ""))
