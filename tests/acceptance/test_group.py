"""`isms group build|metrics|fetch|matrix`: three real git repositories rolled up into a real group site."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import isms
from acceptance.group_fixture import ENTITIES, TODAY, WITHHELD_CONTENT, WITHHELD_TITLE, commit_repo, git, make_group
from helpers import RunIsms, demo_files
from isms.contracts import GroupDocument
from unit.test_contracts import problems


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))


@pytest.mark.slow
def test_a_group_of_three_repositories_builds_into_a_site_and_its_json(tmp_path: Path, run_isms: RunIsms) -> None:
    group = make_group(tmp_path)
    site = tmp_path / "site"
    result = run_isms("group", "build", "--root", str(group), "--today", TODAY, "--out", str(site), "--format", "json")
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    document = json.loads(result.out)
    assert problems(document, GroupDocument) == []
    rows = {row["id"]: row for row in document["entities"]}
    assert [row["id"] for row in document["entities"]] == ["valid", "invalid", "gone"]
    assert rows["valid"]["status"] == "ok"
    assert rows["valid"]["frameworks"][0]["coverage"] == 0.5
    assert rows["valid"]["as_of"] == TODAY
    assert rows["valid"]["commit"] == git(tmp_path / "valid", "rev-parse", "HEAD").strip()
    assert rows["invalid"]["status"] == "errors"
    assert rows["invalid"]["findings"]["errors"] == 2
    assert rows["invalid"]["rules"] == {"invalid-value": 1, "requirement-uncovered": 1}
    assert rows["gone"]["status"] == "unavailable"
    assert rows["gone"]["reason"] == f"no such folder: {(tmp_path / 'gone').resolve()}"
    assert document["summary"] == {"entities": 3, "ok": 1, "errors": 1, "unavailable": 1, "stale": 0}
    # the entities' temporary clones leave no commit cache behind: only the group's own remains
    assert len(list((tmp_path / "cache").glob("history-v1-*.json"))) == 1
    assert document["group"]["organisation"] == {"ja": "デモ株式会社", "en": "Demo Inc."}
    # the site: the group's own ISMS site with the group pages after the dashboard, and the contract
    overview = (site / "group" / "index.html").read_text(encoding="utf-8")
    assert 'data-entity="gone" data-status="unavailable"' in overview
    assert f"そのフォルダはありません: {(tmp_path / 'gone').resolve()}" in overview  # the Japanese edition's reason
    assert "no such folder" not in overview
    assert 'data-entity="invalid" data-status="errors"' in overview
    assert 'href="https://valid.example.com/isms/"' in overview
    assert 'href="entities.html#entity-invalid"' in overview
    page = (site / "group" / "entities.html").read_text(encoding="utf-8")
    invalid = page[page.index('id="entity-invalid"') : page.index('id="entity-gone"')]
    assert "<code>invalid-value</code>" in invalid
    assert "<td data-findings>2 / 0 / 0</td>" in invalid
    assert (site / "index.html").is_file()
    assert (site / "soa.html").is_file()
    assert json.loads((site / "downloads" / "group.json").read_text(encoding="utf-8")) == document
    # withheld evidence stays withheld: no entity's evidence title or content anywhere in the group site
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert WITHHELD_TITLE.encode() not in data, path
            assert WITHHELD_CONTENT not in data, path
    # the same figures from `group metrics`
    metrics = run_isms("group", "metrics", "--root", str(group), "--today", TODAY, "--format", "json")
    assert metrics.code == 0
    assert json.loads(metrics.out) == document
    assert isms.group_report(group, dt.date.fromisoformat(TODAY)) == document  # the library API


def test_the_english_text_output_and_an_unreachable_url(tmp_path: Path, run_isms: RunIsms) -> None:
    entities = ENTITIES.replace("repository: ../gone", "repository: https://127.0.0.1:9/none.git")
    group = make_group(tmp_path, entities)
    result = run_isms("group", "metrics", "--root", str(group), "--today", TODAY)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("group as of 2026-03-31, commit ")
    gone = next(line for line in lines if line.startswith("gone "))
    assert "unavailable" in gone
    assert "git fetch failed" in gone
    assert lines[-1] == "3 entities: 1 ok, 1 with errors, 1 unavailable, 0 stale"


def test_two_entities_with_one_id_are_an_error_at_the_line(tmp_path: Path, run_isms: RunIsms) -> None:
    twice = ENTITIES + "    - {id: valid, name: again, repository: ../valid}\n"
    group = make_group(tmp_path, twice)
    line = str(demo_files()["isms.yaml"]).count("\n") + twice.count("\n")
    validate = run_isms("validate", "--root", str(group))
    assert validate.code == 1
    assert validate.out.splitlines()[0] == (
        f"isms.yaml:{line}:12: error: entity `valid` is already entity 1 of `group.entities`; "
        "give each its own id (duplicate-id)"
    )
    build = run_isms("group", "build", "--root", str(group), "--today", TODAY, "--out", str(tmp_path / "site"))
    assert build.code == 1
    assert build.err.startswith("isms: error: the group's isms.yaml has errors; fix them first:\nisms.yaml:")
    assert "Traceback" not in build.err
    assert not (tmp_path / "site").exists()


def test_a_repository_without_a_group_is_refused(demo_repo: Path, run_isms: RunIsms) -> None:
    for action in (("build",), ("metrics",), ("merge",), ("matrix",)):
        result = run_isms("group", *action, "--root", str(demo_repo))
        assert result.code == 2, action
        assert result.err == (
            f"isms: error: {demo_repo / 'isms.yaml'}: no `group:` section, so this is not a group's repository; "
            "name the entities under `group: entities:` (see `isms schema`)\n"
        )


def test_a_bad_entity_schema_names_the_file_and_line(tmp_path: Path, run_isms: RunIsms) -> None:
    group = make_group(tmp_path, ENTITIES.replace("site: https://valid.example.com/isms/", "site: javascript:alert(1)"))
    result = run_isms("validate", "--root", str(group))
    assert result.code == 1
    line = str(demo_files()["isms.yaml"]).count("\n") + 6
    assert result.out.splitlines()[0] == (
        f"isms.yaml:{line}:13: error: `group.entities[0].site` must start with `https:`, `http:`, `mailto:`: "
        "a link to a `javascript:` URL is refused (got 'javascript:alert(1)') (invalid-value)"
    )


def test_fetch_takes_a_ref_and_shallow_fetches_one_commit(tmp_path: Path, run_isms: RunIsms) -> None:
    source = commit_repo(tmp_path / "valid", demo_files())
    first = git(source, "rev-parse", "HEAD").strip()
    (source / "controls/demo/DM-3.yaml").write_text("status: planned\nowner: it\n", encoding="utf-8")
    git(source, "commit", "-q", "-am", "Plan DM-3")
    entities = (
        "group:\n  entities:\n"
        f"    - {{id: old, name: Old, repository: ../valid, ref: {first}}}\n"
        "    - {id: last, name: Last, repository: ../valid, shallow: true}\n"
        f"    - {{id: url, name: By URL, repository: '{source.as_uri()}', ref: main}}\n"
    )
    files = demo_files()
    files["isms.yaml"] = str(files["isms.yaml"]) + entities
    group = commit_repo(tmp_path / "group", files)
    old = run_isms("group", "fetch", "old", "--root", str(group), "--out", str(tmp_path / "old"))
    assert old.code == 0, old.err
    assert git(tmp_path / "old", "rev-parse", "HEAD").strip() == first
    last = run_isms("group", "fetch", "last", "--root", str(group), "--out", str(tmp_path / "last"))
    assert last.code == 0, last.err
    assert git(tmp_path / "last", "rev-list", "--count", "HEAD").strip() == "1"
    assert (tmp_path / "last" / "controls/demo/DM-3.yaml").read_text(encoding="utf-8").startswith("status: planned")
    by_url = run_isms("group", "fetch", "url", "--root", str(group), "--out", str(tmp_path / "url"))
    assert by_url.code == 0, by_url.err
    assert git(tmp_path / "url", "rev-list", "--count", "HEAD").strip() == "2"  # the whole history
    unknown = run_isms("group", "fetch", "nope", "--root", str(group), "--out", str(tmp_path / "nope"))
    assert unknown.code == 2
    assert unknown.err == "isms: error: `nope` is not an entity of the group; the entities are: last, old, url\n"
    matrix = run_isms("group", "matrix", "--root", str(group))
    assert (matrix.code, matrix.out) == (0, '["last", "old", "url"]\n')


def test_an_unknown_ref_makes_the_entity_unavailable(tmp_path: Path, run_isms: RunIsms) -> None:
    group = make_group(tmp_path, ENTITIES.replace("ref: main", "ref: no-such-branch"))
    result = run_isms("group", "metrics", "--root", str(group), "--today", TODAY, "--format", "json")
    assert result.code == 0, result.err
    invalid = json.loads(result.out)["entities"][1]
    assert (invalid["status"], invalid["reason"]) == (
        "unavailable",
        f"no commit `no-such-branch` in {(tmp_path / 'invalid').resolve()}",
    )
    assert result.err.splitlines()[1] == f"isms: invalid: unavailable ({invalid['reason']})"


def test_a_repository_that_is_not_an_isms_is_unavailable(tmp_path: Path, run_isms: RunIsms) -> None:
    group = make_group(tmp_path, ENTITIES + "    - {id: plain, name: Plain, repository: ../plain}\n")
    commit_repo(tmp_path / "plain", {"README.md": "no ISMS here\n"})
    result = run_isms("group", "metrics", "--root", str(group), "--today", TODAY, "--format", "json")
    assert result.code == 0, result.err
    plain = json.loads(result.out)["entities"][3]
    assert (plain["status"], plain["reason"]) == ("unavailable", "not an ISMS repository: no isms.yaml at its root")


def test_a_token_in_a_repository_url_is_not_shown(tmp_path: Path, run_isms: RunIsms) -> None:
    entities = ENTITIES.replace("repository: ../gone", "repository: https://user:s3cret@127.0.0.1:9/none.git")
    group = make_group(tmp_path, entities)
    result = run_isms("group", "metrics", "--root", str(group), "--today", TODAY, "--format", "json")
    gone = json.loads(result.out)["entities"][2]
    assert gone["repository"] == "https://127.0.0.1:9/none.git"
    assert "s3cret" not in result.out


def test_the_text_output_in_the_terminals_language(
    tmp_path: Path, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    group = make_group(tmp_path, ENTITIES)
    english = run_isms("group", "metrics", "--root", str(group), "--today", TODAY)
    commit = english.out.split("commit ")[1].split()[0]
    gone = f"no such folder: {tmp_path / 'gone'}"
    gone_ja = f"そのフォルダはありません: {tmp_path / 'gone'}"
    assert english.out.splitlines() == [
        f"group as of 2026-03-31, commit {commit}",
        "",
        "entity               status        coverage   effect. errors  warn. overdue",
        "(group)              ok              50.0 %         –      0      0       0",
        "valid                ok              50.0 %         –      0      0       0",
        "invalid              errors          50.0 %         –      2      0       0",
        f"gone                 unavailable          –         –      –      –       –  {gone}",
        "",
        "3 entities: 1 ok, 1 with errors, 1 unavailable, 0 stale",
    ]
    assert english.err.splitlines() == ["isms: valid: ok", "isms: invalid: errors", f"isms: gone: unavailable ({gone})"]
    monkeypatch.setenv("ISMS_LANG", "ja")
    japanese = run_isms("group", "metrics", "--root", str(group), "--today", TODAY)
    assert japanese.out.splitlines() == [
        f"グループ（2026-03-31 時点、コミット {commit}）",
        "",
        "事業体               状態          カバー率    有効性 エラー   警告 期限超過",
        "（グループ）         正常            50.0 %         –      0      0        0",
        "valid                正常            50.0 %         –      0      0        0",
        "invalid              エラーあり      50.0 %         –      2      0        0",
        f"gone                 取得不可             –         –      –      –        –  {gone_ja}",
        "",
        "事業体 3 件: 正常 1 件、エラーあり 1 件、取得不可 1 件、基準日が古い 0 件",
    ]
    assert japanese.err.splitlines() == [
        "isms: valid: 正常",
        "isms: invalid: エラーあり",
        f"isms: gone: 取得不可 ({gone_ja})",
    ]
