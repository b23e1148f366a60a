"""MkDocs hook: the quote register's data as downloads, generated from the model at build time —
`citat.json` (schema: docs/citat.schema.json), `citat.csv` and the Hall norms table as `normer.csv`."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

from scripts.edition import edition as edition_model
from scripts.edition import quotes


def on_files(files: Files, config) -> Files:
    ed = edition_model.load_cached(Path(config.docs_dir), Path(config.config_file_path))
    for name, content in (("citat.json", quotes.to_json(ed)), ("citat.csv", quotes.to_csv(ed)),
                          ("normer.csv", quotes.norms_csv(ed))):
        files.append(File.generated(config, name, content=content))
    return files
