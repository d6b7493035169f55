"""Every JSON contract (a versioned TypedDict) against the real output of its command, key for key.

A key the output has and the contract lacks fails, as does a key the contract has and the output
lacks, and a value of another type: extending a document means extending its TypedDict (and the
README), which is the point.
"""

from __future__ import annotations

import json
import subprocess
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

import pytest

from helpers import RunIsms, demo_files, write_repo
from isms.contracts import (
    CatalogListDocument,
    CatalogShowDocument,
    CheckDocument,
    EvidenceListDocument,
    FindingsDocument,
    IssuePlanDocument,
    MetricsDocument,
    RemindDocument,
    SampleDocument,
)
from isms.diff.compare import DiffDocument

TODAY = "2026-06-30"


def problems(value: object, kind: Any, where: str = "$") -> list[str]:
    """Where ``value`` (parsed JSON) does not match the type ``kind``; empty when it does."""
    origin = get_origin(kind)
    if kind is Any or kind is object:
        return []
    if origin in (Union, types.UnionType):
        options = [problems(value, option, where) for option in get_args(kind)]
        return [] if any(not found for found in options) else [f"{where}: {value!r} matches none of {kind}"]
    if origin is Literal:
        return [] if value in get_args(kind) else [f"{where}: {value!r} is not one of {get_args(kind)}"]
    if is_typeddict(kind):
        return _typed_dict(value, kind, where)
    if origin in (list, dict):
        return _container(value, kind, where)
    return _scalar(value, kind, where)


def _typed_dict(value: object, kind: Any, where: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where}: {type(value).__name__} is not an object ({kind.__name__})"]
    hints = get_type_hints(kind)
    found = [f"{where}.{key}: not in {kind.__name__}" for key in value if key not in hints]
    found += [f"{where}.{key}: missing ({kind.__name__})" for key in kind.__required_keys__ if key not in value]
    for key, item in value.items():
        if key in hints:
            found += problems(item, hints[key], f"{where}.{key}")
    return found


def _container(value: object, kind: Any, where: str) -> list[str]:
    if get_origin(kind) is list:
        if not isinstance(value, list):
            return [f"{where}: {type(value).__name__} is not a list"]
        (item,) = get_args(kind)
        return [p for index, entry in enumerate(value) for p in problems(entry, item, f"{where}[{index}]")]
    if not isinstance(value, dict):
        return [f"{where}: {type(value).__name__} is not an object"]
    _, item = get_args(kind)
    return [p for key, entry in value.items() for p in problems(entry, item, f"{where}.{key}")]


def _scalar(value: object, kind: Any, where: str) -> list[str]:
    if kind is None or kind is type(None):
        ok = value is None
    elif kind is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif kind in (int, str, bool):
        ok = isinstance(value, kind) and (kind is bool or not isinstance(value, bool))
    else:
        return [f"{where}: the contract type {kind!r} is not handled by this test"]
    return [] if ok else [f"{where}: {value!r} is not {getattr(kind, '__name__', kind)}"]


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The demo repository in git: two commits, the second deciding DM-3 differently."""
    root = write_repo(tmp_path / "repo", demo_files())
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "ISMS")
    control = root / "controls/demo/DM-3.yaml"
    control.write_text(control.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Review DM-3")
    return root


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))


CASES: list[tuple[str, Any, tuple[str, ...]]] = [
    ("validate", FindingsDocument, ("validate",)),
    ("check", CheckDocument, ("check", "--today", TODAY)),
    ("metrics", MetricsDocument, ("metrics", "--today", TODAY)),
    ("evidence list", EvidenceListDocument, ("evidence", "list", "--today", TODAY)),
    ("catalog list", CatalogListDocument, ("catalog", "list")),
    ("catalog show", CatalogShowDocument, ("catalog", "show", "demo")),
    ("diff", DiffDocument, ("diff", "--base", "HEAD~1", "--today", TODAY)),
    ("remind", RemindDocument, ("remind", "--today", TODAY, "--within", "5y")),
    ("sample", SampleDocument, ("sample", "--from", "evidence", "--size", "2", "--seed", "s", "--today", TODAY)),
]


@pytest.mark.parametrize(("name", "contract", "argv"), CASES, ids=[case[0] for case in CASES])
def test_the_json_output_is_its_contract(
    repo: Path, run_isms: RunIsms, name: str, contract: Any, argv: tuple[str, ...]
) -> None:
    result = run_isms(*argv, "--root", str(repo), "--format", "json")
    assert result.err == "", name
    document = json.loads(result.out)
    assert problems(document, contract) == []
    version = "format_version" if contract is CatalogShowDocument else "version"
    assert document[version] == "1"


def test_the_checker_fails_on_an_extra_a_missing_and_a_mistyped_key() -> None:
    good: dict[str, object] = {"version": "1", "findings": [], "summary": {"errors": 0, "warnings": 0, "notes": 0}}
    assert problems(good, FindingsDocument) == []
    assert problems({**good, "extra": 1}, FindingsDocument) == ["$.extra: not in FindingsDocument"]
    assert problems({"version": "1", "findings": []}, FindingsDocument) == ["$.summary: missing (FindingsDocument)"]
    assert problems({**good, "version": "2"}, FindingsDocument) == ["$.version: '2' is not one of ('1',)"]
    assert problems({**good, "summary": {"errors": "0", "warnings": 0, "notes": 0}}, FindingsDocument) == [
        "$.summary.errors: '0' is not int"
    ]
    assert typing.get_type_hints(CheckDocument).keys() > typing.get_type_hints(FindingsDocument).keys()


def test_the_issue_plan_is_its_contract(repo: Path, run_isms: RunIsms) -> None:
    argv = ("remind", "--root", str(repo), "--today", TODAY, "--within", "5y", "--format", "github-issues")
    result = run_isms(*argv)
    assert result.err == ""
    document = json.loads(result.out)
    assert problems(document, IssuePlanDocument) == []
    assert document["version"] == "1"
    assert {issue["state"] for issue in document["issues"]} == {"open"}


def test_the_remind_document_checked_has_items(repo: Path, run_isms: RunIsms) -> None:
    result = run_isms("remind", "--root", str(repo), "--today", TODAY, "--within", "5y", "--format", "json")
    document = json.loads(result.out)
    assert document["summary"]["total"] == len([i for o in document["owners"] for i in o["items"]]) > 0
