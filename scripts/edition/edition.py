"""The whole edition: every page of `docs/` parsed, in the reading order of the navigation in mkdocs.yml,
with the data files, and the checks that need more than one page (page markers, quote ids, notes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import data
from .model import MARKER, ROLES, Document, Finding, Marker, Quote, parse_file

ROOT = Path(__file__).resolve().parents[2]
EDITORIAL = "_data/editorial.yml"
INFORMANTS = "_data/informanter.yml"
THEMES = "_data/teman.yml"
NORMS = "_data/normer.yml"
DISCRETION = "_data/handlingsutrymme.yml"


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring tags such as !!python/name and !ENV."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def reading_order(config: Path) -> list[str]:
    """The Markdown files of the navigation, in order (paths relative to docs/)."""
    conf = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader) or {}
    out: list[str] = []

    def walk(item) -> None:
        if isinstance(item, str):
            if item.endswith(".md"):
                out.append(item)
        elif isinstance(item, list):
            for x in item:
                walk(x)
        elif isinstance(item, dict):
            for x in item.values():
                walk(x)

    walk(conf.get("nav", []))
    return out


def rights_statement(config: Path) -> str:
    """The rights statement of the report's text: `copyright` in mkdocs.yml (the footer shows the same)."""
    conf = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader) or {}
    return str(conf.get("copyright") or "")


