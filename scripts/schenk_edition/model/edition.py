"""The whole edition: every page of `docs/` parsed, in the reading order of the navigation in mkdocs.yml,
with the data files, and the checks that need more than one page (page markers, quote ids, notes)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TypeVar

from ..core.diskcache import Key, cached, library_versions
from ..core.findings import Finding
from ..core.ids import REPORT_KEY
from ..core.paths import BIB, DECISIONS, DISCRETION, EDITION_CACHE, EDITORIAL, INFORMANTS, NORMS, ROOT, THEMES
from ..core.urls import resolve
from ..core.yamlio import read_config
from . import data
from .anchors import REGISTER_NAMES, first_lines, page_anchor_list
from .bibliography import Bibliography, Work, read_bib_by_content
from .document import Document, Marker, Quote
from .parser import parse_file
from .syntax import MARKER, ROLES

PARAGRAPH_ANCHOR = re.compile(r"^p-\d+$")


def reading_order(config: Path) -> list[str]:
    """The Markdown files of the navigation, in order (paths relative to docs/)."""
    return nav_files(read_config(config))


def nav_files(conf: dict) -> list[str]:
    """The Markdown files of a configuration's `nav`, in order."""
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
    return rights_of(read_config(config))


def rights_of(conf: dict) -> str:
    return str(conf.get("copyright") or "")


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
    site_author: str = ""  # mkdocs.yml `site_author`
    repo_url: str = ""  # mkdocs.yml `repo_url` (where the releases publish the PDF and the EPUB)
    # data files that could not be read (missing, not YAML, not a mapping): the checks that depend on them
    # stop, so that one fault is one finding, not one per use of the file
    broken: set[str] = field(default_factory=set)
    nav: list[str] = field(default_factory=list)  # the pages of mkdocs.yml `nav`, in order
    # docs/_data/annoteringar.yml, read once (`load`): the decisions and the findings of reading the file
    decisions: list[data.Decision] = field(default_factory=list)
    decision_file_findings: list[Finding] = field(default_factory=list)
    _anchors: dict | None = field(default=None, repr=False)
    _anchor_lists: dict | None = field(default=None, repr=False)
    _bibliography: Bibliography | None = field(default=None, repr=False)
    _memo: dict = field(default_factory=dict, repr=False)  # `per_edition`
    _page_index: tuple | None = field(default=None, repr=False)  # `page_at`
    # the SHA-256 of everything the edition was read from (`content_key`), when `load_by_content` read it: what
    # is computed from the edition alone can be kept under it (the validators' fidelity findings)
    key: str | None = field(default=None, repr=False, compare=False)

    @property
    def root(self) -> Path:
        """The project: docs/ and bibliography/ stand in it."""
        return Path(self.docs_dir).parent

    @property
    def bibliography(self) -> Bibliography:
        """bibliography/referenser.bib, read once per edition (`model.bibliography.read_bib`, by content:
        `read_bib_by_content`)."""
        if self._bibliography is None:
            self._bibliography = read_bib_by_content(self.root / BIB, self.root)
        return self._bibliography

    @property
    def work(self) -> Work:
        """The report itself, as its bibliography entry records it."""
        return Work.from_entry(self.bibliography.entries[REPORT_KEY])

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
        """The printed page on which a point of the text stands: the last page marker before it. A point inside a
        footnote's text stands where the footnote is printed: at the foot of the page of its reference (the
        definitions stand at the end of a page's source, after later page markers); a point on a quote block's
        header stands where the quoted text ends (the attribution is printed after it). None on the edition's own
        pages (`typ: utgåva`): they are not printed."""
        if doc.is_edition_page:
            return None
        defs = sorted(doc.footnote_defs, key=lambda r: r.line)
        inside = next((r for r, nxt in zip(defs, defs[1:] + [None])
                       if r.line <= line and (nxt is None or line < nxt.line)), None)
        ref = next((r for r in doc.footnote_refs if inside and r.label == inside.label), None)
        if ref is not None:
            line, col = ref.line, ref.col
        # a block's header line holds its attribution or source, which the report prints after the quoted text
        block = next((q for q in doc.quotes if not q.inline and q.line == line), None)
        if block is not None:
            line, col = block.body[1], 10**9
        before, markers, last = self._pages_by_document()
        if doc.path not in markers:  # not a page of the edition: after all of them
            return last
        page = before[doc.path]  # `doc` may be a fresh parse of the same page (the hooks)
        for m in markers[doc.path]:
            if (m.line, m.col) > (line, col):
                return page
            page = m.page
        return page

    def _pages_by_document(self) -> tuple[dict[str, int | None], dict[str, list[Marker]], int | None]:
        """For each page (by path, the first of that path): the printed page open when it begins and its page
        markers; and the last printed page of the edition. Built once per list of documents."""
        key = tuple(map(id, self.documents))
        if self._page_index is None or self._page_index[0] != key:
            before: dict[str, int | None] = {}
            markers: dict[str, list[Marker]] = {}
            page = None
            for d in self.documents:
                if d.path not in markers:
                    before[d.path], markers[d.path] = page, list(d.pages)
                if d.pages:
                    page = d.pages[-1].page
            self._page_index = (key, (before, markers, page))
        return self._page_index[1]

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
        """Every anchor of every page, with the line that defines it (`model.anchors.page_anchors`)."""
        if self._anchors is None:
            self._anchors = {path: first_lines(found) for path, found in self.anchor_lists().items()}
        return self._anchors

    def anchor_lists(self) -> dict[str, list[tuple[str, int, str]]]:
        """Every page's anchor list (`model.anchors.page_anchor_list`), made once: ID002 and `anchors` read it."""
        if self._anchor_lists is None:
            self._anchor_lists = {d.path: page_anchor_list(self, d) for d in self.documents}
        return self._anchor_lists

    def page_home(self, page: int) -> Document | None:
        """The document in which printed page `page` begins."""
        return next((d for d in self.documents for m in d.pages if m.page == page), None)

    def markers_in_order(self) -> list[tuple[Document, Marker]]:
        return [(d, m) for d in self.documents for m in d.pages]

    def __getstate__(self) -> dict:
        """Pickled (`load_cached`'s disk cache) without the views keyed by the ids of this process's objects."""
        return {**self.__dict__, "_memo": {}, "_page_index": None}


