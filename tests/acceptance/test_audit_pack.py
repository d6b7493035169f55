"""`isms audit-pack`: the ISMS as it was on a past day, in one reproducible, verifiable zip."""

from __future__ import annotations

import gzip
import hashlib
import io
import subprocess
import zipfile
from pathlib import Path

import pytest

from helpers import commit_all, copy_example, demo_files, git, write_repo
from isms.cli import main

pytestmark = pytest.mark.slow

REPOSITORY = Path(__file__).resolve().parents[2]
CANARY = "CANARY-CONFIDENTIAL-7f3a"
AS_OF = "2026-11-01"


def members(pack: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(pack) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def plain(name: str, data: bytes) -> bytes:
    return gzip.decompress(data) if name.endswith(".gz") else data


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): plain(p.name, p.read_bytes()) for p in folder.rglob("*") if p.is_file()}


def test_a_pack_of_a_past_day_is_what_that_commit_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    root = copy_example(REPOSITORY, tmp_path / "repo")
    commit_all(root, "Example ISMS", "2026-10-01T09:00:00+09:00")
    first = git(root, "rev-parse", "HEAD").strip()
    control = root / "controls/iso27001-2022/5.15.yaml"
    control.write_text(control.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    commit_all(root, "5.15: review", "2026-11-20T15:00:00+09:00")
    (root / "untracked.txt").write_text("work in progress\n", encoding="utf-8")
    status = git(root, "status", "--porcelain")

    one, two = tmp_path / "one.zip", tmp_path / "two.zip"
    for pack in (one, two):
        assert main(["audit-pack", "--root", str(root), "--as-of", AS_OF, "--out", str(pack)]) == 0
    assert one.read_bytes() == two.read_bytes()  # byte-reproducible
    assert git(root, "status", "--porcelain") == status  # the work tree untouched
    assert git(root, "rev-parse", "HEAD").strip() != first

    files = members(one)
    assert {"README.txt", "MANIFEST", "findings.json", "evidence-register.json", "soa/soa.xlsx"} <= set(files)
    assert "oscal/assessment-results.json" in files
    assert first in files["README.txt"].decode("utf-8")
    listed: dict[str, str] = {}
    for line in files["MANIFEST"].decode("utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    assert set(listed) == set(files) - {"MANIFEST"}
    assert all(hashlib.sha256(files[name]).hexdigest() == digest for name, digest in listed.items())
    assert not [name for name, data in files.items() if CANARY.encode() in plain(name, data)]

    # what `isms site build` and `isms soa` produce at that commit, as of that day
    checkout = tmp_path / "checkout"
    git(root, "worktree", "add", "-q", "--detach", str(checkout), first)
    site = tmp_path / "site"
    assert main(["site", "build", "--root", str(checkout), "--today", AS_OF, "--out", str(site)]) == 0
    packed = {name.removeprefix("site/"): plain(name, data) for name, data in files.items() if name.startswith("site/")}
    assert packed == tree(site)
    soa = tmp_path / "soa.xlsx"
    assert main(["soa", "--root", str(checkout), "--today", AS_OF, "--out", str(soa)]) == 0
    assert files["soa/soa.xlsx"] == soa.read_bytes()
    history = tmp_path / "soa-history.csv"
    args = ["soa", "--root", str(checkout), "--today", AS_OF, "--format", "csv", "--table", "history"]
    assert main([*args, "--out", str(history)]) == 0
    assert files["soa/soa-history.csv"] == history.read_bytes()


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    root = write_repo(tmp_path / "demo", demo_files())
    commit_all(root, "Demo ISMS", "2026-02-01T09:00:00+09:00")
    return root


def test_a_day_before_the_first_commit(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["audit-pack", "--root", str(demo), "--as-of", "2026-01-31", "--out", str(tmp_path / "p.zip")])
    assert code == 2
    assert "--as-of 2026-01-31: before the first commit" in capsys.readouterr().err
    assert not (tmp_path / "p.zip").exists()


def test_a_shallow_clone_says_what_is_missing(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (demo / "isms.yaml").write_text((demo / "isms.yaml").read_text(encoding="utf-8") + "# more\n", encoding="utf-8")
    commit_all(demo, "More", "2026-02-10T09:00:00+09:00")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{demo}", str(shallow))
    code = main(["audit-pack", "--root", str(shallow), "--as-of", "2026-03-01", "--out", str(tmp_path / "p.zip")])
    assert code == 2
    err = capsys.readouterr().err
    assert "is a shallow clone: only 1 commit(s) back to 2026-02-10 are present" in err
    assert "git fetch --unshallow" in err


def test_the_manifest_can_be_signed(demo: Path, tmp_path: Path) -> None:
    key = tmp_path / "auditor"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ciso", "-f", str(key)], check=True)
    pack = tmp_path / "p.zip"
    assert (
        main(["audit-pack", "--root", str(demo), "--as-of", "2026-03-01", "--out", str(pack), "--sign", str(key)]) == 0
    )
    files = members(pack)
    sig = str(tmp_path / "MANIFEST.sig")
    Path(sig).write_bytes(files["MANIFEST.sig"])
    allowed = tmp_path / "allowed_signers"
    allowed.write_text("ciso " + key.with_suffix(".pub").read_text(encoding="utf-8"), encoding="utf-8")
    verified = subprocess.run(
        ["ssh-keygen", "-Y", "verify", "-f", str(allowed), "-I", "ciso", "-n", "isms-audit-pack@isms.dev", "-s", sig],
        input=files["MANIFEST"],
        capture_output=True,
        check=False,
    )
    assert verified.returncode == 0, verified.stderr
    assert io.BytesIO(files["MANIFEST"]).read().count(b"\n") == len(files) - 2  # all but MANIFEST and its signature
