"""The package's layout holds: imports flow one way (cli -> stages -> store -> model, io,
project), no import circle, no stage reads another stage's files, nothing forks or needs
`fcntl`, and rich is drawn only by ui/. Read from the source, so a change that breaks a rule
fails here with the module and the line."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "review_cli"

# A stage may use another stage's public face for what is not a review file: pure functions,
# or running that stage as a step of its own. Each pair says why.
STAGE_USES = {
    ("audit", "include"): "computes the flow (pure) from what the store read",
    ("export", "include"): "computes the flow (pure) from what the store read",
    ("prisma", "include"): "counts the boxes from the flow it computes (pure)",
    ("screen", "rank"): "ranks the records to screen (pure)",
    ("simulate", "rank"): "replays a dataset with the ranker (pure)",
    ("team", "screen"): "shares who is screening and the reasons of a stage",
    ("search", "import_"): "a search imports what it downloaded, as `review import` would",
    ("search", "dedup"): "an update deduplicates its new records, as `review dedup` would",
    ("search", "include"): "citation searching starts from the included studies (the flow's "
                           "pure computation)",
    ("demo", "import_"): "the demo runs every stage as a user would",
    ("demo", "dedup"): "the demo runs every stage as a user would",
    ("demo", "include"): "the demo runs every stage as a user would",
    ("demo", "prisma"): "the demo runs every stage as a user would",
    ("demo", "team"): "the demo runs every stage as a user would",
    ("demo", "init"): "the demo runs every stage as a user would",
    ("studies", "include"): "which units are included: the flow's pure computation",
    ("studies", "screen"): "who is reviewing: the same rules as for screening",
    ("extract", "studies"): "the included studies it extracts, who, and kappa (pure)",
    ("appraise", "studies"): "the included studies it appraises, who, and kappa (pure)",
    ("export", "studies"): "the included studies the tables list",
    ("status", "studies"): "the included studies extraction and appraisal count against",
    ("demo", "extract"): "the demo runs every stage as a user would",
    ("demo", "appraise"): "the demo runs every stage as a user would",
    ("demo", "studies"): "the demo extracts and appraises the included studies",
    ("demo", "fulltext"): "the demo attaches the reports of its full-text stage, as a user would",
}


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


def imports(path: Path) -> Iterator[tuple[int, str, bool]]:
    """(line, imported module, at module level) of every import in a file, relative ones
    resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    top = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, id(node) in top
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            yield node.lineno, base, id(node) in top
            for alias in node.names:  # `from review_cli.stages import dedup` imports a module
                yield node.lineno, f"{base}.{alias.name}", id(node) in top


def area(module: str) -> str:
    """The layer a module belongs to: cli, ui, stages, store, search, io, or core."""
    parts = module.split(".")
    if module == "review_cli.__main__":  # `python -m review_cli`: the command line
        return "cli"
    layers = ("cli", "ui", "stages", "store", "search", "io")
    return parts[1] if len(parts) > 1 and parts[1] in layers else "core"


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "stages" else None


KNOWN = {name for name, _ in modules()}


def internal(module: str) -> str | None:
    """The package module an import names (None for a third-party or standard module)."""
    while module and module not in KNOWN:
        module = module.rpartition(".")[0]
    return module or None


# Which layers each layer may import (besides itself).
ALLOWED = {
    "core": {"core"},
    "io": {"core", "io"},
    "store": {"core", "io", "store"},
    "search": {"core", "io", "search"},
    "stages": {"core", "io", "store", "search", "stages"},
    "ui": {"core", "io", "stages", "ui"},
    "cli": {"core", "io", "stages", "store", "ui", "cli"},
}


def test_imports_flow_one_way() -> None:
    wrong = []
    for name, path in modules():
        for line, imported, _ in imports(path):
            target = internal(imported)
            if target is not None and area(target) not in ALLOWED[area(name)]:
                where = path.relative_to(PACKAGE.parent)
                wrong.append(f"{where}:{line}: {area(name)} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_a_stage_uses_another_stage_only_for_what_is_listed() -> None:
    wrong = []
    for name, path in modules():
        here = stage_of(name)
        for line, imported, _ in imports(path):
            target = internal(imported)
            there = stage_of(target) if target else None
            if here and there and here != there and (here, there) not in STAGE_USES:
                where = path.relative_to(PACKAGE.parent)
                wrong.append(f"{where}:{line}: stage {here} imports stage {there}")
    assert not wrong, "\n".join(wrong)


def test_no_import_circle() -> None:
    graph: dict[str, set[str]] = {name: set() for name, _ in modules()}
    for name, path in modules():
        for _, imported, _ in imports(path):
            target = internal(imported)
            # A package's own face importing its private modules is not a circle back to it.
            if target and target != name and not target.startswith(name + "."):
                graph[name].add(target)
    # A package imports its __init__ when one of its modules is imported: count that edge too.
    for name in list(graph):
        parent = name.rpartition(".")[0]
        if parent in graph and parent != "review_cli":
            graph[name].add(parent)
    circles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt]
                # A package and its own private modules (`from review_cli.stages.demo import
                # _vocab` inside demo) is how Python imports siblings, not a circle of modules.
                if not any(all(c == p or c.startswith(p + ".") for c in cycle) for p in cycle):
                    circles.append(" -> ".join(cycle))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not circles, "\n".join(circles)


@pytest.mark.parametrize(("name", "path"), list(modules()), ids=[n for n, _ in modules()])
def test_nothing_forks_or_needs_fcntl(name: str, path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    for line, imported, top in imports(path):
        assert not (imported == "fcntl" and top), f"{name}:{line}: imports fcntl at module level"
        assert imported != "multiprocessing" or "spawn" in source, (
            f"{name}:{line}: multiprocessing without spawn"
        )
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("fork", "forkpty", "register_at_fork"):
            pytest.fail(f"{name}:{node.lineno}: uses os.{node.attr}")
        if isinstance(node, ast.Constant) and node.value in ("fork", "forkserver"):
            pytest.fail(f"{name}:{node.lineno}: names the {node.value!r} start method")


def test_rich_is_drawn_by_ui_only() -> None:
    wrong = []
    for name, path in modules():
        for line, imported, _ in imports(path):
            if imported.split(".")[0] == "rich" and area(name) != "ui":
                wrong.append(f"{name}:{line}: imports rich")
    assert not wrong, "\n".join(wrong)
