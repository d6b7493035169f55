from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path
from typing import Any

import pytest

from isms.edit import roundtrip
from isms.errors import IsmsError

TRICKY = """\
# アクセス制御 — access control
# a second comment line

id: A.5.15   # trailing comment, three spaces before
title: 'アクセス制御'    # single quoted
title_en: "Access control"
status: planned
owner: ciso
requirements: [iso27001-2022:A.5.15,  iso27001-2022:A.5.18]   # flow, odd spacing
description: |
  利用者のアクセスを管理する。
  Rules to control access are established.

    an indented line
notes: >-
  folded text
  continues here
plain: a plain scalar
  over two lines
evidence:
    - access/review-2025.md      # four-space sequence
    - "access/quoted.csv"
tags:   [ a, b ]
measures:
- id: m1
  title: 測定
  empty:
  tilde: ~
  octal: 0o17
  float: 1.50
review:
  last: 2025-01-10
  interval: 1y

# final comment
"""


def _diff(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]


@pytest.fixture
def tricky(tmp_path: Path) -> Path:
    path = tmp_path / "control.yaml"
    path.write_text(TRICKY, encoding="utf-8")
    return path


def test_unchanged_document_renders_identically(tricky: Path) -> None:
    assert roundtrip.render(roundtrip.read(tricky)) == TRICKY


def test_scalar_change_touches_only_its_value(tricky: Path) -> None:
    doc = roundtrip.read(tricky)
    doc.data["status"] = "implemented"
    doc.data["review"]["last"] = dt.date(2026, 2, 1)
    doc.data["measures"][0]["title"] = "新しい測定"
    assert _diff(TRICKY, roundtrip.render(doc)) == [
        "-status: planned",
        "+status: implemented",
        "-  title: 測定",
        "+  title: 新しい測定",
        "-  last: 2025-01-10",
        "+  last: 2026-02-01",
    ]


def test_appends_follow_the_local_indentation(tricky: Path) -> None:
    doc = roundtrip.read(tricky)
    doc.data["evidence"].append("access/new.md")
    doc.data["measures"].append({"id": "m2", "title": "二"})
    doc.data["tags"].append("c")
    assert _diff(TRICKY, roundtrip.render(doc)) == [
        "-tags:   [ a, b ]",
        "+    - access/new.md",
        "+tags:   [ a, b, c ]",
        "+- id: m2",
        "+  title: 二",
    ]


def test_new_key_is_added_at_the_end_of_its_mapping(tricky: Path) -> None:
    doc = roundtrip.read(tricky)
    doc.data["review"]["by"] = "ciso"
    assert _diff(TRICKY, roundtrip.render(doc)) == ["+  by: ciso"]


def test_flow_sequence_on_several_lines_is_rewritten_alone(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    text = "a: 1  # one\nitems: [\n  p, q\n]\nb: 'two'\n"
    path.write_text(text, encoding="utf-8")
    doc = roundtrip.read(path)
    doc.data["items"].append("r")
    assert roundtrip.render(doc) == "a: 1  # one\nitems: [p, q, r]\nb: 'two'\n"


def test_bom_crlf_and_missing_final_newline_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_bytes("\ufeff---\r\n# c\r\nevidence: [a.md]\r\nk: v".encode())
    doc = roundtrip.read(path)
    assert roundtrip.render(doc) == "\ufeff---\r\n# c\r\nevidence: [a.md]\r\nk: v"
    doc.data["k"] = "w"
    doc.data["evidence"].append("b.md")
    assert roundtrip.render(doc) == "\ufeff---\r\n# c\r\nevidence: [a.md, b.md]\r\nk: w"


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("a:\n  - x\n", roundtrip.Style(mapping=2, sequence=4, offset=2)),
        ("a:\n- x\nb:\n    c: 1\n", roundtrip.Style(mapping=4, sequence=2, offset=0)),
        ("a:\n   b: 1\n", roundtrip.Style(mapping=3, sequence=5, offset=3)),
        ("a: 1\n", roundtrip.Style()),
    ],
)
def test_guess_style(text: str, style: roundtrip.Style) -> None:
    assert roundtrip.guess_style(text) == style


