"""The work of one build is done once: the edition read once (not at all when the disk cache holds the same
content), one `git` process for every page's date, at most one pandoc run (none when its output is cached), the
views derived from the edition computed once per edition."""

from __future__ import annotations

import subprocess
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from schenk_edition.model import edition
from schenk_edition.model.document import Document
from schenk_edition.model.pages import anchor_pages, document_pages
from schenk_edition.model.quotes import records
from schenk_edition.render import citations

ROOT = Path(__file__).resolve().parents[1]


def test_one_build_starts_one_git_and_at_most_one_pandoc(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(edition, "_cache", {})
    monkeypatch.setattr(citations, "CACHE", tmp_path / "cache")  # absolute: the project's cache is not used
    monkeypatch.setattr(edition, "DISK_CACHE", tmp_path / "edition-cache")
    loads, processes, gits = [], [], []
    real_load, real_run = edition.load, subprocess.run

    def counting_load(*args, **kwargs):
        loads.append(args)
        return real_load(*args, **kwargs)

    def counting_run(cmd, *args, **kwargs):
        processes.append(Path(str(cmd[0])).name)
        return real_run(cmd, *args, **kwargs)

    class CountingPopen(subprocess.Popen):  # git is started, not run: it runs beside the build
        def __init__(self, cmd, *args, **kwargs):
            if Path(str(cmd[0])).name == "git":
                gits.append(cmd)
            super().__init__(cmd, *args, **kwargs)

    monkeypatch.setattr(edition, "load", counting_load)
    monkeypatch.setattr(subprocess, "run", counting_run)
    monkeypatch.setattr(subprocess, "Popen", CountingPopen)
    for n, expected in ((1, 1), (2, 0)):  # cold caches (one read, one pandoc run), then warm ones (none)
        loads.clear()
        processes.clear()
        gits.clear()
        edition._cache.clear()  # as a new `mkdocs build` process starts
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / f"site{n}"))
        build(config)
        assert len(loads) == expected
        assert len(gits) == 1 and "git" not in processes
        assert processes.count("pandoc") == expected
        assert len(processes) == expected, processes
    first, second = (tmp_path / f"site{n}" / "kapitel" / "5" / "index.html" for n in (1, 2))
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    assert 'class="footnote-ref citering"' in first.read_text(encoding="utf-8")


def _page_at_by_walking(ed, doc, line, col=10**9):
    """`Edition.page_at` as it was written first: a walk through every marker of the edition."""
    page = None
    for d in ed.documents:
        here = d.path == doc.path
        for m in d.pages:
            if here and (m.line, m.col) > (line, col):
                return page
            page = m.page
        if here:
            return page
    return page


def test_page_at_is_the_walk_through_the_markers():
    ed = edition.load(ROOT / "docs", ROOT / "mkdocs.yml")
    points = 0
    for doc in ed.documents:
        if doc.is_edition_page:  # not printed: no page (tests/test_annotations.py)
            assert ed.page_at(doc, 1) is None
            continue
        # footnote texts and block headers stand where the print puts them (tests/test_annotations.py)
        notes = min((r.line for r in doc.footnote_defs), default=len(doc.lines) + 1)
        headers = {q.line for q in doc.quotes if not q.inline}
        lines = {1, len(doc.lines)} | {m.line + d for m in doc.pages for d in (-1, 0, 1)}
        for line in sorted(x for x in lines if x < notes and x not in headers):
            for col in (1, 10, 10**9):
                assert ed.page_at(doc, line, col) == _page_at_by_walking(ed, doc, line, col), (doc.path, line, col)
                points += 1
    outside = Document(path="ingen.md", lines=[])  # not a page of the edition: after all of them
    assert ed.page_at(outside, 1) == _page_at_by_walking(ed, outside, 1) == ed.markers_in_order()[-1][1].page
    assert points > len(ed.documents) * 6


def test_derived_views_are_computed_once_per_edition():
    ed = edition.load(ROOT / "docs", ROOT / "mkdocs.yml")
    assert records(ed) is records(ed)
    doc = ed.document("kapitel/5.md")
    assert document_pages(ed, doc) is document_pages(ed, doc) and anchor_pages(ed, doc) is anchor_pages(ed, doc)
    other = edition.load(ROOT / "docs", ROOT / "mkdocs.yml")
    assert records(other) is not records(ed) and records(other) == records(ed)
    fresh = other.document("kapitel/5.md")  # another parse of the same page: its own result
    assert anchor_pages(ed, fresh) is not anchor_pages(ed, doc) and anchor_pages(ed, fresh) == anchor_pages(ed, doc)


