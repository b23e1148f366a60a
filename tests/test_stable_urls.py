"""Stable URLs: every URL and anchor in the committed manifest (stable-urls.txt) is still served by the build,
directly or through a redirect in docs/_data/omdirigeringar.yml; a dropped anchor fails."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from conftest import ROOT, copy_tree, mkdocs_build
from schenk_edition.site import manifest, redirects
from schenk_edition.tools.cli import main

MANIFEST = ROOT / manifest.MANIFEST_NAME


def run_check(project: Path, site: Path) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["--docs", str(project / "docs"), "--config", str(project / "mkdocs.yml"), "manifest",
                       "--check", "--site", str(site), "--manifest", str(MANIFEST)])
    return status, out.getvalue()


def build(project: Path) -> Path:
    site = project / "site"
    result = mkdocs_build(project, site)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "WARNING" not in log, log
    return site


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def add_redirects(project: Path, lines: str) -> None:
    path = project / "docs" / redirects.REDIRECTS
    path.write_text(path.read_text(encoding="utf-8") + lines, encoding="utf-8")


@pytest.fixture()
def project(tmp_path) -> Path:
    return copy_tree(tmp_path)


def test_manifest_is_sorted_unique_and_well_formed():
    entries = manifest.read_manifest(MANIFEST)
    assert len(entries) > 100
    assert entries == sorted(set(entries))
    assert all(redirects.URL_RE.match(e) for e in entries), [e for e in entries if not redirects.URL_RE.match(e)]
    for promised in ("/", "/kapitel/5/", "/kapitel/5/#s-26", "/kapitel/5/#p-3", "/kapitel/5/#citat-tina-1",
                     "/s/26/", "/om-utgavan/#rattigheter"):
        assert promised in entries


def test_the_build_keeps_every_manifest_entry(site):
    loaded, findings = redirects.load_redirects(ROOT / "docs")
    assert findings == []
    assert manifest.lost(manifest.read_manifest(MANIFEST), site, loaded) == []


def test_published_leaves_out_the_theme(site):
    urls = manifest.published(site)
    assert not any(u.startswith(("/assets/", "/search/")) for u in urls)
    assert not any("#__" in u for u in urls)  # Material's own ids outside the article (drawer, search, toc)
    assert "/s/26/" in urls and not any(u.startswith("/s/26/#") for u in urls)


def test_a_dropped_anchor_fails_and_a_redirect_mends_it(project):
    edit(project / "docs" / "kapitel" / "5.md", "id: dokument-hemsidan", "id: dokument-webbsidan")
    status, out = run_check(project, build(project))
    assert status == 1
    assert "SU001 the build no longer publishes '/kapitel/5/#dokument-hemsidan'" in out
    line = manifest.read_manifest(MANIFEST).index("/kapitel/5/#dokument-hemsidan") + 1 + 3  # 3 comment lines
    assert f"stable-urls.txt:{line}:1: SU001" in out
    assert out.count("SU001") == 1
    # the renamed id is new: a warning until the manifest records it (`make manifest`)
    assert "stable-urls.txt:1:1: SU002 '/kapitel/5/#dokument-webbsidan' is published but not in the manifest" in out

    add_redirects(project, '"/kapitel/5/#dokument-hemsidan": /kapitel/5/#dokument-webbsidan\n')
    site = build(project)
    status, out = run_check(project, site)
    assert status == 0, out
    html = (site / "kapitel" / "5" / "index.html").read_text(encoding="utf-8")
    # the old id lives on right before the new target, so an old link lands there without script
    assert re.search(r'<span id="dokument-hemsidan" class="gammal-adress"></span><[a-z]+ [^>]*'
                     r'id="dokument-webbsidan"', html)


def test_a_moved_page_gets_a_redirect_page_and_keeps_its_anchors(project):
    (project / "docs" / "forord.md").rename(project / "docs" / "forord-och-tack.md")
    edit(project / "mkdocs.yml", "Förord: forord.md", "Förord: forord-och-tack.md")
    edit(project / "docs" / "index.md", "(forord.md)", "(forord-och-tack.md)")
    status, out = run_check(project, build(project))
    assert status == 1 and "'/forord/'" in out

    add_redirects(project, '"/forord/": /forord-och-tack/\n')
    site = build(project)
    status, out = run_check(project, site)
    assert status == 0, out
    page = (site / "forord" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../forord-och-tack/">' in page
    assert '<link rel="canonical" href="../forord-och-tack/">' in page
    assert 'location.replace("../forord-och-tack/" + location.hash)' in page  # /forord/#x leads to #x


@pytest.mark.parametrize("entry, code", [
    ('"/bilaga/1/#annat": /bilaga/1/#finns-inte\n', "RD007"),     # the old id is still there
    ('"/bilaga/1/#gammal": /bilaga/1/#finns-inte\n', "RD006"),    # the new anchor does not exist
    ('"/bilaga/1/": /bilaga/2/\n', "RD005"),                      # the old page is still published
    ('"/bilaga/1/#gammal": /bilaga/2/#annat\n', "RD003"),         # an anchor cannot jump pages on its own
    ('"kapitel/9": /bilaga/1/\n', "RD001"),
    ('"/bilaga/1/#gammal": /bilaga/2/\n', "RD002"),              # an anchor redirected to a page
    ('"/gammal/": /aldre/\n"/aldre/": /bilaga/1/\n', "RD004"),   # a redirect to a redirected address
])
def test_impossible_redirects_stop_the_build(project, entry, code):
    add_redirects(project, entry)
    result = mkdocs_build(project, project / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"docs/_data/omdirigeringar\.yml:\d+:1: " + code, log), log
    assert "Traceback" not in log, log


def test_redirect_resolution():
    r = redirects.Redirects({"/a/": redirects.Redirect("/a/", "/b/", 1)},
                           {"/c/#x": redirects.Redirect("/c/#x", "/c/#y", 2)}, "r.yml")
    assert r.resolve("/a/#s-5") == "/b/#s-5"
    assert r.resolve("/a/") == "/b/"
    assert r.resolve("/c/#x") == "/c/#y"
    assert r.resolve("/c/#z") == "/c/#z"


def test_every_published_url_is_in_the_manifest(site):
    """A new page or anchor is recorded in the same change (`make manifest`), so that the
    next change cannot drop it unnoticed."""
    missing = sorted(manifest.published(site) - set(manifest.read_manifest(MANIFEST)))
    assert missing == [], f"run `make manifest` and commit stable-urls.txt: {missing[:10]}"
