"""The stylesheets the site sends are smaller, not different (issue 18; schenk_edition.site.assets): Material's
main and palette stylesheets without the rules no page can use, and the edition's three stylesheets as one
minified file. Every element of a page — and its ::before and ::after — gets the same computed style from
them as from the stylesheets they are made from (Material's own files, served in their place, and the
edition's sources in docs/stylesheets/): on every page, in the light and the dark scheme, on a phone and a
desktop, with the drawer, the search, a footnote's tooltip and a term's definition open, and in print.

The comparison is shown to fail: a stylesheet pruned for a site without one class the pages use gives
elements another style, and the test names them."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from schenk_edition.core.yamlio import read_config
from schenk_edition.model import edition as edition_model
from schenk_edition.site import assets
from schenk_edition.tools.budget import site_pages

from .test_browser import open_search

ROOT = Path(__file__).resolve().parents[2]
MATERIAL = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
PAGES = site_pages(edition_model.load())

# Transitions and animations off in both renderings (the same rule in each), so that a style is read at rest.
STILL = "*,*::before,*::after{transition:none!important;animation:none!important}"

# Per element (document order) and pseudo-element: a hash of every computed property, in one pass in the page.
# Custom properties (--md-…) are not compared: the pruning drops the ones nothing reads, which style nothing; the
# ones read give their values to the properties compared. A ::before or ::after without content is not drawn:
# only its `content` is compared.
NAMES = "[...getComputedStyle(document.documentElement)].filter(p => !p.startsWith('--'))"
SNAPSHOT = """() => {
  const names = %s, out = [];
  const hash = s => { let h = 0x811c9dc5; for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0; } return h; };
  for (const el of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const cs = getComputedStyle(el, pseudo);
      const content = cs.getPropertyValue('content');
      if (pseudo && (content === 'none' || content === 'normal')) { out.push(content); continue; }
      let s = '';
      for (const p of names) s += cs.getPropertyValue(p) + ';';
      out.push(hash(s));
    }
  }
  return out;
}""" % NAMES

DETAIL = """(index) => {
  const names = %s;
  const el = document.querySelectorAll('*')[Math.floor(index / 3)];
  const pseudo = [null, '::before', '::after'][index %% 3];
  const cs = getComputedStyle(el, pseudo);
  const props = {};
  for (const p of names) props[p] = cs.getPropertyValue(p);
  const id = el.id ? '#' + el.id : '';
  const cls = el.classList.length ? '.' + [...el.classList].join('.') : '';
  return {where: el.tagName.toLowerCase() + id + cls + (pseudo || ''), props};
}""" % NAMES


def original_sheets(site: Path) -> dict[str, str]:
    """The path of each stylesheet the site sends -> the text it is made from."""
    config = read_config(ROOT / "mkdocs.yml")
    sources = assets.local_css(ROOT / "docs", config["extra_css"])
    sheets = {assets.BUNDLE: "\n".join((ROOT / "docs" / s).read_text(encoding="utf-8") for s in sources)}
    for path in assets.material_css(site):
        sheets[path.relative_to(site).as_posix()] = (MATERIAL / path.name).read_text(encoding="utf-8")
    return sheets


@pytest.fixture(scope="module")
def originals(site) -> dict[str, str]:
    sheets = original_sheets(site)
    assert len(sheets) == 3, sheets.keys()  # main, palette and the edition's bundle
    return sheets


def open_page(new_page, base_url: str, url: str, scheme: str, width: int, replace: dict[str, str] | None,
              media: str = "screen"):
    """A page of the built site (a new page of the worker's context); `replace`: stylesheet path -> the text
    served in its place."""
    page = new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(media=media, color_scheme=scheme, reduced_motion="reduce")
    if replace:
        paths = "|".join(re.escape(path) for path in replace)
        page.route(re.compile(f"^{re.escape(base_url)}(?:{paths})(?:\\?.*)?$"),
                   lambda r: r.fulfill(status=200, content_type="text/css",
                                       body=replace[r.request.url[len(base_url):].split("?")[0]]))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.add_style_tag(content=STILL)
    return page


def differences(new_page, base_url: str, url: str, scheme: str, width: int, replace: dict[str, str],
                state=None, media: str = "screen", against: dict[str, str] | None = None) -> list[str]:
    """The elements whose computed style differs between the site's stylesheets (or `against`) and `replace`,
    with the first properties that differ."""
    shots = []
    for sheets in (against, replace):
        page = open_page(new_page, base_url, url, scheme, width, sheets, media)
        if state:
            state(page)
        page.wait_for_timeout(100)
        shots.append((page, page.evaluate(SNAPSHOT)))
    (p1, a), (p2, b) = shots
    assert len(a) == len(b), f"/{url}: the pages have different elements ({len(a)} and {len(b)})"
    found = []
    for i in [i for i, (x, y) in enumerate(zip(a, b)) if x != y][:5]:
        one, two = p1.evaluate(DETAIL, i), p2.evaluate(DETAIL, i)
        props = [f"{k}: {one['props'][k]!r} ≠ {two['props'].get(k)!r}" for k in one["props"]
                 if one["props"][k] != two["props"].get(k)][:4]
        found.append(f"/{url} {scheme} {width}px {media}: {one['where']}: {'; '.join(props)}")
    return found


def open_drawer(page):
    page.locator("label.md-header__button[for='__drawer']").click()


def search(page):
    open_search(page, "handläggare")


def footnote_tooltip(page):
    page.locator("a.footnote-ref[href^='#fn:']").first.hover()
    page.wait_for_timeout(500)


def term_tooltip(page):
    page.locator("a.citat-term").first.hover()
    page.wait_for_timeout(100)


# Every rule of Material's own stylesheets (parsed by the browser) whose selector matches an element of the page,
# in any state (:hover, :focus, :checked … and pseudo-elements left out), must be in the stylesheet the site
# sends. Media queries are not evaluated: a rule for another width or for print counts too.
STATES = ("hover|focus|focus-visible|focus-within|active|checked|target|visited|link|any-link|disabled|enabled|"
          "indeterminate|placeholder-shown|invalid|valid|required|optional|empty|first-child|last-child|only-child|"
          "defined|before|after|marker|placeholder|selection|first-line|first-letter|backdrop|-webkit-[\\w-]+|"
          "-moz-[\\w-]+")
MISSING_RULES = """([originals, sent]) => {
  const states = /::?(?:%s)(?![\\w-])/g;
  const split = text => { const out = []; let depth = 0, cur = '';
    for (const c of text) { if (c === '(' || c === '[') depth++; if (c === ')' || c === ']') depth--;
      if (c === ',' && depth === 0) { out.push(cur.trim()); cur = ''; } else cur += c; }
    out.push(cur.trim()); return out; };
  const selectors = (rules, into) => { for (const r of rules) {
    if (r.selectorText !== undefined) for (const s of split(r.selectorText)) into.push(s);
    if (r.cssRules && r.selectorText === undefined) selectors(r.cssRules, into); } return into; };
  const sheet = text => { const s = new CSSStyleSheet(); s.replaceSync(text); return s; };
  const kept = new Set(sent.flatMap(text => selectors(sheet(text).cssRules, [])));
  const missing = [];
  for (const text of originals) for (const s of selectors(sheet(text).cssRules, [])) {
    if (kept.has(s)) continue;
    let probe = s.replace(states, '').replace(/:(?:not|is|where)\\(\\s*\\)/g, '').trim();
    if (!probe || /[>+~]$/.test(probe)) probe += '*';
    if (/^[>+~]/.test(probe)) probe = '*' + probe;
    try { if (document.querySelector(probe)) missing.push(s); } catch (e) { missing.push(s + ' (' + probe + ')'); }
  }
  return missing;
}""" % STATES


def test_no_rule_a_page_uses_is_pruned(new_page, base_url, site, originals):
    material = [p for p in originals if p != assets.BUNDLE]
    own = [originals[p] for p in material]
    sent = [(site / p).read_text(encoding="utf-8") for p in material]
    page = open_page(new_page, base_url, PAGES[0], "light", 1280, None)
    missing = {}
    for url in PAGES:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if found := page.evaluate(MISSING_RULES, [own, sent]):
            missing[url] = found[:10]
    assert missing == {}, f"rules pruned that match an element: {missing}"


@pytest.mark.parametrize(("url", "scheme", "width", "state", "media"), [
    ("kapitel/6/", "dark", 390, None, "screen"),
    ("citat/", "light", 1280, None, "screen"),
    ("404.html", "light", 390, None, "screen"),
    ("kapitel/6/", "light", 390, open_drawer, "screen"),
    ("", "dark", 1280, search, "screen"),
    ("kapitel/2/", "light", 1280, footnote_tooltip, "screen"),
    ("kapitel/6/", "dark", 1280, term_tooltip, "screen"),
    ("utskrift/", "light", 1280, None, "print"),
])
def test_the_same_computed_styles_in_each_scheme_width_state_and_print(new_page, base_url, originals, url, scheme,
                                                                       width, state, media):
    assert differences(new_page, base_url, url, scheme, width, originals, state, media) == []


def test_a_stylesheet_pruned_without_a_used_class_is_caught(new_page, base_url, site, originals):
    """Both checks fail when the pruning takes a rule a page uses: Material's stylesheet pruned for a site whose
    pages lack the class `md-nav__link` (the navigation's links) misses rules that match, and styles the links
    differently."""
    usage = assets.site_usage(site)
    assert "md-nav__link" in usage.words
    usage.words.discard("md-nav__link")
    main = next(p for p in originals if "/main." in p)
    broken = assets.prune_css({main: originals[main]}, usage, [])[main]
    page = open_page(new_page, base_url, "kapitel/6/", "light", 1280, None)
    missing = page.evaluate(MISSING_RULES, [[originals[main]], [broken]])
    assert missing and all("md-nav__link" in s for s in missing), missing
    found = differences(new_page, base_url, "kapitel/6/", "light", 1280, {**originals, main: broken},
                        against=originals)
    assert found and any("md-nav__link" in line for line in found), found


@pytest.mark.parametrize("width", [320, 412])
def test_each_print_view_part_stands_in_at_no_less_than_its_height(new_page, base_url, width):
    """/utskrift/ renders a part only near the screen; until then the part stands in at `--del-hojd`
    (scripts/hooks/accessibility.py, docs/stylesheets/utskrift.css). A stand-in shorter than its part let the
    part's content overlap the next part and the footer (axe-core: color-contrast, target-size)."""
    page = open_page(new_page, base_url, "utskrift/", "light", width, None)
    stand_ins = page.evaluate("[...document.querySelectorAll('section.utskrift-del + section.utskrift-del')]"
                              ".map(s => [s.id, getComputedStyle(s).containIntrinsicHeight])")
    page.add_style_tag(content="section.utskrift-del{content-visibility:visible!important}")
    real = dict(page.evaluate("[...document.querySelectorAll('section.utskrift-del')]"
                              ".map(s => [s.id, s.getBoundingClientRect().height])"))
    assert len(stand_ins) == len(real) - 1 > 10
    short = [(part, size, round(real[part])) for part, size in stand_ins
             if not re.fullmatch(r"auto \d+px", size) or float(size[5:-2]) < real[part]]
    assert short == [], f"parts taller than their stand-in at {width} px: {short}"
