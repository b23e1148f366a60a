"""`/s/N/` leads to the page of the edition where printed page N begins (`…#s-N`)."""

from __future__ import annotations

from pathlib import Path

from ..core.ids import page_id
from ..core.urls import url
from ..model.edition import Edition
from .redirects import write_redirect_page


def printed_pages(ed: Edition) -> list[int]:
    """The printed pages that have a `/s/N/` address (the 404 page lists them)."""
    return [marker.page for _, marker in ed.markers_in_order()]


def write_page_links(ed: Edition, site: Path) -> None:
    for doc, marker in ed.markers_in_order():
        write_redirect_page(site, f"/s/{marker.page}/", "/" + url(doc.path, page_id(marker.page)),
                            f"Sidan {marker.page} i rapporten", f"Sidan {marker.page} i den tryckta rapporten")
