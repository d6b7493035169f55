"""Say when git history is partial, rather than showing wrong dates silently."""

from __future__ import annotations

from collections.abc import Iterator

from isms.findings import Finding, Severity
from isms.model.repository import Repository
from isms.state.assessment import Assessment


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield `history-partial` in a shallow clone."""
    del repo
    if ctx.history.partial:
        yield Finding(
            "history-partial",
            Severity.WARNING,
            "git history is partial (shallow clone): change dates and authors may be wrong; fetch the full "
            "history (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout)",
            "isms.yaml",
            message_ja="git 履歴が不完全です（shallow clone）。変更日と作成者が誤っている可能性があります。全履歴を"
            "取得してください"
            "（git fetch --unshallow、または actions/checkout で fetch-depth: 0）",
        )
