"""The summary lines commands print for a person (``wrote …``, ``site built in …``), in Japanese and English.

They follow the terminal's language (``messages`` of the options: `isms.commands.common.typed`),
not a document's ``--lang``. Each template names its values as ``{placeholders}``, the same in both
languages (tests/unit/test_messages.py holds every pair to that).
"""

from __future__ import annotations

from collections.abc import Iterable

from isms.model.base import Lang
from isms.vocabulary import Words, word

PHRASES: dict[str, Words] = {
    # isms site build
    "site_built": (
        "サイトを {out} に作成しました（{index} を開いてください）: {pages} ページ、公開する証跡ファイル {files} 件。"
        "評価 {evaluation} s、ページ生成 {generate} s、{engine} {engine_seconds} s",
        "site built in {out} (open {index}): {pages} pages, {files} public evidence files; "
        "evaluation {evaluation} s, pages {generate} s, {engine} {engine_seconds} s",
    ),
    "site_as_of": ("{day} 時点{commit}。検査結果: {summary}", "as of {day}{commit}; check: {summary}"),
    "site_commit": ("、コミット {commit}", ", commit {commit}"),
    # isms group
    "group_built": (
        "グループのサイトを {out} に作成しました（{index} を開いてください。グループのページは group/ の下にあります）",
        "group site built in {out} (open {index}, group pages under group/)",
    ),
    "group_workflow": (
        "{out} を書き出しました。ジョブは次のコマンドで isms をインストールします: {install}",
        "wrote {out}; the jobs install isms with: {install}",
    ),
    "group_fetched": ("{entity} を {out} に取得しました", "fetched {entity} into {out}"),
    "note": ("注記: {note}", "note: {note}"),
    # isms soa, export, schema, audit-pack
    "wrote_as_of": ("{path} を書き出しました（{day} 時点）", "wrote {path} (as of {day})"),
    "wrote": ("{path} を書き出しました", "wrote {path}"),
    "wrote_schema": ("{path} を書き出しました（{applies_to}）", "wrote {path}  ({applies_to})"),
    "audit_pack": (
        "{out} を書き出しました: {day} 時点の ISMS（コミット commit {commit}）、{count} ファイル{signed}",
        "wrote {out}: the ISMS as of {day} (commit {commit}), {count} files{signed}",
    ),
    "manifest_signed": ("、MANIFEST に署名済み", ", MANIFEST signed"),
    # isms control
    "control_updated": ("{path} を更新しました: {done}", "updated {path}: {done}"),
    "control_created": ("{path} を作成しました（status: planned）", "created {path} (status: planned)"),
    # isms codeowners
    "codeowners_current": ("{file} は最新です", "{file} is up to date"),
    "codeowners_missing": (
        "{file} がありません。`isms codeowners` を実行してください",
        "{file} is missing; run `isms codeowners`",
    ),
    "codeowners_outdated": (
        "{file} が古くなっています。`isms codeowners` を実行してください",
        "{file} is out of date; run `isms codeowners`",
    ),
    "codeowners_wrote": (
        "{file} を書き出しました: 責任者のいるファイル {count} 件",
        "wrote {file}: {count} files with owners",
    ),
    "codeowners_without": (
        "isms.yaml に `github` のハンドルがない責任者（そのファイルにはコードオーナーがいません）: {owners}",
        "owners without `github` handles in isms.yaml (their files have no code owner): {owners}",
    ),
    # isms evidence
    "evidence_items": ("証跡 {count} 件（{day} 時点）", "{count} evidence items as of {day}"),
    "verified": ("{store}: {summary}。{target} を書き出しました", "{store}: {summary}; wrote {target}"),
    "no_items": ("項目なし", "no items"),
    # isms import
    "import_counts": (
        "{target}: 追加 {added} 件、変更 {changed} 件、削除 {removed} 件、変更なし {unchanged} 件",
        "{target}: {added} added, {changed} changed, {removed} removed, {unchanged} unchanged",
    ),
    "import_dry_run": (
        "ドライラン: {count} file(s) を書き込む予定です。何も書き込んでいません",
        "dry run: {count} file(s) would be written; nothing was written",
    ),
    "import_wrote": ("{count} file(s) を書き込みました", "wrote {count} file(s)"),
    "import_nothing": ("変更はありません", "nothing to change"),
    "import_added": ("  追加  {id}", "  added    {id}"),
    "import_changed": ("  変更  {id}: {fields}", "  changed  {id}: {fields}"),
    "import_removed": ("  削除  {id}", "  removed  {id}"),
    # isms init
    "init_created": (
        "{target} に ISMS を作成しました: {count} ファイル、{framework} の計画中の管理策 {controls} 件",
        "created an ISMS in {target}: {count} files, {controls} planned controls for {framework}",
    ),
    "init_next": (
        "次に: 管理策ごとに決め（ステータス、責任者、理由）、`isms evidence add` で証跡を追加し、"
        "`isms check` と `isms site build` を実行してください",
        "next: decide each control (status, owner, justification), add evidence with `isms evidence add`, "
        "then `isms check` and `isms site build`",
    ),
    "init_install": (
        "CI は次のコマンドで isms をインストールします: {install}",
        "the CI installs isms with: {install}",
    ),
}


def lines(pairs: Iterable[Words], lang: Lang) -> str:
    """Return ``(ja, en)`` pairs (what an edit did, what its lock's recovery did) as lines in ``lang``."""
    return "".join(word(pair, lang) + "\n" for pair in pairs)


def say(key: str, lang: Lang, **values: object) -> str:
    """Return the summary line ``key`` in ``lang`` with its placeholders filled in."""
    ja, en = PHRASES[key]
    return (ja if lang == "ja" else en).format(**values)
