"""The quote explorer on /citat/ (issue 16; docs/javascripts/utforskare.js, markup in docs/citat.md) in
headless Chromium: every expected hit list and count is computed here from the built `citat.json`, never typed.

The facets are combined as the page says: any of the chosen values within a facet, all facets together; the
count after a value is the number of hits if that value were added; the text filter compares lower-cased NFC
text, so "å" is not "a"."""

from __future__ import annotations

import collections
import gzip
import json
import re
import unicodedata
from pathlib import Path

import pytest

from .conftest import axe_violations

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "javascripts/utforskare.js"
BUDGET = 10 * 1024  # bytes, gzip (issue 16)


def as_list(value) -> list:
    """A facet field as a list: the script takes a string, a list or null (issue 13 makes norms lists)."""
    return value if isinstance(value, list) else [] if value in (None, "") else [value]


# URL parameter → the values of a quote (the field names of docs/citat.schema.json)
FACETS = {
    "rost": lambda q: as_list(q["rost_id"]),
    "roll": lambda q: as_list(q["roll"]),
    "tema": lambda q: as_list(q["teman"]),
    "norm": lambda q: as_list(q["norm"]),
    "utrymme": lambda q: as_list(q["handlingsutrymme"]),
    "kapitel": lambda q: [q["url"].split("#")[0].strip("/").replace("/", "-")],
}


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).lower())


def expected(quotes: list[dict], chosen: dict[str, list[str]], text: str = "") -> list[str]:
    """The ids of the quotes the explorer should show, in reading order."""
    needle = fold(text).strip()
    return [q["id"] for q in quotes
            if needle in fold(q["text"])
            and all(not values or set(values) & set(FACETS[f](q)) for f, values in chosen.items())]


def expected_counts(quotes, chosen, text="") -> dict[tuple[str, str], int]:
    counts = {}
    for facet, values_of in FACETS.items():
        for value in {v for q in quotes for v in values_of(q)}:
            added = dict(chosen, **{facet: sorted(set(chosen.get(facet, [])) | {value})})
            counts[(facet, value)] = len(expected(quotes, added, text))
    return counts


@pytest.fixture(scope="module")
def quotes(site) -> list[dict]:
    return json.loads((site / "citat.json").read_text(encoding="utf-8"))["citat"]


def most_common(values):
    return collections.Counter(values).most_common(1)[0][0]


def open_explorer(page, query: str = "") -> None:
    page.goto("citat/" + query)
    page.locator("#utforskare:not([hidden])").wait_for()


def shown(page) -> list[str]:
    return page.locator(".utforskare-traffar > li a").evaluate_all(
        "as => as.map(a => decodeURIComponent(new URL(a.href).hash.slice(1)))")


def shown_counts(page) -> dict[tuple[str, str], int]:
    rows = page.locator(".utforskare-val").evaluate_all(
        "ls => ls.map(l => [l.querySelector('input').name, l.querySelector('input').value,"
        " l.querySelector('.utforskare-n').textContent])")
    return {(name, value): int(count.strip("()")) for name, value, count in rows}


def checked(page) -> dict[str, list[str]]:
    chosen = collections.defaultdict(list)
    for name, value in page.locator(".utforskare-val input:checked").evaluate_all(
            "is => is.map(i => [i.name, i.value])"):
        chosen[name].append(value)
    return dict(chosen)


def assert_shows(page, quotes, chosen, text=""):
    ids = expected(quotes, chosen, text)
    assert shown(page) == ids
    assert shown_counts(page) == expected_counts(quotes, chosen, text)
    assert page.locator(".utforskare-antal").inner_text() == f"{len(ids)} citat"


