"""The whole edition as an EPUB 3 (`make epub`, scripts/schenk_edition/tools/epub.py), written from the strict
build of the real tree and checked by EPUBCheck (Debian's `epubcheck`, run with Java; `make test` installs
both) with zero errors and zero warnings; then read back: the page list maps every printed page to its
place (one entry per page marker of the built /utskrift/, in order, each resolving to a page break in the
book), the footnotes are EPUB notes with their links, the English summary is marked `en`, and the package
carries the accessibility metadata and the version. Every expected figure is read from the built site."""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from schenk_edition.core.paths import ROOT
from schenk_edition.core.release import file_name, release
from schenk_edition.model import edition as edition_model
from schenk_edition.tools import epub as epub_tool
from schenk_edition.tools.html_check import java_jar

# One test worker runs this module (`make test` runs pytest-xdist with --dist loadgroup), and its fixtures
# are the session's: a worker may run other modules' tests between this module's, and the EPUB is rendered once.
pytestmark = pytest.mark.xdist_group("epub")

EPUBCHECK = Path("/usr/share/java/epubcheck.jar")  # Debian's epubcheck (Makefile: epub-deps)
MARKER = re.compile(r'<(?:span|div) class="sidbrytning"[^>]*\bid="s-(\d+)"[^>]*>')  # attributes in any order
FOOTNOTE = re.compile(r'<li id="[^"]*fn:(\d+)" value="\1">')


@pytest.fixture(scope="session")
def epub(site, tmp_path_factory) -> Path:
    ed = edition_model.load(ROOT / "docs", ROOT / "mkdocs.yml")
    return epub_tool.build(site, tmp_path_factory.mktemp("dist"), ed, release())


@pytest.fixture(scope="session")
def files(epub) -> dict[str, str]:
    with zipfile.ZipFile(epub) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist()}


def test_epubcheck_finds_no_error_and_no_warning(epub):
    java = shutil.which("java")
    if not java or not EPUBCHECK.exists():
        pytest.fail("epubcheck or java is missing: run `make epub-deps` (Debian's epubcheck)", pytrace=False)
    result = subprocess.run([*java_jar(java, EPUBCHECK), str(epub)], capture_output=True, text=True)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in log, log


def test_the_archive_is_an_epub_named_after_the_version(epub):
    assert epub.name == file_name("epub", release().version)
    with zipfile.ZipFile(epub) as z:
        first = z.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert z.read("mimetype") == b"application/epub+zip"


def test_the_page_list_maps_every_printed_page_to_its_place(site, files):
    expected = [int(n) for n in MARKER.findall((site / "utskrift" / "index.html").read_text(encoding="utf-8"))]
    nav = files["OEBPS/nav.xhtml"]
    page_list = re.search(r'<nav epub:type="page-list".*?</nav>', nav, re.S).group(0)
    entries = re.findall(r'<a href="([^"#]+)#([^"]+)">(\d+)</a>', page_list)
    assert [int(n) for _, _, n in entries] == expected and len(entries) == len(set(expected))
    for target, fragment, n in entries:
        text = files[posixpath.join("OEBPS", target)]
        element = re.search(rf'<(\w+) id="{re.escape(fragment)}"[^>]*>', text)
        assert element, (n, target, fragment)
        assert 'epub:type="pagebreak"' in element.group(0) and f'title="s. {n}"' in element.group(0), element


def test_the_footnotes_are_epub_notes_with_their_links(site, files):
    numbers = [int(n) for n in FOOTNOTE.findall((site / "utskrift" / "index.html").read_text(encoding="utf-8"))]
    assert numbers == list(range(1, len(numbers) + 1)) and numbers
    text = "".join(v for k, v in sorted(files.items()) if k.endswith(".xhtml"))
    notes = re.findall(r'<aside id="([^"]*fn:(\d+))"[^>]*epub:type="footnote"', text)
    assert [int(n) for _, n in notes] == numbers
    for note_id, _ in notes:
        assert re.search(rf'<a [^>]*href="[^"]*#{re.escape(note_id)}"[^>]*epub:type="noteref"', text), note_id


def test_links_to_the_web_edition_resolve_in_the_built_site(site, files):
    """A link the book cannot hold goes to the published edition: to a file of the built site."""
    site_url = re.search(r'<link rel="canonical" href="([^"]+)utskrift/">',
                         (site / "utskrift" / "index.html").read_text(encoding="utf-8")).group(1)
    text = "".join(v for k, v in files.items() if k.endswith(".xhtml"))
    hrefs = {h.split("#")[0].split("?")[0] for h in re.findall(r'href="([^"]+)"', text) if h.startswith(site_url)}
    assert hrefs
    for href in hrefs:
        path = site / href[len(site_url):]
        assert (path / "index.html" if href.endswith("/") else path).is_file(), href


def test_language_sv_and_the_english_summary_marked_en(files):
    opf = files["OEBPS/content.opf"]
    assert "<dc:language>sv</dc:language>" in opf
    assert all('xml:lang="sv"' in v for k, v in files.items() if k.endswith(".xhtml"))
    assert re.search(r'<div lang="en" xml:lang="en">\s*<h1[^>]*>Summary', files["OEBPS/summary.xhtml"])


def test_accessibility_metadata_and_the_printed_source(files, site):
    opf = files["OEBPS/content.opf"]
    meta = re.findall(r'<meta property="([^"]+)">([^<]*)</meta>', opf)
    values = {}
    for key, value in meta:
        values.setdefault(key, []).append(value)
    assert values["schema:accessMode"] == ["textual"]
    assert values["schema:accessModeSufficient"] == ["textual"]
    assert {"printPageNumbers", "tableOfContents"} <= set(values["schema:accessibilityFeature"])
    assert values["schema:accessibilityHazard"] == ["none"]
    assert values["schema:accessibilitySummary"][0].strip()
    isbn = edition_model.load(ROOT / "docs", ROOT / "mkdocs.yml").work.isbn
    assert f'<dc:source id="tryckt">urn:isbn:{isbn}</dc:source>' in opf
    assert '<meta refines="#tryckt" property="source-of">pagination</meta>' in opf


def test_the_version_is_in_the_package_and_on_the_title_page(files):
    version, date = release()
    assert f"version {version}" in files["OEBPS/content.opf"]
    assert f"<dc:date>{date.isoformat()}</dc:date>" in files["OEBPS/content.opf"]
    assert f"version {version}, {date.isoformat()}" in files["OEBPS/titel.xhtml"]
