"""OSCAL building blocks: tokens, stable UUIDs, catalogs and assessment results."""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
from pathlib import Path
from typing import Any

import pytest

from helpers import demo_files, write_repo
from isms.evaluation import evaluate
from isms.export.oscal import (
    _ROOT,
    OSCAL_VERSION,
    compact,
    dumps,
    line,
    stable_uuid,
    timestamp,
    token,
    write_documents,
)
from isms.export.oscal_catalog import build_catalog
from isms.export.oscal_results import build_assessment_results

TODAY = dt.date(2026, 3, 1)


def test_tokens_start_with_a_letter_or_underscore() -> None:
    assert token("iso27001-2022", "5.1") == "iso27001-2022_5.1"
    assert token("5.1") == "_5.1"
    assert token("a b/c") == "a-b-c"


def test_uuids_are_version_5_and_stable() -> None:
    value = stable_uuid("catalog", "demo")
    assert value == stable_uuid("catalog", "demo")
    assert value != stable_uuid("catalog", "demo2")
    assert uuid.UUID(value).version == 5


def test_uuids_are_those_of_uuid5() -> None:
    for parts in [("catalog", "demo"), ("evidence", "r0/証跡.pdf"), ("a\x1fb",), ()]:
        assert stable_uuid(*parts) == str(uuid.uuid5(_ROOT, "\x1f".join(parts)))


def _value(rnd: random.Random, depth: int) -> Any:
    pick = rnd.random()
    if depth > 5 or pick < 0.35:
        return rnd.choice(
            ["x", '日本\n"q"\\', "", "\x00\x1f\u2028", 0, -5, 2.5, 1e300, float("nan"), True, False, None]
        )
    if pick < 0.6:
        return [_value(rnd, depth + 1) for _ in range(rnd.randint(0, 4))]
    if pick < 0.65:
        return tuple(_value(rnd, depth + 1) for _ in range(rnd.randint(0, 3)))
    keys: list[Any] = ["a", "b-c", "ü", 1, 2.5, True, None]
    return {rnd.choice(keys): _value(rnd, depth + 1) for _ in range(rnd.randint(0, 4))}


def test_dumps_writes_what_json_dumps_writes() -> None:
    rnd = random.Random(19)  # noqa: S311 - reproducible test data, not a secret
    nested: list[Any] = []
    deepest = nested
    for _ in range(120):  # deeper than the C encoders go
        deepest.append([{"a": 1}])
        deepest = deepest[-1]
    props = [{"name": "a},{", "value": "\x00},\x00{"}, {"n": 1.5, 2: None, "v": "}"}, {"x": "{"}]
    records = [{"props": props}, props, [*props, {}], [*props, []], [props[0]]]
    for document in [
        *({"k": _value(rnd, 0)} for _ in range(3000)),
        *({"r": record} for record in records),
        {"deep": nested},
        {"t": (1, (2, {}))},
    ]:
        assert dumps(document) == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def test_documents_are_written_as_dumps_text(tmp_path: Path) -> None:
    big = {
        "observations": [{"uuid": str(n), "props": [{"name": "n", "value": "証跡"}], "x": [[n]]} for n in range(9000)]
    }
    small: dict[str, Any] = {"a": []}
    assert write_documents(tmp_path / "out", {"big.json": big, "sub/small.json": small}) == [
        tmp_path / "out" / "big.json",
        tmp_path / "out" / "sub" / "small.json",
    ]
    assert (tmp_path / "out" / "big.json").read_bytes() == dumps(big).encode("utf-8")
    assert (tmp_path / "out" / "sub" / "small.json").read_text(encoding="utf-8") == '{\n  "a": []\n}\n'


@pytest.mark.parametrize("document", [{"x": object()}, {"a": {(1, 2): [1]}}, {"a": [{(1,): 1}, [1]]}])
def test_dumps_refuses_what_json_dumps_refuses(document: dict[str, Any]) -> None:
    with pytest.raises(TypeError):
        json.dumps(document, ensure_ascii=False, indent=2)
    with pytest.raises(TypeError):
        dumps(document)


