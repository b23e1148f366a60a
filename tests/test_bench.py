"""`make bench` compares the edition with a plain Material build of the same docs/: the plain configuration keeps
what mkdocs.yml says about the pages and the Markdown (its extensions, the edition's own among them; the bare
variant without it), and nothing else of the edition: no hooks, no plugins."""

from __future__ import annotations

from pathlib import Path

from schenk_edition.core.yamlio import read_config
from schenk_edition.tools.bench import OWN_EXTENSION, median, plain_config

ROOT = Path(__file__).resolve().parents[1]


def test_plain_is_material_with_the_same_pages_and_markdown():
    conf = read_config(ROOT / "mkdocs.yml")
    plain = plain_config(ROOT / "mkdocs.yml", search=False)
    assert plain["theme"] == {"name": "material", "language": conf["theme"]["language"]}
    assert plain["plugins"] == [] and "hooks" not in plain and "extra_css" not in plain
    assert Path(plain["docs_dir"]).is_absolute() and Path(plain["docs_dir"]) == (ROOT / conf["docs_dir"]).resolve()
    assert plain["nav"] == conf["nav"] and plain["exclude_docs"] == conf["exclude_docs"]
    own = [e for e in conf["markdown_extensions"] if str(next(iter(e)) if isinstance(e, dict) else e)
           .startswith(OWN_EXTENSION)]
    assert own, "mkdocs.yml enables the edition's own Markdown extension"
    # "the same Markdown extensions" (issue 14): the edition's own among them; the bare variant leaves it out
    assert plain["markdown_extensions"] == conf["markdown_extensions"]
    bare = plain_config(ROOT / "mkdocs.yml", search=False, own_extension=False)
    assert bare["markdown_extensions"] == [e for e in conf["markdown_extensions"] if e not in own]
    search = plain_config(ROOT / "mkdocs.yml", search=True)
    assert search["plugins"] == [e for e in conf["plugins"] if (next(iter(e)) if isinstance(e, dict) else e)
                                 in ("search", "material/search")] != []


def test_the_bare_variant_leaves_the_edition_s_own_extension_out(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nmarkdown_extensions:\n  - tables\n  - schenk_edition.render.markup:\n      path: x\n"
        "  - toc:\n      permalink: true\nplugins:\n  - search\n  - other\nhooks:\n  - h.py\n", encoding="utf-8")
    plain = plain_config(tmp_path / "mkdocs.yml", search=True, own_extension=False)
    assert plain["markdown_extensions"] == ["tables", {"toc": {"permalink": True}}]
    assert plain["plugins"] == ["search"] and "hooks" not in plain


def test_median():
    assert median([3.0, 1.0, 2.0]) == 2.0 and median([4.0, 1.0, 2.0, 3.0]) == 2.5


def test_the_validate_process_ends_at_once_with_all_its_output(tmp_path, capsys):
    """`python -m schenk_edition validate` ends with `os._exit` (`tools.cli.run`: no object freed one by one at
    exit, part of the 0.3 s budget); its status and every line of its output are those of `main`."""
    import subprocess
    import sys

    from schenk_edition.tools.cli import main
    from schenk_edition.tools.codes import build_case

    docs, config = build_case("an001-unknown-pseudonym", tmp_path)  # a tree with findings
    args = ["--docs", str(docs), "--config", str(config), "validate"]
    status = main(args)
    expected = capsys.readouterr().out
    result = subprocess.run([sys.executable, "-m", "schenk_edition", *args], cwd=ROOT, capture_output=True,
                            text=True)
    assert status == result.returncode == 1
    assert result.stdout == expected and "AN001" in expected
    assert "finding(s) in" in result.stderr and "Traceback" not in result.stderr
