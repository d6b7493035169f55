"""`require_signed_commits:` commits touching those paths carry a good SSH signature by an owner of what they touch.

git checks the signatures itself (`%G?`, `%GS` against `gpg.ssh.allowedSignersFile` built from
the owners' `ssh_keys:`), in the one `git log` pass that reads the history.
"""

from __future__ import annotations

import fnmatch
from collections import defaultdict
from collections.abc import Iterator

from isms.findings import Finding, Severity
from isms.history.types import CommitInfo
from isms.model.repository import Repository
from isms.state.assessment import Assessment

#: What git's %G? letters mean, for the message.
_MARKS = {
    "B": "a bad signature",
    "U": "a good signature of unknown validity",
    "X": "an expired signature",
    "Y": "a signature by an expired key",
    "R": "a signature by a revoked key",
    "E": "a signature that cannot be checked (unknown key)",
    "N": "no signature",
    "": "no signature",
}
_MARKS_JA = {
    "B": "不正な署名",
    "U": "有効性不明の署名",
    "X": "期限切れの署名",
    "Y": "期限切れの鍵による署名",
    "R": "失効した鍵による署名",
    "E": "検証できない署名（未知の鍵）",
    "N": "署名なし",
    "": "署名なし",
}


def owners_of(repo: Repository, path: str) -> set[str]:
    """Return the owners who answer for a file (empty: any owner may sign)."""
    owners: set[str] = set()
    for control in repo.controls.values():
        if control.path == path and control.doc.owner:
            owners.add(control.doc.owner)
    for policy in repo.policies.values():
        if policy.path == path and policy.doc.owner:
            owners.add(policy.doc.owner)
    if path.startswith("evidence/"):
        rel = path.removeprefix("evidence/")
        item = repo.evidence.get(rel)
        if item is not None and item.collected_by:
            owners.add(item.collected_by)
        for key in repo.evidence_users.get(rel, []):
            owner = repo.controls[key].doc.owner
            if owner:
                owners.add(owner)
    return owners


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield `commit-unsigned` and `commit-signer-not-owner` for commits to protected paths."""
    patterns = repo.config.require_signed_commits
    if not patterns or not ctx.history.available:
        return
    since = repo.config.signed_commits_since
    touched: dict[str, tuple[CommitInfo, list[str]]] = {}
    for path, commits in ctx.history.files.items():
        if not any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns):
            continue
        for commit in commits:
            day = commit.date.date()
            if day > ctx.today or (since is not None and day < since):
                continue
            touched.setdefault(commit.sha, (commit, []))[1].append(path)
    for commit, paths in sorted(touched.values(), key=lambda pair: pair[0].date):
        listed = ", ".join(sorted(paths)[:3])
        files = listed + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
        files_ja = listed + (f" ほか {len(paths) - 3} 件" if len(paths) > 3 else "")
        where = f"commit {commit.short} ({commit.date.date()}, {commit.author}: {commit.headline!r}) changes {files}"
        if commit.signature != "G":
            yield Finding(
                "commit-unsigned",
                Severity.ERROR,
                f"{where} with {_MARKS.get(commit.signature, commit.signature)}; isms.yaml "
                "`require_signed_commits` wants a good SSH signature by an owner (git commit -S with a key "
                "listed in `ssh_keys:`)",
                "isms.yaml",
                pointer=("require_signed_commits",),
                message_ja=f"コミット {commit.short}（{commit.date.date()}、{commit.author}: {commit.headline!r}）が "
                f"{files_ja} を"
                f"変更していますが、{_MARKS_JA.get(commit.signature, commit.signature)}です。isms.yaml の "
                "require_signed_commits により、責任者の有効な SSH 署名が必要です（ssh_keys: にある鍵で git commit "
                "-S）",
            )
            continue
        wanted: defaultdict[str, list[str]] = defaultdict(list)
        for path in paths:
            owners = owners_of(repo, path)
            if owners and commit.signer not in owners:
                wanted[", ".join(sorted(owners))].append(path)
        for owners_text, bad in wanted.items():
            yield Finding(
                "commit-signer-not-owner",
                Severity.ERROR,
                f"commit {commit.short} ({commit.date.date()}: {commit.headline!r}) is signed by {commit.signer}, "
                f"but {', '.join(sorted(bad))} belong to {owners_text}; such changes are signed by their owner",
                "isms.yaml",
                pointer=("require_signed_commits",),
                message_ja=f"コミット {commit.short}（{commit.date.date()}: {commit.headline!r}）の署名者は "
                f"{commit.signer} ですが、"
                f"{', '.join(sorted(bad))} の責任者は {owners_text} です（責任者が署名してください）",
            )
