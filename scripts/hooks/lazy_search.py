"""MkDocs hook: the search worker and index are fetched when the reader opens the search, not on every page;
footnote tooltips are set up when the reader first points at or focuses a footnote reference.

Stock Material fetches `search/search_index.json` (about 45 KB gzip, more than the text of a chapter) as soon
as any page loads. Material already has the deferred path we want: on `file://` it sets up search only when
the search toggle opens. This hook takes that path on every protocol, by one substitution in the built
bundle: `of(location.protocol !== "file:")` -> `of(false)` in `setupSearchWorker`, so the index and the
language files are fetched on the first opening of the search (a click, `s`, `f` or `/`).

The worker script itself (`workers/search.*.js`, 12 KB gzip) was still fetched on every page: Material's
`watchWorker(url, worker = new Worker(url))` creates it when the search component mounts, though nothing is
sent to it before the search opens. A second substitution gives `watchWorker` a stand-in (LAZY_WORKER): an
EventTarget whose first `postMessage` — the set-up message, sent once the search opens — creates the real
worker and passes its messages on. Material only posts to the worker and listens to its "message" events.

Material's search highlighting (`search.highlight`) also subscribes to the index on every page; the script
that this hook puts after the page's `__config` keeps that feature only on a page opened from a search result
(`?h=…`), the one case where it highlights anything.

Material's footnote tooltips (`content.footnote.tooltips`) are set up the same way, when they are first needed:
Material mounts one tooltip component per footnote reference as the page loads, each with its subjects and
listeners — on /utskrift/, 98 references, most of the page's blocking time on a phone (Lighthouse: total
blocking time 250–480 ms, 30–80 ms without them). A third substitution (LAZY_TOOLTIP) mounts a reference's
tooltip at the first pointer or keyboard focus that reaches it, before Material's own `mouseenter` and `focusin`
listeners fire, so the tooltip opens on that same hover or focus as before.

Each substitution must match exactly once; if a Material upgrade changes the bundle, the build stops here
with a message instead of silently loading the index again (the budget command would catch it too).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

# `merge(of(location.protocol !== "file:"), watchToggle("search"))`, minified: `L($(location.protocol!=="file:"),Je("search"))`
EAGER = re.compile(r'(\b[\w$]+\([\w$]+\()location\.protocol!=="file:"(\),[\w$]+\("search"\)\))')
DEFERRED = re.compile(r'\b[\w$]+\([\w$]+\(!1\),[\w$]+\("search"\)\)')
# `function watchWorker(url, worker = new Worker(url))`, minified: `function Mn(e,t=new Worker(e))`
EAGER_WORKER = re.compile(r'(function [\w$]+\(([\w$]+),[\w$]+=)new Worker\(\2\)\)')
# The stand-in, an expression of the URL `u`: the worker `w` is made at the first message posted to it.
LAZY_WORKER = ('(u=>{let w,x=new EventTarget;x.postMessage=m=>{if(!w){w=new Worker(u);'
               'w.onmessage=e=>x.dispatchEvent(new MessageEvent("message",{data:e.data}))}w.postMessage(m)};'
               'return x})')
LAZY_WORKER_DONE = re.compile(r'function [\w$]+\(([\w$]+),[\w$]+=' + re.escape(LAZY_WORKER) + r'\(\1\)\)')
# `.map(el => mountTooltip2(el, {content$: new Observable(…), viewport$}))` for the footnote references, minified:
# `"content.footnote.tooltips")).map(i=>Vt(i,{content$:new F(s=>{…}),viewport$:r}))`
EAGER_TOOLTIP = re.compile(r'("content\.footnote\.tooltips"\)\)\.map\(([\w$]+)=>)'
                           r'([\w$]+\(\2,\{content\$:new ([\w$]+)\(.*?\),viewport\$:[\w$]+\}\))\)')


def LAZY_TOOLTIP(m: re.Match) -> str:
    """The same mount, as an Observable (Material's own class) that makes it at the reference's first
    `pointerenter` or `focus` (both come before the `mouseenter`/`focusin` that Material listens to)."""
    el, mount, observable = m.group(2), m.group(3), m.group(4)
    return (f'{m.group(1)}new {observable}(lazyObserver=>{{let lazyMounted,'
            f'lazyOff=()=>{{{el}.removeEventListener("pointerenter",lazyMount);'
            f'{el}.removeEventListener("focus",lazyMount)}},'
            f'lazyMount=()=>{{lazyOff();lazyMounted={mount}.subscribe(lazyObserver)}};'
            f'{el}.addEventListener("pointerenter",lazyMount);{el}.addEventListener("focus",lazyMount);'
            f'return()=>{{lazyOff();lazyMounted&&lazyMounted.unsubscribe()}}}}))')


LAZY_TOOLTIP_DONE = re.compile(r'"content\.footnote\.tooltips"\)\)\.map\([\w$]+=>new [\w$]+\(lazyObserver=>')


def on_post_build(config: MkDocsConfig) -> None:
    bundles = sorted((Path(config.site_dir) / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise PluginError(f"lazy_search: expected one Material bundle, found {len(bundles)}")
    text = bundles[0].read_text(encoding="utf-8")
    # a `--dirty` build keeps the patched copy: a substitution already made is not made again
    text = _substitute(text, EAGER, r"\g<1>!1\g<2>", DEFERRED, "the search set-up")
    text = _substitute(text, EAGER_WORKER, lambda m: f"{m.group(1)}{LAZY_WORKER}({m.group(2)}))",
                       LAZY_WORKER_DONE, "the search worker")
    text = _substitute(text, EAGER_TOOLTIP, LAZY_TOOLTIP, LAZY_TOOLTIP_DONE, "the footnote tooltips")
    bundles[0].write_text(text, encoding="utf-8")


def _substitute(text: str, eager: re.Pattern, repl, done: re.Pattern, what: str) -> str:
    patched, count = eager.subn(repl, text)
    if count == 0 and len(done.findall(text)) == 1:
        return text
    if count != 1:
        raise PluginError(f"lazy_search: {what} of Material's bundle was not found exactly once "
                          f"({count}) — Material changed; update scripts/hooks/lazy_search.py")
    return patched


HIGHLIGHT_ONLY_FROM_SEARCH = (
    '<script>(function(){var c=document.getElementById("__config");'
    'if(!c||new URLSearchParams(location.search).has("h"))return;var j=JSON.parse(c.textContent);'
    'j.features=(j.features||[]).filter(function(f){return f!=="search.highlight"});'
    'c.textContent=JSON.stringify(j)})()</script>'
)
_CONFIG = re.compile(r'(<script id="__config" type="application/json">.*?</script>)', re.S)


def on_post_page(output: str, page: Page | None, config: MkDocsConfig) -> str:
    return _CONFIG.sub(lambda m: m.group(1) + HIGHLIGHT_ONLY_FROM_SEARCH, output, count=1)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """404.html is a theme template, not a page: without this it fetched the search index on load."""
    return on_post_page(output, None, config) if template_name == "404.html" else output