def selections(quotes) -> list[dict[str, list[str]]]:
    """Facet choices derived from the data: a single value, two facets, two values of one facet (OR), and
    the rarer facets (norm, discretion, chapter)."""
    role = most_common(q["roll"] for q in quotes)
    theme = most_common(t for q in quotes if q["roll"] == role for t in q["teman"])
    voices = sorted({q["rost_id"] for q in quotes if q["roll"] == role})[:2]
    norm = most_common(n for q in quotes for n in as_list(q["norm"]))
    room = most_common(n for q in quotes for n in as_list(q["handlingsutrymme"]))
    chapter = FACETS["kapitel"](quotes[-1])[0]
    return [{"roll": [role]}, {"roll": [role], "tema": [theme]}, {"rost": voices},
            {"norm": [norm], "kapitel": [chapter]}, {"utrymme": [room]}]


def test_the_explorer_starts_with_every_quote_and_its_counts(page, quotes):
    open_explorer(page)
    assert_shows(page, quotes, {})
    assert len(shown(page)) == len(quotes)


def test_picked_facets_show_the_quotes_of_citat_json(page, quotes):
    for chosen in selections(quotes):
        open_explorer(page)
        for facet, values in chosen.items():
            for value in values:
                page.locator(f".utforskare-val input[name='{facet}'][value='{value}']").check()
        assert checked(page) == chosen
        assert_shows(page, quotes, chosen)
        assert len(expected(quotes, chosen)) < len(quotes), chosen  # the choice filters something


def test_each_hit_shows_its_words_printed_attribution_pages_and_place(page, quotes, base_url):
    by_id = {q["id"]: q for q in quotes}
    role = most_common(q["roll"] for q in quotes)
    open_explorer(page, f"?roll={role}")
    hits = page.locator(".utforskare-traffar > li")
    assert hits.count() == len(expected(quotes, {"roll": [role]}))
    for hit in hits.all():
        link = hit.locator("a")
        q = by_id[link.evaluate("a => decodeURIComponent(new URL(a.href).hash.slice(1))")]
        assert link.evaluate("a => a.href") == base_url + q["url"]  # resolved from the site's root
        pages = f"s. {q['sida']}" + (f"–{q['sida_slut']}" if q["sida_slut"] != q["sida"] else "")
        source = hit.locator(".utforskare-kalla").inner_text()
        assert source == f"({q['rost']}, {q['roll']}) {pages}, {q['kapitel']}"
        words = hit.locator("blockquote").inner_text()
        assert " ".join(words.split()) == " ".join(q["text"].split())


def test_a_state_is_restored_from_its_url(page, quotes):
    role = most_common(q["roll"] for q in quotes)
    theme = most_common(t for q in quotes for t in q["teman"])
    word = search_word(quotes, {"roll": [role]})
    open_explorer(page, f"?roll={role}&tema={theme}&sok={word}")
    chosen = {"roll": [role], "tema": [theme]}
    assert checked(page) == chosen
    assert page.locator("#utforskare-sok").input_value() == word
    assert_shows(page, quotes, chosen, word)


def test_the_state_is_written_to_the_url_and_back_walks_it(page, quotes):
    first, second = selections(quotes)[1]["roll"][0], selections(quotes)[1]["tema"][0]
    open_explorer(page)
    page.locator(f"input[name='roll'][value='{first}']").check()
    assert page.url.endswith(f"/citat/?roll={first}")
    page.locator(f"input[name='tema'][value='{second}']").check()
    assert page.url.endswith(f"/citat/?roll={first}&tema={second}")
    assert_shows(page, quotes, {"roll": [first], "tema": [second]})
    page.go_back()
    assert page.url.endswith(f"/citat/?roll={first}")
    assert_shows(page, quotes, {"roll": [first]})
    page.go_back()
    assert page.url.endswith("/citat/")
    assert_shows(page, quotes, {})
    page.go_forward()
    assert_shows(page, quotes, {"roll": [first]})


def search_word(quotes, chosen) -> str:
    """A word of the quotes with a Swedish letter that the choice narrows to some but not all of its hits."""
    pool = expected(quotes, chosen)
    words = collections.Counter(w for q in quotes if q["id"] in pool
                                for w in set(re.findall(r"\w{4,}", fold(q["text"]))) if re.search("[åäö]", w))
    for word, _ in words.most_common():
        if 1 < len(expected(quotes, chosen, word)) < len(pool):
            return word
    raise AssertionError("no search word in the data")


