"""The edition's Markdown syntax, in one place: the parser reads it with these, and nothing else matches it.
The syntax itself is described in SYNTAX.md."""

from __future__ import annotations

import re

ROLES = ("HR-specialist", "chef", "junior", "senior")
FIRST_PAGE, LAST_PAGE = 5, 59
QUOTE_KINDS = ("citat", "dokument")
# The options of an interview quote: its id and the annotations that restate the report's own reading of it.
# `teman` lists ids of docs/_data/teman.yml; `norm` and `handlingsutrymme` map each id of normer.yml /
# handlingsutrymme.yml that the report reads in the quote to the paragraphs where it says so
# (`{professionell: [p-2, p-3]}`); `tolkning` is the anchor of the paragraph that interprets the quote. A paragraph
# is `p-12` on the same page or `kapitel/7.md#p-3`.
ANNOTATIONS = ("teman", "norm", "handlingsutrymme", "tolkning")
READINGS = ("norm", "handlingsutrymme")  # the options that map a value to its paragraphs
QUOTE_OPTIONS = {
    "citat": {"id", *ANNOTATIONS},
    "dokument": {"id"},
}
# An inline quote has no printed attribution line, so its options also name the voice and role.
INLINE_OPTIONS = {"röst", "roll", *ANNOTATIONS}

# --- the syntax, in one place -------------------------------------------------------------------------
# The options of an inline quote are a YAML flow mapping; its values may be flow mappings one level deep
# (`norm: {professionell: [p-2]}`). Linear time on any line: no part of a marker can run past a '<', and a
# brace either opens a one-level group or ends the options (the alternatives never overlap).
MARKER = re.compile(r"<!--\s*([A-Za-z][\w-]*):([^\s<>{}]*)(?:[ \t]+(\{(?:[^{}<>]|\{[^{}<>]*\})*\}))?\s*-->")
# any other HTML comment: never published (MK010); it ends before the next '<!--' (linear time on a line of
# unclosed comments, where `.*?` scanned to the end from each one)
HTML_COMMENT = re.compile(r"<!--(?:(?!<!--).)*?-->", re.S)
MARKER_KINDS = ("page", "ed", "register", "citat")
QUOTE_MARKS = "”“\"»«"
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
HEADING_ID = re.compile(r"\{\s*#([^\s{}]+)[^{}]*\}$")
FENCE_OPEN = re.compile(r"^///[ \t]*(\S+)?[ \t]*(?:\|[ \t]*(.*?))?[ \t]*$")
FENCE_CLOSE = re.compile(r"^///[ \t]*$")
CODE_FENCE = re.compile(r"^(```|~~~)")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]?")
FOOTNOTE_REF = re.compile(r"\[\^([^\[\]\s]+)\]")  # "[^6]:" mid-line is a reference too; no '[' in a label (linear time)
# Linear time on any line: a link's text holds no bracket and its target no parenthesis, so a scan from one
# '[' stops at the next one (`[^\]]*` ran to the end of a line of unclosed '[' from every '[': quadratic).
LINK = re.compile(r"(?<!!)\[([^\[\]\^][^\[\]]*)\]\(([^()\s]+)\)")
ATTR_LINE = re.compile(r"^\{:?[ \t]*([^}]*)\}[ \t]*$")
LIST_ITEM = re.compile(r"^([-*+]|\d+\.)[ \t]+")
HTML_BLOCK = re.compile(r"^<(/?)(table|div|figure|p|section|details|ol|ul|dl|aside)\b", re.I)
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
CITAT_ARG = re.compile(r"^(?P<name>[A-ZÅÄÖÉ][\w-]*), (?P<role>\S+)$")
CITAT_ID = re.compile(r"^citat-[a-z0-9-]+-\d+$")
DOKUMENT_ID = re.compile(r"^dokument-[a-z0-9-]+$")
# A pandoc citation as mkdocs-bibtex reads it: `[@key]`, `[jmf @a, s. 3; @b]`, narrative `[-@key]`; cites are
# separated by unescaped ';' (`\;` is a printed semicolon). See bibliography/README.md.
_CITE_TEXT = r"(?:[^\[\]]|\[[^\[\]]*\]\([^()\s]*\))"  # text, or a Markdown link, inside a citation
CITATION_BLOCK = re.compile(rf"\[({_CITE_TEXT}*?@{_CITE_TEXT}*)\](?!\()")
CITATION_LINK = re.compile(r"\[([^\[\]]*)\]\(([^()\s]*)\)")
CITE = re.compile(r"^(?P<prefix>.*?)(?P<suppress>-?)@(?P<key>[\w-]+)(?P<suffix>.*)$", re.S)
CODE_SPAN = re.compile(r"(`+).*?\1")
