"""History records and the log parser, on in-memory inputs."""

from __future__ import annotations

import datetime as dt

from builders import commit, history_of
from isms.history.git import parse_log


def test_until_leaves_out_later_commits_and_keeps_the_dirty_paths() -> None:
    history = history_of(
        {
            "controls/demo/1.1.yaml": [commit("2026-11-20", sha="b"), commit("2026-10-01", sha="a")],
            "controls/demo/1.2.yaml": [commit("2026-11-25", sha="c")],
        },
        dirty=frozenset({"controls/demo/1.2.yaml"}),
    )
    then = history.until(dt.date(2026, 11, 1))
    assert [c.sha[0] for c in then.of("controls/demo/1.1.yaml")] == ["a"]
    assert then.of("controls/demo/1.2.yaml") == []
    assert then.last_changed("controls/demo/1.1.yaml") == dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC)
    assert then.dirty == history.dirty
    assert then.head == history.head


def test_parse_log_keeps_isms_paths_under_the_root() -> None:
    record = "\x1e" + "\x1f".join(["1" * 40, "2026-11-20T09:00:00+09:00", "Aiko", "Review 1.1"])
    output = record + "\0\nsub/controls/demo/1.1.yaml\0sub/README.md\0other/controls/x.yaml\0"
    files = parse_log(output, "sub/")
    assert list(files) == ["controls/demo/1.1.yaml"]
    (found,) = files["controls/demo/1.1.yaml"]
    assert (found.author, found.subject, found.short) == ("Aiko", "Review 1.1", "1" * 10)
    assert found.date == dt.datetime(2026, 11, 20, 0, tzinfo=dt.UTC)
