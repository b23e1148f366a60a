"""Anonymisation rules (AN…): nothing in the edition may narrow down who an informant is.

- `texts`: what the rules read — the interview quotes and the footnotes reached from them, every free-text field
  of the data files, every YAML comment under docs/_data/ and every HTML comment of a page;
- `lexicon`: what a word is — Debian's Swedish word list (and the English one for the English comments), the
  allow-list of proper nouns, the pseudonyms, the places;
- `patterns`: quasi-identifiers in any phrasing (age, tenure, gender with a small count, unit, date), contact data;
- `rules` (AN003–AN006, AN016–AN019), `personal` (AN007–AN009), `registry` (AN011–AN013), `exceptions`
  (AN014, AN015).

Reviewed data files (a reviewer sees every entry in the diff):
- docs/_data/egennamn.yml  proper nouns that may stand inside a quote or annotation (`Word: reason`);
- docs/_data/orter.yml     place names that must not (`Place: what it is`);
- docs/_data/undantag.yml  one exception per passage the report prints and the edition must keep
                           (`id: {fil, ord, regel, skal}`), never a switch that turns a rule off.
"""

from __future__ import annotations

from .exceptions import apply_exceptions, load_exceptions
from .lexicon import load_word_list, word_list
from .patterns import (AGE, DATE, EMAIL, GENDER_COUNT, ISSN_ISBN, PERSONNUMMER, PHONE, TENURE, UNIT, WORD,
                       YEARS)
from .personal import personal_data
from .registry import real_people, registry
from .rules import identifying_text, segments
from .texts import LINK_TARGET, annotation_segments, quote_segments

__all__ = ["AGE", "DATE", "EMAIL", "GENDER_COUNT", "ISSN_ISBN", "LINK_TARGET", "PERSONNUMMER", "PHONE", "TENURE",
           "UNIT", "WORD", "YEARS", "EXCEPTABLE", "VALIDATORS", "annotation_segments", "apply_exceptions",
           "identifying_text", "load_exceptions", "load_word_list", "personal_data", "quote_segments",
           "real_people", "registry", "segments", "word_list"]

VALIDATORS = [identifying_text, personal_data, registry]
# The rules a reviewed exception in docs/_data/undantag.yml may cover (the report's own words may trip them).
EXCEPTABLE = {"AN003", "AN004", "AN005", "AN006", "AN012", "AN016", "AN017", "AN018"}
