"""Evidence must be what was recorded: hashes match, every file is declared and used."""

from __future__ import annotations

from collections.abc import Iterator

from isms.findings import Finding, Severity
from isms.model.repository import Repository
from isms.state.assessment import Assessment
from isms.state.evidence import EvidenceState


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield `evidence-tampered`, `-unreadable`, `-rewritten`, `-unhashed` and `-unreferenced` findings."""
    for rewrite in ctx.rewrites:
        item = rewrite.item
        yield Finding(
            "evidence-rewritten",
            Severity.ERROR,
            f"{item.file} was rewritten after commit {rewrite.commit} recorded it (sha256 {rewrite.recorded[:12]}…), "
            f"yet its evidence date is still {item.date}: record a new version with a new date "
            "(`isms evidence refresh --date`), or restore what was recorded",
            item.register,
            pointer=("evidence", item.index, "sha256"),
            message_ja=f"{item.file} はコミット {rewrite.commit} で記録された後に書き換えられていますが（sha256 "
            f"{rewrite.recorded[:12]}…）、証跡の日付は {item.date} のままです。新しい日付で新しい版を記録する"
            "（isms evidence refresh --date）か、記録された内容に戻してください",
        )
    for status in ctx.evidence.values():
        item = status.item
        if status.state is EvidenceState.TAMPERED:
            yield Finding(
                "evidence-tampered",
                Severity.ERROR,
                f"{item.file} does not match its recorded hash: recorded sha256 {item.sha256}, "
                f"file has {status.actual_sha256}; restore the file, or record the new version with "
                "`isms evidence refresh`",
                item.register,
                pointer=("evidence", item.index, "sha256"),
                message_ja=f"{item.file} が記録されたハッシュと一致しません（改ざんの可能性）。記録 sha256 "
                f"{item.sha256}、"
                f"ファイル {status.actual_sha256}。ファイルを元に戻すか、isms evidence refresh で新しい版を記録して"
                "ください",
            )
        if status.state is EvidenceState.MISSING and item.path in repo.evidence_files and not item.in_store:
            yield Finding(
                "evidence-unreadable",
                Severity.ERROR,
                f"{item.file} cannot be read, so its recorded hash cannot be checked and it counts for no control; "
                "make it a readable regular file",
                item.register,
                pointer=("evidence", item.index, "path"),
                message_ja=f"{item.file} を読み取れないため、記録されたハッシュを確認できず、どの管理策の証跡にも数"
                "えません。"
                "読み取れる通常のファイルにしてください",
            )
        if item.sha256 is None and status.state is not EvidenceState.MISSING and not item.in_store:
            yield Finding(
                "evidence-unhashed",
                Severity.ERROR,
                f"evidence `{item.path}` has no `sha256`; record it (`isms evidence refresh {item.file}`) "
                "so that tampering is detected",
                item.register,
                pointer=("evidence", item.index, "path"),
                message_ja=f"証跡 {item.path} に sha256 がありません。改ざんを検知できるよう記録してください"
                f"（isms evidence refresh {item.file}）",
            )
        if item.path not in repo.evidence_users:
            yield Finding(
                "evidence-unreferenced",
                Severity.WARNING,
                f"evidence `{item.path}` is declared but no control references it or reads it for a measure; "
                "link it from a control or remove it",
                item.register,
                pointer=("evidence", item.index, "path"),
                message_ja=f"証跡 {item.path} は登録されていますが、どの管理策も参照せず、有効性指標も読んでいません"
                "（管理策から参照するか、登録を削除してください）",
            )
    for path in sorted(repo.evidence_files - repo.evidence.keys()):
        yield Finding(
            "evidence-unreferenced",
            Severity.WARNING,
            f"evidence/{path} is not declared in any evidence.yaml; declare it with `isms evidence add` or delete it",
            f"evidence/{path}",
            message_ja=f"evidence/{path} はどの evidence.yaml にも登録されていません"
            "（isms evidence add で登録するか、削除してください）",
        )
