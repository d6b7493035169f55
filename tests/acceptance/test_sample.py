"""`isms sample` on a real git repository: reproducible, point-in-time, from registers too."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest

from helpers import RunIsms, commit_all, git, good_repo, sha256_hex, write_repo

LOG = "id,owner,due\nCA-1,ciso,2026-10-31\nCA-2,ciso,2026-12-15\nCA-3,hr,2027-01-31\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    root = good_repo(tmp_path / "repo")
    late = b"# drill\n"
    log = sha256_hex(LOG.encode())
    write_repo(
        root,
        {
            "evidence/audit/corrective-actions.csv": LOG,
            "evidence/audit/drill.md": late,
            "evidence/audit/evidence.yaml": (
                "evidence:\n"
                f"  - {{path: corrective-actions.csv, title: 是正処置台帳, date: 2026-09-01, sha256: {log}}}\n"
                f"  - {{path: drill.md, title: 訓練報告, date: 2026-12-01, sha256: {sha256_hex(late)}}}\n"
            ),
        },
    )
    git(root, "init", "-q")
    commit_all(root, "ISMS", "2026-10-01T09:00:00+09:00")
    return root


def sample(run_isms: RunIsms, root: Path, *args: str) -> dict[str, object]:
    result = run_isms("sample", "--root", str(root), "--today", "2026-11-26", "--format", "json", *args)
    assert result.code == 0, result.err
    document: dict[str, object] = json.loads(result.out)
    return document


def test_the_same_seed_gives_the_same_sample(repo: Path, run_isms: RunIsms) -> None:
    first = sample(run_isms, repo, "--from", "evidence", "--size", "2", "--seed", "IA-2027")
    again = sample(run_isms, repo, "--from", "evidence", "--size", "2", "--seed", "IA-2027")
    assert first == again
    # drill.md is dated 2026-12-01: on 2026-11-26 it did not exist yet, so it is not in the population.
    assert (first["population"], first["total"], first["size"]) == (3, 3, 2)
    records = first["records"]
    assert isinstance(records, list)
    paths = ["access/review.md", "audit/corrective-actions.csv", "hr/training.csv"]
    expected = sorted(paths, key=lambda p: hashlib.sha256(f"IA-2027\n{p}".encode()).hexdigest())[:2]
    assert [r["key"] for r in records] == expected
    assert first["commit"] == git(repo, "rev-parse", "HEAD").strip()


def test_text_prints_the_seed_and_the_population_size(repo: Path, run_isms: RunIsms) -> None:
    args = ("sample", "--root", str(repo), "--today", "2026-11-26", "--from", "controls", "--size", "9")
    out = run_isms(*args, "--seed", "s", "--where", "status=implemented", "--lang", "en").out
    assert "seed: 's'; method: sha256(seed + '\\n' + key), lowest first\n" in out
    assert "population: 2 records matching status=implemented (of 4 in controls); picked 2 (--size 9)\n" in out
    japanese = run_isms(*args, "--seed", "s", "--where", "status=implemented").out  # --lang ja, the default
    assert japanese.startswith("controls の抽出（2026-11-26 時点")
    assert "母集団: 2 件（status=implemented に一致）（controls の全 4 件中）、抽出 2 件（--size 9）\n" in japanese
    picked = [line.split()[1] for line in japanese.splitlines()[5:]]
    assert picked == [line.split()[1] for line in out.splitlines()[5:]]
    assert len(picked) == 2
    assert "demo:1.1" in out
    assert "demo-g:G1" in out
    assert "demo:1.2" not in out


def test_a_register_csv_is_sampled_by_row(repo: Path, run_isms: RunIsms) -> None:
    args = ("--from", "evidence/audit/corrective-actions.csv", "--size", "2", "--seed", "s", "--where", "owner=ciso")
    document = sample(run_isms, repo, *args)
    assert (document["source"], document["population"], document["total"]) == (
        "evidence/audit/corrective-actions.csv",
        2,
        3,
    )
    assert document["columns"] == ["line", "id", "owner", "due"]
    records = document["records"]
    assert isinstance(records, list)
    assert sorted(r["fields"]["id"] for r in records) == ["CA-1", "CA-2"]
    result = run_isms("sample", "--root", str(repo), "--today", "2026-11-26", "--format", "csv", *args)
    assert result.out.startswith("\ufeffnumber,rank,line,id,owner,due\r\n")
    rows = list(csv.DictReader(io.StringIO(result.out.removeprefix("\ufeff"))))
    assert [row["id"] for row in rows] == [r["fields"]["id"] for r in records]
    assert [row["rank"] for row in rows] == [r["rank"] for r in records]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "../outside.csv"), "--from ../outside.csv: not a file in the repository"),
        (("--from", "evidence/none.csv"), "--from evidence/none.csv: no such file in the repository"),
        (("--from", "isms.yaml"), "or a register file ending in .csv or .json"),
        (("--from", "evidence", "--where", "colour=red"), "evidence has no field `colour`"),
    ],
)
def test_bad_input_is_a_usage_error(repo: Path, run_isms: RunIsms, args: tuple[str, ...], message: str) -> None:
    result = run_isms("sample", "--root", str(repo), "--size", "1", "--seed", "s", *args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