def test_small_helpers() -> None:
    assert timestamp(TODAY) == "2026-03-01T00:00:00Z"
    assert line("  a\n  b ") == "a b"
    assert line(" ") == "-"
    assert compact({"a": [], "b": None, "c": 0, "d": [1]}) == {"c": 0, "d": [1]}


GROUPED = """\
framework: {id: demo, name: {ja: デモ基準, en: Demo requirements}, version: "1"}
groups:
  - {id: org, title: {ja: 組織, en: Organisational}}
  - {id: org-sub, title: 下位, parent: org}
requirements:
  - {id: DM-1, title: {ja: アクセス権の見直し, en: Access review}, group: org-sub, description: 説明}
  - {id: DM-2, title: {ja: バックアップ, en: Backups}, group: org, maps_to: ["demo:DM-1"]}
  - {id: DM-3, title: {ja: 物理的入退管理, en: Physical entry}}
"""


def test_catalog_nests_groups_and_keeps_labels(tmp_path: Path) -> None:
    files = demo_files()
    files["catalogs/demo.yaml"] = GROUPED
    repo = evaluate(write_repo(tmp_path, files), TODAY).repository
    framework = repo.frameworks["demo"]
    maps_to = {("demo", rid): repo.maps_to(("demo", rid)) for rid in framework.requirements}
    catalog = build_catalog(framework, maps_to, TODAY, "en")["catalog"]
    assert catalog["metadata"]["oscal-version"] == OSCAL_VERSION
    assert catalog["metadata"]["title"] == "Demo requirements"
    (org,) = catalog["groups"]
    assert org["id"] == "demo_org"
    assert [c["id"] for c in org["controls"]] == ["demo_DM-2"]
    assert org["controls"][0]["links"] == [{"href": "demo.json#demo_DM-1", "rel": "related", "text": "demo:DM-1"}]
    (sub,) = org["groups"]
    control = sub["controls"][0]
    assert control["props"][:2] == [
        {"name": "label", "value": "DM-1"},
        {"name": "alt-title", "ns": "urn:isms:ns:oscal", "value": "アクセス権の見直し", "class": "ja"},
    ]
    assert control["parts"] == [{"id": "demo_DM-1_ovw", "name": "overview", "prose": "説明"}]
    assert [c["id"] for c in catalog["controls"]] == ["demo_DM-3"]
    assert build_catalog(framework, maps_to, TODAY, "en")["catalog"]["uuid"] == catalog["uuid"]


def _results(root: Path) -> dict[str, Any]:
    document = build_assessment_results(evaluate(root, TODAY), "en")
    result: dict[str, Any] = document["assessment-results"]["results"][0]
    return result


def test_findings_judge_every_requirement(demo_repo: Path) -> None:
    findings = {f["target"]["target-id"]: f["target"] for f in _results(demo_repo)["findings"]}
    assert findings["demo_DM-1"]["status"] == {"state": "satisfied", "reason": "pass"}
    assert findings["demo_DM-1"]["implementation-status"] == {"state": "implemented"}
    assert findings["demo_DM-2"]["status"] == {"state": "not-satisfied", "reason": "fail"}
    assert findings["demo_DM-3"]["status"] == {"state": "satisfied", "reason": "other"}
    assert findings["demo_DM-3"]["implementation-status"] == {"state": "not-applicable"}


def test_confidential_evidence_is_metadata_only(tmp_path: Path) -> None:
    files = demo_files()
    files["evidence/access/evidence.yaml"] = str(files["evidence/access/evidence.yaml"]).replace(
        "class: internal", "class: confidential"
    )
    observation = _results(write_repo(tmp_path, files))["observations"][0]
    (evidence,) = observation["relevant-evidence"]
    assert "href" not in evidence
    assert evidence["remarks"] == "confidential evidence: metadata only, the file is not referenced."
    assert {p["name"]: p["value"] for p in evidence["props"]}["evidence-class"] == "confidential"


def test_internal_evidence_is_referenced_not_included(demo_repo: Path) -> None:
    observation = _results(demo_repo)["observations"][0]
    (evidence,) = observation["relevant-evidence"]
    assert evidence["href"] == "evidence/access/review-2026-q1.csv"
    assert observation["collected"] == "2026-01-15T00:00:00Z"
    assert observation["expires"] == "2027-01-16T00:00:00Z"
    assert "alice" not in str(observation)
