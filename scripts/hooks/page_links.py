"""MkDocs hook: `/s/N/` leads to the page of the edition where printed page N begins (`…#s-N`)."""

from __future__ import annotations

import html
import posixpath
from pathlib import Path

from scripts.edition import edition as edition_model

_TEMPLATE = """<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>Sidan {page} i rapporten</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{target}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p><a href="{target}">Sidan {page} i den tryckta rapporten</a></p>
</body>
</html>
"""


def on_post_build(config) -> None:
    ed = edition_model.load_cached(Path(config.docs_dir), Path(config.config_file_path))
    site = Path(config.site_dir)
    for doc, marker in ed.markers_in_order():
        url = edition_model.url_of(doc.path)
        here = f"s/{marker.page}/"
        target = posixpath.relpath(url or ".", here) + "/"
        target = (target if target != "./" else "") + f"#s-{marker.page}"
        out = site / here / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(_TEMPLATE.format(page=marker.page, target=html.escape(target)), encoding="utf-8")