def relative_link(from_path: str, to_path: str, anchor: str = "") -> str:
    """A Markdown link target from one source page to another (`../kapitel/6.md#s-30`)."""
    import posixpath

    rel = posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def sv_key(text: str) -> str:
    """Sort key in Swedish alphabetical order: å, ä, ö after z."""
    return text.lower().translate(str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"}))


def url_of(path: str) -> str:
    """The published URL of a page (use_directory_urls): `kapitel/5.md` -> `kapitel/5/`, `index.md` -> ``."""
    stem = path[:-3]
    if stem == "index":
        return ""
    return (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/"


@dataclass
class Edition:
    docs_dir: Path
    documents: list[Document] = field(default_factory=list)  # reading order first, then any others
    notes: dict[str, data.EditorialNote] = field(default_factory=dict)
    informants: dict[str, data.Informant] = field(default_factory=dict)
    themes: dict[str, data.Term] = field(default_factory=dict)
    norms: dict[str, data.Term] = field(default_factory=dict)
    discretion: dict[str, data.Term] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    rights: str = ""  # mkdocs.yml `copyright`
    _anchors: dict | None = field(default=None, repr=False)

    def voice(self, printed: str | None) -> data.Informant | None:
        """The registered voice of a printed pseudonym (its name or a recorded variant spelling)."""
        for inf in self.informants.values():
            if printed == inf.name or printed in inf.variants:
                return inf
        return None

    def quotes(self, interviews_only: bool = True) -> list[tuple[Document, Quote]]:
        """Every quote in reading order (only interview quotes, not the quoted documents, by default)."""
        return [(d, q) for d in self.documents for q in d.quotes if not interviews_only or q.kind == "citat"]

    def document(self, path: str) -> Document | None:
        return next((d for d in self.documents if d.path == path), None)

    def page_at(self, doc: Document, line: int, col: int = 10**9) -> int | None:
        """The printed page on which a point of the text stands: the last page marker before it."""
        page = None
        for d in self.documents:
            here = d.path == doc.path  # `doc` may be a fresh parse of the same page (the hooks)
            for m in d.pages:
                if here and (m.line, m.col) > (line, col):
                    return page
                page = m.page
            if here:
                return page
        return page

    def words_pages(self, doc: Document, start: tuple[int, int], end: tuple[int, int]) -> tuple[int | None, int | None]:
        """The printed pages on which the WORDS between two points of a page stand (points are (line, 1-based
        column), both inclusive). Blank space and markers at either end are not words: a page marker right
        before the first word moves it to the new page, one right after the last word does not."""
        first_line, first_col = self._word_edge(doc, start, end, forward=True)
        last_line, last_col = self._word_edge(doc, end, start, forward=False)
        if (first_line, first_col) > (last_line, last_col):
            return None, None
        return self.page_at(doc, first_line, first_col), self.page_at(doc, last_line, last_col)

    @staticmethod
    def _word_edge(doc: Document, point: tuple[int, int], limit: tuple[int, int], forward: bool) -> tuple[int, int]:
        """The first (forward) or last character of text from `point` towards `limit` that is neither blank nor
        inside a marker (`<!-- … -->`)."""
        line, col = point
        step = 1 if forward else -1
        while (line, col) <= limit if forward else (line, col) >= limit:
            text = doc.lines[line - 1] if 0 < line <= len(doc.lines) else ""
            masked = MARKER.sub(lambda m: " " * len(m.group(0)), text)
            cols = range(max(col, 1), len(text) + 1) if forward else range(min(col, len(text)), 0, -1)
            for c in cols:
                if (line, c) > limit if forward else (line, c) < limit:
                    break
                if not masked[c - 1].isspace():
                    return line, c
            line += step
            col = 1 if forward else 10**9
        return limit

    def quote_pages(self, doc: Document, q: Quote) -> tuple[int | None, int | None]:
        """The printed pages on which a quote's own words stand — not its header, options, attribution or
        closing fence. The one source of every quote's page range (label, cite data, /citat/, citat.json)."""
        if q.inline:  # span: 0-based [start, end) of the quoted words with their quotation marks
            return self.words_pages(doc, (q.line, q.span[0] + 1), (q.line, q.span[1]))
        return self.words_pages(doc, (q.body[0], 1), (q.body[1], 10**9))

    def anchors(self) -> dict[str, dict[str, int]]:
        """Every anchor of every page, with the line that defines it — including the headings that a
        register marker (`<!-- register:… -->`) generates on that line."""
        from .model import parse  # noqa: PLC0415
        from .render import REGISTER_ANCHORS, REGISTERS  # noqa: PLC0415 (render imports this module)

        if self._anchors is not None:
            return self._anchors
        out = {}
        for d in self.documents:
            found = d.anchors()
            for m in d.registers:
                if m.value in REGISTER_ANCHORS:
                    for anchor in REGISTER_ANCHORS[m.value](self, d.path):
                        found.setdefault(anchor, m.line)
                elif m.value in REGISTERS:
                    generated = parse(REGISTERS[m.value](self, d.path), d.path)
                    for h in generated.headings:
                        if h.id:
                            found.setdefault(h.id, m.line)
            out[d.path] = found
        self._anchors = out
        return out

    def page_home(self, page: int) -> Document | None:
        """The document in which printed page `page` begins."""
        return next((d for d in self.documents for m in d.pages if m.page == page), None)

    def markers_in_order(self) -> list[tuple[Document, Marker]]:
        return [(d, m) for d in self.documents for m in d.pages]


def load(docs_dir: Path | None = None, config: Path | None = None) -> Edition:
    docs_dir = docs_dir or ROOT / "docs"
    config = config or docs_dir.parent / "mkdocs.yml"
    ed = Edition(docs_dir=docs_dir)
    order = reading_order(config) if config.exists() else []
    ed.rights = rights_statement(config) if config.exists() else ""
    files = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")
                   if not p.relative_to(docs_dir).as_posix().startswith("_"))
    for rel in order:
        if rel not in files:
            ed.findings.append(Finding("mkdocs.yml", 1, 1, "XR010", f"the navigation names '{rel}', which "
                                       "does not exist in docs/ — fix the path in 'nav:'"))
    for rel in [r for r in order if r in files] + [r for r in files if r not in order]:
        ed.documents.append(parse_file(docs_dir / rel, docs_dir))
    ed.notes, found = data.load_editorial(docs_dir / EDITORIAL, f"docs/{EDITORIAL}")
    ed.findings.extend(found)
    ed.informants, found = data.load_informants(docs_dir / INFORMANTS, f"docs/{INFORMANTS}", ROLES)
    ed.findings.extend(found)
    for attr, rel, what in (("themes", THEMES, "theme"), ("norms", NORMS, "norm"),
                            ("discretion", DISCRETION, "kind of discretion")):
        terms, found = data.load_vocabulary(docs_dir / rel, f"docs/{rel}", what)
        setattr(ed, attr, terms)
        ed.findings.extend(found)
    ed.findings.extend(structural_findings(ed))
    ed.findings.extend(quote_findings(ed))
    return ed


def resolve(from_path: str, target: str) -> tuple[str, str]:
    """A link target of the sources (`p-3`, `#p-3`, `7.md#p-3`, `kapitel/7.md#p-3` from docs/) as (page, anchor)."""
    import posixpath

    path, _, anchor = target.partition("#")
    if not anchor and not path.endswith(".md"):
        return from_path, path
    if not path:
        return from_path, anchor
    here = posixpath.dirname(from_path)
    candidate = posixpath.normpath(posixpath.join(here, path))
    return candidate, anchor


def quote_findings(ed: Edition) -> list[Finding]:
    """Every interview quote names a registered voice with its role, and its annotations use the vocabularies
    of docs/_data/ and point at a paragraph that exists. These stop the build."""
    out: list[Finding] = []
    anchors = ed.anchors()
    for d, q in ed.quotes():
        where = f"docs/{d.path}"
        col = 1
        line = q.option_lines[0] if not q.inline and q.option_lines[1] >= q.option_lines[0] else q.line
        if not q.pseudonym or not q.role:
            continue  # the parser has reported the malformed attribution
        inf = ed.voice(q.pseudonym)
        if inf is None:
            out.append(Finding(where, q.line, col, "AN001", f"'{q.pseudonym}' is not listed in docs/{INFORMANTS} "
                               "— check the spelling against the printed report, or add the pseudonym there "
                               "with its role"))
            continue
        if inf.role is not None and inf.role != q.role:
            out.append(Finding(where, q.line, col, "AN002", f"'{q.pseudonym}' is '{inf.role}' in docs/{INFORMANTS}"
                               f" (line {inf.line}), not '{q.role}' — a pseudonym has one role everywhere"))
        if q.id and not q.id.startswith(f"citat-{inf.id}-"):
            out.append(Finding(where, line, col, "QT013", f"quote id '{q.id}' does not name its voice — write "
                               f"'citat-{inf.id}-<n>'"))
        for theme in q.themes:
            if theme not in ed.themes:
                out.append(Finding(where, line, col, "QT014", f"theme '{theme}' is not listed in docs/{THEMES} — "
                                   "check your spelling, or add the theme there with its definition"))
        for value, terms, rel, what in ((q.norm, ed.norms, NORMS, "norm"),
                                        (q.discretion, ed.discretion, DISCRETION, "kind of discretion")):
            if value is not None and value not in terms:
                out.append(Finding(where, line, col, "QT015", f"{what} '{value}' is not listed in docs/{rel} — "
                                   "use one of: " + ", ".join(terms)))
        if q.interpretation:
            page, anchor = resolve(d.path, q.interpretation)
            if page not in anchors or (anchor and anchor not in anchors[page]):
                out.append(Finding(where, line, col, "QT016", f"'tolkning: {q.interpretation}' leads nowhere — "
                                   "name the paragraph that interprets the quote: 'p-12' on this page or "
                                   "'kapitel/7.md#p-3'"))
    for rel, terms in ((THEMES, ed.themes), (NORMS, ed.norms), (DISCRETION, ed.discretion)):
        for t in terms.values():
            page, anchor = resolve("", t.source)
            if page not in anchors or (anchor and anchor not in anchors[page]):
                out.append(Finding(f"docs/{rel}", t.line, 1, "DA008", f"'{t.id}': 'kalla: {t.source}' leads "
                                   "nowhere — give the paragraph that develops it, e.g. 'kapitel/7.md#p-3'"))
    return out


_cache: dict = {}


def load_cached(docs_dir: Path, config: Path) -> Edition:
    """`load`, shared by the hooks of one build: read again only when a file of docs/ or the config changed
    (so `mkdocs serve` sees every edit)."""
    key = (str(docs_dir), str(config), config.stat().st_mtime_ns if config.exists() else 0,
           tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in docs_dir.rglob("*")
                        if p.is_file())))
    if _cache.get("key") != key:
        _cache.clear()
        _cache.update(key=key, edition=load(docs_dir, config))
    return _cache["edition"]


