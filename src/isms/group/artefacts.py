"""Reading the artefacts of the entities' CI jobs: their `isms metrics` and `isms check` JSON contracts.

An artefact is a folder named after the entity's id holding ``metrics.json`` and ``check.json`` (what
the group workflow's entity jobs upload; other files, such as the entity's ``site/``, are not read),
or one of those files given on its own (its folder names the entity). Only these versioned
documents are read, never evidence. Every problem is collected and reported at once, naming the file:
not JSON, not an isms document, a contract version this isms does not know, or a field of the wrong type.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from isms.contracts import CheckDocument, MetricsDocument
from isms.errors import IsmsError
from isms.files import MAX_DATA_BYTES, read_regular

#: The contract versions this isms reads.
KNOWN_VERSIONS = ("1",)
Kind = Literal["metrics", "check"]
_EXPECTED = "give the output of `isms metrics --format json` or `isms check --format json`"
_EXPECTED_JA = "`isms metrics --format json` か `isms check --format json` の出力を指定してください"


class ArtefactError(IsmsError):
    """One or more artefacts cannot be merged (every problem, one per line)."""


@dataclass(frozen=True, slots=True)
class Artefact:
    """One entity's documents, by kind, and the files they came from."""

    entity: str
    metrics: MetricsDocument | None
    check: CheckDocument | None
    files: tuple[Path, ...]


_Shape = dict[str, tuple[type | None, ...]]
_METRICS: _Shape = {
    "as_of": (str,),
    "commit": (str, type(None)),
    "frameworks": (list,),
    "evidence": (dict,),
    "measures": (dict,),
}
_FRAMEWORK: _Shape = {
    "id": (str,),
    "name": (str,),
    "name_ja": (str, type(None)),
    "short": (str,),
    "applicable": (int,),
    "evidenced": (int,),
    "coverage": (int, float),
    "effectiveness": (int, float, type(None)),
    "measures": (dict,),
}
_CHECK: _Shape = {"as_of": (str,), "commit": (str, type(None)), "findings": (list,), "summary": (dict,)}
_FINDING: _Shape = {"rule": (str,), "severity": (str,)}
_COUNTS = ("errors", "warnings", "notes")


def _type_problems(data: dict[str, Any], shape: _Shape, where: str) -> list[str]:
    problems = []
    for key, types in shape.items():
        if key not in data:
            problems.append(f"`{where}{key}` is missing")
        elif isinstance(data[key], bool) or not isinstance(data[key], tuple(t for t in types if t is not None)):
            names = " or ".join("null" if t is type(None) else t.__name__ for t in types if t is not None)
            problems.append(f"`{where}{key}` must be {names}")
    return problems


def _counts(value: object, keys: Iterable[str] | None, where: str) -> list[str]:
    if not isinstance(value, dict):
        return []
    problems = [f"`{where}.{key}` is missing" for key in keys or () if key not in value]
    problems += [
        f"`{where}.{key}` must be a whole number"
        for key, n in value.items()
        if not isinstance(n, int) or isinstance(n, bool)
    ]
    return problems


def _date_problems(data: dict[str, Any]) -> list[str]:
    value = data.get("as_of")
    if not isinstance(value, str):
        return []
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return [f"`as_of` must be a date (YYYY-MM-DD), not {value!r}"]
    return [] if len(value) == 10 else [f"`as_of` must be a date (YYYY-MM-DD), not {value!r}"]


def _metrics_problems(data: dict[str, Any]) -> list[str]:
    problems = _type_problems(data, _METRICS, "") + _date_problems(data)
    rows = data.get("frameworks")
    for index, row in enumerate(rows if isinstance(rows, list) else []):
        if not isinstance(row, dict):
            problems.append(f"`frameworks[{index}]` must be an object")
            continue
        problems += _type_problems(row, _FRAMEWORK, f"frameworks[{index}].")
        problems += _counts(row.get("measures"), ("total", "met"), f"frameworks[{index}].measures")
    problems += _counts(data.get("evidence"), None, "evidence")
    return problems


def _check_problems(data: dict[str, Any]) -> list[str]:
    problems = _type_problems(data, _CHECK, "") + _date_problems(data)
    rows = data.get("findings")
    for index, row in enumerate(rows if isinstance(rows, list) else []):
        if not isinstance(row, dict):
            problems.append(f"`findings[{index}]` must be an object")
            continue
        problems += _type_problems(row, _FINDING, f"findings[{index}].")
    problems += _counts(data.get("summary"), _COUNTS, "summary")
    return problems