T = TypeVar("T")


def per_edition(fn: Callable[..., T]) -> Callable[..., T]:
    """`fn(ed, *args)` computed once per edition and arguments (a page: the same Document object). An edition
    does not change once read, so every view of one build shares one result (the quote records, a unit's
    pages); callers must not modify it."""
    @functools.wraps(fn)
    def once(ed: Edition, *args):
        key = (fn.__module__, fn.__qualname__, *map(id, args))
        hit = ed._memo.get(key)
        if hit is None or any(a is not b for a, b in zip(hit[0], args)):
            hit = ed._memo[key] = (args, fn(ed, *args))  # the arguments are kept: their ids stay theirs
        return hit[1]
    return once


def load(docs_dir: Path | None = None, config: Path | None = None) -> Edition:
    docs_dir = docs_dir or ROOT / "docs"
    config = config or docs_dir.parent / "mkdocs.yml"
    ed = Edition(docs_dir=docs_dir)
    conf = read_config(config)  # {} when there is none
    order = nav_files(conf)
    ed.nav = order
    ed.rights = rights_of(conf)
    ed.site_author = conf["site_author"].strip() if isinstance(conf.get("site_author"), str) else ""
    ed.repo_url = conf["repo_url"] if isinstance(conf.get("repo_url"), str) else ""
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
    ed.decisions, ed.decision_file_findings = data.load_decisions(docs_dir / DECISIONS, f"docs/{DECISIONS}")
    ed.broken = {f.path for f in ed.findings + [f for d in ed.documents for f in d.findings]
                 if f.code in data.UNREADABLE}
    ed.findings.extend(structural_findings(ed))
    ed.findings.extend(quote_findings(ed))
    return ed


