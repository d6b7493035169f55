"""Errors at the CLI edge in the terminal's language: the Japanese written where raised, or the English."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import RunIsms
from isms.cli.errors import WORDS
from isms.errors import IsmsError, SourceError, UsageError
from isms.importing.problems import ImportFailed, Place, Problem
from isms.location import Location
from unit.test_messages import JAPANESE, missing_in_ja


def test_an_error_gives_its_japanese_where_one_was_written() -> None:
    error = UsageError("--out x: is a file", ja="--out x: ファイルです")
    assert (str(error), error.text("en"), error.text("ja")) == ("--out x: is a file",) * 2 + ("--out x: ファイルです",)
    assert IsmsError("only English").text("ja") == "only English"


def test_a_source_error_keeps_its_place_in_both_languages() -> None:
    error = SourceError("bad key", Location("controls/a.yaml", 3, 5), ja="キーが不正です")
    assert error.text("en") == "controls/a.yaml:3:5: bad key"
    assert error.text("ja") == "controls/a.yaml:3:5: キーが不正です"


def test_an_import_failure_heads_its_problems_in_japanese() -> None:
    error = ImportFailed([Problem(Place("soa.xlsx", "SoA", 4), "no id")])
    assert error.text("en") == str(error)
    assert error.text("ja").splitlines() == [
        "soa.xlsx を取り込めません（エラー 1 件。何も書き込んでいません）:",
        '  soa.xlsx, sheet "SoA", row 4: error: no id',
    ]


def test_the_boundary_words_say_the_same_in_both_languages() -> None:
    for key, (ja, en) in WORDS.items():
        assert JAPANESE.search(ja), key
        assert missing_in_ja(en, ja) == [], key


def _japanese_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ISMS_LANG")
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")


def test_a_usage_error_follows_the_terminal(tmp_path: Path, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "nosuch"
    english = run_isms("validate", "--root", str(missing))
    assert (english.code, english.err) == (
        2,
        f"isms: error: {missing}: no such directory; pass the ISMS repository with --root\n",
    )
    _japanese_terminal(monkeypatch)
    japanese = run_isms("validate", "--root", str(missing))
    assert (japanese.code, japanese.err) == (
        2,
        f"isms: エラー: {missing}: そのフォルダはありません。--root に ISMS リポジトリを指定してください\n",
    )
    # a command's --lang of messages decides; a document's --lang (the site's edition) does not
    assert run_isms("validate", "--root", str(missing), "--lang", "en").err == english.err
    site = run_isms("site", "build", "--root", str(missing), "--lang", "en")
    assert (site.code, site.err) == (japanese.code, japanese.err)


def test_a_bad_diff_revision_in_japanese(demo_repo: Path, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch) -> None:
    _japanese_terminal(monkeypatch)
    result = run_isms("diff", "--root", str(demo_repo), "--base", "HEAD")
    assert result.code == 2
    assert result.err == (
        f"isms: エラー: {demo_repo}: git リポジトリの中ではありません。`isms diff` はコミット同士を比較します\n"
    )
