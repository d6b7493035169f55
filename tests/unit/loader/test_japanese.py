"""Every check a model makes has its Japanese wording: the loader's `message_ja` never falls back to English.

The texts are the models' ``ValueError`` messages (``msg = ...`` in isms/model) and the reasons
`isms.urls.url_problem` gives; placeholders are filled with ``x``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from isms.loader.japanese import check_text

SRC = Path(__file__).resolve().parents[3] / "src" / "isms"


def _text(node: ast.expr) -> str | None:
    if isinstance(node, ast.IfExp):  # `None if relative else f"must be ..."`
        return _text(node.body) or _text(node.orelse)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(part.value) if isinstance(part, ast.Constant) else "x" for part in node.values)
    return None


def _model_checks() -> list[str]:
    found: list[str] = []
    for path in [*sorted((SRC / "model").glob("*.py")), SRC / "urls.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "msg" for t in node.targets):
                found.append(_text(node.value) or "")
            elif isinstance(node, ast.FunctionDef) and node.name == "url_problem":
                found += [
                    text
                    for ret in ast.walk(node)
                    if isinstance(ret, ast.Return) and ret.value is not None and (text := _text(ret.value))
                ]
    return found


def test_the_model_checks_are_found() -> None:
    assert len(_model_checks()) >= 24


@pytest.mark.parametrize("english", _model_checks())
def test_every_model_check_has_its_japanese(english: str) -> None:
    said = check_text(english[0].lower() + english[1:])
    assert said is not None, f"add the Japanese of {english!r} to isms/loader/japanese.py"
    assert said != english
