"""`require_signed_commits:`: git checks SSH commit signatures against the owners' keys, in the one log pass."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from acceptance.store_fixture import make_key, needs_ssh, public
from helpers import TODAY, git, good_repo, write_repo
from isms.history.git import read_history
from isms.loader.assemble import load_repository
from isms.signing.allowed import allowed_signers

if TYPE_CHECKING:
    from helpers import RunIsms

pytestmark = needs_ssh


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("keys")
    for name in ("ciso", "it"):
        make_key(folder, name)
    return folder


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))


def commit(root: Path, message: str, date: str, key: Path | None = None) -> None:
    git(root, "add", "-A")
    signing = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={key}", "commit", "-S"] if key else ["commit"]
    git(root, *signing, "-q", "-m", message, date=date)


@pytest.fixture
def root(tmp_path: Path, keys: Path) -> Path:
    made = good_repo(tmp_path / "repo")
    config = (made / "isms.yaml").read_text()
    config = config.replace(
        'ciso: {name: CISO, github: ["@test/ciso"]}',
        f'ciso: {{name: CISO, github: ["@test/ciso"], ssh_keys: ["{public(keys / "ciso")}"]}}\n'
        f'  it: {{name: IT, ssh_keys: ["{public(keys / "it")}"]}}',
    )
    write_repo(made, {"isms.yaml": config + "require_signed_commits: [evidence/**, controls/**]\n"})
    git(made, "init", "-q", "-b", "main")
    commit(made, "Initial ISMS", "2026-10-01T09:00:00+09:00", keys / "ciso")
    return made


def findings(run_isms: RunIsms, root: Path) -> list[tuple[str, str]]:
    result = run_isms("check", "--root", str(root), "--today", TODAY, "--format", "json")
    return [(f["rule"], f["message"]) for f in json.loads(result.out)["findings"]]


def test_commits_signed_by_the_owner_pass(run_isms: RunIsms, root: Path) -> None:
    assert findings(run_isms, root) == []
    repo = load_repository(root).repository
    history = read_history(root, allowed_signers(repo.config))
    assert [(c.signature, c.signer) for c in history.of("evidence/access/review.md")] == [("G", "ciso")]


def test_an_unsigned_commit_to_evidence_fails(run_isms: RunIsms, root: Path) -> None:
    write_repo(root, {"evidence/access/review.md": "# access review\nall accounts checked (again)\n"})
    commit(root, "Quietly change the review", "2026-11-02T09:00:00+09:00")
    unsigned = [m for rule, m in findings(run_isms, root) if rule == "commit-unsigned"]
    assert len(unsigned) == 1
    assert "'Quietly change the review') changes evidence/access/review.md with no signature" in unsigned[0]


def test_a_commit_signed_by_someone_else_than_the_owner_fails(run_isms: RunIsms, root: Path, keys: Path) -> None:
    write_repo(root, {"controls/demo/1.2.yaml": "status: planned\nowner: ciso\ndue: 2027-06-30\n"})
    commit(root, "Move the due date", "2026-11-03T09:00:00+09:00", keys / "it")
    found = [m for rule, m in findings(run_isms, root) if rule == "commit-signer-not-owner"]
    assert len(found) == 1
    assert "is signed by it, but controls/demo/1.2.yaml belong to ciso" in found[0]


def test_since_leaves_older_commits_alone(run_isms: RunIsms, root: Path) -> None:
    write_repo(root, {"evidence/access/review.md": "# access review\nchanged\n"})
    commit(root, "Old unsigned change", "2026-10-05T09:00:00+09:00")
    config = (root / "isms.yaml").read_text()
    write_repo(root, {"isms.yaml": config + "signed_commits_since: 2026-10-10\n"})
    assert [rule for rule, _ in findings(run_isms, root) if rule.startswith("commit-")] == []


def test_a_long_subject_is_quoted_cut_in_both_languages(run_isms: RunIsms, root: Path, keys: Path) -> None:
    # git's %s joins the lines of the first paragraph into one subject, here of 131 characters
    subject = (
        "Evidence: the access review of 2026-Q3 redone after the internal audit,\n"
        "with the accounts of the leavers of September taken out\n\nBody."
    )
    write_repo(root, {"evidence/access/review.md": "# access review\nall accounts checked (again)\n"})
    commit(root, subject, "2026-11-02T09:00:00+09:00")
    write_repo(root, {"controls/demo/1.2.yaml": "status: planned\nowner: ciso\ndue: 2027-06-30\n"})
    commit(root, subject.replace("Evidence", "Controls"), "2026-11-03T09:00:00+09:00", keys / "it")
    result = run_isms("check", "--root", str(root), "--today", TODAY, "--format", "json")
    found = {f["rule"]: f for f in json.loads(result.out)["findings"] if f["rule"].startswith("commit-")}
    unsigned, signer = git(root, "log", "--format=%h", "--abbrev=10", "-2").split()[::-1]
    cut = "the access review of 2026-Q3 redone after the…"  # 60 columns with `Evidence: `
    assert found["commit-unsigned"]["message"].startswith(
        f"commit {unsigned} (2026-11-02, Example Author: 'Evidence: {cut}') changes evidence/access/review.md with no "
    )
    assert found["commit-unsigned"]["message_ja"].startswith(
        f"コミット {unsigned}（2026-11-02、Example Author: 'Evidence: {cut}'）が evidence/access/review.md を変更"
    )
    assert found["commit-signer-not-owner"]["message"].startswith(
        f"commit {signer} (2026-11-03: 'Controls: {cut}') is signed by it, but controls/demo/1.2.yaml belong to ciso"
    )
    assert found["commit-signer-not-owner"]["message_ja"].startswith(
        f"コミット {signer}（2026-11-03: 'Controls: {cut}'）の署名者は it ですが"
    )
    assert not [f for f in found.values() if "leavers" in f["message"] + f["message_ja"]]