def unknown_keys(ed: Edition) -> list[Finding]:
    """CI001: every citation names an entry of the bibliography. One of the validators' checks of the citations
    (`checks.citations.CHECKS`), and the build's: a page with an unknown key warns (`site.citations`)."""
    bib = ed.bibliography
    if bib.findings:
        return []
    return [Finding(f"docs/{d.path}", c.line, c.col, "CI001", f"citation key '{c.key}' is not in {BIB} — check "
                    "the key (convention in bibliography/README.md) or add the work there")
            for d in ed.documents for c in d.citations if c.key not in bib.entries]


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
        if f"docs/{INFORMANTS}" in ed.broken:
            continue  # the registry cannot be read: reported there, once
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
            out.append(Finding(where, q.option_line("id", line), col, "QT013", f"quote id '{q.id}' does not name its voice — write "
                               f"'citat-{inf.id}-<n>'"))
        for theme in q.themes:
            if theme not in ed.themes and f"docs/{THEMES}" not in ed.broken:
                out.append(Finding(where, q.option_line("teman", line), col, "QT014", f"theme '{theme}' is not listed in docs/{THEMES} — "
                                   "check your spelling, or add the theme there with its definition"))
        for readings, terms, rel, what, key in ((q.norm, ed.norms, NORMS, "norm", "norm"),
                                                (q.discretion, ed.discretion, DISCRETION, "kind of discretion",
                                                 "handlingsutrymme")):
            for value, targets in readings.items():
                if value not in terms and f"docs/{rel}" not in ed.broken:
                    out.append(Finding(where, q.option_line(key, line), col, "QT015", f"{what} '{value}' is not listed in docs/{rel} — "
                                       "use one of: " + ", ".join(terms)))
                for target in targets:
                    problem = reading_target_problem(ed, d, target)
                    if problem:
                        out.append(Finding(where, q.option_line(key, line), col, "QT017", f"'{key}: {value}' names '{target}', "
                                           f"which {problem} — link the paragraph where the report states this "
                                           "reading of the quote"))
        if q.interpretation:
            page, anchor = resolve(d.path, q.interpretation)
            if page not in anchors or (anchor and anchor not in anchors[page]):
                out.append(Finding(where, q.option_line("tolkning", line), col, "QT016", f"'tolkning: {q.interpretation}' leads nowhere — "
                                   "name the paragraph that interprets the quote: 'p-12' on this page or "
                                   "'kapitel/7.md#p-3'"))
    out.extend(decision_findings(ed))
    for rel, terms in ((THEMES, ed.themes), (NORMS, ed.norms), (DISCRETION, ed.discretion)):
        for t in terms.values():
            for source in t.sources:
                page, anchor = resolve("", source)
                if page not in anchors or (anchor and anchor not in anchors[page]):
                    out.append(Finding(f"docs/{rel}", t.line, 1, "DA008", f"'{t.id}': 'kalla: {source}' leads "
                                       "nowhere — give the paragraphs whose words the definition takes, e.g. "
                                       "'[kapitel/7.md#p-3]'"))
    return out


def decision_findings(ed: Edition) -> list[Finding]:
    """The quotes' options say what docs/_data/annoteringar.yml decided, value by value and paragraph by paragraph
    (themes and tolkning as values): the decisions are the record of the annotations, the options their place."""
    decisions, out = ed.decisions, list(ed.decision_file_findings)
    rel = f"docs/{DECISIONS}"
    decided: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {}
    for dec in decisions:
        decided.setdefault(dec.quote, {}).setdefault(dec.field, {})[dec.value] = dec.paragraphs
        for target in dec.paragraphs:
            page, anchor = resolve("", target)
            if page not in ed.anchors() or anchor not in ed.anchors()[page]:
                out.append(Finding(rel, dec.line, 1, "DA008", f"'{dec.quote}' {dec.field} '{dec.value}': "
                                   f"'{target}' leads nowhere — give the paragraph from docs/, e.g. 'kapitel/6.md#p-2'"))
    if not decisions:
        return out
    quotes = {q.id: (d, q) for d, q in ed.quotes() if q.id}
    for qid in sorted(set(decided) - set(quotes)):
        out.append(Finding(rel, 1, 1, "QT018", f"decisions name the quote '{qid}', which does not exist"))
    for qid, (d, q) in quotes.items():
        mine = decided.get(qid, {})
        for field, options in (("norm", q.norm), ("handlingsutrymme", q.discretion)):
            have = {v: [resolve(d.path, t) for t in ts] for v, ts in options.items()}
            want = {v: [resolve("", t) for t in ts] for v, ts in mine.get(field, {}).items()}
            if have != want:
                out.append(Finding(f"docs/{d.path}", q.line, 1, "QT018", f"'{qid}': {field} is "
                                   f"{_readings_text(have)}, but docs/{DECISIONS} decided {_readings_text(want)} — "
                                   "write the decided values and paragraphs, or record a new decision there"))
        for field, have, want in (("tema", set(q.themes), set(mine.get("tema", {}))),
                                  ("tolkning", {q.interpretation} - {None}, set(mine.get("tolkning", {})))):
            if have != want:
                out.append(Finding(f"docs/{d.path}", q.line, 1, "QT018", f"'{qid}': {field} is "
                                   f"{', '.join(sorted(have)) or 'not set'}, but docs/{DECISIONS} decided "
                                   f"{', '.join(sorted(want)) or 'nothing'} — write the decided values, or record "
                                   "a new decision there"))
    return out


def _readings_text(readings: dict[str, list[tuple[str, str]]]) -> str:
    return "; ".join(f"{v} at " + ", ".join(f"{p}#{a}" for p, a in ts) for v, ts in readings.items()) or "not set"


