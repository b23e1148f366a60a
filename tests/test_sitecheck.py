"""The link check of the built site (scripts/schenk_edition/site/sitecheck.py), the 404 page and the footer, read in the
built HTML."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

from schenk_edition.model import edition
from schenk_edition.site import sitecheck
from schenk_edition.tools.cli import main

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "mkdocs.yml"
SITE_URL = "https://example.org/utgava/"


def check(site: Path) -> sitecheck.Result:
    return sitecheck.check_site(site, sitecheck.site_url_of(CONFIG))


def test_the_built_site_has_no_broken_link(site):
    result = check(site)
    assert result.problems == [], "\n".join(map(str, result.problems))
    # every kind of file the check must read was read: pages, 404, the print view, /s/N/, redirect pages and
    # the downloads with links
    expected = {"index.html", "404.html", "utskrift/index.html", "citat.json", "citat.csv",
                "search/search_index.json", "sitemap.xml"}
    expected |= {f"s/{m.page}/index.html" for _, m in edition.load(ROOT / "docs", CONFIG).markers_in_order()}
    expected |= {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert expected <= result.files
    # the URL fields of citat.json are among the checked links: one per quote at least
    quotes = json.loads((site / "citat.json").read_text(encoding="utf-8"))["citat"]
    assert result.checked > len(quotes)
    # external links are listed, not checked: the repository's address is one of them
    assert any(url.startswith("https://github.com/") for url in result.external)


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_check_reports_the_old_broken_links(tmp_path):
    """The link forms of the site before this check: an editorial note's Markdown link inside raw HTML, the
    relative footer link on a nested page and in 404.html, a fragment without its element, a download's URL."""
    footer = '<footer><a href="om-utgavan/#rattigheter">Om utgåvan</a></footer>'
    _write(tmp_path, "index.html", f'<h1 id="start">Start</h1><a href="kapitel/1/#p-1">1</a>{footer}')
    _write(tmp_path, "om-utgavan/index.html",
           '<h2 id="redaktionella-anmarkningar">Red.</h2><h2 id="rattigheter">Rättigheter</h2>'
           '<a href="../kapitel/1/">1</a><a href="#rattigheter">här</a><img src="../bild.png" '
           'srcset="../bild.png 1x, ../saknas.png 2x" alt="">')
    _write(tmp_path, "bild.png", "")
    _write(tmp_path, "kapitel/1/index.html",
           '<p id="p-1">Text<sup class="red-anm"><a href="../om-utgavan.md#redaktionella-anmarkningar">red.</a>'
           '</sup> <a href="../../om-utgavan/#redaktionella-anmarkningar">rätt</a> '
           '<a href="../../om-utgavan/#finns-inte">saknat ankare</a> <a href="#p-2">saknat här</a>'
           f' <a href="https://example.com/x">extern</a> <a href="mailto:a@example.com">e-post</a></p>{footer}')
    _write(tmp_path, "s/5/index.html", '<meta http-equiv="refresh" content="0; url=../../kapitel/1/#p-9">')
    _write(tmp_path, "404.html", f'<a href="/utgava/">Start</a>{footer}')
    _write(tmp_path, "citat.json", json.dumps({"citat": [{"url": "kapitel/1/#p-1"}, {"url": "kapitel/9/"}],
                                               "kalla": SITE_URL + "kapitel/1/#p-3"}))
    result = sitecheck.check_site(tmp_path, SITE_URL)
    found = {(p.file, p.link) for p in result.problems}
    assert found == {
        ("kapitel/1/index.html", "../om-utgavan.md#redaktionella-anmarkningar"),
        ("kapitel/1/index.html", "om-utgavan/#rattigheter"),
        ("kapitel/1/index.html", "../../om-utgavan/#finns-inte"),
        ("kapitel/1/index.html", "#p-2"),
        ("om-utgavan/index.html", "../saknas.png"),
        ("s/5/index.html", "../../kapitel/1/#p-9"),
        ("404.html", "om-utgavan/#rattigheter"),
        ("citat.json", "kapitel/9/"),
        ("citat.json", SITE_URL + "kapitel/1/#p-3"),
    }, "\n".join(map(str, result.problems))
    assert set(result.external) == {"https://example.com/x", "mailto:a@example.com"}
    # and the command fails on it
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: t\nsite_url: {SITE_URL}\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    assert main(["--config", str(config), "sitecheck", "--site", str(tmp_path)]) == 1


def _text(fragment: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_404_is_swedish_with_absolute_links_to_the_start_and_every_printed_page(site):
    page = (site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in page
    assert "Not found" not in page and "Made with" not in page
    assert re.search(r"<h1[^>]*>Sidan finns inte</h1>", page)
    base = "/" + sitecheck.site_url_of(CONFIG).split("://", 1)[-1].split("/", 1)[-1]
    links = re.findall(r'\b(?:href|src)="([^"]+)"', page)
    assert all(link.startswith((base, "#", "https://")) for link in links), links
    pages = [m.page for _, m in edition.load(ROOT / "docs", CONFIG).markers_in_order()]
    printed = [int(n) for n in re.findall(r'href="' + re.escape(base) + r's/(\d+)/"', page)]
    assert printed == pages
    assert f'href="{base}"' in page or f'href="{base}."' in page
    assert f'href="{base}utskrift/"' in page


def test_footer_and_rights_section_show_the_one_statement(site):
    statement = edition.rights_statement(CONFIG)
    assert "Anett Schenk och Lunds universitet, Socialhögskolan, 2015" in statement
    about = (site / "om-utgavan" / "index.html").read_text(encoding="utf-8")
    section = about[about.index('id="rattigheter"'):]
    section = section[:section.index("<h2", 1)] if "<h2" in section[1:] else section
    assert statement in _text(section)
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "md-footer" not in html:
            continue  # redirect pages have no footer
        footer = _text(html[html.index('<div class="md-copyright">'):html.index("</footer>")])
        assert footer.startswith(statement), (path, footer)
        assert "Material for MkDocs" not in html, path
