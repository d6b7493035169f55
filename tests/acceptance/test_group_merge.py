"""`isms group merge`: the entities' CI artefacts (JSON contracts only) into the group site; bad artefacts refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from acceptance.group_fixture import TODAY, WITHHELD_CONTENT, WITHHELD_TITLE, make_group
from helpers import RunIsms
from isms.contracts import GroupDocument
from isms.evaluation import evaluate
from isms.group.artefacts import Artefact
from isms.group.merge import merge as merge_artefacts
from unit.test_contracts import problems


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))


def artefact(run_isms: RunIsms, root: Path, folder: Path, day: str = TODAY) -> Path:
    """What an entity job uploads: `isms metrics` and `isms check` as JSON, in a folder named after the entity."""
    folder.mkdir(parents=True)
    for command in ("metrics", "check"):
        result = run_isms(command, "--root", str(root), "--today", day, "--format", "json")
        (folder / f"{command}.json").write_text(result.out, encoding="utf-8")
    return folder


@pytest.fixture
def group(tmp_path: Path) -> Path:
    return make_group(tmp_path)


def merge(
    run_isms: RunIsms, group: Path, *paths: Path, out: Path | None = None, fmt: str = "json"
) -> tuple[int, str, str]:
    site = out or group.parent / "site"
    result = run_isms(
        "group", "merge", *map(str, paths), "--root", str(group), "--today", TODAY, "--out", str(site), "--format", fmt
    )
    assert "Traceback" not in result.err
    return result.code, result.out, result.err


@pytest.mark.slow
def test_merge_reads_the_artefacts_and_says_which_entity_is_stale(group: Path, run_isms: RunIsms) -> None:
    base = group.parent
    valid = artefact(run_isms, base / "valid", base / "artefacts" / "valid")
    invalid = artefact(run_isms, base / "invalid", base / "artefacts" / "invalid", day="2026-03-01")
    (valid / "site").mkdir()
    (valid / "site" / "leak.html").write_bytes(WITHHELD_CONTENT)  # an entity's own site is not read
    code, out, err = merge(run_isms, group, valid, invalid)
    assert code == 0, err
    document = json.loads(out)
    assert problems(document, GroupDocument) == []
    rows = {row["id"]: row for row in document["entities"]}
    assert (rows["valid"]["status"], rows["valid"]["stale"]) == ("ok", False)
    assert (rows["invalid"]["status"], rows["invalid"]["stale"], rows["invalid"]["as_of"]) == (
        "errors",
        True,
        "2026-03-01",
    )
    assert rows["invalid"]["findings"] == {"errors": 2, "warnings": 0, "notes": 0}
    assert rows["gone"]["reason"] == "no artefact: the entity's job failed or uploaded nothing"
    assert err == (
        "isms: warning: entity `invalid` is stale: as of 2026-03-01, the group as of 2026-03-31; "
        "re-run its job for 2026-03-31\n"
    )
    site = base / "site"
    overview = (site / "group" / "index.html").read_text(encoding="utf-8")
    assert 'data-entity="invalid" data-status="errors"' in overview
    assert "data-stale" in overview
    for path in site.rglob("*"):
        if path.is_file():
            assert WITHHELD_CONTENT not in path.read_bytes(), path
            assert WITHHELD_TITLE.encode() not in path.read_bytes(), path
    # the figures are those `group build` computes from the repositories themselves
    built = run_isms("group", "metrics", "--root", str(group), "--today", TODAY, "--format", "json")
    built_rows = {row["id"]: row for row in json.loads(built.out)["entities"]}
    assert built_rows["valid"] == rows["valid"]


def test_an_unknown_contract_version_is_refused(group: Path, run_isms: RunIsms) -> None:
    valid = artefact(run_isms, group.parent / "valid", group.parent / "artefacts" / "valid")
    metrics = valid / "metrics.json"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace('"version": "1"', '"version": "2"', 1), "utf-8")
    code, out, err = merge(run_isms, group, valid)
    assert (code, out) == (1, "")
    assert err == (
        f'isms: error: {metrics}: contract version "2" is not one this isms reads ("1"); '
        "run the same isms version in the entity jobs and the merge job, or upgrade isms here\n"
    )
    assert not (group.parent / "site").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json at all", ":1:1: not an isms JSON document (not JSON: Expecting value)"),
        ('{"hello": "world"}', ": not an isms JSON document (no `version`)"),
        ("[1, 2]", ": not an isms JSON document (no `version`)"),
        ('{"version": "1", "name": "x"}', ": not an isms metrics or check document (no `frameworks`, no `findings`)"),
        (
            '{"version": "1", "findings": [], "summary": {"errors": 0, "warnings": 0, "notes": 0}}',
            ": an `isms validate` document has no as-of date; give `isms check --format json` instead",
        ),
        (
            '{"version": "1", "as_of": "2026-03-31", "commit": null, "frameworks": [{"id": 3}], "evidence": {}, '
            '"measures": {}}',
            ": not a valid `isms metrics --format json` document: `frameworks[0].id` must be str; "
            "`frameworks[0].name` is missing",
        ),
        (
            '{"version": "1", "as_of": "yesterday", "commit": null, "findings": [], '
            '"summary": {"errors": 0, "warnings": 0, "notes": 0}}',
            ": not a valid `isms check --format json` document: `as_of` must be a date (YYYY-MM-DD), not 'yesterday'",
        ),
    ],
    ids=["not-json", "no-version", "a-list", "other-document", "validate-output", "wrong-types", "bad-date"],
)
def test_a_file_that_is_not_an_isms_document_is_refused(
    group: Path, run_isms: RunIsms, content: str, message: str
) -> None:
    folder = group.parent / "artefacts" / "valid"
    folder.mkdir(parents=True)
    (folder / "metrics.json").write_text(content, encoding="utf-8")
    code, out, err = merge(run_isms, group, folder)
    assert (code, out) == (1, "")
    assert err.startswith(f"isms: error: {folder / 'metrics.json'}{message}")


def test_two_artefacts_for_one_entity_id_are_refused(group: Path, run_isms: RunIsms) -> None:
    base = group.parent
    first = artefact(run_isms, base / "valid", base / "a" / "valid")
    second = artefact(run_isms, base / "valid", base / "b" / "valid")
    code, _, err = merge(run_isms, group, first, second)
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == (
        f"isms: error: {second / 'check.json'}: duplicate entity id `valid`: its check document is also "
        f"{first / 'check.json'}; give each entity one artefact"
    )
    assert lines[1].startswith(f"{second / 'metrics.json'}: duplicate entity id `valid`")


def test_an_artefact_of_no_entity_and_a_missing_path_are_refused(group: Path, run_isms: RunIsms) -> None:
    base = group.parent
    stranger = artefact(run_isms, base / "valid", base / "artefacts" / "stranger")
    code, _, err = merge(run_isms, group, stranger)
    assert code == 1
    assert err == (
        f"isms: error: {stranger / 'check.json'}: `stranger` is not an entity of the group (group.entities in "
        "isms.yaml: `valid`, `invalid`, `gone`); name each artefact after its entity's id\n"
    )
    code, _, err = merge(run_isms, group, base / "nowhere")
    assert (code, err) == (1, f"isms: error: {base / 'nowhere'}: no such file or folder\n")


def test_an_artefact_with_one_document_only_is_unavailable(group: Path, run_isms: RunIsms) -> None:
    base = group.parent
    valid = artefact(run_isms, base / "valid", base / "artefacts" / "valid")
    (valid / "check.json").unlink()
    result = run_isms(
        "group",
        "merge",
        str(valid / "metrics.json"),
        "--root",
        str(group),
        "--today",
        TODAY,
        "--out",
        str(base / "site"),
        "--format",
        "json",
    )
    assert result.code == 0, result.err
    row = json.loads(result.out)["entities"][0]
    assert (row["status"], row["reason"]) == ("unavailable", "its artefact has no check document")


def test_why_an_entity_is_unavailable_is_also_said_in_japanese(group: Path) -> None:
    own = evaluate(group, dt.date.fromisoformat(TODAY))
    ids = [row["id"] for row in merge_artefacts(own, {}).document["entities"]]
    half = {"valid": Artefact("valid", None, None, (group / "valid.json",))}
    rolled = merge_artefacts(own, half)
    reasons = {row["id"]: row["reason"] for row in rolled.document["entities"]}
    assert reasons == {
        entity: "its artefact has no metrics and no check document"
        if entity == "valid"
        else "no artefact: the entity's job failed or uploaded nothing"
        for entity in ids
    }
    assert rolled.reasons_ja == {
        entity: "成果物に metrics・check の文書がありません"
        if entity == "valid"
        else "成果物がありません: 事業体のジョブが失敗したか、何もアップロードしていません"
        for entity in ids
    }