def reading_target_problem(ed: Edition, doc: Document, target: str) -> str | None:
    """Why a reading's paragraph target cannot carry the reading, or None. It must be a paragraph (`p-N`) that
    exists, in the quote's own unit or in a unit that the quote's unit itself links to (the report's own
    cross-reference: the edition made the report's references to other chapters links)."""
    page, anchor = resolve(doc.path, target)
    if not PARAGRAPH_ANCHOR.match(anchor or ""):
        return "is not a paragraph (write 'p-N' or 'kapitel/N.md#p-N')"
    if page not in ed.anchors() or anchor not in ed.anchors()[page]:
        return "does not exist"
    if page != doc.path and page not in {resolve(doc.path, link.target)[0] for link in doc.links}:
        return "lies in another unit that this unit does not refer to"
    return None


_published: dict = {}


def publish(ed: Edition, config: Path) -> Edition:
    """Make `ed` the edition of the current build (a build reads it once; see `current`)."""
    _published.update(key=(str(ed.docs_dir), str(config)), edition=ed)
    return ed


def current(docs_dir: Path, config: Path) -> Edition | None:
    """The edition published for this docs/ and config by the running build, else None (then read it:
    `load_cached`). For code below the site layer that runs inside a build, e.g. a Markdown extension."""
    return _published["edition"] if _published.get("key") == (str(docs_dir), str(config)) else None


_cache: dict = {}


def load_cached(docs_dir: Path, config: Path) -> Edition:
    """`load`, shared by the hooks of one build: read again only when a file of docs/ or the config changed
    (so `mkdocs serve` sees every edit); and a new build of the same content gets the edition an earlier build
    read (`load_by_content`)."""
    bib = docs_dir.parent / BIB
    key = (str(docs_dir), str(config), config.stat().st_mtime_ns if config.exists() else 0,
           bib.stat().st_mtime_ns if bib.exists() else 0,
           tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in docs_dir.rglob("*")
                        if p.is_file())))
    if _cache.get("key") != key:
        _cache.clear()
        _cache.update(key=key, edition=load_by_content(docs_dir, config))
    return _cache["edition"]


# The editions earlier builds read, in the project's .cache/edition/ (gitignored), each under the SHA-256 of
# everything that `load` reads and runs (`content_key`): an entry is never stale, since a change of any input
# is a new key. An absolute path is used as it is (tests).
DISK_CACHE = Path(EDITION_CACHE)
KEEP = 8  # cached editions kept (the newest)
_PACKAGE = Path(__file__).resolve().parents[1]
_LOAD_LAYERS = ("core", "model")  # `load` runs only these (the layers import one way down: tests/test_layers.py)
_LOAD_LIBRARIES = (("yaml", "pyyaml"), ("pybtex", "pybtex"))  # (module, distribution): the YAML, the bibliography


def content_key(docs_dir: Path, config: Path) -> str:
    """The SHA-256 of what `load(docs_dir, config)` reads and runs: every file of docs/ (pages and data files),
    the config, the bibliography (each by path and bytes; a missing one as missing), the code of the layers
    `load` runs, the versions of Python, pickle and the libraries that read the files."""
    key = Key()
    key.add("libraries", library_versions(_LOAD_LIBRARIES))
    for layer in _LOAD_LAYERS:
        for path in sorted((_PACKAGE / layer).glob("*.py")):
            key.add(f"code {layer}/{path.name}", path.read_bytes())
    key.add("docs_dir", str(docs_dir).encode())
    key.add("config", str(config).encode())
    for path in (config, docs_dir.parent / BIB):
        key.add(f"file {path}", path.read_bytes() if path.is_file() else None)
    for path in sorted(p for p in docs_dir.rglob("*") if p.is_file()):
        key.add(f"docs {path.relative_to(docs_dir).as_posix()}", path.read_bytes())
    return key.hexdigest()


def load_by_content(docs_dir: Path, config: Path) -> Edition:
    """`load`, or the edition an earlier build read from the same content (`content_key`), with its findings:
    a broken edition stays broken, since its findings are part of what is kept. The bibliography and the anchor
    sets are read before the edition is kept, so a build from the cache does neither (`core.diskcache`)."""
    def make() -> Edition:
        ed = load(docs_dir, config)
        _ = ed.bibliography, ed.anchors()
        return ed

    folder = DISK_CACHE if DISK_CACHE.is_absolute() else docs_dir.parent / DISK_CACHE
    key = content_key(docs_dir, config)
    ed = cached(folder, key, make, lambda v: isinstance(v, Edition), keep=KEEP)
    ed.key = key
    return ed