def read_document(path: Path) -> tuple[Kind, MetricsDocument | CheckDocument]:
    """Read one artefact file: an `isms metrics` or `isms check` JSON document of a known version.

    Raises:
        ArtefactError: naming the file and what is wrong with it.
    """
    try:
        data = json.loads(read_regular(path, MAX_DATA_BYTES).decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"{path}: cannot be read ({exc}); {_EXPECTED}"
        ja = f"{path}: 読み込めません（{exc}）。{_EXPECTED_JA}"
        raise ArtefactError(msg, ja=ja) from None
    except json.JSONDecodeError as exc:
        msg = f"{path}:{exc.lineno}:{exc.colno}: not an isms JSON document (not JSON: {exc.msg}); {_EXPECTED}"
        ja = (
            f"{path}:{exc.lineno}:{exc.colno}: isms の JSON 文書ではありません（JSON ではありません: {exc.msg}）。"
            f"{_EXPECTED_JA}"
        )
        raise ArtefactError(msg, ja=ja) from None
    if not isinstance(data, dict) or not isinstance(data.get("version"), str):
        msg = f"{path}: not an isms JSON document (no `version`); {_EXPECTED}"
        ja = f"{path}: isms の JSON 文書ではありません（`version` がありません）。{_EXPECTED_JA}"
        raise ArtefactError(msg, ja=ja)
    if data["version"] not in KNOWN_VERSIONS:
        known = ", ".join(f'"{v}"' for v in KNOWN_VERSIONS)
        msg = (
            f'{path}: contract version "{data["version"]}" is not one this isms reads ({known}); '
            "run the same isms version in the entity jobs and the merge job, or upgrade isms here"
        )
        ja = (
            f'{path}: 契約のバージョン "{data["version"]}" はこの isms が読めるもの（{known}）ではありません。'
            "エンティティのジョブとマージのジョブで同じ版の isms を使うか、ここの isms を更新してください"
        )
        raise ArtefactError(msg, ja=ja)
    kind: Kind
    if "frameworks" in data:
        kind, problems = "metrics", _metrics_problems(data)
    elif "findings" in data and "as_of" in data:
        kind, problems = "check", _check_problems(data)
    elif "findings" in data:
        msg = f"{path}: an `isms validate` document has no as-of date; give `isms check --format json` instead"
        ja = (
            f"{path}: `isms validate` の文書には評価日がありません。"
            "代わりに `isms check --format json` の出力を指定してください"
        )
        raise ArtefactError(msg, ja=ja)
    else:
        msg = f"{path}: not an isms metrics or check document (no `frameworks`, no `findings`); {_EXPECTED}"
        ja = (
            f"{path}: isms の metrics・check の文書ではありません（`frameworks` も `findings` もありません）。"
            f"{_EXPECTED_JA}"
        )
        raise ArtefactError(msg, ja=ja)
    if problems:
        msg = f"{path}: not a valid `isms {kind} --format json` document: {'; '.join(problems[:5])}"
        ja = f"{path}: `isms {kind} --format json` の文書として正しくありません: {'; '.join(problems[:5])}"
        raise ArtefactError(msg, ja=ja)
    document = cast(MetricsDocument, data) if kind == "metrics" else cast(CheckDocument, data)
    return kind, document


def _files(path: Path) -> tuple[str, list[Path]]:
    if path.is_dir():
        found = sorted(p for p in path.glob("*.json") if p.is_file())
        if not found:
            msg = f"{path}: holds no JSON document (expected metrics.json and check.json)"
            ja = f"{path}: JSON 文書がありません（metrics.json と check.json があるはずです）"
            raise ArtefactError(msg, ja=ja)
        return path.resolve().name, found
    if path.exists():
        return path.resolve().parent.name, [path]
    msg = f"{path}: no such file or folder"
    ja = f"{path}: そのファイルまたはフォルダはありません"
    raise ArtefactError(msg, ja=ja)


def collect(paths: Sequence[Path]) -> dict[str, Artefact]:
    """Read every artefact and return them by entity id.

    Raises:
        ArtefactError: every problem found, one per line (unreadable, not isms, unknown version,
            two documents of one kind for one entity).
    """
    problems: list[tuple[str, str]] = []  # (en, ja)
    found: dict[str, dict[Kind, tuple[Path, MetricsDocument | CheckDocument]]] = {}
    for given in paths:
        try:
            entity, files = _files(given)
        except ArtefactError as exc:
            problems.append((str(exc), exc.text("ja")))
            continue
        for path in files:
            try:
                kind, document = read_document(path)
            except ArtefactError as exc:
                problems.append((str(exc), exc.text("ja")))
                continue
            documents = found.setdefault(entity, {})
            if kind in documents:
                problems.append(
                    (
                        f"{path}: duplicate entity id `{entity}`: its {kind} document is also "
                        f"{documents[kind][0]}; give each entity one artefact",
                        f"{path}: エンティティ ID `{entity}` が重複しています。その {kind} の文書は "
                        f"{documents[kind][0]} にもあります。エンティティごとに成果物を1つにしてください",
                    )
                )
                continue
            documents[kind] = (path, document)
    if problems:
        raise ArtefactError("\n".join(en for en, _ in problems), ja="\n".join(ja for _, ja in problems))
    out: dict[str, Artefact] = {}
    for entity, documents in sorted(found.items()):
        metrics = documents.get("metrics")
        check = documents.get("check")
        out[entity] = Artefact(
            entity,
            cast(MetricsDocument, metrics[1]) if metrics else None,
            cast(CheckDocument, check[1]) if check else None,
            tuple(path for path, _ in documents.values()),
        )
    return out