def test_a_quote_blocks_options_are_read_once(monkeypatch):
    """pymdownx reads a block's options with pure-Python YAML; the parser has read them already, so the extension
    leaves pymdownx only the `id:` line (`render.markup.block_options`) — and the page is the same HTML."""
    import markdown
    import pymdownx.blocks

    from schenk_edition.core.yamlio import read_config
    from schenk_edition.render import markup

    docs, config = ROOT / "docs", ROOT / "mkdocs.yml"
    names, configs = [], {}
    for entry in read_config(config)["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if not name.startswith("schenk_edition"):
            names.append(name)
            configs[name] = options or {}
    ed = edition.load(docs, config)
    page = "kapitel/6.md"
    blocks = [q for q in ed.document(page).quotes if not q.inline]
    assert any(len(q.options) > 1 for q in blocks)  # the page has blocks with annotations
    read: list[str] = []
    real = pymdownx.blocks.get_frontmatter
    monkeypatch.setattr(pymdownx.blocks, "get_frontmatter", lambda text: read.append(text) or real(text))

    def convert() -> str:
        ours = markup.EditionExtension(docs_dir=str(docs), config_file=str(config), path=page)
        md = markdown.Markdown(extensions=[*names, ours], extension_configs=configs)
        return md.convert((docs / page).read_text(encoding="utf-8"))

    html = convert()
    assert sorted(text.strip() for text in read) == sorted(f"id: {q.id}" for q in blocks)
    monkeypatch.setattr(markup, "block_options", lambda doc, edits: None)  # pymdownx reads every option
    read.clear()
    assert convert() == html
    assert len(read) == len(blocks) and any("teman:" in text for text in read)


def test_a_page_is_parsed_in_the_build_only_where_a_citation_meets_the_editions_markup(tmp_path, monkeypatch):
    """The Markdown extension takes the edition's own model of a page when the text it converts is the page,
    or the page with its citations replaced by the citations hook (`render.markup.page_text`); it parses the
    text again only where a citation holds a marker or stands in a quote block's header. The site is the same
    as when every page is parsed again."""
    from schenk_edition.render import markup
    from schenk_edition.site import citations as site_citations

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(edition, "DISK_CACHE", tmp_path / "edition-cache")
    parsed: list[str] = []
    real_parse = markup.parse
    monkeypatch.setattr(markup, "parse", lambda text, path, *a: parsed.append(path) or real_parse(text, path, *a))

    def built(site: Path) -> dict[str, bytes]:
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site)))
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}

    once = built(tmp_path / "once")
    ed = edition.current(ROOT / "docs", ROOT / "mkdocs.yml")
    expected = []
    for doc in ed.documents:
        if site_citations.cite_page("\n".join(doc.lines)) == "\n".join(doc.lines):
            continue  # no citation: the page itself
        taken: dict[int, list[tuple[int, int]]] = {}  # the edition's markup: markers, block headers
        for m in doc.markers:
            taken.setdefault(m.line, []).append((m.col - 1, m.end))
        for q in doc.quotes:
            start = doc.lines[q.line - 1].rfind("<!--", 0, q.span[0]) if q.inline else 0
            taken.setdefault(q.line, []).append((start, q.span[0] if q.inline else 10**9))
        spans = {n: s for n, s in enumerate(citations.citation_spans(doc.lines), start=1) if s}
        if any(a < y and x < b for n, s in spans.items() for a, b, _ in s for x, y in taken.get(n, [])):
            expected.append(doc.path)
    assert sorted(parsed) == sorted(expected) and len(expected) < sum(1 for d in ed.documents if d.citations)

    monkeypatch.setattr(markup, "page_text", lambda doc, lines: None)  # every page parsed again
    parsed.clear()
    again = built(tmp_path / "again")
    assert len(parsed) == len(ed.documents)
    differ = [name for name in once if name != "sitemap.xml.gz" and once[name] != again.get(name)]
    assert differ == [] and once.keys() == again.keys()


def _compiles(env) -> list[str]:
    """The names of the templates `env` compiles from source from now on."""
    compiled: list[str] = []
    real = env.compile

    def counting(source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return real(source, name, filename, *args, **kwargs)

    env.compile = counting
    return compiled


def test_a_template_is_compiled_once_then_read_from_the_bytecode_cache(tmp_path):
    import jinja2

    from schenk_edition.site.templates import use_bytecode_cache

    sources = {"main.html": "{% extends 'base.html' %}{% block b %}{{ x }}!{% endblock %}",
               "base.html": "<p>{% block b %}{% endblock %}</p>"}

    def render(**options):
        env = jinja2.Environment(loader=jinja2.DictLoader(sources), **options)
        folder = use_bytecode_cache(env, tmp_path)
        compiled = _compiles(env)
        return env.get_template("main.html").render(x="<b>"), sorted(compiled), folder

    first, compiled, folder = render()
    assert (first, compiled) == ("<p><b>!</p>", ["base.html", "main.html"])
    assert folder is not None and folder.is_relative_to(tmp_path / ".cache" / "templates")
    assert render()[:2] == (first, []), "a second environment reads the compiled code"
    sources["base.html"] = "<div>{% block b %}{% endblock %}</div>"
    assert render()[:2] == ("<div><b>!</div>", ["base.html"]), "a changed source is compiled again"
    escaped, compiled, other = render(autoescape=True)
    assert (escaped, compiled) == ("<div>&lt;b&gt;!</div>", ["base.html", "main.html"]), \
        "code compiled without autoescaping is never used with it"
    assert other != folder


def test_the_build_compiles_no_template_twice(tmp_path, monkeypatch):
    """The real build: a second build compiles none of the themes' templates, and its site is the same."""
    import jinja2

    from schenk_edition.site import templates

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764300000")
    monkeypatch.setattr(templates, "CACHE", tmp_path / "templates")
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return real(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    sites = []
    for n in (1, 2):
        compiled.clear()
        site = tmp_path / f"site{n}"
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True))
        sites.append({p.relative_to(site): p.read_bytes() for p in site.rglob("*.html")})
        if n == 1:
            assert len(compiled) > 20, compiled  # Material's templates and the overrides
    assert compiled == []
    assert sites[0] == sites[1]


def test_the_search_settings_written_out_are_materials_own_for_the_language():
    """mkdocs.yml writes out the search plugin's separator and pipeline (so the plugin does not compile the theme's
    translations in every build): they must stay what Material's translations give for the site's language."""
    import re

    config = load_config(str(ROOT / "mkdocs.yml"))
    search = config.plugins["material/search"]
    translate = search._translate  # the plugin's own reading of the theme's translations
    assert search.config.lang == [translate(config, "search.config.lang")]
    assert search.config.separator == translate(config, "search.config.separator")
    assert search.config.pipeline == list(filter(len, re.split(r"\s*,\s*",
                                                           translate(config, "search.config.pipeline"))))
