"""MkDocs hook: the search index is fetched when the reader opens the search, not on every page.

Stock Material fetches `search/search_index.json` (about 45 KB gzip, more than the text of a chapter) as soon
as any page loads. Material already has the deferred path we want: on `file://` it sets up search only when
the search toggle opens. This hook takes that path on every protocol, by one substitution in the built
bundle: `of(location.protocol !== "file:")` -> `of(false)` in `setupSearchWorker`, so the index and the
language files are fetched on the first opening of the search (a click, `s`, `f` or `/`).

Material's search highlighting (`search.highlight`) also subscribes to the index on every page; the script
that this hook puts after the page's `__config` keeps that feature only on a page opened from a search result
(`?h=…`), the one case where it highlights anything.

The substitution must match exactly once; if a Material upgrade changes the bundle, the build stops here
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


def on_post_build(config: MkDocsConfig) -> None:
    bundles = sorted((Path(config.site_dir) / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise PluginError(f"lazy_search: expected one Material bundle, found {len(bundles)}")
    text = bundles[0].read_text(encoding="utf-8")
    patched, count = EAGER.subn(r"\g<1>!1\g<2>", text)
    if count == 0 and len(DEFERRED.findall(text)) == 1:
        return  # already deferred (a `--dirty` build keeps the patched copy)
    if count != 1:
        raise PluginError("lazy_search: the search set-up of Material's bundle was not found exactly once "
                          f"({count}) — Material changed; update scripts/hooks/lazy_search.py")
    bundles[0].write_text(patched, encoding="utf-8")


HIGHLIGHT_ONLY_FROM_SEARCH = (
    '<script>(function(){var c=document.getElementById("__config");'
    'if(!c||new URLSearchParams(location.search).has("h"))return;var j=JSON.parse(c.textContent);'
    'j.features=(j.features||[]).filter(function(f){return f!=="search.highlight"});'
    'c.textContent=JSON.stringify(j)})()</script>'
)
_CONFIG = re.compile(r'(<script id="__config" type="application/json">.*?</script>)', re.S)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _CONFIG.sub(lambda m: m.group(1) + HIGHLIGHT_ONLY_FROM_SEARCH, output, count=1)
