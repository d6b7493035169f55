"""Files that are not what they seem (issue 18): never a hang, never a silent pass, never exit 3."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from helpers import DEMO_REGISTER, RunIsms, demo_files, sha256_hex, write_repo
from isms.gather.hashing import HashCache, identity
from isms.importing import sheet as sheet_module
from isms.loader.assemble import load_repository
from isms.state.evidence import EvidenceState, assess_evidence

EVIDENCE = "evidence/access/review-2026-q1.csv"


def isms(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a real process, with a timeout: a hang fails the test instead of the suite."""
    return subprocess.run(
        [sys.executable, "-m", "isms", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize("where", ["controls/demo/DM-1.yaml", "policies/security.yaml", EVIDENCE])
def test_a_fifo_where_a_file_is_expected_is_refused_not_waited_for(tmp_path: Path, where: str) -> None:
    root = write_repo(tmp_path / "repo", demo_files())
    (root / where).unlink()
    os.mkfifo(root / where)
    for command in ("validate", "check"):
        done = (
            isms(command, "--root", str(root), "--today", "2026-02-01")
            if command == "check"
            else isms(command, "--root", str(root))
        )
        assert done.returncode == 1, done.stderr
        assert "FIFO" in done.stdout
        assert "Traceback" not in done.stderr


def test_a_source_folder_that_is_a_file_is_an_error(tmp_path: Path, run_isms: RunIsms) -> None:
    files = {k: v for k, v in demo_files().items() if not k.startswith("policies/")}
    files["policies"] = "not a folder\n"
    root = write_repo(tmp_path / "repo", files)
    done = run_isms("validate", "--root", str(root))
    assert done.code == 1
    assert "policies is not a folder" in done.out


def test_an_upper_case_suffix_is_not_silently_ignored(tmp_path: Path, run_isms: RunIsms) -> None:
    files = demo_files()
    files["controls/demo/DM-1.YAML"] = files.pop("controls/demo/DM-1.yaml")
    root = write_repo(tmp_path / "repo", files)
    done = run_isms("validate", "--root", str(root))
    assert done.code == 1
    assert "controls/demo/DM-1.YAML" in done.out
    assert "rename the file to DM-1.yaml" in done.out


def test_valid_until_before_date_is_refused(tmp_path: Path, run_isms: RunIsms) -> None:
    files = demo_files()
    files["evidence/access/evidence.yaml"] = DEMO_REGISTER.replace(
        "    date: 2026-01-15\n", "    date: 2026-01-15\n    valid_until: 2025-12-31\n"
    )
    files["evidence/access/evidence.yaml"] = str(files["evidence/access/evidence.yaml"]).replace(
        "  valid_for: 1y\n", ""
    )
    root = write_repo(tmp_path / "repo", files)
    done = run_isms("validate", "--root", str(root))
    assert done.code == 1
    assert "is before `date`" in done.out


def test_evidence_names_differing_only_in_case_are_reported(tmp_path: Path, run_isms: RunIsms) -> None:
    files = demo_files()
    content = b"account,reviewed\nalice,yes\n"
    files["evidence/access/Review-2026-Q1.csv"] = content
    files["evidence/access/evidence.yaml"] = (
        DEMO_REGISTER
        + f"  - path: Review-2026-Q1.csv\n    title: Copy\n    date: 2026-01-15\n    sha256: {sha256_hex(content)}\n"
    )
    root = write_repo(tmp_path / "repo", files)
    done = run_isms("validate", "--root", str(root))
    assert done.code == 1
    assert "only in letter case" in done.out


def test_evidence_that_cannot_be_read_but_has_a_hash_does_not_count(demo_repo: Path) -> None:
    import datetime as dt

    repo = load_repository(demo_repo).repository
    states = assess_evidence(repo, dt.date(2026, 2, 1), {EVIDENCE: None})
    assert states["access/review-2026-q1.csv"].state is EvidenceState.MISSING


# --- the hash cache ----------------------------------------------------------------------------


def _same_size_rewrite(path: Path) -> None:
    st = path.stat()
    data = path.read_bytes()
    path.write_bytes(data.replace(b"alice", b"mally"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # the mtime set back, as a careful tamperer would


def test_a_same_size_rewrite_with_the_mtime_restored_is_caught_with_a_warm_cache(
    demo_repo: Path, run_isms: RunIsms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CI", raising=False)
    assert run_isms("check", "--root", str(demo_repo), "--today", "2026-02-01").code in (0, 1)
    _same_size_rewrite(demo_repo / EVIDENCE)
    done = run_isms("check", "--root", str(demo_repo), "--today", "2026-02-01")
    assert "evidence-tampered" in done.out


def _poison(cache: HashCache, rel: str, value: str) -> None:
    """Write a cache entry with the file's present identity but another hash (what a stale cache holds)."""
    st = (cache.root / rel).stat()
    cache.file.parent.mkdir(parents=True, exist_ok=True)
    cache.file.write_text(json.dumps({rel: f"{identity(st)} {value}"}), encoding="utf-8")


@pytest.mark.parametrize("how", ["strict", "ci"])
def test_the_cache_is_not_trusted_under_strict_or_in_ci(
    demo_repo: Path, run_isms: RunIsms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CI", raising=False)
    recorded = sha256_hex((demo_repo / EVIDENCE).read_bytes())
    (demo_repo / EVIDENCE).write_bytes(b"account,reviewed\nmallory,yes\n")
    _poison(HashCache(demo_repo.resolve(), tmp_path / "cache"), EVIDENCE, recorded)
    trusting = run_isms("check", "--root", str(demo_repo), "--today", "2026-02-01")
    assert "evidence-tampered" not in trusting.out  # the poisoned cache is believed in a local run
    if how == "ci":
        monkeypatch.setenv("CI", "true")
        done = run_isms("check", "--root", str(demo_repo), "--today", "2026-02-01")
    else:
        _poison(HashCache(demo_repo.resolve(), tmp_path / "cache"), EVIDENCE, recorded)
        done = run_isms("check", "--strict", "--root", str(demo_repo), "--today", "2026-02-01")
    assert "evidence-tampered" in done.out


# --- spreadsheets given to the imports ---------------------------------------------------------


def _stray_cell(folder: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["番号", "タイトル"])
    sheet.append(["DM-1", "一"])
    sheet["XFD1048576"] = "x"
    path = folder / "sheet.xlsx"
    book.save(path)
    return path


def _malformed_xml(folder: Path) -> Path:
    good = _stray_cell(folder)
    bad = folder / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            out.writestr(info, b"<worksheet><sheetData><row>" if info.filename.endswith("sheet1.xml") else data)
    return bad


def _bomb(folder: Path) -> Path:
    good = _stray_cell(folder)
    bomb = folder / "bomb.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.writestr("xl/media/zeros.bin", b"\0" * (3 << 20))
    return bomb


@pytest.mark.parametrize(
    ("maker", "expected"),
    [
        (_stray_cell, "reaches cell XFD1048576"),
        (_malformed_xml, "not a readable Excel workbook"),
        (_bomb, "unzips to"),
    ],
)
@pytest.mark.parametrize("kind", ["catalog", "controls"])
def test_a_hostile_workbook_is_refused_quickly(
    tmp_path: Path, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch, maker: object, expected: str, kind: str
) -> None:
    monkeypatch.setattr(sheet_module, "MAX_UNZIPPED_BYTES", 2 << 20)
    root = write_repo(tmp_path / "repo", demo_files())
    inputs = tmp_path / "in"
    inputs.mkdir()
    assert callable(maker)
    path = maker(inputs)
    args = ["import", kind, str(path), "--root", str(root)]
    if kind == "catalog":
        args += ["--framework", "demo"]
    done = run_isms(*args)
    assert done.code == 1, done.err
    assert expected in done.err
    assert "Traceback" not in done.err


def test_a_fifo_given_to_an_import_is_refused(tmp_path: Path, run_isms: RunIsms) -> None:
    root = write_repo(tmp_path / "repo", demo_files())
    fifo = tmp_path / "sheet.csv"
    os.mkfifo(fifo)
    done = run_isms("import", "catalog", str(fifo), "--root", str(root), "--framework", "demo")
    assert done.code == 1
    assert "FIFO" in done.err


def _wide(folder: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["番号", "タイトル", "a", "b", "c"])
    for index in range(6):
        sheet.append([f"DM-{index}", "一", index, index, index])
    path = folder / "wide.xlsx"
    book.save(path)
    return path


def _wide_elsewhere(folder: Path) -> Path:
    """The same workbook with its sheet moved out of xl/worksheets/ (its relationship follows)."""
    good = _wide(folder)
    moved = folder / "moved.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(moved, "w") as out:
        for info in src.infolist():
            data = src.read(info).replace(b"worksheets/sheet1.xml", b"data/table.xml")
            out.writestr("xl/data/table.xml" if info.filename == "xl/worksheets/sheet1.xml" else info.filename, data)
    return moved


def _wide_csv(folder: Path) -> Path:
    path = folder / "wide.csv"
    path.write_text("番号,タイトル,a,b,c\n" + "".join(f"DM-{i},一,{i},{i},{i}\n" for i in range(6)), encoding="utf-8")
    return path


@pytest.mark.parametrize("maker", [_wide, _wide_elsewhere, _wide_csv])
def test_an_import_of_more_cells_than_the_limit_is_refused_before_loading(
    tmp_path: Path, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch, maker: object
) -> None:
    monkeypatch.setattr(sheet_module, "MAX_SHEET_CELLS", 30)  # the sheets hold 35 cells
    root = write_repo(tmp_path / "repo", demo_files())
    inputs = tmp_path / "in"
    inputs.mkdir()
    assert callable(maker)
    path = maker(inputs)
    done = run_isms("import", "controls", str(path), "--root", str(root), "--dry-run")
    assert done.code == 1, done.err
    assert "more than 30 cells, the most isms imports" in done.err
    assert "Traceback" not in done.err
    monkeypatch.setattr(sheet_module, "MAX_SHEET_CELLS", 35)  # at the limit: read (and judged as rows)
    assert "the most isms imports" not in run_isms("import", "controls", str(path), "--root", str(root)).err