def unit_findings(ed: Edition) -> list[Finding]:
    """Every unit of the report holds its printed pages: PG005 a unit of the navigation without any page
    marker (emptied, or its markers lost), or printed pages missing between two marked ones (a unit cut
    short); PG006 a printed page with no text between its marker and the next (the text is gone)."""
    out: list[Finding] = []
    units = [d for d in ed.documents if d.path in ed.nav and not d.is_edition_page]
    empty = [d for d in units if not d.pages]
    marked = {m.page: (f"docs/{d.path}", m.line) for d in units for m in d.pages}
    for d in empty:
        out.append(Finding(f"docs/{d.path}", 1, 1, "PG005", "this unit of the report holds none of its printed "
                           "pages (no page marker) — it was emptied or its markers were lost: restore it from "
                           "git, with a '<!-- page:N -->' marker where each printed page begins"))
    order = [d.path for d in ed.documents]
    pages = sorted(marked)
    for a, b in zip(pages, pages[1:]):
        if b == a + 1:
            continue
        (where_a, _), (where_b, _) = marked[a], marked[b]
        between = order[order.index(where_a[5:]):order.index(where_b[5:]) + 1]
        if any(d.path in between for d in empty):
            continue  # the emptied unit is the one finding
        doc = ed.document(where_a[5:])
        missing = f"page {a + 1}" if b == a + 2 else f"pages {a + 1}–{b - 1}"
        out.append(Finding(where_a, len(doc.lines) if doc else 1, 1, "PG005", f"{missing} of the report "
                           f"{'is' if b == a + 2 else 'are'} missing between page {a} and page {b} — the text "
                           "was cut short or its page markers were lost: restore it from git"))
    # a printed page with no words: between its marker and the next marker (or the end of the last unit)
    flat: list[tuple[Document, int, str]] = [(d, n, line) for d in ed.documents if d.path in ed.nav
                                             and not d.is_edition_page for n, line in enumerate(d.lines, 1)]
    current: tuple[Document, Marker] | None = None
    words = False
    for d, n, line in flat:
        pos = 0
        for m in d.pages if "page:" in line else ():
            if m.line != n:
                continue
            words = words or _has_words(line[pos:m.col - 1])
            if current and not words:
                out.append(_empty_page(*current))
            current, words, pos = (d, m), False, m.end
        words = words or _has_words(line[pos:])
    if current and not words:
        out.append(_empty_page(*current))
    return out


_WORD = re.compile(r"\w")
_ATTRS = re.compile(r"\{[^}]*\}")


def _has_words(text: str) -> bool:
    """Whether a stretch of a page holds words (markers and attribute lists `{ #id }` are not words)."""
    return bool(_WORD.search(_ATTRS.sub(" ", MARKER.sub(" ", text))))


def _empty_page(doc: Document, m: Marker) -> Finding:
    return Finding(f"docs/{doc.path}", m.line, m.col, "PG006", f"printed page {m.page} holds no text between "
                   "its marker and the next — its text was lost: restore it from git")


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
    if not out or not any(f.code in ("PG003", "PG004") for f in out):  # gaps mean nothing in a wrong order
        out.extend(unit_findings(ed))
    # ids within a page; quote ids across the edition
    quote_ids: dict[str, tuple[str, int]] = {}
    for d in ed.documents:
        where = f"docs/{d.path}"
        ids: dict[str, int] = {}
        defined = [(i, line) for i, line, kind in ed.anchor_lists()[d.path]
                   if kind in ("heading", "quote", "page", "note")]
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
            if m.value not in ed.notes and f"docs/{EDITORIAL}" not in ed.broken:
                out.append(Finding(where, m.line, m.col, "ED006", f"editorial note '{m.value}' is not listed in "
                                   f"docs/{EDITORIAL} — add it there with 'kind' and 'text', or check the spelling"))
            elif m.value in used and m.value in ed.notes:
                p, line = used[m.value]
                out.append(Finding(where, m.line, m.col, "ED007", f"editorial note '{m.value}' is already placed "
                                   f"at {p}:{line} — each note stands in one place"))
            used.setdefault(m.value, (where, m.line))
    for d in ed.documents:
        for m in d.registers:
            if m.value not in REGISTER_NAMES:
                out.append(Finding(f"docs/{d.path}", m.line, m.col, "MK004", f"unknown register '{m.value}' — "
                                   "known: " + ", ".join(sorted(REGISTER_NAMES))))
    for key, note in ed.notes.items():
        if key not in used:
            out.append(Finding(f"docs/{EDITORIAL}", note.line, 1, "ED008", f"editorial note '{key}' is not "
                               "placed in the text — add '<!-- ed:" + key + " -->' where it belongs, or remove it"))
    return out
