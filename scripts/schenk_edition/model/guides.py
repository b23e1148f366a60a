"""The interview guides (bilaga 1–4): which pages they are and how their questions are numbered."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from .document import Document, ListItem

GUIDES = ("bilaga/1.md", "bilaga/2.md", "bilaga/3.md", "bilaga/4.md")


def question_numbers(doc: Document) -> Iterator[tuple[int, ListItem]]:
    """The questions of an interview guide, numbered within their block (anchors `#fraga-<block>-<n>`)."""
    counter: Counter = Counter()
    for item in doc.list_items:
        counter[item.section] += 1
        yield counter[item.section], item
