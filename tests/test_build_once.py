"""One build reads the edition once: the hook's `on_pre_build` reads and publishes it (`site.build.start`), every
later step of the build gets the same model (`site.build.edition`, `model.edition.current`). A later build of
the same content reads none: it gets the edition from the disk cache (`model.edition.load_by_content`), whose
entries are keyed by everything `load` reads and runs, so that no entry can be stale."""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import copy_tree
from schenk_edition.model import edition
from schenk_edition.model.bibliography import Bibliography

ROOT = Path(__file__).resolve().parents[1]


def test_one_build_reads_the_edition_and_its_bibliography_once(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(edition, "_cache", {})  # nothing read by an earlier test
    monkeypatch.setattr(edition, "DISK_CACHE", tmp_path / "cache")  # absolute: the project's cache is not used
    loads, bib_reads = [], []
    real_load, real_read = edition.load, edition.read_bib_by_content

    def counting_load(*args, **kwargs):
        loads.append(args)
        return real_load(*args, **kwargs)

    def counting_read(*args, **kwargs) -> Bibliography:
        bib_reads.append(args)
        return real_read(*args, **kwargs)

    monkeypatch.setattr(edition, "load", counting_load)
    monkeypatch.setattr(edition, "read_bib_by_content", counting_read)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)
    assert len(loads) == 1
    assert len(bib_reads) == 1  # Edition.bibliography: the citations hook checks and uses the same one
    published = edition.current(Path(config.docs_dir), Path(config.config_file_path))
    assert published is not None and published.docs_dir == Path(config.docs_dir)
    assert (tmp_path / "site" / "kapitel" / "5" / "index.html").is_file()
    # the next build (a new process: the memory is empty) of the same content reads neither
    loads.clear()
    bib_reads.clear()
    edition._cache.clear()
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "again")))
    assert loads == [] and bib_reads == []
    for page in ("kapitel/5/index.html", "citat/index.html", "om-utgavan/index.html"):
        assert (tmp_path / "again" / page).read_bytes() == (tmp_path / "site" / page).read_bytes()


def _project(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the edition's sources (docs/, mkdocs.yml, the bibliography) to change, without the project's
    caches: the subject here is what the caches keep and when they are read."""
    copy_tree(tmp_path, ("docs", "bibliography", "mkdocs.yml"), cache=False)
    return tmp_path / "docs", tmp_path / "mkdocs.yml"


def test_the_disk_cache_is_keyed_by_everything_load_reads_and_runs(tmp_path, monkeypatch):
    docs, config = _project(tmp_path / "project")
    monkeypatch.setattr(edition, "DISK_CACHE", tmp_path / "cache")
    loads = []
    real_load = edition.load

    def counting_load(*args, **kwargs):
        loads.append(args)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(edition, "load", counting_load)
    first = edition.load_by_content(docs, config)
    again = edition.load_by_content(docs, config)
    assert len(loads) == 1 and again is not first
    assert again.documents == first.documents and again.findings == first.findings
    assert again.bibliography == first.bibliography and again.anchors() == first.anchors()
    assert again.notes == first.notes and again.decisions == first.decisions and again.nav == first.nav

    # any input changed is another key: a page, a data file, the bibliography, the config, a new file
    page = docs / "kapitel" / "2.md"
    text = page.read_text(encoding="utf-8")
    changes = [
        (page, text.replace("<!-- page:10 -->", "<!-- page:10 --><!-- page:10 -->", 1)),  # a marker twice
        (docs / "_data" / "editorial.yml", (docs / "_data" / "editorial.yml").read_text(encoding="utf-8") + "\n"),
        (tmp_path / "project" / "bibliography" / "referenser.bib",
         (tmp_path / "project" / "bibliography" / "referenser.bib").read_text(encoding="utf-8") + "\n"),
        (config, config.read_text(encoding="utf-8").replace("site_author: Anett Schenk", "site_author: X")),
        (docs / "ny.md", "# Ny { #ny }\n"),
    ]
    keys = {edition.content_key(docs, config)}
    for path, new in changes:
        assert not path.exists() or path.read_text(encoding="utf-8") != new, path
        path.write_text(new, encoding="utf-8")
        keys.add(edition.content_key(docs, config))
        loads.clear()
        edition.load_by_content(docs, config)
        assert len(loads) == 1, path
    assert len(keys) == len(changes) + 1

    # a broken edition stays broken from the cache: its findings are part of what is kept
    page.write_text(changes[0][1], encoding="utf-8")
    broken = edition.load_by_content(docs, config)
    assert any(f.code == "PG003" and f.severity == "error" for f in broken.findings)

    # the code that reads the edition is part of the key: a changed module of model/ is another key
    code = tmp_path / "package"
    shutil.copytree(edition._PACKAGE, code, ignore=shutil.ignore_patterns("__pycache__"))
    before = edition.content_key(docs, config)
    monkeypatch.setattr(edition, "_PACKAGE", code)
    assert edition.content_key(docs, config) == before
    parser = code / "model" / "parser.py"
    parser.write_text(parser.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert edition.content_key(docs, config) != before


def test_the_key_names_the_installed_versions_of_the_libraries_load_runs(monkeypatch):
    """The versions come from the `.dist-info` folders beside the packages (no import of importlib.metadata in
    `validate`): each library's one folder, of the version installed; another version is another key."""
    from importlib import metadata

    from schenk_edition.core.diskcache import library_versions

    found = library_versions(edition._LOAD_LIBRARIES).decode().split("\n")
    assert found == [f"yaml: pyyaml-{metadata.version('PyYAML')}.dist-info",
                     f"pybtex: pybtex-{metadata.version('pybtex')}.dist-info"]
    assert library_versions((("pybtex", "no-such-library"),)) == b"pybtex: not found"


def test_an_edit_of_the_pages_does_not_parse_the_bibliography_again(tmp_path, monkeypatch):
    """`model.bibliography.read_bib_by_content`: the bibliography read by an earlier run of the same bytes is
    not parsed again (nor pybtex imported) when only the pages changed; a changed .bib is parsed."""
    from schenk_edition.model import bibliography

    docs, config = _project(tmp_path / "project")
    monkeypatch.setattr(edition, "DISK_CACHE", tmp_path / "cache")
    parsed = []
    real_parse = bibliography._parse

    def counting_parse(bib, text):
        parsed.append(bib.path)
        return real_parse(bib, text)

    monkeypatch.setattr(bibliography, "_parse", counting_parse)
    first = edition.load_by_content(docs, config).bibliography
    page = docs / "kapitel" / "2.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = edition.load_by_content(docs, config)
    assert again.bibliography == first and len(parsed) == 1
    bib = tmp_path / "project" / "bibliography" / "referenser.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert edition.load_by_content(docs, config).bibliography.entries == first.entries and len(parsed) == 2


def test_a_cache_entry_that_cannot_be_read_is_read_again_from_the_sources(tmp_path, monkeypatch):
    docs, config = _project(tmp_path / "project")
    monkeypatch.setattr(edition, "DISK_CACHE", tmp_path / "cache")
    edition.load_by_content(docs, config)
    (entry,) = (tmp_path / "cache").glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    ed = edition.load_by_content(docs, config)
    assert ed.document("kapitel/5.md") is not None
    assert entry.read_bytes() != b"not a pickle"  # written again
