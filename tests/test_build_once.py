"""One build reads the edition once: the hook's `on_pre_build` reads and publishes it (`site.build.start`), every
later step of the build gets the same model (`site.build.edition`, `model.edition.current`)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from schenk_edition.model import edition
from schenk_edition.model.bibliography import Bibliography

ROOT = Path(__file__).resolve().parents[1]


def test_one_build_reads_the_edition_and_its_bibliography_once(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(edition, "_cache", {})  # nothing read by an earlier test
    loads, bib_reads = [], []
    real_load, real_read = edition.load, edition.read_bib

    def counting_load(*args, **kwargs):
        loads.append(args)
        return real_load(*args, **kwargs)

    def counting_read(*args, **kwargs) -> Bibliography:
        bib_reads.append(args)
        return real_read(*args, **kwargs)

    monkeypatch.setattr(edition, "load", counting_load)
    monkeypatch.setattr(edition, "read_bib", counting_read)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)
    assert len(loads) == 1
    assert len(bib_reads) == 1  # Edition.bibliography: the citations hook checks and uses the same one
    published = edition.current(Path(config.docs_dir), Path(config.config_file_path))
    assert published is not None and published.docs_dir == Path(config.docs_dir)
    assert (tmp_path / "site" / "kapitel" / "5" / "index.html").is_file()