def structural_findings(ed: Edition) -> list[Finding]:
    """What breaks the build: form errors of every page, page markers out of sequence, ids twice, unknown
    editorial notes. (The validators add the rules that do not stop a build.)"""
    out: list[Finding] = []
    for d in ed.documents:
        out.extend(d.findings)
    # page markers: 5..59, each once, increasing through the reading order
    seen: dict[int, tuple[str, int]] = {}
    previous = 0
    for d, m in ed.markers_in_order():
        where = f"docs/{d.path}"
        if m.page in seen:
            p, line = seen[m.page]
            out.append(Finding(where, m.line, m.col, "PG003", f"page {m.page} is marked twice (also at "
                               f"{p}:{line}) — keep the marker where the printed page begins"))
            continue
        if m.page < previous:
            out.append(Finding(where, m.line, m.col, "PG004", f"page {m.page} comes after page {previous} in "
                               "the reading order — page markers must increase"))
        seen[m.page] = (where, m.line)
        previous = max(previous, m.page)
    # ids within a page; quote ids across the edition
    quote_ids: dict[str, tuple[str, int]] = {}
    for d in ed.documents:
        where = f"docs/{d.path}"
        ids: dict[str, int] = {}
        defined = [(h.id, h.line) for h in d.headings if h.id] + [(q.id, q.line) for q in d.quotes if q.id]
        defined += [(f"s-{m.page}", m.line) for m in d.pages] + [(f"red-{m.value}", m.line) for m in d.ed_notes]
        for i, line in defined:
            if i in ids:
                out.append(Finding(where, line, 1, "ID002", f"id '{i}' is used twice on this page (first on line "
                                   f"{ids[i]}) — ids must be unique"))
            ids.setdefault(i, line)
        for q in d.quotes:
            if q.id and q.id in quote_ids and quote_ids[q.id][0] != where:
                p, line = quote_ids[q.id]
                out.append(Finding(where, q.line, 1, "ID004", f"quote id '{q.id}' is also used at {p}:{line} — "
                                   "quote ids are unique across the edition"))
            if q.id:
                quote_ids.setdefault(q.id, (where, q.line))
    # editorial notes: every marker names a known note, every note is used exactly once
    used: dict[str, tuple[str, int]] = {}
    for d in ed.documents:
        for m in d.ed_notes:
            where = f"docs/{d.path}"
            if m.value not in ed.notes:
                out.append(Finding(where, m.line, m.col, "ED006", f"editorial note '{m.value}' is not listed in "
                                   f"docs/{EDITORIAL} — add it there with 'kind' and 'text', or check the spelling"))
            elif m.value in used:
                p, line = used[m.value]
                out.append(Finding(where, m.line, m.col, "ED007", f"editorial note '{m.value}' is already placed "
                                   f"at {p}:{line} — each note stands in one place"))
            used.setdefault(m.value, (where, m.line))
    from .render import REGISTERS  # noqa: PLC0415 (render imports this module)
    for d in ed.documents:
        for m in d.registers:
            if m.value not in REGISTERS:
                out.append(Finding(f"docs/{d.path}", m.line, m.col, "MK004", f"unknown register '{m.value}' — "
                                   "known: " + ", ".join(sorted(REGISTERS))))
    for key, note in ed.notes.items():
        if key not in used:
            out.append(Finding(f"docs/{EDITORIAL}", note.line, 1, "ED008", f"editorial note '{key}' is not "
                               "placed in the text — add '<!-- ed:" + key + " -->' where it belongs, or remove it"))
    return out
