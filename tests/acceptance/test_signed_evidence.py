"""Signed evidence in the repository: `isms evidence add|refresh --sign KEY`, verified by `isms check`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from acceptance.store_fixture import make_key, needs_ssh, store_repo
from helpers import TODAY, sha256_hex, write_repo

if TYPE_CHECKING:
    from acceptance.store_fixture import StoreRepo
    from helpers import RunIsms

pytestmark = needs_ssh

NEW = b"date,result\n2026-11-01,ok\n"


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("keys")
    for name in ("insider-admin", "ciso"):
        make_key(folder, name)
    return folder


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def repo(tmp_path: Path, keys: Path, run_isms: RunIsms) -> StoreRepo:
    made = store_repo(tmp_path, keys)
    run_isms(
        "evidence",
        "verify",
        "--store",
        f"insider-fs={made.store}",
        "--key",
        str(made.custodian),
        "--date",
        "2026-11-20",
        "--root",
        str(made.root),
    )
    write_repo(made.root, {"evidence/it/log.csv": NEW})
    added = run_isms(
        "evidence",
        "add",
        "evidence/it/log.csv",
        "--for",
        "1.1",
        "--date",
        "2026-11-01",
        "--class",
        "confidential",
        "--collected-by",
        "ciso",
        "--sign",
        str(made.other),
        "--root",
        str(made.root),
    )
    assert added.code == 0, added.err
    return made


def check(run_isms: RunIsms, root: Path) -> tuple[int, list[tuple[str, str]]]:
    result = run_isms("check", "--root", str(root), "--today", TODAY, "--format", "json")
    document: dict[str, Any] = json.loads(result.out)
    return result.code, [(f["rule"], f["message"]) for f in document["findings"]]


def test_a_signed_item_passes(run_isms: RunIsms, repo: StoreRepo) -> None:
    register = (repo.root / "evidence/it/evidence.yaml").read_text()
    assert "signature: |" in register
    assert "-----BEGIN SSH SIGNATURE-----" in register
    code, findings = check(run_isms, repo.root)
    assert code == 0, findings


def test_a_file_rewritten_with_its_hash_fails_without_the_owners_key(run_isms: RunIsms, repo: StoreRepo) -> None:
    forged = b"date,result\n2026-11-01,forged\n"
    register = repo.root / "evidence/it/evidence.yaml"
    write_repo(
        repo.root,
        {
            "evidence/it/log.csv": forged,
            "evidence/it/evidence.yaml": register.read_text().replace(sha256_hex(NEW), sha256_hex(forged)),
        },
    )
    code, findings = check(run_isms, repo.root)
    assert code == 1
    invalid = [m for rule, m in findings if rule == "evidence-signature-invalid"]
    assert len(invalid) == 1
    assert "evidence/it/log.csv" in invalid[0]
    assert "does not verify as ciso's" in invalid[0]
    # A stranger's key is refused before anything is written; the rightful owner re-signs.
    refused = run_isms(
        "evidence", "refresh", "evidence/it/log.csv", "--sign", str(repo.custodian), "--root", str(repo.root)
    )
    assert refused.code == 2
    assert "is not a key of `ciso` (it is a key of insider-admin)" in refused.err
    signed = run_isms(
        "evidence",
        "refresh",
        "evidence/it/log.csv",
        "--date",
        "2026-11-02",
        "--sign",
        str(repo.other),
        "--root",
        str(repo.root),
    )
    assert signed.code == 0, signed.err
    assert check(run_isms, repo.root)[0] == 0


def test_refresh_without_a_key_drops_the_old_signature(run_isms: RunIsms, repo: StoreRepo) -> None:
    write_repo(repo.root, {"evidence/it/log.csv": b"date,result\n2026-11-05,ok\n"})
    done = run_isms("evidence", "refresh", "evidence/it/log.csv", "--root", str(repo.root))
    assert "removed the old signature" in done.out
    assert "signature" not in (repo.root / "evidence/it/evidence.yaml").read_text()


def test_signatures_required_from_a_class(run_isms: RunIsms, repo: StoreRepo) -> None:
    config = (repo.root / "isms.yaml").read_text()
    write_repo(repo.root, {"isms.yaml": config + "evidence: {sign_from: confidential}\n"})
    code, findings = check(run_isms, repo.root)
    unsigned = [m for rule, m in findings if rule == "evidence-unsigned"]
    assert code == 1
    assert len(unsigned) == 1
    assert unsigned[0].startswith("evidence/access/review.md is `confidential` evidence")
