"""The built site in headless Chromium (fixtures in tests/browser/conftest.py): search, tooltips, printed-page
addresses, the cite box, privacy, accessibility (axe-core) and keyboard access."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from schenk_edition.export import cite
from schenk_edition.model import edition as edition_model
from schenk_edition.model import pages as model_pages
from schenk_edition.core.urls import url_of

from .conftest import axe_violations

ROOT = Path(__file__).resolve().parents[2]


def content_pages(site: Path) -> list[str]:
    """Every page of the site a reader reads (not the /s/N/ and redirect stubs, not 404.html)."""
    urls = []
    for path in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            continue
        rel = path.parent.relative_to(site).as_posix()
        urls.append("" if rel == "." else rel + "/")
    return urls


# The pages a reader reads, from the edition's model (known when the tests are collected); the built site must
# hold exactly these (the test below), so that a page the model misses cannot escape the per-page tests.
PAGES = [url_of(doc.path) for doc in edition_model.load().documents]


def test_content_pages_found(site):
    pages = content_pages(site)
    assert "" in pages and "kapitel/7/" in pages and "om-utgavan/" in pages
    assert not any(p.startswith("s/") for p in pages)
    assert sorted(pages) == sorted(PAGES), "the per-page browser tests must see every page of the site"


def open_search(page, query: str) -> None:
    page.keyboard.press("s")  # Material's shortcut: opens the search and focuses its field
    field = page.locator("input.md-search__input")
    field.wait_for(state="visible")
    field.press_sequentially(query, delay=15)
    page.locator(".md-search-result__item").first.wait_for()


def test_search_for_handlingsutrymme_puts_chapter_7_first(page):
    page.goto("")
    open_search(page, "handlingsutrymme")
    first = page.locator(".md-search-result__item > a").first.evaluate("a => new URL(a.href).pathname")
    assert first == "/kapitel/7/", first


def _tooltip_text(page) -> str:
    page.wait_for_timeout(400)  # Material shows its tooltips after a short delay
    return page.evaluate("() => [...document.querySelectorAll('.md-tooltip2--active')]"
                         ".map(t => t.innerText).join(' ')")


def _shows_note_on_hover_and_focus(page, ref) -> None:
    href = ref.get_attribute("href")
    note = page.locator(f"[id='{href[1:]}']").inner_text()
    words = " ".join(note.split()[:6])
    ref.hover()
    assert words in " ".join(_tooltip_text(page).split()), "no tooltip on hover"
    page.mouse.move(0, 0)
    page.wait_for_timeout(400)
    assert words not in " ".join(_tooltip_text(page).split()), "the tooltip stays after the pointer left"
    ref.focus()
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == href
    assert words in " ".join(_tooltip_text(page).split()), "no tooltip on keyboard focus"


def test_footnote_shows_its_text_on_hover_and_keyboard_focus(page):
    page.goto("kapitel/2/")
    ref = page.locator("a.footnote-ref[href^='#fn:']").filter(has_text=re.compile(r"^\d+$")).first
    _shows_note_on_hover_and_focus(page, ref)


def test_citation_shows_its_reference_on_hover_and_keyboard_focus(page, site):
    """A citation of a work (issue 3): a note reference that is not one of the report's numbered footnotes
    (`#fn:1` … `#fn:15`) — a mkdocs-bibtex note or the edition's `a.citering` link to the page's references."""
    found = None
    for url in content_pages(site):
        if url == "utskrift/":  # the print view renders its parts only near the viewport; its notes are tested there
            continue
        html = (site / url / "index.html").read_text(encoding="utf-8")
        for tag in re.findall(r"<a\b[^>]*>", html):
            if re.search(r'class="[^"]*\bcitering\b', tag) and (m := re.search(r'href="#([^"]+)"', tag)):
                found = (url, m.group(1))
                break
        if found:
            break
    assert found is not None, "no citation of a work (a.citering) in any built page: the citations are lost"
    page.goto(found[0])
    _shows_note_on_hover_and_focus(page, page.locator(f"a.footnote-ref[href='#{found[1]}']").first)


def test_printed_page_address_lands_on_its_marker(page):
    page.goto("s/26/")
    page.wait_for_url(re.compile(r"#s-26$"))
    page.wait_for_timeout(300)
    box = page.locator("#s-26").bounding_box()
    height = page.viewport_size["height"]
    assert box is not None and 0 <= box["y"] < height, box
    assert page.evaluate("() => document.querySelector(':target')?.id") == "s-26"


def test_cite_box_gives_the_pages_of_the_unit_and_of_a_passage_and_copies(page):
    ed = edition_model.load()
    doc = ed.page_home(26)
    first, last = model_pages.document_pages(ed, doc)
    url = url_of(doc.path)
    page.goto(url)
    report = page.locator("#citera-rapport")
    assert f"(s. {first}–{last})" in report.inner_text()
    assert not page.locator(".citera-stalle").is_visible()
    page.goto(url + "#s-26")
    assert "(s. 26)" in report.inner_text()
    assert page.locator("#citera-utgava .citera-url").get_attribute("href").endswith(f"/{url}#s-26")
    button = page.locator("button[data-kopiera='citera-rapport']")
    button.focus()
    page.keyboard.press("Enter")
    page.locator(".citera-status").filter(has_text="Kopierat.").wait_for()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == " ".join(report.inner_text().split())
    assert copied.startswith("Schenk, A. (2015). Mellan handläggare och administratör") and "(s. 26)" in copied
    page.locator("button[data-kopiera='citera-utgava']").click()
    page.locator(".citera-status").filter(has_text="Kopierat.").wait_for()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert f"/{url}#s-26" in copied and "Hämtad" in copied


def test_cite_box_downloads_exist(page, site):
    page.goto("kapitel/7/")
    for link in page.locator(".citera-nedladdning a").all():
        response = page.request.get(page.url + link.get_attribute("href"))
        assert response.ok, link.get_attribute("href")
        assert "978-91-7623-582-9" in response.text()


def test_the_search_loads_its_files_locally_and_no_script_fails(page, outside):
    local, errors = [], []
    page.on("request", lambda r: local.append(r.url))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    page.goto("kapitel/1/")
    open_search(page, "handläggare")  # the search's own files load when it opens
    page.wait_for_load_state("networkidle")
    assert any("search_index.json" in u for u in local), "the search index was never loaded"
    assert outside == [], f"requests that tried to leave 127.0.0.1: {sorted(set(outside))}"
    assert errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", PAGES)
def test_no_request_leaves_127_0_0_1_no_script_fails_and_axe_finds_no_violation(page, url, scheme, outside,
                                                                                  axe_source):
    """Every page a reader reads, in both colour schemes, one load each (one test a page and scheme, so that the
    runs spread over the test workers): no request leaves 127.0.0.1, no script fails, no CSP violation (the
    `page` fixture), and axe-core finds nothing. A fresh context each: Material keeps the scheme of the first page
    it showed (localStorage), so the scheme is set before the page loads."""
    errors = []
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    page.emulate_media(color_scheme=scheme)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert outside == [], f"requests that tried to leave 127.0.0.1: {sorted(set(outside))}"
    assert errors == []
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == \
        ("slate" if scheme == "dark" else "default")
    assert axe_violations(page, axe_source) == []


# Elements a reader operates with the keyboard: links, buttons, fields and whatever has tabindex ≥ 0, if
# visible (not in a collapsed navigation section, not the closed search's own buttons with tabindex -1); of a
# radio group (the colour-scheme switch) the checked one: the arrow keys move within the group. Material's
# `input.md-toggle` checkboxes hold state (drawer, search, sections) and are operated through their labels.
INTERACTIVE = """() => [...document.querySelectorAll(
  'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
  .filter(e => e.getAttribute('tabindex') !== '-1' && !e.disabled
            && !(e.type === 'radio' && !e.checked)
            && !e.matches('input.md-toggle')
            && (e.checkVisibility({visibilityProperty: true}) || e.matches('input.md-option'))
            && !e.closest('[hidden], [inert], [aria-hidden=true]'))"""


@pytest.mark.parametrize("url", ["", "kapitel/7/", "kapitel/5/#s-26", "citat/"])
def test_every_control_is_reachable_by_keyboard(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    # Each control that takes the focus is recorded by the page as it gets it (focusin: it is then the active
    # element), so the walk reads the record once per round of Tabs instead of once per Tab.
    total = page.evaluate(f"() => {{ window.__controls = ({INTERACTIVE})(); "
                          "window.__controls.forEach((e, i) => e.setAttribute('data-control', i)); "
                          "window.__reached = new Set(); document.addEventListener('focusin', e => { "
                          "const i = e.target.getAttribute?.('data-control'); if (i !== null && i !== undefined) "
                          "window.__reached.add(Number(i)); }, true); return window.__controls.length; }")
    assert total > 10
    reached: set[int] = set()
    presses = 0
    while presses < total * 3 and len(reached) < total:
        # a first round of one Tab a control, then as many as are still missing (at least five)
        step = min(max(total - len(reached), 5), total * 3 - presses)
        for _ in range(step):
            page.keyboard.press("Tab")
        presses += step
        reached = set(page.evaluate("() => [...window.__reached]"))
    missing = page.evaluate("(reached) => window.__controls.filter((e, i) => !reached.includes(i))"
                            ".map(e => e.outerHTML.slice(0, 120))", sorted(reached))
    assert missing == [], "not reachable with Tab:\n" + "\n".join(missing)
