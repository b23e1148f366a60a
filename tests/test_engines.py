"""The site diff of `make engines` (scripts/schenk_edition/tools/sitediff.py) on small crafted sites: it ignores
the generator tag, the sitemap dates and the gzip header of sitemap.xml.gz, and nothing else.

The tool is run as `make engines` runs it: by path, as its own process, so the exit code is the one make sees."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITEDIFF = ROOT / "scripts" / "schenk_edition" / "tools" / "sitediff.py"

PAGE = """<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="generator" content="{generator}">
<title>Kapitel 1</title>
</head>
<body>
<p id="p-1">{text}</p>
</body>
</html>
"""
SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url>
         <loc>https://example.org/utgava/kapitel/1/</loc>
         <lastmod>{date}</lastmod>
    </url>
</urlset>
"""
MKDOCS = "mkdocs-1.6.1, mkdocs-material-9.8.1"
PROPERDOCS = "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1"
TEXT = "Handläggarna beskriver sitt arbete."


def make_site(root: Path, generator: str = MKDOCS, text: str = TEXT, date: str = "2026-11-28",
              gzip_mtime: int = 1764288000, extra: dict[str, str] | None = None) -> Path:
    """A small built site: two pages with the generator tag, a sitemap (plain and gzipped), a stylesheet."""
    files = {
        "index.html": PAGE.format(generator=generator, text="Start"),
        "kapitel/1/index.html": PAGE.format(generator=generator, text=text),
        "assets/extra.css": ".sida { color: #333; }\n",
        "sitemap.xml": SITEMAP.format(date=date),
        **(extra or {}),
    }
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    (root / "sitemap.xml.gz").write_bytes(gzip.compress(SITEMAP.format(date=date).encode(), mtime=gzip_mtime))
    return root


def sitediff(a: Path, b: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SITEDIFF), str(a), str(b)], capture_output=True, text=True)


def test_sites_that_differ_only_in_the_generator_tag_are_the_same(tmp_path):
    a = make_site(tmp_path / "mkdocs", generator=MKDOCS)
    b = make_site(tmp_path / "properdocs", generator=PROPERDOCS)
    assert (a / "index.html").read_bytes() != (b / "index.html").read_bytes()
    result = sitediff(a, b)
    assert result.returncode == 0, result.stdout + result.stderr
    compared = sum(1 for p in a.rglob("*") if p.is_file())
    pages = sum(1 for p in a.rglob("*.html"))
    assert f"{compared} files compared, 0 differ, 0 only on one side; {pages} equal once" in result.stdout
    assert "differs:" not in result.stdout and "only in" not in result.stdout


def test_one_changed_byte_in_a_page_fails_and_names_the_file(tmp_path):
    a = make_site(tmp_path / "mkdocs", generator=MKDOCS)
    changed = TEXT.replace("beskriver", "beskrivar")  # one byte
    assert len(changed.encode()) == len(TEXT.encode())
    b = make_site(tmp_path / "properdocs", generator=PROPERDOCS, text=changed)
    result = sitediff(a, b)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "differs: kapitel/1/index.html" in result.stdout
    assert f"-<p id=\"p-1\">{TEXT}</p>" in result.stdout
    assert f"+<p id=\"p-1\">{changed}</p>" in result.stdout
    # only the changed page is named: the other page differs only in its generator tag
    assert "differs: index.html" not in result.stdout


def test_a_file_on_one_side_only_fails_and_names_it(tmp_path):
    a = make_site(tmp_path / "mkdocs")
    b = make_site(tmp_path / "properdocs", extra={"kapitel/2/index.html": PAGE.format(generator=MKDOCS, text="")})
    result = sitediff(a, b)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"only in {b}: kapitel/2/index.html" in result.stdout
    # and the other way round
    result = sitediff(b, a)
    assert result.returncode == 1
    assert f"only in {b}: kapitel/2/index.html" in result.stdout


def test_sitemap_dates_and_the_gzip_header_are_ignored(tmp_path):
    a = make_site(tmp_path / "a", date="2026-11-28", gzip_mtime=1764288000)
    b = make_site(tmp_path / "b", date="2026-11-29", gzip_mtime=1764374400)
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        assert (a / name).read_bytes() != (b / name).read_bytes()
    result = sitediff(a, b)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_change_inside_the_sitemap_besides_its_dates_fails(tmp_path):
    a = make_site(tmp_path / "a")
    b = make_site(tmp_path / "b")
    plain = (b / "sitemap.xml").read_bytes().replace(b"kapitel/1/", b"kapitel/2/")
    (b / "sitemap.xml").write_bytes(plain)
    (b / "sitemap.xml.gz").write_bytes(gzip.compress(plain, mtime=1764288000))
    result = sitediff(a, b)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "differs: sitemap.xml\n" in result.stdout
    assert "differs: sitemap.xml.gz\n" in result.stdout


def test_a_date_in_a_page_is_not_ignored(tmp_path):
    """Only the sitemap's <lastmod> is ignored: the same element in a page (or a page's date) counts."""
    page = "<p><lastmod>{}</lastmod></p>\n"
    a = make_site(tmp_path / "a", extra={"om/index.html": page.format("2026-11-28")})
    b = make_site(tmp_path / "b", extra={"om/index.html": page.format("2026-11-29")})
    result = sitediff(a, b)
    assert result.returncode == 1
    assert "differs: om/index.html" in result.stdout


def test_a_missing_or_empty_site_is_an_error_not_a_pass(tmp_path):
    a = make_site(tmp_path / "a")
    (tmp_path / "empty").mkdir()
    for other in (tmp_path / "empty", tmp_path / "missing"):
        result = sitediff(a, other)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "not a built site" in result.stderr
