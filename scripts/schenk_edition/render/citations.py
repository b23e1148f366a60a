"""The report's citations as HTML: the one pandoc run that formats every citation of the build, and the
generated reference list (`<!-- register:referenser -->`). Conventions: bibliography/README.md."""

from __future__ import annotations

import html
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..core.ids import REPORT_KEY, citation_id, reference_id
from ..core.paths import BIB, CITATION_CACHE, CSL
from ..core.text import sv_key
from ..core.urls import href, safe_links
from ..model.bibliography import OWN_ENTRIES, Entry
from ..model.pages import place_label
from ..model.syntax import CITATION_BLOCK, CITATION_LINK, CODE_FENCE, CODE_SPAN

SEPARATOR = REPORT_KEY  # cited before each block in the pandoc run, so that no block is read as "ibid"

@dataclass
class Formatted:
    inline: dict[str, str] = field(default_factory=dict)  # "[@key, s. 5]" -> HTML of the citation
    references: dict[str, str] = field(default_factory=dict)  # key -> HTML of the full reference


FORMATTED = Formatted()  # of the current build (filled by site.citations.format_build)

HIDDEN_AT = "\ue000"  # stands for '@' inside code while the citations are replaced (restored in the HTML)


def hide_link(m: re.Match) -> str:
    """A Markdown link inside a citation (`[jmf [kapitel tre](3.md)\\; @mchugh1996]`), hidden as
    \\ue001text\\ue002target\\ue003 while pandoc formats the citation (restored as a link in the HTML)."""
    return f"\ue001{m.group(1)}\ue002{m.group(2)}\ue003"


def citation_spans(lines: list[str]) -> list[list[tuple[int, int, str]]]:
    """What the citations change on each line of a page: (start, end, new text) spans of the line, in order and
    never overlapping — each '@' in code hidden (HIDDEN_AT: in a fenced block, in a code span), each citation
    block replaced by its formatted HTML (`FORMATTED`), or, unformatted, by itself with its links hidden. The
    build's page text is the page with these spans replaced (`site.citations.cite_page`); the Markdown
    extension places them on the parser's model of the page (`render.markup`), without parsing the changed
    text again."""
    out: list[list[tuple[int, int, str]]] = []
    fenced = False
    for line in lines:
        spans: list[tuple[int, int, str]] = []
        if CODE_FENCE.match(line.lstrip()):
            fenced = not fenced
        elif fenced:
            spans = _ats(line, 0) if "@" in line else []
        elif "@" in line:  # every citation holds an '@'
            hidden = line
            if "`" in line:  # the '@'s of code spans, hidden
                spans = [at for m in CODE_SPAN.finditer(line) if "@" in m.group(0) for at in _ats(m.group(0), m.start())]
                hidden = with_spans(line, spans)
            for m in CITATION_BLOCK.finditer(hidden):  # hiding an '@' keeps every position
                block = CITATION_LINK.sub(hide_link, m.group(0))
                spans.append((m.start(), m.end(), FORMATTED.inline.get(block, block)))
            spans.sort()
        out.append(spans)
    return out


def _ats(text: str, offset: int) -> list[tuple[int, int, str]]:
    """A span hiding each '@' of `text`, which begins at column `offset` of its line."""
    out, i = [], text.find("@")
    while i >= 0:
        out.append((offset + i, offset + i + 1, HIDDEN_AT))
        i = text.find("@", i + 1)
    return out


def with_spans(line: str, spans: list[tuple[int, int, str]]) -> str:
    """A line with (start, end, new text) spans replaced (spans in order, not overlapping)."""
    if not spans:
        return line
    parts, pos = [], 0
    for start, end, new in spans:
        parts.append(line[pos:start])
        parts.append(new)
        pos = end
    return "".join(parts) + line[pos:]

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


CACHE = Path(CITATION_CACHE)  # under the project root: pandoc's output by content hash (gitignored)
KEEP = 8  # cached outputs kept


def format_citations(blocks: list[str], bib: Path, csl: Path, cache: Path | None = None) -> Formatted:
    """Every citation block of the build and every entry, formatted with the edition's CSL in ONE pandoc run
    (none when `cache` holds the output for the same input, bibliography, CSL and pandoc).

    Each block stands in its own list item after a neutral cite (the report's own entry), so that pandoc's
    "ibid" positions arise only where the text prints "ibid" (such a block follows a cite of its own work)
    or inside one citation (`[@lipsky1980, s. 18; jmf också @lipsky1980, s. 81ff.]`)."""
    unique = list(dict.fromkeys(blocks))
    items = []
    for i, block in enumerate(unique, start=1):
        before = _first_key(block) if is_ibid(block) else SEPARATOR
        items.append(f"{i}. [@{before}] {block}")
    doc = "---\nlink-citations: true\nlang: sv-SE\nnocite: '@*'\n---\n\n" + "\n".join(items) + "\n\n# Referenser\n"
    output = _pandoc(doc, bib, csl, cache)
    out = Formatted()
    body, _, refs = output.partition('<div id="refs"')
    for block, li in zip(unique, _LI.findall(body)):
        second = li.find('<span class="citation"', li.find('<span class="citation"') + 1)
        text = li[second:] if second >= 0 else li
        out.inline[block] = safe_links(_CITE_LINK.sub(
            lambda m: f'<a class="footnote-ref citering" href="#{reference_id(m.group(1))}" '
                      f'role="doc-biblioref">', text))
    for m in _REF.finditer(refs + "</div>"):
        out.references[m.group(1)] = safe_links(" ".join(m.group(2).split()))
    return out


