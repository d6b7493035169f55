"""Evidence stores: store items, `isms evidence verify`, signed attestations checked by `isms check`."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from acceptance.store_fixture import ACCOUNTS, DESIGNATED, config, make_key, needs_ssh, store_register, store_repo
from helpers import TODAY, sha256_hex, write_repo

if TYPE_CHECKING:
    from acceptance.store_fixture import StoreRepo
    from helpers import RunIsms

pytestmark = needs_ssh

VERIFY_DATE = "2026-11-20"


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("keys")
    for name in ("insider-admin", "ciso", "stranger"):
        make_key(folder, name)
    return folder


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture
def repo(tmp_path: Path, keys: Path) -> StoreRepo:
    return store_repo(tmp_path, keys)


def verify(run_isms: RunIsms, repo: StoreRepo, key: Path | None = None, date: str = VERIFY_DATE) -> Any:
    return run_isms(
        "evidence",
        "verify",
        "--store",
        f"insider-fs={repo.store}",
        "--key",
        str(key or repo.custodian),
        "--date",
        date,
        "--root",
        str(repo.root),
    )


def check(run_isms: RunIsms, root: Path, today: str = TODAY) -> tuple[int, dict[str, Any]]:
    result = run_isms("check", "--root", str(root), "--today", today, "--format", "json")
    return result.code, json.loads(result.out)


def found(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f["rule"], f["message"]) for f in document["findings"]]


def rules(document: dict[str, Any]) -> set[str]:
    return {f["rule"] for f in document["findings"]}


def attestation(repo: StoreRepo) -> Path:
    return repo.root / "attestations" / "insider-fs.json"


def test_unverified_store_items_say_what_to_run(run_isms: RunIsms, repo: StoreRepo) -> None:
    code, document = check(run_isms, repo.root)
    assert code == 1
    messages = [m for r, m in found(document) if r == "evidence-unverified"]
    assert len(messages) == 2
    assert all("isms evidence verify --store insider-fs=PATH --key KEY" in m for m in messages)
    assert all("insider-admin" in m for m in messages)


def test_verify_writes_a_signed_attestation_that_check_accepts(run_isms: RunIsms, repo: StoreRepo) -> None:
    result = verify(run_isms, repo)
    assert result.code == 0, result.out + result.err
    assert "insider-fs: 2 match; wrote attestations/insider-fs.json" in result.out
    document = json.loads(attestation(repo).read_text())
    assert document["attestation"]["verifier"] == "insider-admin"
    assert document["signature"].startswith("-----BEGIN SSH SIGNATURE-----")
    assert ACCOUNTS.decode() not in attestation(repo).read_text()
    code, checked = check(run_isms, repo.root)
    assert code == 0, found(checked)
    listing = json.loads(
        run_isms("evidence", "list", "--root", str(repo.root), "--today", TODAY, "--format", "json").out
    )
    states = {row["path"]: row["state"] for row in listing["evidence"]}
    assert states["insider-fs:designated.csv"] == "current"
    row = next(r for r in listing["evidence"] if r["path"] == "insider-fs:designated.csv")
    assert (row["store"], row["ref"], row["signature"]) == ("insider-fs", "designated.csv", "good")
    assert row["verified"]["date"] == VERIFY_DATE
    assert row["verified"]["by"] == "insider-admin"


def test_a_key_that_is_not_the_custodians_writes_nothing(run_isms: RunIsms, repo: StoreRepo, keys: Path) -> None:
    for key in (repo.other, keys / "stranger"):
        result = verify(run_isms, repo, key)
        assert result.code == 2
        assert "is not a key of `insider-admin`, the custodian of `insider-fs`" in result.err
    assert "(it is a key of ciso)" in verify(run_isms, repo, repo.other).err
    assert not attestation(repo).exists()


def test_an_undeclared_store_or_missing_folder_is_a_usage_error(run_isms: RunIsms, repo: StoreRepo) -> None:
    bad = run_isms(
        "evidence", "verify", "--store", f"nas={repo.store}", "--key", str(repo.custodian), "--root", str(repo.root)
    )
    assert bad.code == 2
    assert "store `nas` is not declared" in bad.err
    gone = run_isms(
        "evidence",
        "verify",
        "--store",
        "insider-fs=/nonexistent",
        "--key",
        str(repo.custodian),
        "--root",
        str(repo.root),
    )
    assert gone.code == 2
    assert "no such folder" in gone.err
    assert not attestation(repo).exists()


def test_a_changed_store_file_is_tampered(run_isms: RunIsms, repo: StoreRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo.store / "designated.csv").write_bytes(b"employee_id\nP-9999\n")
    result = verify(run_isms, repo)
    assert result.code == 1
    assert result.out == (
        "insider-fs: 1 match, 1 mismatch; wrote attestations/insider-fs.json\n  mismatch   designated.csv\n"
    )
    monkeypatch.setenv("ISMS_LANG", "ja")
    japanese = verify(run_isms, repo)
    assert (japanese.code, japanese.out) == (
        1,
        "insider-fs: 一致 1 件、ハッシュ不一致 1 件。attestations/insider-fs.json を書き出しました\n"
        "  ハッシュ不一致 designated.csv\n",
    )
    monkeypatch.setenv("ISMS_LANG", "en")
    code, document = check(run_isms, repo.root)
    assert code == 1
    assert "evidence-tampered" in rules(document)


def test_missing_and_escaping_store_files(run_isms: RunIsms, repo: StoreRepo, tmp_path: Path) -> None:
    (repo.store / "designated.csv").unlink()
    outside = tmp_path / "secret.csv"
    outside.write_bytes(ACCOUNTS)
    (repo.store / "2026-Q3" / "accounts.csv").unlink()
    os.symlink(outside, repo.store / "2026-Q3" / "accounts.csv")
    result = verify(run_isms, repo)
    assert result.code == 1
    assert "missing    designated.csv" in result.out
    assert "outside    2026-Q3/accounts.csv" in result.out
    _, document = check(run_isms, repo.root)
    missing = [m for r, m in found(document) if r == "evidence-missing"]
    assert len(missing) == 2
    assert any("found it outside" in m for m in missing)


def test_an_expired_or_future_attestation_does_not_count(run_isms: RunIsms, repo: StoreRepo) -> None:
    assert verify(run_isms, repo, date="2026-09-01").code == 0
    _, document = check(run_isms, repo.root)
    assert any("expired on 2026-10-01" in m for r, m in found(document) if r == "evidence-unverified")
    assert verify(run_isms, repo, date="2026-11-30").code == 0
    _, document = check(run_isms, repo.root)
    assert any("after 2026-11-26" in m for r, m in found(document) if r == "evidence-unverified")


def _edit_attestation(repo: StoreRepo, change: Any) -> None:
    path = attestation(repo)
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))


def test_forged_or_damaged_attestations_are_invalid(run_isms: RunIsms, repo: StoreRepo) -> None:
    assert verify(run_isms, repo).code == 0
    original = attestation(repo).read_text()

    def other_bytes(doc: dict[str, Any]) -> None:
        doc["attestation"]["items"][0]["sha256"] = "0" * 64

    def truncated(doc: dict[str, Any]) -> None:
        doc["signature"] = doc["signature"][:80]

    for change, words in ((other_bytes, "does not verify as insider-admin's"), (truncated, "truncated")):
        attestation(repo).write_text(original)
        _edit_attestation(repo, change)
        code, document = check(run_isms, repo.root)
        assert code == 1
        invalid = [m for r, m in found(document) if r == "evidence-attestation-invalid"]
        assert len(invalid) == 1
        assert words in invalid[0]
        assert "evidence-unverified" in rules(document)


def test_an_attestation_by_someone_else_is_invalid(run_isms: RunIsms, repo: StoreRepo) -> None:
    # ciso is custodian while verifying, then isms.yaml names insider-admin again.
    write_repo(repo.root, {"isms.yaml": config(repo.custodian, repo.other, custodian="ciso")})
    assert verify(run_isms, repo, repo.other).code == 0
    write_repo(repo.root, {"isms.yaml": config(repo.custodian, repo.other)})
    _, document = check(run_isms, repo.root)
    invalid = [m for r, m in found(document) if r == "evidence-attestation-invalid"]
    assert len(invalid) == 1
    assert "signed by ciso, not by insider-admin" in invalid[0]


def test_an_expired_key_entry_no_longer_signs(run_isms: RunIsms, repo: StoreRepo) -> None:
    assert verify(run_isms, repo).code == 0
    text = (repo.root / "isms.yaml").read_text()
    pub = (repo.custodian.with_name("insider-admin.pub")).read_text().split()
    entry = f'[{{key: "{pub[0]} {pub[1]}", valid_before: 2026-11-01}}]'
    write_repo(repo.root, {"isms.yaml": text.replace(f'["{pub[0]} {pub[1]}"]', entry)})
    _, document = check(run_isms, repo.root)
    assert "evidence-attestation-invalid" in rules(document)


def test_an_attestation_for_an_undeclared_store(run_isms: RunIsms, repo: StoreRepo) -> None:
    assert verify(run_isms, repo).code == 0
    _edit_attestation(repo, lambda doc: doc["attestation"].update(store="nas"))
    (repo.root / "attestations" / "nas.json").write_text(attestation(repo).read_text())
    attestation(repo).unlink()
    _, document = check(run_isms, repo.root)
    invalid = [m for r, m in found(document) if r == "evidence-attestation-invalid"]
    assert invalid == [
        "the attestation attestations/nas.json is for store `nas`, "
        "which isms.yaml `stores:` does not declare; remove the file"
    ]
    (repo.root / "attestations" / "nas.json").write_text("{not json")
    _, document = check(run_isms, repo.root)
    assert any(
        "is not a valid attestation: not JSON" in m for r, m in found(document) if r == "evidence-attestation-invalid"
    )


def bad_registers() -> Iterator[tuple[str, str, str]]:
    base = store_register()
    yield (
        base.replace("store: insider-fs\n    ref: designated.csv", "store: nas\n    ref: designated.csv"),
        "unknown-store",
        "store `nas` is not declared",
    )
    yield base.replace("ref: designated.csv", "ref: ../designated.csv"), "path-escape", "leaves the store with `..`"
    yield base.replace("ref: designated.csv", "ref: /etc/passwd"), "path-escape", "is absolute"
    yield base.replace("ref: designated.csv", "ref: designated.csv\n    path: x.csv"), "invalid-value", "not both"


@pytest.mark.parametrize(("register", "rule", "words"), list(bad_registers()))
def test_bad_store_items(run_isms: RunIsms, repo: StoreRepo, register: str, rule: str, words: str) -> None:
    write_repo(repo.root, {"evidence/insider/evidence.yaml": register})
    result = run_isms("validate", "--root", str(repo.root), "--format", "json")
    document = json.loads(result.out)
    assert result.code == 1
    assert any(f["rule"] == rule and words in f["message"] for f in document["findings"]), document["findings"]


def test_committed_insider_evidence_is_an_error_naming_the_file(run_isms: RunIsms, repo: StoreRepo) -> None:
    write_repo(
        repo.root,
        {
            "evidence/hr/evidence.yaml": (repo.root / "evidence/hr/evidence.yaml")
            .read_text()
            .replace("valid_for: 1y", "valid_for: 1y\n    class: insider")
        },
    )
    result = run_isms("validate", "--root", str(repo.root))
    assert result.code == 1
    assert "evidence/hr/training.csv is `insider` evidence, which must not be committed" in result.out
    assert "git rm evidence/hr/training.csv" in result.out


CANARY = "CANARY-STORE-5d1e"


def test_no_store_byte_reaches_the_site_or_the_exports(run_isms: RunIsms, repo: StoreRepo, tmp_path: Path) -> None:
    accounts = f"account,role\n{CANARY}-1,sales\n".encode()
    designated = f"employee_id\n{CANARY}-2\n".encode()
    write_repo(repo.store, {"2026-Q3/accounts.csv": accounts, "designated.csv": designated})
    register = (
        store_register()
        .replace(sha256_hex(ACCOUNTS), sha256_hex(accounts))
        .replace(sha256_hex(DESIGNATED), sha256_hex(designated))
    )
    write_repo(repo.root, {"evidence/insider/evidence.yaml": register})
    assert verify(run_isms, repo).code == 0
    site = tmp_path / "site"
    built = run_isms("site", "build", "--root", str(repo.root), "--today", TODAY, "--out", str(site))
    assert built.code in (0, 1), built.err
    oscal = tmp_path / "oscal"
    assert run_isms("export", "oscal", "--root", str(repo.root), "--today", TODAY, "--out", str(oscal)).code == 0
    outputs = [p for folder in (site, oscal) for p in folder.rglob("*") if p.is_file()]
    assert outputs
    for path in outputs:
        assert CANARY.encode() not in path.read_bytes(), path
    page = (site / "evidence.html").read_text(encoding="utf-8")
    assert "が検証（署名有効）" in page
    assert "インサイダー情報管理責任者" in page
    results = next(oscal.rglob("*assessment-results*.json")).read_text(encoding="utf-8")
    assert "Store insider-fs verified 2026-11-20 by insider-admin" in results
    assert '"attestation-signature"' in results


def test_a_measure_over_store_items_is_an_error(run_isms: RunIsms, repo: StoreRepo) -> None:
    control = (repo.root / "controls/demo/1.1.yaml").read_text()
    measure = (
        "measures:\n  - id: designated\n    title: 指定者数\n    data: ['insider-fs:*']\n"
        "    compute: {count: {}}\n    target: '>= 1'\n"
    )
    write_repo(repo.root, {"controls/demo/1.1.yaml": control + measure})
    _, document = check(run_isms, repo.root)
    found_ = [m for r, m in found(document) if r == "measure-data-in-store"]
    assert len(found_) == 1
    assert "insider-fs:2026-Q3/accounts.csv, insider-fs:designated.csv, which live in a store" in found_[0]


def test_codeowners_give_the_attestation_to_the_custodian(repo: StoreRepo) -> None:
    from isms.checks.codeowners import ownership
    from isms.loader.assemble import load_repository

    owned = ownership(load_repository(repo.root).repository)
    assert owned["attestations/insider-fs.json"] == ["@test/ia"]
    assert not [path for path in owned if path.startswith("insider-fs:")]
    assert "evidence/insider/evidence.yaml" in owned


def test_the_soa_workbook_says_who_verified_store_items(run_isms: RunIsms, repo: StoreRepo, tmp_path: Path) -> None:
    import openpyxl

    assert verify(run_isms, repo).code == 0
    out = tmp_path / "soa.xlsx"
    assert run_isms("soa", "--root", str(repo.root), "--today", TODAY, "--lang", "en", "--out", str(out)).code == 0
    cells = [str(c.value) for sheet in openpyxl.load_workbook(out).worksheets for row in sheet.iter_rows() for c in row]
    assert any(c.startswith("insider-fs: verified 2026-11-20 by insider-admin, signature good") for c in cells)
    assert "unsigned" in cells
