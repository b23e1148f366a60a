"""The pieces of schenk_edition.site.assets (the build's asset step) that need no browser: the stylesheet parser
gives Material's stylesheets back unchanged, a rule is pruned only when a word it requires occurs nowhere, the
minifiers and the whitespace collapse leave what renders as it was, and a build with the same input reads the
pruned stylesheets from the cache. (That no page's style changes: tests/browser/test_styles.py.)"""

from __future__ import annotations

from pathlib import Path

import material
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from schenk_edition.site import assets

ROOT = Path(__file__).resolve().parents[1]
MATERIAL = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def test_the_parser_gives_materials_stylesheets_back_unchanged():
    sheets = sorted(MATERIAL.glob("*.min.css"))
    assert sheets
    for sheet in sheets:
        text = assets._MAP_COMMENT.sub("", sheet.read_text(encoding="utf-8"))
        assert assets.emit_css(assets.parse_css(text)) == text, sheet.name


def usage(html: str, script: str = "") -> assets.Usage:
    return assets.Usage([html], [script])


def test_a_selector_is_pruned_only_when_a_word_it_requires_occurs_nowhere():
    u = usage('<div class="a b" data-x="one"></div>', 'el.classList.add("c");x=`pre--${y}`')
    used = ["div.a", ".a .b", ".c", ".pre--anything", "[data-x=one]", "[data-x]", ".a:not(.missing)",
            ":is(.missing, .a) .b", ".a:hover::before", "div", "[data-x=one] .a>.b"]
    unused = [".missing", ".a .missing", "[data-y]", "[data-x=two]", ":is(.missing, .other)", "#nowhere",
              ".a :where(.no, .none)"]
    assert [s for s in used if not assets.selector_used(s, u)] == []
    assert [s for s in unused if assets.selector_used(s, u)] == []


def test_pruning_keeps_at_rules_and_drops_properties_nothing_reads():
    css = ("@charset \"UTF-8\";:root{--used:1px;--unused:2px;--chain:3px;--only-by-unused:var(--chain)}"
           ".a{width:var(--used)}.gone{height:var(--unused)}@media print{.gone{color:red}.a{color:red}}"
           "@keyframes k{0%{opacity:0}to{opacity:1}}")
    out = assets.prune_css({"x": css}, usage('<p class="a">'), [])["x"]
    assert out == ("@charset \"UTF-8\";:root{--used:1px}.a{width:var(--used)}@media print{.a{color:red}}"
                   "@keyframes k{0%{opacity:0}to{opacity:1}}")


def test_minified_css_keeps_strings_and_the_spaces_that_separate():
    css = '/* note */\n.a > .b ,\n .c { content: " <" attr(href) ">" ; width: calc(1em + 2px) ; }\n'
    assert assets.minify_css(css) == '.a>.b,.c{content:" <" attr(href) ">";width:calc(1em + 2px)}'


def test_minified_js_drops_comments_and_indentation_and_leaves_template_text_alone():
    js = '/* head\n   comment */\n(function () {\n  // a note\n  var a = "//not a comment";\n})();\n'
    assert assets.minify_js(js) == '(function () {\nvar a = "//not a comment";\n})();\n'
    template = "const t = `line one\n   line two`;\n"
    assert assets.minify_js(template) == template


def test_whitespace_collapses_outside_pre_code_and_scripts():
    html = "<p>\n    one\n\n  two</p>\n  <pre>  keep\n\n  this</pre>\n <script>\n  x  \n</script>"
    assert assets.collapse_whitespace(html) == "<p>\none\ntwo</p>\n<pre>  keep\n\n  this</pre>\n<script>\n  x  \n</script>"


def _no_pruning(*args, **kwargs):
    raise AssertionError("prune_css ran: the cache held the same input")


def test_the_pruned_stylesheets_come_from_the_cache_for_the_same_input(tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "CACHE", tmp_path / "cache")  # absolute: the project's cache is not used
    sheets = {"main.css": ".a{color:red}.b{color:blue}", "palette.css": ":root{--x:1px}.c{width:var(--x)}"}
    u = usage('<p class="a c">')
    first = assets.pruned_material_css(sheets, u, [], tmp_path)
    assert first == assets.prune_css(sheets, u, [])
    assert first["main.css"] == ".a{color:red}"
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1
    monkeypatch.setattr(assets, "prune_css", _no_pruning)
    assert assets.pruned_material_css(sheets, usage('<p class="a c">'), [], tmp_path) == first


