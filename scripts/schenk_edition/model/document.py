"""The model of one page of docs/: headings, paragraphs, markers, quotes, footnotes, links and citations,
each with its line and column (built by `model.parser.parse`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.findings import Finding

@dataclass
class Heading:
    line: int
    level: int
    text: str
    id: str | None


@dataclass
class Marker:
    line: int
    col: int  # 1-based column of "<!--"
    end: int  # 0-based index just past "-->"
    kind: str
    value: str
    standalone: bool = False  # alone on its line

    @property
    def page(self) -> int:
        return int(self.value)


@dataclass
class Paragraph:
    line: int
    end_line: int
    number: int  # 1-based within the document, in reading order


def readings(value: object) -> dict[str, tuple[str, ...]]:
    """A reading option (`norm:`, `handlingsutrymme:`) as value id -> paragraph targets, in the order written;
    the well-formed part only (the parser reports the rest)."""
    if not isinstance(value, dict):
        return {}
    return {k: tuple(t for t in v if isinstance(t, str)) for k, v in value.items()
            if isinstance(k, str) and isinstance(v, list)}


@dataclass
class Quote:
    kind: str  # citat | dokument
    line: int  # the header
    end_line: int  # the closing ///
    argument: str
    options: dict
    option_lines: tuple[int, int]  # first and last option line (end < first when none)
    body: tuple[int, int]  # first and last line of the text
    pseudonym: str | None = None
    role: str | None = None
    inline: bool = False  # a quote inside running text, marked with <!-- citat:ID {…} -->
    span: tuple[int, int] = (0, 0)  # inline: 0-based [start, end) of the quoted words on line `line`
    option_at: dict = field(default_factory=dict)  # block: option key -> the line it stands on

    def option_line(self, key: str, default: int) -> int:
        """The line of an option (a block quote's `teman:` line), for findings about it."""
        return self.option_at.get(key, default)

    @property
    def id(self) -> str | None:
        value = self.options.get("id")
        return value if isinstance(value, str) else None

    @property
    def themes(self) -> list[str]:
        value = self.options.get("teman")
        return [t for t in value if isinstance(t, str)] if isinstance(value, list) else []

    @property
    def norm(self) -> dict[str, tuple[str, ...]]:
        """The norms the report reads in this quote: norm id -> the paragraphs where it says so (as written)."""
        return readings(self.options.get("norm"))

    @property
    def discretion(self) -> dict[str, tuple[str, ...]]:
        """The kinds of discretion the report reads in this quote: id -> the paragraphs where it says so."""
        return readings(self.options.get("handlingsutrymme"))

    @property
    def interpretation(self) -> str | None:
        value = self.options.get("tolkning")
        return value if isinstance(value, str) else None


@dataclass
class ListItem:
    line: int
    end_line: int
    section: str | None  # the id of the heading it stands under


@dataclass
class Reference:  # a footnote reference or definition
    line: int
    col: int
    label: str


@dataclass
class Link:
    line: int
    col: int
    text: str
    target: str


@dataclass
class Comment:
    """An HTML comment that is not a marker of the edition (`<!-- … -->`; the site never publishes it)."""
    line: int
    col: int  # 1-based column of "<!--"
    text: str  # what stands after "<!--" on its line


@dataclass
class Citation:
    """One cite of a pandoc citation: `[jmf @melander2013]`, `[@lipsky1980, s. 15]`, `Kelly [-@key]`."""
    line: int
    col: int  # 1-based column of the cite's '@'
    key: str
    prefix: str  # printed before the reference ("jmf", "se", "ibid,")
    locator: str  # printed after it ("s. 15", "148"), without the separating ',' or ':'
    narrative: bool  # `-@key`: the text names the author, the citation prints only the year
    block: str = ""  # the whole bracketed citation as written


@dataclass
class Document:
    path: str  # relative to docs/, with forward slashes
    lines: list[str]
    headings: list[Heading] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    list_items: list[ListItem] = field(default_factory=list)  # top-level list items
    markers: list[Marker] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    footnote_refs: list[Reference] = field(default_factory=list)
    footnote_defs: list[Reference] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    meta: dict = field(default_factory=dict)  # the YAML front matter
    where: str = ""  # the path findings name (relative to the repository); defaults to `path`

    @property
    def is_edition_page(self) -> bool:
        """A page of the edition's own (start page, registers, principles), not a unit of the report:
        front matter `typ: utgåva`."""
        return self.meta.get("typ") == "utgåva"

    @property
    def pages(self) -> list[Marker]:
        return [m for m in self.markers if m.kind == "page" and m.value.isdigit()]

    @property
    def ed_notes(self) -> list[Marker]:
        return [m for m in self.markers if m.kind == "ed"]

    @property
    def registers(self) -> list[Marker]:
        return [m for m in self.markers if m.kind == "register"]

    @property
    def h1(self) -> Heading | None:
        """The page's title heading."""
        return next((h for h in self.headings if h.level == 1), None)

    @property
    def title(self) -> str:
        """The unit's title as the edition names it: the text of its h1, else its path."""
        return self.h1.text if self.h1 else self.path

    def find(self, line: int, col: int, code: str, message: str, severity: str = "error") -> None:
        self.findings.append(Finding(self.where or self.path, line, col, code, message, severity))