def test_text_filter_folds_case_but_keeps_swedish_letters(page, quotes):
    # a word with å whose plain-a spelling finds other quotes: the filter must not treat them as one
    words = {w for q in quotes for w in re.findall(r"\w*å\w*", fold(q["text"])) if len(w) >= 3}
    word = next(w for w in sorted(words)
                if expected(quotes, {}, w) != expected(quotes, {}, w.replace("å", "a"))
                and expected(quotes, {}, w.replace("å", "a")))
    open_explorer(page)
    field = page.locator("#utforskare-sok")
    for query in (word, word.upper(), word.replace("å", "a")):
        field.fill(query)
        assert_shows(page, quotes, {}, query)
        assert page.url.endswith("/citat/?" + re.sub(r".*\?", "", page.evaluate(
            "q => '?' + new URLSearchParams({sok: q})", query)))
    assert page.locator(".utforskare-traffar mark").first.inner_text().lower() == word.replace("å", "a")


def test_keyboard_alone_drives_the_explorer(page, quotes):
    """Tab to the search field and type, Tab to a checkbox and press Space, Tab to a hit and press Enter,
    come back, Tab to "Rensa filter" and press Enter: no mouse."""
    role = most_common(q["roll"] for q in quotes)
    word = search_word(quotes, {"roll": [role]})
    open_explorer(page)

    def tab_to(selector: str) -> None:
        for _ in range(400):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#utforskare-sok")
    page.keyboard.type(word)
    tab_to(f"input[name='roll'][value='{role}']")
    page.keyboard.press("Space")
    chosen = {"roll": [role]}
    assert_shows(page, quotes, chosen, word)
    first = expected(quotes, chosen, word)[0]
    tab_to(".utforskare-traffar a")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"#{first}$"))
    page.go_back()
    page.locator("#utforskare:not([hidden])").wait_for()
    assert checked(page) == chosen and page.locator("#utforskare-sok").input_value() == word
    tab_to(".utforskare-rensa")
    page.keyboard.press("Enter")
    assert checked(page) == {} and page.locator("#utforskare-sok").input_value() == ""
    assert page.url.endswith("/citat/")
    assert_shows(page, quotes, {})


def test_controls_are_labelled_and_the_count_is_announced(page, quotes):
    open_explorer(page)
    legends = page.locator(".utforskare-faser fieldset > legend").all_inner_texts()
    assert legends == ["Röst", "Roll", "Tema", "Norm", "Handlingsutrymme", "Kapitel"]
    assert page.locator("label[for='utforskare-sok']").inner_text() == "Sök i citatens text"
    assert page.locator("#utforskare-sok").get_attribute("type") == "search"
    live = page.locator(".utforskare-antal")
    assert live.get_attribute("aria-live") == "polite" and live.get_attribute("role") == "status"
    assert live.inner_text() == f"{len(quotes)} citat"
    assert page.get_by_role("button", name="Rensa filter").is_visible()
    # every checkbox is named by its label: the value's name and its count
    names = page.locator(".utforskare-val input").evaluate_all("is => is.map(i => i.labels[0].innerText)")
    assert all(re.fullmatch(r"\S.* \(\d+\)", n) for n in names), names


def test_labels_of_norms_and_discretion_come_from_citat_json(page, quotes, site):
    """citat.json holds the ids of norms and kinds of discretion and, in `etiketter`, their names from the
    vocabularies (export.quotes.labels): the explorer shows those names."""
    labels = json.loads((site / "citat.json").read_text(encoding="utf-8"))["etiketter"]
    open_explorer(page)
    for field, facet in (("norm", "norm"), ("handlingsutrymme", "utrymme")):
        shown_names = page.locator(f".utforskare-val input[name='{facet}']").evaluate_all(
            "is => is.map(i => [i.value, i.labels[0].innerText.replace(/ \\(\\d+\\)$/, '')])")
        ids = {v for q in quotes for v in as_list(q[field])}
        assert ids and dict(shown_names) == {v: labels[field][v] for v in ids}