def test_a_change_of_any_input_is_a_new_key():
    sheets, u, ours = {"main.css": ".a{color:red}.b{color:blue}"}, usage('<p class="a">'), [".x{color:red}"]
    key = assets.cache_key(sheets, u, ours)
    assert assets.cache_key(dict(sheets), usage('<p class="a">'), list(ours)) == key
    changed = [assets.cache_key(sheets, usage('<p class="a b">'), ours),  # a class more on a page
               assets.cache_key(sheets, usage('<p class="a">', 'x=`b-${y}`'), ours),  # a name a script builds
               assets.cache_key(sheets, usage('<p class="a" style="width:var(--w)">'), ours),  # a property read
               assets.cache_key({"main.css": ".a{color:red}"}, u, ours),
               assets.cache_key({"other.css": sheets["main.css"]}, u, ours),
               assets.cache_key(sheets, u, [".x{color:blue}"])]
    assert len({key, *changed}) == len(changed) + 1


def test_a_second_build_reads_the_pruned_stylesheets_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(assets, "CACHE", tmp_path / "cache")
    real_prune = assets.prune_css
    for n in (1, 2):
        if n == 2:  # the same sources: the pruned stylesheets are read, never computed
            monkeypatch.setattr(assets, "prune_css", _no_pruning)
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / f"site{n}")))
    first, second = ({p.name: p.read_text(encoding="utf-8") for p in assets.material_css(tmp_path / f"site{n}")}
                     for n in (1, 2))
    assert first and first == second
    # and what was read is what the pruning gives for this site: Material's own stylesheets, the site's usage
    site = tmp_path / "site1"
    originals = {name: assets._MAP_COMMENT.sub("", (MATERIAL / name).read_text(encoding="utf-8")) for name in first}
    assert first == real_prune(originals, assets.site_usage(site), [(site / assets.BUNDLE).read_text(encoding="utf-8")])


def test_a_site_seen_before_is_not_read_for_its_usage(tmp_path, monkeypatch):
    """`pruned_site_css`: the same site's texts find the pruned stylesheets without reading the usage; a site
    whose texts changed but whose usage did not finds them under the usage's key, without pruning again."""
    monkeypatch.setattr(assets, "CACHE", tmp_path / "cache")
    sheets = {"main.css": ".a{color:red}.b{color:blue}"}
    html, scripts = ['<p class="a">text</p>'], ["let x = 1"]
    first = assets.pruned_site_css(sheets, html, scripts, [], tmp_path)
    assert first == assets.prune_css(sheets, assets.Usage(html, scripts), [])
    real_usage = assets.Usage

    def no_usage(*args):
        raise AssertionError("the usage was read: the cache held the same site")

    monkeypatch.setattr(assets, "Usage", no_usage)
    assert assets.pruned_site_css(sheets, list(html), list(scripts), [], tmp_path) == first
    monkeypatch.setattr(assets, "Usage", real_usage)
    monkeypatch.setattr(assets, "prune_css", _no_pruning)
    assert assets.pruned_site_css(sheets, ['<p class="a">other words</p>'], scripts, [], tmp_path) == first
    with pytest.raises(AssertionError, match="prune_css ran"):  # a class more: pruned again
        assets.pruned_site_css(sheets, ['<p class="a b">text</p>'], scripts, [], tmp_path)
    keys = {assets.texts_key(sheets, html, scripts, []), assets.texts_key(sheets, html, scripts, [".x{}"]),
            assets.texts_key(sheets, html + [""], scripts, []), assets.texts_key(sheets, [], html + scripts, []),
            assets.texts_key({"main.css": ".a{}"}, html, scripts, [])}
    assert len(keys) == 5


def test_the_line_by_line_collapse_is_the_pattern_s():
    """`_collapse_breaks` does what `_BREAK_RUN.sub("\\n", …)` does (spaces and tabs before a break, all
    whitespace after it, non-breaking and other Unicode spaces included), on every short mix of the characters
    that matter and on pages of the edition's sources."""
    import itertools

    alphabet = [" ", "\t", "\n", "\xa0", "\r", "a", "\u2003"]
    for n in range(6):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars)
            assert assets._collapse_breaks(text) == assets._BREAK_RUN.sub("\n", text), repr(text)
    for page in sorted((ROOT / "docs").rglob("*.md"))[:8]:
        text = page.read_text(encoding="utf-8")
        assert assets._collapse_breaks(text) == assets._BREAK_RUN.sub("\n", text), page
