"""The package's shape, read from its source: no import cycle, short modules, types in the registry.

These hold the layout to what README's Layout section promises, so that a change that breaks it
fails here rather than in a reviewer's reading.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
# Alembic revisions are written once and never edited: their length is the schema's, not a design.
EXEMPT_FROM_LENGTH = ("migrations/",)
MAX_LINES = 300
TYPE_NAMES = (
    "multiple_choice",
    "multiple_response",
    "true_false",
    "short_answer",
    "matching",
    "ordering",
    "essay",
)
# A comparison with a type's name: `== "matching"`, `in ("true_false", ...)`, `!= 'essay'`, and
# the same in Jinja. Code that only *names* a type (a generator making a draft of that type, a
# registry entry) is not a branch and is not matched.
BRANCH = re.compile(
    r"(==|!=|\bin\b|\bis\b)\s*[\(\[\{]?[^\n]{0,60}?['\"](" + "|".join(TYPE_NAMES) + r")['\"]"
)


def module_name(path: Path) -> str:
    """The dotted name of a module file under app/."""
    parts = list(path.relative_to(APP.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def python_files() -> list[Path]:
    """Every module of the package, migrations' versions left out."""
    return sorted(p for p in APP.rglob("*.py") if "migrations/versions" not in p.as_posix())


def top_level_imports(path: Path, *, inside_functions: bool = False) -> set[str]:
    """The app modules that a module imports when it is itself imported (not inside functions,
    unless ``inside_functions``: an import deferred to a call is a dependency all the same)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree) if inside_functions else tree.body:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("app"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("app"):
                continue
            found.add(target)
            # `from .x import y` may import the module x.y rather than a name of x.
            found.update(f"{target}.{a.name}" for a in node.names)
    return found


def import_graph(*, inside_functions: bool = False) -> dict[str, set[str]]:
    """Module → the app modules it imports at its top level (and in its functions, if asked)."""
    modules = {module_name(p): p for p in python_files()}
    return {
        name: {
            t
            for t in top_level_imports(path, inside_functions=inside_functions)
            if t in modules and t != name
        }
        for name, path in modules.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def without_package_inits(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Drop a package's edges to its own submodules: `__init__` re-exporting them is no cycle."""
    return {
        name: {target for target in targets if not target.startswith(name + ".")}
        for name, targets in graph.items()
    }


def test_no_import_cycle() -> None:
    """No two modules of the package import each other, directly or through others."""
    assert cycles(without_package_inits(import_graph())) == []


def folder_of(module: str) -> str | None:
    """The feature folder (a package directly under app/) a module belongs to; None for app's
    own modules (app/downloads.py, app/filemodes.py…), which are shared by the features."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and (APP / parts[1]).is_dir() else None


def folder_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """Feature folder → the other feature folders its modules import."""
    folders: dict[str, set[str]] = {}
    for name, targets in graph.items():
        here = folder_of(name)
        if here is None:
            continue
        others = {folder_of(t) for t in targets} - {here, None}
        folders.setdefault(here, set()).update(f for f in others if f is not None)
    return folders


def test_no_import_cycle_between_feature_folders() -> None:
    """The features depend one way, along the flow corpus → generation → bank files → sync →
    database → web → exports: no folder imports one that imports it back, even through others
    (a module-level cycle is caught above; this catches bank → exports → bank by other modules).
    Imports inside functions count: deferring one to a call hides a cycle, it does not end it."""
    assert cycles(folder_graph(import_graph(inside_functions=True))) == []


def test_the_folder_graph_joins_modules_by_folder() -> None:
    """Two modules of different folders that import each other's folder make a folder cycle."""
    graph = {"app.bank.a": {"app.exports.b"}, "app.exports.c": {"app.bank.d"}, "app.bank.d": set()}
    graph |= {"app.exports.b": set(), "app.downloads": {"app.bank.a"}}
    assert cycles(folder_graph(graph)) == [["bank", "exports"]]


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check above can fail: a made-up graph with a loop is reported."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_module_over_300_lines() -> None:
    """Modules stay short enough to read in one sitting."""
    long = {
        p.relative_to(APP).as_posix(): n
        for p in APP.rglob("*.py")
        if not p.relative_to(APP).as_posix().startswith(EXEMPT_FROM_LENGTH)
        and (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


@pytest.mark.parametrize(
    "line",
    [
        'if qtype == "matching":',
        "{% if q.type in ('multiple_choice', 'multiple_response') %}",
        "elif kind != 'essay':",
    ],
)
def test_the_branch_pattern_matches_branches(line: str) -> None:
    """The pattern below finds the branches it is meant to find."""
    assert BRANCH.search(line)


def test_naming_a_type_is_not_a_branch() -> None:
    """Making a draft of a type names it without branching on it."""
    assert not BRANCH.search('Draft(type="multiple_choice", stem=stem)')


def test_no_branch_on_a_type_name_outside_the_registry() -> None:
    """Only the question-type registry (app/questions/) knows the types by name."""
    registry = APP / "questions"
    found = [
        f"{p.relative_to(APP)}:{number}: {line.strip()}"
        for p in sorted(APP.rglob("*"))
        if p.suffix in {".py", ".html"}
        and registry not in p.parents
        and "migrations" not in p.parts
        for number, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if BRANCH.search(line)
    ]
    assert found == []
