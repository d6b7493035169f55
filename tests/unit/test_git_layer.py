"""Git has one door: only `isms.history.git` starts a git process (README, "Architecture")."""

from __future__ import annotations

import ast
from pathlib import Path

import isms

PACKAGE = Path(isms.__file__).parent
DOOR = PACKAGE / "history" / "git.py"


def git_commands(path: Path) -> list[int]:
    """Return the lines where a file builds a command list starting with ``"git"``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.List | ast.Tuple)
        and node.elts
        and isinstance(node.elts[0], ast.Constant)
        and node.elts[0].value == "git"
    ]


def test_the_door_is_where_git_starts() -> None:
    assert git_commands(DOOR), "run_git no longer builds a git command: update this test"


def test_no_other_module_starts_git() -> None:
    found = {
        str(path.relative_to(PACKAGE)): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != DOOR and (lines := git_commands(path))
    }
    assert found == {}, "call isms.history.git.run_git instead"


def test_the_scan_sees_a_git_command(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('import subprocess\nsubprocess.run(["git", "log"])\n', encoding="utf-8")
    assert git_commands(sample) == [2]
