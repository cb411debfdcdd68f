"""The architecture holds: the gateway loads nothing of Rasa, imports run from higher layers to lower, no circles.

Layers of the gateway, lowest first: bot.common (leaves shared with actions/ and rasa_ext/), bot.runtime,
bot.content, bot.turn, bot.channels, then the composition root (bot.app, bot.gateway). rasa_ext/ and
actions/ may use bot.common only; scripts/ may use bot/; benchmarks/ never imports tests/.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from bot.runtime.settings import ROOT

GATEWAY_LAYERS = ("bot.common", "bot.runtime", "bot.content", "bot.turn", "bot.channels", "bot")
PROJECT = ("bot", "actions", "rasa_ext", "scripts", "benchmarks", "tests")
HEAVY = ("rasa", "rasa_sdk", "sanic", "tensorflow")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(*packages: str) -> dict[str, Path]:
    return {module_name(p): p for package in packages for p in sorted((ROOT / package).rglob("*.py"))}


def imports(path: Path, top_level_only: bool = False) -> set[str]:
    """Modules a file imports (relative imports are not used in this project)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def layer(module: str) -> int:
    for index, prefix in enumerate(GATEWAY_LAYERS):
        if module == prefix or module.startswith(prefix + "."):
            return index
    raise AssertionError(f"{module} is not in the gateway")


def project_imports(path: Path, known: dict[str, Path], top_level_only: bool = False) -> set[str]:
    return {name for name in imports(path, top_level_only) if name in known}


def test_gateway_imports_only_downward_and_nothing_of_rasa():
    known = modules(*PROJECT)
    problems = []
    for name, path in modules("bot").items():
        for imported in imports(path):
            root = imported.split(".")[0]
            if root in HEAVY or root in PROJECT and root != "bot":
                problems.append(f"{name} imports {imported}")
            elif imported in known and imported.startswith("bot") and layer(imported) > layer(name):
                problems.append(f"{name} imports {imported}, a higher layer")
    assert problems == []


def test_rasa_side_uses_only_the_shared_leaves_of_the_gateway():
    known = modules(*PROJECT)
    problems = [
        f"{name} imports {imported}"
        for name, path in modules("rasa_ext", "actions").items()
        for imported in project_imports(path, known)
        if imported.startswith("bot")
        and not imported.startswith("bot.common")
        or imported.split(".")[0] in ("scripts", "tests", "benchmarks")
    ]
    assert problems == []


def test_tools_never_import_the_tests():
    known = modules(*PROJECT)
    problems = [
        f"{name} imports {imported}"
        for name, path in modules("scripts", "benchmarks", "bot", "actions", "rasa_ext").items()
        for imported in project_imports(path, known)
        if imported.split(".")[0] == "tests"
        or name.startswith(("bot", "actions", "rasa_ext"))
        and imported.split(".")[0] in ("scripts", "benchmarks")
    ]
    assert problems == []


def test_no_import_circle():
    known = modules(*PROJECT)
    graph = {name: project_imports(path, known, top_level_only=True) - {name} for name, path in known.items()}
    # A package's __init__ is imported with each of its modules; count that edge too.
    for name in graph:
        parent = name.rpartition(".")[0]
        if parent in graph:
            graph[name].add(parent)
    seen: dict[str, int] = {}  # 1 = on the current path, 2 = done
    circles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(graph[node]):
            if seen.get(nxt) == 1:
                circles.append(path[path.index(nxt) :] + [nxt])
            elif nxt not in seen:
                visit(nxt, path + [nxt])
        seen[node] = 2

    for start in sorted(graph):
        if start not in seen:
            visit(start, [start])
    assert circles == []


def test_importing_every_gateway_module_loads_no_rasa_sanic_or_tensorflow():
    names = sorted(n for n in modules("bot") if not n.endswith("__main__"))
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout
    assert len(names) > 30  # every module of the gateway was imported, not an empty list
