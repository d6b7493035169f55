"""Speed-ups keep every finding: outputs on a generated 200-control repository equal the recorded ones.

The repository comes from benchmarks/gen_big.py (200 controls of an own framework plus Annex A,
2,930 evidence files, 400 commits, with deliberate defects: missing, tampered and expired evidence,
an impossible date, an unknown key). The JSON of `isms check`, `isms metrics` and `isms diff` was
recorded in tests/data/scale/ before the speed work of issue #19, by the code as it was; every
message, line and column must stay the same. To record again after an intended change of output:
ISMS_RECORD_GOLDEN=1 pytest tests/acceptance/test_scale_golden.py, and review the diff.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import sys
import zipfile
from pathlib import Path

import pytest

from helpers import RunIsms

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "data" / "scale"
GENERATOR = HERE.parent.parent / "benchmarks" / "gen_big.py"
TODAY = "2026-11-26"


@pytest.fixture(scope="module")
def big_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("gen_big", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_big", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    root = tmp_path_factory.mktemp("scale") / "repo"
    module.generate(root, 200)
    return root


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("check", ["check", "--format", "json"]),
        ("metrics", ["metrics", "--format", "json"]),
        ("diff", ["diff", "--base", "HEAD~50", "--format", "json"]),
    ],
)
def test_output_equals_the_recorded_one(
    big_repo: Path,
    run_isms: RunIsms,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    name: str,
    args: list[str],
) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    result = run_isms(*args, "--root", str(big_repo), "--today", TODAY)
    assert result.code == (1 if name == "check" else 0), result.err
    got = json.loads(result.out)
    golden = GOLDEN / f"{name}.json"
    if os.environ.get("ISMS_RECORD_GOLDEN") == "1":
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def _digest(content: bytes) -> str:
    """Return the SHA-256 of a CSV file, or of a workbook's members (name, date, uncompressed bytes) in order."""
    if not content.startswith(b"PK"):
        return hashlib.sha256(content).hexdigest()
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for info in archive.infolist():
            digest.update(f"{info.filename}\0{info.date_time}\0{info.file_size}\0".encode())
            digest.update(archive.read(info))
    return digest.hexdigest()


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("soa-ja.xlsx", ["--lang", "ja"]),
        ("soa-en.xlsx", ["--lang", "en"]),
        ("soa-ja.csv", ["--lang", "ja", "--format", "csv"]),
        ("soa-history-en.csv", ["--lang", "en", "--format", "csv", "--table", "history"]),
    ],
)
def test_soa_bytes_equal_the_recorded_ones(
    big_repo: Path,
    run_isms: RunIsms,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    name: str,
    args: list[str],
) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / name
    result = run_isms("soa", *args, "--out", str(out), "--root", str(big_repo), "--today", TODAY)
    assert result.code == 0, result.err
    got = _digest(out.read_bytes())
    golden = GOLDEN / "soa.json"
    recorded: dict[str, str] = json.loads(golden.read_text(encoding="utf-8")) if golden.exists() else {}
    if os.environ.get("ISMS_RECORD_GOLDEN") == "1":
        recorded[name] = got
        golden.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert got == recorded.get(name)
