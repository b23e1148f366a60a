"""The budget command's choices that need no browser: which pages it measures, and its refusal to measure a
404 page built for another address (an unstyled page whose scores would say nothing)."""

from __future__ import annotations

from pathlib import Path

from schenk_edition.core.urls import url_of
from schenk_edition.model import edition as edition_model
from schenk_edition.site.page_links import printed_pages
from schenk_edition.tools import budget

ROOT = Path(__file__).resolve().parents[1]


def test_every_built_page_is_measured_with_404_and_one_printed_page_address(site):
    ed = edition_model.load()
    pages = budget.site_pages(ed)
    docs = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")
                  if not p.relative_to(ROOT / "docs").as_posix().startswith("_"))
    assert sorted(pages) == sorted([url_of(d) for d in docs] + ["404.html", f"s/{printed_pages(ed)[0]}/"])
    for page in pages:  # each one a file of the built site
        assert (site / page).is_file() or (site / page / "index.html").is_file(), page
    assert {"utskrift/", "citat/", "referenser/", "om-utgavan/"} <= set(pages)


def test_a_404_page_built_for_another_site_url_is_refused(site, tmp_path):
    # the session build has the project's site_url, below /schenk-edition/: served at the root, its 404 page's
    # absolute links find nothing
    assert any(link.endswith(".css") for link in budget.foreign_404(site))
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "main.css").write_text("", encoding="utf-8")
    (tmp_path / "404.html").write_text('<link rel="stylesheet" href="/assets/main.css">', encoding="utf-8")
    assert budget.foreign_404(tmp_path) == []
    (tmp_path / "404.html").write_text('<link rel="stylesheet" href="/schenk-edition/assets/main.css">',
                                       encoding="utf-8")
    assert budget.foreign_404(tmp_path) == ["/schenk-edition/assets/main.css"]


def test_a_page_run_again_shows_its_best_and_median_in_every_category_that_varied():
    def run(perf, bp):
        return {"scores": {"performance": perf, "accessibility": 100, "best-practices": bp, "seo": 100}, "failing": []}

    s = budget.Scores([run(97, 96), run(100, 100), run(99, 100)])
    assert [s.cell(c) for c in budget.CATEGORIES] == ["100 (median 99, 3 runs)", "100",
                                                       "100 (median 100, 3 runs)", "100"]
    assert s.met()
    assert budget.Scores([run(100, 96)]).cell("best-practices") == "96"
    assert not budget.Scores([run(100, 96)]).met()
