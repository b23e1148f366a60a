"""The package's layers import one way down, with no circle (read from the files' ASTs, nothing imported):

core <- model <- checks | render | export <- site <- tools, and the MkDocs hooks (scripts/hooks/). checks, render
and export never import each other; nothing in the package imports tools or the hooks; every import of our own
modules is at module level (so every edge is visible here); no cycle, not even inside a layer."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "scripts" / "schenk_edition"
HOOKS = ROOT / "scripts" / "hooks"
NAME = "schenk_edition"
LAYERS = {"core": 0, "model": 1, "checks": 2, "render": 2, "export": 2, "site": 3, "tools": 4, "hooks": 4}


def modules(package: Path, hooks: Path | None) -> dict[str, Path]:
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join([NAME, *parts])] = path
    for path in sorted(hooks.glob("*.py")) if hooks else []:
        out[f"hooks.{path.stem}"] = path
    return out


def edges(name: str, path: Path, known: set[str]) -> list[tuple[str, int, bool]]:
    """(target module, line, deferred) of every import of one of our modules."""
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = set(map(id, tree.body))
    for node in tree.body:  # `if TYPE_CHECKING:` blocks are module level too
        if isinstance(node, ast.If):
            top |= set(map(id, node.body))
    out = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # `from . import x`: the submodule x; `from .m import f`: the module m
            targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in known else module for a in node.names]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target:
                out.append((target, node.lineno, id(node) not in top))
    return sorted(set(out))


def layer(module: str) -> tuple[str, int] | None:
    parts = module.split(".")
    if parts[0] == "hooks":
        return "hooks", LAYERS["hooks"]
    if len(parts) > 1 and parts[1] in LAYERS:
        return parts[1], LAYERS[parts[1]]
    return None  # the package's own __init__ / __main__


def violations(package: Path, hooks: Path | None) -> list[str]:
    mods = modules(package, hooks)
    graph: dict[str, set[str]] = {m: set() for m in mods}
    out = []
    for name, path in mods.items():
        where = f"{path.relative_to(path.parents[1] if name.startswith('hooks') else package.parent).as_posix()}"
        for target, line, deferred in edges(name, path, set(mods)):
            graph[name].add(target)
            src, dst = layer(name), layer(target)
            if deferred:
                out.append(f"{where}:{line} imports {target} inside a function (deferred)")
            if target == name:
                out.append(f"{where}:{line} imports itself")
            if dst and dst[0] in ("tools", "hooks") and src and src[0] != dst[0] and src[0] != "hooks":
                out.append(f"{where}:{line} imports {target} ({dst[0]} is imported by nothing below it)")
            if src and dst and dst[1] > src[1]:
                out.append(f"{where}:{line} imports {target} (up: {src[0]} -> {dst[0]})")
            elif src and dst and dst[1] == src[1] and dst[0] != src[0] and src[0] != "hooks":
                out.append(f"{where}:{line} imports {target} (siblings: {src[0]} -> {dst[0]})")
    out += [f"cycle: {' -> '.join(sorted(c))}" for c in cycles(graph)]
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(comp)

    for v in graph:
        if v not in index:
            visit(v)
    return out


def planted(tmp_path: Path, rel: str, line: str) -> Path:
    copy = tmp_path / NAME
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / rel
    target.write_text(target.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")
    return copy


def test_the_layers_import_one_way_down():
    assert violations(PACKAGE, HOOKS) == []


def test_every_layer_has_modules_and_the_hooks_are_read():
    names = modules(PACKAGE, HOOKS)
    assert {layer(m)[0] for m in names if layer(m)} == set(LAYERS)


def test_a_planted_back_import_is_reported(tmp_path):
    copy = planted(tmp_path, "core/urls.py", "from ..render import markup")
    found = violations(copy, None)
    assert any("core/urls.py" in v and "up: core -> render" in v for v in found), found


def test_a_planted_cycle_is_reported(tmp_path):
    copy = planted(tmp_path, "model/document.py", "from . import edition")
    found = violations(copy, None)
    assert any(v.startswith("cycle:") and "schenk_edition.model.document" in v for v in found), found


def test_a_planted_sibling_import_is_reported(tmp_path):
    copy = planted(tmp_path, "export/cite.py", "from ..render import markup")
    found = violations(copy, None)
    assert any("export/cite.py" in v and "siblings: export -> render" in v for v in found), found


def test_every_function_level_import_of_our_modules_is_reported(tmp_path):
    copy = planted(tmp_path, "site/build.py", "def late():\n    from ..model import anchors\n    from schenk_edition.core import ids\n")
    found = [v for v in violations(copy, None) if "deferred" in v]
    assert any("site/build.py" in v and "schenk_edition.model.anchors" in v for v in found), found
    assert any("site/build.py" in v and "schenk_edition.core.ids" in v for v in found), found


def test_a_planted_import_of_the_tools_is_reported(tmp_path):
    copy = planted(tmp_path, "site/build.py", "from ..tools import cli")
    found = violations(copy, None)
    assert any("site/build.py" in v and "schenk_edition.tools.cli" in v for v in found), found


def test_every_hook_event_is_typed():
    """The hooks are thin and typed: every `on_*` event names the type of each argument and of its result."""
    untyped = []
    for path in sorted(HOOKS.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("on_"):
                if node.returns is None or any(a.annotation is None for a in node.args.args):
                    untyped.append(f"{path.name}:{node.lineno} {node.name}")
    assert untyped == []
