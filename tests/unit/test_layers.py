"""Imports point one way: no part of isms imports a part above it in the data path.

The layering is the README's "Architecture" section; a new package must be placed in it (and
here) before it can be imported. Peers in one layer may import each other, but not both ways.
"""

from __future__ import annotations

import ast
from pathlib import Path

import isms

PACKAGE = Path(isms.__file__).parent

# Bottom to top; a unit may import only from its own layer or the layers below.
LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "location",
        "errors",
        "findings",
        "rules",
        "figures",
        "urls",
        "csv_cells",
        "contracts",
        "files",
        "vocabulary",
        "language",
        "cache",
        "forking",
    ),
    ("model",),
    ("signing",),
    ("loader", "history", "stores"),
    ("gather",),
    ("state",),
    ("checks",),
    ("metrics", "due"),
    ("evaluation",),
    ("report", "export"),
    ("diff", "site", "edit"),
    ("importing", "group"),
    ("commands", "api"),
    ("cli",),
    ("__main__", "__init__"),
)
# Data-only packages (catalog YAML, templates): they hold no Python imports of isms.
DATA = frozenset({"catalogs", "templates"})
KNOWN_UPWARD: frozenset[tuple[str, str]] = frozenset()

RANK = {unit: rank for rank, layer in enumerate(LAYERS) for unit in layer}


def unit_of(path: Path) -> str:
    """The top-level part of isms a source file belongs to (package or module name)."""
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def imported_units(path: Path, root: Path = PACKAGE) -> set[str]:
    """The top-level isms parts imported by one file, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = path.relative_to(root.parent).with_suffix("").parts
    if path.name != "__init__.py":
        package = package[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                names = [".".join((*base, node.module or ""))]
            else:
                names = [node.module or ""]
            if names[0] in ("isms", "isms."):
                names = [f"isms.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.strip(".").split(".")
            if parts[0] == "isms" and len(parts) > 1:
                found.add(parts[1])
    return found


def import_graph() -> dict[str, set[str]]:
    """Which top-level parts each part imports (self-imports left out)."""
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        unit = unit_of(path)
        graph.setdefault(unit, set()).update(imported_units(path) - {unit})
    return graph


def test_every_part_has_a_layer() -> None:
    units = {unit_of(path) for path in PACKAGE.rglob("*.py")} - DATA
    assert sorted(units - RANK.keys()) == []


def test_no_part_imports_one_above_it() -> None:
    upward = sorted(
        (unit, target)
        for unit, targets in import_graph().items()
        for target in targets
        if target in RANK and RANK[target] > RANK[unit] and (unit, target) not in KNOWN_UPWARD
    )
    assert upward == []


def test_peers_in_a_layer_do_not_import_each_other_both_ways() -> None:
    graph = import_graph()
    cycles: list[tuple[str, str]] = []
    for unit, targets in graph.items():
        for target in targets:
            same_layer = RANK.get(unit) == RANK.get(target)
            if same_layer and unit in graph.get(target, set()) and unit < target:
                cycles.append((unit, target))
    assert cycles == []


def test_the_walk_sees_an_upward_import(tmp_path: Path) -> None:
    """The ast walk finds absolute, `from isms import x` and relative imports."""
    pkg = tmp_path / "isms" / "model"
    pkg.mkdir(parents=True)
    sample = pkg / "sample.py"
    sample.write_text(
        "from isms.loader import yaml\nimport isms.cli\nfrom isms import metrics\nfrom ..state import x\n",
        encoding="utf-8",
    )
    assert imported_units(sample, tmp_path / "isms") == {"loader", "cli", "metrics", "state"}
