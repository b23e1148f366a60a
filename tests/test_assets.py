"""The pieces of scripts/hooks/prune_assets.py that need no browser: the stylesheet parser gives Material's
stylesheets back unchanged, a rule is pruned only when a word it requires occurs nowhere, and the minifiers
and the whitespace collapse leave what renders as it was. (That no page's style changes: tests/browser/
test_styles.py.)"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("prune_assets", ROOT / "scripts" / "hooks" / "prune_assets.py")
pa = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pa)
MATERIAL = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def test_the_parser_gives_materials_stylesheets_back_unchanged():
    sheets = sorted(MATERIAL.glob("*.min.css"))
    assert sheets
    for sheet in sheets:
        text = pa._MAP_COMMENT.sub("", sheet.read_text(encoding="utf-8"))
        assert pa.emit_css(pa.parse_css(text)) == text, sheet.name


def usage(html: str, script: str = "") -> "pa.Usage":
    return pa.Usage([html], [script])


def test_a_selector_is_pruned_only_when_a_word_it_requires_occurs_nowhere():
    u = usage('<div class="a b" data-x="one"></div>', 'el.classList.add("c");x=`pre--${y}`')
    used = ["div.a", ".a .b", ".c", ".pre--anything", "[data-x=one]", "[data-x]", ".a:not(.missing)",
            ":is(.missing, .a) .b", ".a:hover::before", "div", "[data-x=one] .a>.b"]
    unused = [".missing", ".a .missing", "[data-y]", "[data-x=two]", ":is(.missing, .other)", "#nowhere",
              ".a :where(.no, .none)"]
    assert [s for s in used if not pa.selector_used(s, u)] == []
    assert [s for s in unused if pa.selector_used(s, u)] == []


def test_pruning_keeps_at_rules_and_drops_properties_nothing_reads():
    css = ("@charset \"UTF-8\";:root{--used:1px;--unused:2px;--chain:3px;--only-by-unused:var(--chain)}"
           ".a{width:var(--used)}.gone{height:var(--unused)}@media print{.gone{color:red}.a{color:red}}"
           "@keyframes k{0%{opacity:0}to{opacity:1}}")
    out = pa.prune_css({"x": css}, usage('<p class="a">'), [])["x"]
    assert out == ("@charset \"UTF-8\";:root{--used:1px}.a{width:var(--used)}@media print{.a{color:red}}"
                   "@keyframes k{0%{opacity:0}to{opacity:1}}")


def test_minified_css_keeps_strings_and_the_spaces_that_separate():
    css = '/* note */\n.a > .b ,\n .c { content: " <" attr(href) ">" ; width: calc(1em + 2px) ; }\n'
    assert pa.minify_css(css) == '.a>.b,.c{content:" <" attr(href) ">";width:calc(1em + 2px)}'


def test_minified_js_drops_comments_and_indentation_and_leaves_template_text_alone():
    js = '/* head\n   comment */\n(function () {\n  // a note\n  var a = "//not a comment";\n})();\n'
    assert pa.minify_js(js) == '(function () {\nvar a = "//not a comment";\n})();\n'
    template = "const t = `line one\n   line two`;\n"
    assert pa.minify_js(template) == template


def test_whitespace_collapses_outside_pre_code_and_scripts():
    html = "<p>\n    one\n\n  two</p>\n  <pre>  keep\n\n  this</pre>\n <script>\n  x  \n</script>"
    assert pa.collapse_whitespace(html) == "<p>\none\ntwo</p>\n<pre>  keep\n\n  this</pre>\n<script>\n  x  \n</script>"
