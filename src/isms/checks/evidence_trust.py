"""Evidence an insider cannot forge: store items proved by signed attestations, signed evidence in the repository."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from isms.checks.base import on_control
from isms.findings import Finding, Severity
from isms.model.base import add_duration
from isms.model.evidence import CLASS_ORDER
from isms.model.repository import EvidenceItem, Repository
from isms.signing.allowed import key_entries
from isms.state.assessment import Assessment
from isms.state.evidence import EvidenceState, EvidenceStatus
from isms.stores.attestation import attestation_file

CONFIG = "isms.yaml"


def _verify_hint(repo: Repository, store: str) -> str:
    custodian = repo.config.stores[store].custodian if store in repo.config.stores else "the custodian"
    return (
        f"run `isms evidence verify --store {store}=PATH --key KEY` inside the zone where the store is reachable "
        f"(signed with a key of {custodian}) and commit {attestation_file(store)}"
    )


def _verify_hint_ja(repo: Repository, store: str) -> str:
    custodian = repo.config.stores[store].custodian if store in repo.config.stores else "管理者"
    return (
        f"保管庫に届くゾーンの中で isms evidence verify --store {store}=PATH --key KEY を実行し"
        f"（{custodian} の鍵で署名）、{attestation_file(store)} をコミットしてください"
    )


def _stores(repo: Repository) -> Iterator[Finding]:
    owners = repo.config.owners
    keyed = {owner for owner, _ in key_entries(repo.config)}
    for store_id, store in repo.config.stores.items():
        here = ("stores", store_id, "custodian")
        if store.custodian not in owners:
            yield Finding(
                "unknown-owner",
                Severity.ERROR,
                f"store `{store_id}`: custodian `{store.custodian}` is not an owner in isms.yaml `owners:`",
                CONFIG,
                pointer=here,
                message_ja=f"保管庫 {store_id} の管理者 {store.custodian} が isms.yaml の owners: にいません",
            )
        elif store.custodian not in keyed:
            yield Finding(
                "custodian-no-key",
                Severity.ERROR,
                f"store `{store_id}`: custodian `{store.custodian}` has no `ssh_keys:`; add the public key that "
                "signs the store's attestations",
                CONFIG,
                pointer=("owners", store.custodian),
                message_ja=f"保管庫 {store_id} の管理者 {store.custodian} に ssh_keys がありません"
                "（検証記録に署名する公開鍵を追加してください）",
            )


def _unverified(repo: Repository, ctx: Assessment, status: EvidenceStatus) -> Finding:
    item = status.item
    store = item.store or ""
    check = ctx.trust.attestations.get(store)
    if check is None or check.attestation is None:
        why = f"store `{store}` has no attestation"
        why_ja = f"保管庫 {store} に検証記録がありません"
    elif not check.good:
        why = f"the attestation {check.file} is invalid"
        why_ja = f"検証記録 {check.file} が無効です"
    elif check.attestation.date > ctx.cutoff:
        why = f"the attestation {check.file} is dated {check.attestation.date}, after {ctx.today}"
        why_ja = f"検証記録 {check.file} の日付 {check.attestation.date} が基準日 {ctx.today} より後です"
    elif item.ref not in check.attestation.items:
        why = f"the attestation {check.file} of {check.attestation.date} does not cover it"
        why_ja = f"{check.attestation.date} の検証記録 {check.file} はこの証跡を含みません"
    else:
        until = add_duration(check.attestation.date, repo.config.stores[store].verify_every)
        why = f"the attestation {check.file} of {check.attestation.date} expired on {until}"
        why_ja = f"{check.attestation.date} の検証記録 {check.file} は {until} に期限が切れています"
    return Finding(
        "evidence-unverified",
        Severity.ERROR,
        f"evidence `{item.path}` lives in store `{store}` and is not proved current: {why}; "
        + _verify_hint(repo, store),
        item.register,
        pointer=("evidence", item.index, "ref"),
        message_ja=f"証跡 {item.path} は保管庫 {store} にあり、最新であることが証明されていません（{why_ja}）。"
        + _verify_hint_ja(repo, store),
    )


def _store_item(repo: Repository, ctx: Assessment, status: EvidenceStatus) -> Iterator[Finding]:
    item = status.item
    if item.sha256 is None:
        yield Finding(
            "evidence-unhashed",
            Severity.ERROR,
            f"store evidence `{item.path}` has no `sha256`; hash the file inside the zone "
            f"(`sha256sum {item.ref}` in the store) and record it, so that verification can match it",
            item.register,
            pointer=("evidence", item.index, "ref"),
            message_ja=(
                f"保管庫の証跡 {item.path} に sha256 がありません。検証で照合できるよう、ゾーンの中でファイルのハッ"
                "シュを計算し"
                f"（保管庫で sha256sum {item.ref}）、記録してください"
            ),
        )
    if status.state is EvidenceState.UNVERIFIED:
        yield _unverified(repo, ctx, status)
    elif status.state is EvidenceState.MISSING:
        yield Finding(
            "evidence-missing",
            Severity.ERROR,
            f"evidence `{item.path}`: the attestation found it {status.why} in store `{item.store}`; "
            "restore the file in the store (or fix `ref:`) and verify again",
            item.register,
            pointer=("evidence", item.index, "ref"),
            message_ja=f"証跡 {item.path}: 保管庫 {item.store} の検証記録では {status.why} とされています"
            "（保管庫のファイルを戻すか ref: を直して、再度検証してください）",
        )


def _signature(repo: Repository, ctx: Assessment, item: EvidenceItem) -> Iterator[Finding]:
    here = ("evidence", item.index, "signature")
    check = ctx.trust.signatures.get(item.path)
    if check is not None and check.state == "invalid":
        yield Finding(
            "evidence-signature-invalid",
            Severity.ERROR,
            f"{item.file}: the signature over its path, sha256, date, class and collector does not hold: "
            f"{check.detail}; if the file changed rightfully, its collector records it with "
            f"`isms evidence refresh {item.file} --sign KEY`",
            item.register,
            pointer=here,
            message_ja=f"{item.file}: パス・sha256・日付・区分・収集者に対する署名が成り立ちません"
            f"（{check.detail_ja or check.detail}）。ファイルが正当に変わったのであれば、"
            f"収集者が isms evidence refresh {item.file} --sign KEY で記録します",
        )
    limit = repo.config.evidence.sign_from
    if (
        item.signature is None
        and limit is not None
        and CLASS_ORDER.index(item.classification) >= CLASS_ORDER.index(limit)
    ):
        yield Finding(
            "evidence-unsigned",
            Severity.ERROR,
            f"{item.file} is `{item.classification}` evidence and isms.yaml `evidence.sign_from: {limit}` "
            f"requires its collector's signature; run `isms evidence refresh {item.file} --sign KEY`",
            item.register,
            pointer=("evidence", item.index, "path"),
            message_ja=f"{item.file} は {item.classification} の証跡で、isms.yaml の evidence.sign_from: {limit} により"
            f"収集者の署名が必要です（isms evidence refresh {item.file} --sign KEY）",
        )


def _measures(repo: Repository) -> Iterator[Finding]:
    """A measure cannot read a store item outside the zone: say so rather than report no data."""
    for control in repo.controls.values():
        for index, measure in enumerate(control.doc.measures):
            reads = [p for pattern in measure.data for p in repo.evidence if fnmatch.fnmatchcase(p, pattern)]
            reads += [
                p for other, _ in measure.compute.other_files() for p in repo.evidence if fnmatch.fnmatchcase(p, other)
            ]
            stored = sorted({p for p in reads if p in repo.evidence and repo.evidence[p].in_store})
            if stored:
                yield on_control(
                    control,
                    "measure-data-in-store",
                    Severity.ERROR,
                    f"measure `{measure.id}` reads {', '.join(stored)}, which live in a store and cannot be read "
                    "here; record what the measure needs (pseudonymous ids, counts) in an evidence file in the "
                    "repository and compute from that",
                    ("measures", index, "data"),
                    f"有効性指標 {measure.id} が保管庫の証跡（{', '.join(stored)}）を読んでいますが、ここでは読めません"
                    "（指標に必要な値（仮名の ID、件数）をリポジトリ内の証跡ファイルに記録し、そこから計算してくださ"
                    "い）",
                )


def check(repo: Repository, ctx: Assessment) -> Iterator[Finding]:
    """Yield findings on stores, attestations, store items, evidence signatures and measures over stores."""
    yield from _stores(repo)
    yield from _measures(repo)
    for found in [*ctx.trust.attestations.values(), *ctx.trust.stray]:
        if not found.good:
            store = f"store `{found.store}`: " if found.store in repo.config.stores else ""
            hint = _verify_hint(repo, found.store) if found.store in repo.config.stores else "remove the file"
            store_ja = f"保管庫 {found.store}: " if found.store in repo.config.stores else ""
            hint_ja = (
                _verify_hint_ja(repo, found.store)
                if found.store in repo.config.stores
                else "ファイルを削除してください"
            )
            yield Finding(
                "evidence-attestation-invalid",
                Severity.ERROR,
                f"{store}the attestation {found.file} {found.problem}; {hint}",
                found.file,
                message_ja=f"{store_ja}検証記録 {found.file} が無効です（{found.problem_ja or found.problem}）。"
                f"{hint_ja}",
            )
    for status in ctx.evidence.values():
        if status.item.in_store:
            yield from _store_item(repo, ctx, status)
        else:
            yield from _signature(repo, ctx, status.item)
