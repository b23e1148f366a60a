"""The quote register's data as downloads, generated from the model at build time — `citat.json` (schema:
docs/citat.schema.json), `citat.csv` and the Hall norms table as `normer.csv`."""

from __future__ import annotations

from ..export import quotes
from ..model.edition import Edition


def downloads(ed: Edition) -> list[tuple[str, str]]:
    """(file name, content) of each download."""
    return [("citat.json", quotes.to_json(ed)), ("citat.csv", quotes.to_csv(ed)), ("normer.csv", quotes.norms_csv(ed))]
