"""The CLI in the terminal's language outside findings: errors at its edge, the commands' summary lines."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest

from helpers import RunIsms
from isms import api
from isms.cli.errors import WORDS
from isms.errors import IsmsError, SourceError, UsageError
from isms.files import FileRefused, read_regular, too_big
from isms.gather.data import DataError, DataFile
from isms.group.merge import stale_notes
from isms.importing.problems import ImportFailed, Place, Problem
from isms.location import Location
from unit.test_messages import JAPANESE, missing_in_ja

if TYPE_CHECKING:
    from isms.contracts import GroupDocument


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
    assert Place("soa.xlsx", "SoA", 4, 2, "ID").format("ja") == 'soa.xlsx、シート "SoA"、4 行目、C 列（ID）'
    assert Place("soa.xlsx", "SoA", 4, 2, "ID").format() == 'soa.xlsx, sheet "SoA", row 4, column C (ID)'
    assert error.text("ja").splitlines() == [
        "soa.xlsx を取り込めません（エラー 1 件。何も書き込んでいません）:",
        '  soa.xlsx、シート "SoA"、4 行目: エラー: no id',
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


def test_summary_lines_follow_the_terminal_not_the_document(
    demo_repo: Path, tmp_path: Path, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = run_isms("evidence", "list", "--root", str(demo_repo), "--today", "2026-06-30")
    assert english.out.splitlines()[-1].endswith(" evidence items as of 2026-06-30")
    schema_en = run_isms("schema", "--out", str(tmp_path / "en")).out.splitlines()
    _japanese_terminal(monkeypatch)
    japanese = run_isms("evidence", "list", "--root", str(demo_repo), "--today", "2026-06-30")
    count = english.out.splitlines()[-1].split()[0]
    assert japanese.out.splitlines()[-1] == f"証跡 {count} 件（2026-06-30 時点）"
    assert english.out.splitlines()[:-1] == [
        "current   2026-01-15  until 2027-01-15  internal     access/review-2026-q1.csv"
    ]
    assert japanese.out.splitlines()[:-1] == [
        "有効             2026-01-15  期限 2027-01-15  社内             access/review-2026-q1.csv"
    ]
    asked = run_isms("evidence", "list", "--root", str(demo_repo), "--today", "2026-06-30", "--lang", "en")
    assert asked.out == english.out  # `--lang` of `evidence list` is the language of its text
    schema_ja = run_isms("schema", "--out", str(tmp_path / "ja")).out.splitlines()
    assert len(schema_ja) == len(schema_en)
    assert schema_ja[0].endswith(" を書き出しました（" + schema_en[0].split("  (")[1].rstrip(")") + "）")
    codeowners = run_isms("codeowners", "--root", str(demo_repo), "--check")
    assert codeowners.out == ".github/CODEOWNERS がありません。`isms codeowners` を実行してください\n"
    target = tmp_path / "soa.csv"
    soa = run_isms("soa", "--root", str(demo_repo), "--format", "csv", "--out", str(target), "--today", "2026-06-30")
    assert soa.out == f"{target} を書き出しました（2026-06-30 時点）\n"  # the SoA is Japanese (--lang ja) either way


def test_the_site_build_summary_in_japanese(
    demo_repo: Path, tmp_path: Path, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    _japanese_terminal(monkeypatch)
    out = tmp_path / "site"
    result = run_isms(
        "site", "build", "--root", str(demo_repo), "--out", str(out), "--today", "2026-06-30", "--lang", "en"
    )
    assert result.code == 0, result.err
    built, as_of = result.out.splitlines()
    assert re.fullmatch(
        rf"サイトを {re.escape(str(out))} に作成しました（{re.escape(str(out / 'index.html'))} を開いてください）: "
        r"\d+ ページ、公開する証跡ファイル \d+ 件。評価 \d+\.\d s、ページ生成 \d+\.\d s、mkdocs \d+\.\d s",
        built,
    )
    assert re.fullmatch(
        r"2026-06-30 時点(、コミット [0-9a-f]{10})?。検査結果: (エラー \d+ 件、警告 \d+ 件.*|ok: 問題はありません)",
        as_of,
    )
    assert (out / "index.html").read_text(encoding="utf-8").count('lang="en"') >= 1  # the English edition, as asked


def _both(english: str, japanese: str) -> None:
    assert JAPANESE.search(japanese), japanese
    assert missing_in_ja(english, japanese) == [], (english, japanese)


def test_a_refused_file_says_why_in_japanese(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(FileRefused) as refused:
        read_regular(fifo)
    assert str(refused.value) == (
        "is a FIFO (named pipe), not a regular file; isms reads regular files only: replace it with the file"
    )
    _both(str(refused.value), refused.value.message_ja)
    big = too_big(9_000_000, 8_388_608)
    assert "9,000,000 bytes" in big.message_ja
    _both(str(big), big.message_ja)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.csv", b" \n"),
        ("bad.json", b"{"),
        ("list.json", b'{"a": 1}'),
        ("latin.csv", b"a\n\xff\n"),
        ("x.txt", b"a"),
    ],
)
def test_a_measure_data_file_says_why_in_japanese(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError) as failed, DataFile(path).open() as rows:
        list(rows.rows)
    assert name in failed.value.message_ja
    _both(str(failed.value), failed.value.message_ja)


def test_an_invalid_attestation_says_why_in_japanese(demo_repo: Path, tmp_path: Path) -> None:
    (demo_repo / "attestations").mkdir()
    (demo_repo / "attestations" / "nowhere.json").write_text("{}", encoding="utf-8")
    found = [f for f in api.check(demo_repo, dt.date(2026, 6, 30)) if f.rule == "evidence-attestation-invalid"]
    assert len(found) == 1
    assert "is not a valid attestation" in found[0].message
    assert "検証記録として正しくありません" in found[0].message_ja
    assert "is not a valid attestation" not in found[0].message_ja


def test_an_edit_says_what_it_did_in_japanese(
    demo_repo: Path, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("evidence", "link", "access/review-2026-q1.csv", "--for", "DM-1", "--root", str(demo_repo))
    english = run_isms(*args)
    assert english.out == "controls/demo/DM-1.yaml already lists access/review-2026-q1.csv\n"
    _japanese_terminal(monkeypatch)
    assert run_isms(*args).out == "controls/demo/DM-1.yaml には access/review-2026-q1.csv がすでにあります\n"
    unlinked = run_isms("evidence", "unlink", "access/review-2026-q1.csv", "--from", "DM-1", "--root", str(demo_repo))
    assert unlinked.out == "access/review-2026-q1.csv を controls/demo/DM-1.yaml の参照から外しました\n"


def test_a_bad_option_value_in_japanese(run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch) -> None:
    english = run_isms("check", "--today", "2026-13-01")
    assert english.code == 2
    assert "argument --today: not a date: '2026-13-01' (write YYYY-MM-DD)" in english.err
    _japanese_terminal(monkeypatch)
    japanese = run_isms("remind", "--within", "soon")
    assert japanese.code == 2
    assert (
        "isms remind: エラー: --within: 期間ではありません: 'soon'（数と単位で書いてください: 30d、6w、3m、1y）\n"
        in (japanese.err)
    )


def test_an_import_reports_in_japanese(
    demo_repo: Path, tmp_path: Path, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "soa.csv"
    sheet.write_text("ID,Status\nDM-1,partial\nZZ-9,implemented\n", encoding="utf-8")
    _japanese_terminal(monkeypatch)
    args = ("import", "controls", str(sheet), "--root", str(demo_repo))
    refused = run_isms(*args)
    assert (refused.code, refused.err) == (
        1,
        f"isms: エラー: {sheet} を取り込めません（エラー 1 件。何も書き込んでいません）:\n"
        f"  {sheet}、3 行目、A 列（ID）: エラー: `ZZ-9` は `demo` の要求事項ではありません"
        "（ほかの行を取り込むには --skip-unknown を付けてください）\n",
    )
    done = run_isms(*args, "--skip-unknown", "--dry-run")
    assert done.out.splitlines()[0].endswith("警告: `ZZ-9` は `demo` の要求事項ではありません。この行は飛ばしました")
    assert done.out.splitlines()[1:] == [
        "  変更  DM-1: status: implemented -> partial",
        "controls/demo/: 追加 0 件、変更 1 件、削除 0 件、変更なし 0 件",
        "ドライラン: 1 file(s) を書き込む予定です。何も書き込んでいません",
    ]


def test_a_stale_entity_is_named_in_japanese() -> None:
    document = cast(
        "GroupDocument",
        {"as_of": "2026-06-30", "entities": [{"id": "jp", "as_of": "2026-06-01", "stale": True}]},
    )
    (english,) = stale_notes(document)
    (japanese,) = stale_notes(document, "ja")
    assert (
        english == "entity `jp` is stale: as of 2026-06-01, the group as of 2026-06-30; re-run its job for 2026-06-30"
    )
    _both(english, japanese)


def test_the_catalog_list_speaks_its_lang(demo_repo: Path, run_isms: RunIsms) -> None:
    english = run_isms("catalog", "list", "--root", str(demo_repo), "--lang", "en").out.splitlines()
    japanese = run_isms("catalog", "list", "--root", str(demo_repo)).out.splitlines()
    assert (english[0], english[-1]) == (
        "iso27001-2013             114  ISO/IEC 27001:2013 Annex A  [reference; package]",
        "demo                        3  Demo requirements  [in scope; repository]",
    )
    assert (japanese[0], japanese[-1]) == (
        "iso27001-2013             114  ISO/IEC 27001:2013 附属書A 管理策  [参照用; isms 同梱]",
        "demo                        3  デモ基準  [適用範囲内; リポジトリ]",
    )
    assert len(japanese) == len(english)