def test_new_document_indents_sequences_and_keeps_japanese() -> None:
    text = roundtrip.new_document({"title": "証跡", "evidence": [{"path": "a.csv"}]}, header="generated")
    assert text == "# generated\ntitle: 証跡\nevidence:\n  - path: a.csv\n"


def test_write_all_is_all_or_nothing(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("old\n", encoding="utf-8")
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    with pytest.raises(IsmsError, match="nothing was changed"):
        roundtrip.write_all({good: "new\n", blocked / "sub" / "x.yaml": "x\n"})
    assert good.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "good.yaml"]
    roundtrip.write_all({good: "new\n", tmp_path / "d" / "n.yaml": "n\n"})
    assert good.read_text(encoding="utf-8") == "new\n"
    assert (tmp_path / "d" / "n.yaml").read_text(encoding="utf-8") == "n\n"


@pytest.mark.parametrize("text", ["- a\n", "a: [\n"])
def test_read_refuses_what_it_cannot_edit(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IsmsError, match="cannot edit"):
        roundtrip.read(path)


@pytest.mark.parametrize(
    ("text", "change", "expected"),
    [
        ("k: [ a ]   # c\n", lambda d: d["k"].append("b"), "k: [ a, b ]   # c\n"),
        ("k: {x: 1,  y: 2}  # c\n", lambda d: d["k"].__setitem__("z", 3), "k: {x: 1,  y: 2, z: 3}  # c\n"),
        ("t: 測定   # c\n", lambda d: d.__setitem__("t", "新しい測定"), "t: 新しい測定   # c\n"),
        ("t: 'a b'  # c\n", lambda d: roundtrip.replace(d, "t", "c d"), "t: 'c d'  # c\n"),
        ("d: '2026-01-15'\n", lambda d: roundtrip.replace(d, "d", dt.date(2026, 4, 1)), "d: '2026-04-01'\n"),
        ("d: 2026-01-15\n", lambda d: roundtrip.replace(d, "d", dt.date(2026, 4, 1)), "d: 2026-04-01\n"),
    ],
)
def test_line_patches_keep_the_spacing(text: str, change: Any, expected: str) -> None:
    doc = roundtrip.parse(text, Path("x.yaml"))
    change(doc.data)
    assert roundtrip.render(doc) == expected


def test_appended_item_goes_before_an_outer_comment_and_blank_lines() -> None:
    text = "items:\n  - a\n  - b\n\n# about the next key\nnext: 1\n"
    doc = roundtrip.parse(text, Path("x.yaml"))
    doc.data["items"].append("c")
    assert roundtrip.render(doc) == "items:\n  - a\n  - b\n  - c\n\n# about the next key\nnext: 1\n"


DELETABLE = """id: x
evidence:
  - a.csv  # the roster
  # keep this list in review order
  - b.csv
  - c.csv  # last
  # after the list
owner: me
"""


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (
            0,
            "id: x\nevidence:\n  # keep this list in review order\n  - b.csv\n  - c.csv  # last\n"
            "  # after the list\nowner: me\n",
        ),
        (
            2,
            "id: x\nevidence:\n  - a.csv  # the roster\n  # keep this list in review order\n  - b.csv\n"
            "  # after the list\nowner: me\n",
        ),
    ],
)
def test_deleting_an_item_keeps_the_comment_lines_around_it(index: int, expected: str) -> None:
    """Only the item's own line goes: its end-of-line comment with it, the comment lines after it stay."""
    doc = roundtrip.parse(DELETABLE, Path("controls/x.yaml"))
    roundtrip.delete_item(doc.data["evidence"], index)
    assert roundtrip.render(doc) == expected


def test_deleting_the_only_item_with_comment_lines_after_it_is_refused() -> None:
    doc = roundtrip.parse("id: x\nevidence:\n  - a.csv\n  # note\nowner: me\n", Path("controls/x.yaml"))
    with pytest.raises(IsmsError, match="would drop the comment lines written after it"):
        roundtrip.delete_item(doc.data["evidence"], 0)
    assert list(doc.data["evidence"]) == ["a.csv"]
