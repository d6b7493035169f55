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
            message_ja="git 履歴が不完全です（shallow clone）。fetch-depth: 0 で全履歴を取得してください",
        )
