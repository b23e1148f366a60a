"""Where things are: the repository and the files the code reads, each named once."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]  # scripts/schenk_edition/core/paths.py -> the repository

# data files, relative to docs/
EDITORIAL = "_data/editorial.yml"
INFORMANTS = "_data/informanter.yml"
THEMES = "_data/teman.yml"
NORMS = "_data/normer.yml"
DISCRETION = "_data/handlingsutrymme.yml"
DECISIONS = "_data/annoteringar.yml"  # the annotation decisions, listed on /om-utgavan/
PROPER_NOUNS = "_data/egennamn.yml"
PLACES = "_data/orter.yml"
EXCEPTIONS = "_data/undantag.yml"
REDIRECTS = "_data/omdirigeringar.yml"
DATA_DIR = "_data"  # every YAML file here is checked, its comments included (they are public in the repository)

# The word lists the name rule (AN003) reads: Debian's wswedish (ISO-8859-1) for the Swedish texts, and wbritish
# (UTF-8) for the English ones (the data files' comments, the decisions' `beslut`). `make dict-deps` installs
# them; an environment variable names another file of one word per line.
WORD_LISTS = {
    "sv": ("/usr/share/dict/swedish", "iso-8859-1", "wswedish", "EDITION_SWEDISH_WORDS"),
    "en": ("/usr/share/dict/british-english", "utf-8", "wbritish", "EDITION_ENGLISH_WORDS"),
}

# relative to the repository
BIB = "bibliography/referenser.bib"
CSL = "bibliography/schenk-edition.csl"
UNCONFIRMED = "bibliography/unconfirmed.yml"  # the facts research.md marks unconfirmed
CONFIG = "mkdocs.yml"
MANIFEST = "stable-urls.txt"
BASE_TEXT = "tests/data/report-text.txt"

# pages of the edition (relative to docs/)
EDITORIAL_PAGE = "om-utgavan.md"
QUOTE_PAGE = "citat.md"
REFERENCES_PAGE = "referenser.md"

# the build's caches, under the project root (gitignored), each entry under the hash of its inputs: pandoc's
# output of the citations, the edition as read (`model.edition.load_by_content`) and its bibliography
# (`model.bibliography.read_bib_by_content`), Material's pruned stylesheets
# (`site.assets.pruned_material_css`), the themes' templates compiled (`site.templates`); the validators' caches:
# the base text's tokens and the fidelity findings of an edition (`checks.fidelity`), the word lists' verdicts
# (`checks.anonymity.lexicon.Words`)
CITATION_CACHE = ".cache/citations"
EDITION_CACHE = ".cache/edition"
BIBLIOGRAPHY_CACHE = ".cache/bibliography"
BASE_TEXT_CACHE = ".cache/basetext"
FIDELITY_CACHE = ".cache/fidelity"
WORDS_CACHE = ".cache/words"
ASSET_CACHE = ".cache/assets"
TEMPLATE_CACHE = ".cache/templates"

# the edition's versions (the newest released heading is the version: `core.release.release`) and the
# directory `make pdf` and `make epub` write the whole edition's files into (gitignored)
CHANGELOG = "CHANGELOG.md"
DIST = "dist"
