"""MkDocs hook: `/s/N/` leads to the page of the edition where printed page N begins (`…#s-N`)."""

from __future__ import annotations

from pathlib import Path

from scripts.edition import edition as edition_model
from scripts.edition.manifest import write_redirect_page


def on_env(env, config, files):
    """The printed pages that have a `/s/N/` address, for the 404 page (overrides/404.html)."""
    ed = edition_model.load_cached(Path(config.docs_dir), Path(config.config_file_path))
    env.globals["tryckta_sidor"] = [marker.page for _, marker in ed.markers_in_order()]
    return env


def on_post_build(config) -> None:
    ed = edition_model.load(Path(config.docs_dir), Path(config.config_file_path))
    site = Path(config.site_dir)
    for doc, marker in ed.markers_in_order():
        url = edition_model.url_of(doc.path)
        write_redirect_page(site, f"/s/{marker.page}/", f"/{url}#s-{marker.page}", f"Sidan {marker.page} i rapporten",
                            f"Sidan {marker.page} i den tryckta rapporten")