def _pandoc_identity() -> str:
    """The pandoc that would run, without starting it: the installed pypandoc-binary (which ships pandoc) and
    PYPANDOC_PANDOC (another pandoc chosen by the environment)."""
    from importlib import metadata  # here, not at the top: `validate` imports this module and must start fast

    try:
        version = metadata.version("pypandoc-binary")
    except metadata.PackageNotFoundError:
        version = "?"
    return f"pypandoc-binary {version}; PYPANDOC_PANDOC={os.environ.get('PYPANDOC_PANDOC', '')}"


def _pandoc(doc: str, bib: Path, csl: Path, cache: Path | None) -> str:
    """pandoc's HTML for `doc` with citeproc, from `cache` when the same input was formatted before."""
    import hashlib

    key = hashlib.sha256()
    for part in (doc.encode("utf-8"), bib.read_bytes(), csl.read_bytes(), _pandoc_identity().encode("utf-8")):
        key.update(hashlib.sha256(part).digest())
    hit = cache / f"{key.hexdigest()}.html" if cache is not None else None
    if hit is not None and hit.is_file():
        return hit.read_text(encoding="utf-8")
    import pypandoc  # only on a cache miss: importing it costs more than reading the cache

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "in.md")
        src.write_text(doc, encoding="utf-8")
        result = subprocess.run([pypandoc.get_pandoc_path(), str(src), "--citeproc", "--bibliography", str(bib),
                                 "--csl", str(csl), "-f", "markdown", "-t", "html", "--wrap=none"],
                                capture_output=True, text=True, encoding="utf-8")
    if result.returncode != 0:
        raise RuntimeError(f"pandoc failed: {result.stderr.strip()}")
    if hit is not None:
        hit.parent.mkdir(parents=True, exist_ok=True)
        part = hit.with_name(f"{hit.name}.{os.getpid()}.tmp")
        part.write_text(result.stdout, encoding="utf-8")
        os.replace(part, hit)  # whole or not at all, also when two builds write at once
        for old in sorted(hit.parent.glob("*.html"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]:
            old.unlink(missing_ok=True)  # a few recent inputs are enough (`mkdocs serve` after an edit)
    return result.stdout


# --- the reconstructed reference list ----------------------------------------------------------------------

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
    who = entry.fields.get("author") or (f"{entry.fields.get('type', '')} {entry.fields.get('number', '')}"
                                          if entry.fields.get("type") else entry.fields.get("title", ""))
    family = " ".join(part.split(",")[0].strip() for part in who.split(" and "))
    return (sv_key(family.strip("{} ")), entry.year, entry.key)


def reference_list(ed, from_path: str) -> str:
    """`<!-- register:referenser -->`: every cited work, sorted as a Swedish reader expects (å, ä, ö last),
    with the note of an incomplete entry and a link to every place that cites it."""
    bib = ed.bibliography
    formatted = FORMATTED.references
    if not formatted and bib.entries:
        keys = [k for k in bib.entries if k not in OWN_ENTRIES]
        formatted = format_citations([f"[@{k}]" for k in keys], ed.root / BIB, ed.root / CSL,
                                     ed.root / CACHE).references
    where = places(ed)
    entries = sorted((e for e in bib.entries.values() if e.key not in OWN_ENTRIES), key=sort_key)
    incomplete = [e for e in entries if e.note]
    rows = []
    for e in entries:
        links = []
        for d, c, n in where.get(e.key, []):
            label = html.escape(place_label(ed, d, c.line, c.col))
            links.append(f'<a href="{href(from_path, d.path, citation_id(e.key, n))}">{label}</a>')
        cls = "referens referens-ofullstandig" if e.note else "referens"
        rows.append(f'<li id="{reference_id(e.key)}" class="{cls}"><p>{formatted.get(e.key, html.escape(e.key))}'
                    f'</p><p class="referens-platser">Citeras i: ' + ", ".join(links) + "</p></li>")
    summary = ", ".join(f'<a href="#{reference_id(e.key)}">{_short(e)}</a>' for e in incomplete)
    return ("\n" + f'<p class="referenser-status">{len(entries)} verk, varav {len(incomplete)} med ofullständiga '
            f"eller obekräftade uppgifter: {summary}.</p>\n\n"
            '<ul class="referenslista">\n' + "\n".join(rows) + "\n</ul>\n")


def _short(e: Entry) -> str:
    if e.fields.get("type") == "SOU":
        return html.escape(f"SOU {e.fields.get('number', '')}")
    who = e.fields.get("author") or e.fields.get("title", e.key)
    names = [p.split(",")[0].strip("{} ") for p in who.split(" and ")]
    return html.escape(" & ".join(names) + f" {e.year}" + (e.key[-1] if e.key[-1].isalpha() else ""))
