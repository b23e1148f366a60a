"""HTML comments in the text: the site drops them (`render.markup`), but the repository is public, and a
comment is where a contributor leaves what readers were never meant to see."""

from __future__ import annotations

from ..core.findings import Finding
from ..model.edition import Edition


def comments(ed: Edition) -> list[Finding]:
    """MK010 an HTML comment that is not a marker of the edition."""
    return [Finding(d.where or f"docs/{d.path}", c.line, c.col, "MK010",
                    "an HTML comment in the text: the site drops it, but the repository publishes it — remove it, "
                    "or write an editorial note (docs/_data/editorial.yml) if readers should see it")
            for d in ed.documents for c in d.comments]
