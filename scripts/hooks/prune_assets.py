"""MkDocs hook: leave out of the published site what no page loads — Material's source maps and the Lunr
language files of the languages the search does not use (the search plugin's `lang`). About 2 MB."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

_MAP_COMMENT = re.compile(r"\n?(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")


def _search_languages(config: MkDocsConfig) -> list[str]:
    search = config.plugins.get("material/search") or config.plugins.get("search")
    langs = search.config.lang if search is not None else None
    return list(langs or ["en"])


def on_post_build(config: MkDocsConfig) -> None:
    assets = Path(config.site_dir) / "assets"
    for source_map in assets.rglob("*.map"):
        source_map.unlink()
    for path in list(assets.rglob("*.min.js")) + list(assets.rglob("*.min.css")):
        text = path.read_text(encoding="utf-8")
        stripped = _MAP_COMMENT.sub("", text)
        if stripped != text:
            path.write_text(stripped, encoding="utf-8")
    # what Material's search worker imports (workers/search.*.js): these and nothing else
    langs = _search_languages(config)
    keep = {"lunr.stemmer.support.min.js"} | {f"lunr.{lang}.min.js" for lang in langs if lang != "en"}
    if len(langs) > 1:
        keep.add("lunr.multi.min.js")
    if "ja" in langs:
        keep.add("tinyseg.js")
    if {"hi", "th"} & set(langs):
        keep.add("wordcut.js")
    lunr = assets / "javascripts" / "lunr"
    for path in lunr.rglob("*.js") if lunr.exists() else []:
        if path.name not in keep:
            path.unlink()
