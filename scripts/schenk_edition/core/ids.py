"""The one builder of every id the edition gives an element: the model names a page's anchors with these,
and rendering writes them with the same functions."""

from __future__ import annotations

REPORT_KEY = "schenk2015"  # the report's own entry in bibliography/referenser.bib
TERM_DEFINITION_PREFIX = "begrepp-"  # the page's hidden definitions of annotation terms: controls, not anchors
REFERENCE_PREFIX = "ref-"  # a reference (`#ref-<key>`, as pandoc names it): never collides with [^1]..[^15]


def page_id(page: int) -> str:
    """A printed page's break: `s-26`."""
    return f"s-{page}"


def paragraph_id(number: int) -> str:
    return f"p-{number}"


def note_id(key: str) -> str:
    """An editorial note where it stands: `red-<key>`."""
    return f"red-{key}"


def footnote_id(label: str) -> str:
    """A footnote definition (Python-Markdown's footnotes): `fn:6`."""
    return f"fn:{label}"


def question_id(block: str | None, number: int) -> str:
    """A question of an interview guide, numbered within its block: `fraga-<block>-<n>`."""
    return f"fraga-{block}-{number}"


def citation_id(key: str, n: int) -> str:
    """The n-th cite (1-based, in the order of the page) of a work on a page."""
    return f"cit-{key}-{n}"


def reference_id(key: str) -> str:
    """A work in a reference list (the page's and the edition's)."""
    return f"{REFERENCE_PREFIX}{key}"


def voice_id(informant: str) -> str:
    return f"rost-{informant}"


def role_id(role: str) -> str:
    return f"roll-{role.lower()}"


def theme_id(theme: str) -> str:
    return f"tema-{theme}"


def term_definition_id(kind: str, term: str) -> str:
    """The one definition on a page of an annotation term (`tema`, `norm`, `hu`), which the term links name
    (aria-describedby): `begrepp-tema-rekrytering`. A control's id, not a citable anchor."""
    return f"{TERM_DEFINITION_PREFIX}{kind}-{term}"


def term_link_id(quote: str, kind: str, term: str) -> str:
    """An annotation term's link in a quote's caption: `def-citat-henrik-1-tema-rekrytering` (once the id of the
    definition each quote repeated; published, so it stays on the link)."""
    return f"def-{quote}-{kind}-{term}"


def block_id(heading: str) -> str:
    """A block of the interview guides in the side-by-side register."""
    return f"block-{heading}"
