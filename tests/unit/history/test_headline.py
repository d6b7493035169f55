"""A commit subject as a message quotes it: whole when short, cut with an ellipsis when long."""

from __future__ import annotations

import datetime as dt

import pytest

from isms.history.types import HEADLINE_COLUMNS, CommitInfo


def headline(subject: str) -> str:
    return CommitInfo("0" * 40, dt.datetime(2026, 3, 1, tzinfo=dt.UTC), "someone", subject).headline


@pytest.mark.parametrize("subject", ["", "Reword S1", "x" * HEADLINE_COLUMNS, "方" * (HEADLINE_COLUMNS // 2)])
def test_a_subject_that_fits_is_quoted_whole(subject: str) -> None:
    assert headline(subject) == subject


@pytest.mark.parametrize(
    ("subject", "quoted"),
    [
        ("x" * (HEADLINE_COLUMNS + 1), "x" * (HEADLINE_COLUMNS - 1) + "…"),
        # after the last word that fits, its trailing comma dropped
        (
            "Policies: the access control policy reworded after the 2026 internal audit, statements S3 to S7 split",
            "Policies: the access control policy reworded after the…",
        ),
        # Japanese has no spaces: cut after the last character that fits, a wide one counting two columns
        (
            "情報セキュリティ基本方針の改訂（2026年度内部監査の指摘を受けて、アクセス制御の記述を見直し）",
            "情報セキュリティ基本方針の改訂（2026年度内部監査の指摘を受…",
        ),
        ("方" * 31, "方" * 29 + "…"),
    ],
)
def test_a_long_subject_is_cut_to_fit_with_an_ellipsis(subject: str, quoted: str) -> None:
    assert headline(subject) == quoted