def test_facet_fields_may_be_lists(page, quotes):
    """Issue 13 makes norm and discretion lists: the script reads a list as well as a string."""
    changed = json.loads(json.dumps(quotes))
    norms = sorted({n for q in quotes for n in as_list(q["norm"])})
    for i, q in enumerate(changed):
        q["norm"] = [norms[i % len(norms)], norms[(i + 1) % len(norms)]] if i % 2 else as_list(q["norm"])
        q["handlingsutrymme"] = as_list(q["handlingsutrymme"])
    page.route("**/citat.json", lambda r: r.fulfill(json={"citat": changed}))
    chosen = {"norm": [norms[0]]}
    open_explorer(page, f"?norm={norms[0]}")
    assert_shows(page, changed, chosen)
    assert expected(changed, chosen) != expected(quotes, chosen)  # the lists made a difference


def test_without_javascript_the_registers_are_the_page(browser, base_url, quotes):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("citat/")
    assert page.locator("#utforskare").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator("#alla + ul > li").count() == len(quotes)
    context.close()


def test_without_its_data_the_explorer_gives_way_to_the_registers(page, quotes):
    page.route("**/citat.json", lambda r: r.fulfill(status=404, body=""))
    page.goto("citat/")
    page.wait_for_load_state("networkidle")
    page.locator("#utforskare.utforskare-fel").wait_for(state="attached")
    assert page.locator("#utforskare").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator("#alla + ul > li").count() == len(quotes)


@pytest.mark.parametrize("query", ["", "?roll={role}"])
def test_the_page_does_not_shift_when_the_explorer_appears(page, quotes, query):
    """Lighthouse's mobile viewport (412 × 823): the explorer keeps its place until it has the data, so the
    registers below never move within sight (cumulative layout shift 0)."""
    page.set_viewport_size({"width": 412, "height": 823})
    page.add_init_script("""window.__shift = 0;
      new PerformanceObserver(l => l.getEntries().forEach(e => { if (!e.hadRecentInput) window.__shift += e.value; }))
        .observe({type: 'layout-shift', buffered: true});""")
    open_explorer(page, query.format(role=most_common(q["roll"] for q in quotes)))
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shift") == 0


def test_nothing_leaves_127_0_0_1_and_no_script_fails(page, quotes, outside):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    role = most_common(q["roll"] for q in quotes)
    open_explorer(page, f"?roll={role}&sok={search_word(quotes, {'roll': [role]})}")
    page.wait_for_load_state("networkidle")
    page.locator("#utforskare-sok").fill("")
    page.locator(".utforskare-val input").first.check()
    assert outside == [] and errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_the_explorer(page, quotes, axe_source, scheme):
    """The explorer (#utforskare, all the script changes) with a control focused, unfiltered and filtered; the
    whole page around it, in both schemes, is test_browser.py's per-page axe run (after the scripts ran)."""
    role = most_common(q["roll"] for q in quotes)
    failures = []
    # the scheme set before the first load (a new page has nothing stored): Material keeps the scheme of its
    # first page
    page.emulate_media(color_scheme=scheme)
    for query in ("", f"?roll={role}&sok={search_word(quotes, {'roll': [role]})}"):
        open_explorer(page, query)
        page.locator(".utforskare-val input").first.focus()
        result = axe_violations(page, axe_source, "{include: ['#utforskare']}")
        failures += [f"/citat/{query} ({scheme}): {r}" for r in result]
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == \
        ("slate" if scheme == "dark" else "default")
    assert failures == [], "\n".join(failures)


def test_the_script_weighs_at_most_10_kb_gzip(site):
    size = len(gzip.compress((site / SCRIPT).read_bytes(), compresslevel=9))
    assert size <= BUDGET, f"{SCRIPT}: {size} bytes gzip > {BUDGET}"
    html = (site / "citat" / "index.html").read_text(encoding="utf-8")
    assert f'<script type="module" src="../{SCRIPT}"></script>' in html
    # loaded by /citat/ only
    others = [p for p in site.rglob("*.html") if SCRIPT in p.read_text(encoding="utf-8")]
    assert others == [site / "citat" / "index.html"]
