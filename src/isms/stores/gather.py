"""Read the attestations and check every signature, once per run (ssh-keygen, in parallel).

This is I/O (files and ``ssh-keygen``); what follows from it is judged by pure functions in
:mod:`isms.state.evidence` and :mod:`isms.checks.evidence_trust`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from isms.errors import IsmsError
from isms.files import Tree
from isms.model.repository import Repository
from isms.signing import ssh
from isms.signing.allowed import allowed_signers
from isms.signing.messages import evidence_claim, evidence_message
from isms.stores.attestation import ATTESTATIONS_DIR, Attestation, parse

SignatureState = Literal["good", "invalid", "unsigned"]


@dataclass(frozen=True, slots=True)
class AttestationCheck:
    """An attestation file and whether it holds."""

    file: str
    store: str | None
    attestation: Attestation | None
    problem: str | None
    """Why it does not count (None when it is good)."""
    problem_ja: str | None = None
    """``problem`` in Japanese."""

    @property
    def good(self) -> bool:
        """Return True when parsed, for a declared store and signed by its custodian."""
        return self.problem is None and self.attestation is not None


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    """An evidence item's signature and whether it holds."""

    state: SignatureState
    detail: str = ""
    detail_ja: str = ""
    """``detail`` in Japanese, where isms wrote it (ssh-keygen's own text stays as it wrote it)."""


@dataclass(frozen=True)
class Trust:
    """Attestations by store, other attestation files, and evidence signatures by evidence path."""

    attestations: dict[str, AttestationCheck] = field(default_factory=dict)
    stray: list[AttestationCheck] = field(default_factory=list)
    signatures: dict[str, SignatureCheck] = field(default_factory=dict)


def _tree_attestations(tree: Tree) -> list[AttestationCheck | Attestation]:
    """Read the attestations of a git tree: the `*.json` files directly in attestations/, as on disk."""
    found: list[AttestationCheck | Attestation] = []
    prefix = f"{ATTESTATIONS_DIR}/"
    names = sorted(rel for rel in tree.files if rel.startswith(prefix) and "/" not in rel[len(prefix) :])
    for rel in names:
        if not rel.endswith(".json"):
            continue
        try:
            data = tree.read(rel)
        except OSError as exc:
            ja = f"読み込めません（{exc.strerror}）"
            found.append(AttestationCheck(rel, None, None, f"cannot be read ({exc.strerror})", ja))
            continue
        try:
            found.append(parse(rel, data, hashlib.sha256(data).hexdigest()))
        except ValueError as exc:
            ja = f"検証記録として正しくありません: {exc}"
            found.append(AttestationCheck(rel, None, None, f"is not a valid attestation: {exc}", ja))
    return found


def _read_attestations(root: Path, tree: Tree | None = None) -> list[AttestationCheck | Attestation]:
    if tree is not None:
        return _tree_attestations(tree)
    folder = root / ATTESTATIONS_DIR
    if not folder.is_dir():
        return []
    found: list[AttestationCheck | Attestation] = []
    for path in sorted(folder.glob("*.json")):
        rel = f"{ATTESTATIONS_DIR}/{path.name}"
        try:
            data = path.read_bytes()
        except OSError as exc:
            ja = f"読み込めません（{exc.strerror}）"
            found.append(AttestationCheck(rel, None, None, f"cannot be read ({exc.strerror})", ja))
            continue
        try:
            found.append(parse(rel, data, hashlib.sha256(data).hexdigest()))
        except ValueError as exc:
            ja = f"検証記録として正しくありません: {exc}"
            found.append(AttestationCheck(rel, None, None, f"is not a valid attestation: {exc}", ja))
    return found


def _why(outcome: ssh.Outcome, required: str) -> tuple[str, str]:
    """Return why a signature does not hold, ``(en, ja)`` (ssh-keygen's detail as it wrote it)."""
    if outcome.signer and outcome.signer != required:
        return (
            f"it is signed by {outcome.signer}, not by {required} ({outcome.detail})",
            f"署名したのは {required} ではなく {outcome.signer} です（ssh-keygen: {outcome.detail}）",
        )
    return (
        f"the signature does not verify as {required}'s ({outcome.detail})",
        f"署名を {required} のものとして検証できません（ssh-keygen: {outcome.detail}）",
    )


def _sort_attestations(repo: Repository, trust: Trust, tree: Tree | None) -> list[tuple[Attestation, ssh.Request]]:
    """Return the attestations to verify (their custodian as principal); put the others in ``trust.stray``."""
    config = repo.config
    pending: list[tuple[Attestation, ssh.Request]] = []
    for found in _read_attestations(repo.root, tree):
        if isinstance(found, AttestationCheck):
            trust.stray.append(found)
            continue
        store = config.stores.get(found.store)
        expected = f"{ATTESTATIONS_DIR}/{found.store}.json"
        if store is None:
            problem = f"is for store `{found.store}`, which isms.yaml `stores:` does not declare"
            ja = f"保管庫 `{found.store}` のものですが、その保管庫は isms.yaml の `stores:` で宣言されていません"
            trust.stray.append(AttestationCheck(found.file, found.store, found, problem, ja))
        elif found.file != expected:
            named = (f"must be named {expected}", f"ファイル名は {expected} でなければなりません")
            trust.stray.append(AttestationCheck(found.file, found.store, found, *named))
        else:
            request = ssh.Request(found.message, found.signature, store.custodian, ssh.ATTESTATION_NAMESPACE)
            pending.append((found, request))
    return pending


def gather_trust(repo: Repository, today: dt.date, tree: Tree | None = None) -> Trust:
    """Read attestations (on disk, or in ``tree``) and verify them and every evidence signature."""
    trust = Trust()
    pending = _sort_attestations(repo, trust, tree)
    signed = [item for item in repo.evidence.values() if item.signature is not None and not item.in_store]
    requests = [request for _, request in pending]
    for item in signed:
        message = evidence_message(evidence_claim(item))
        requests.append(ssh.Request(message, item.signature or "", item.collected_by or "", ssh.EVIDENCE_NAMESPACE))
    try:
        outcomes = ssh.verify_many(requests, allowed_signers(repo.config), today)
    except IsmsError as exc:
        outcomes = [ssh.Outcome(False, str(exc))] * len(requests)
    for (found, request), outcome in zip(pending, outcomes, strict=False):
        problem, problem_ja = (None, None) if outcome.good else _why(outcome, request.principal)
        if problem is None and found.verifier != request.principal:
            problem = f"names `{found.verifier}` as verifier, but the custodian is `{request.principal}`"
            problem_ja = (
                f"検証者が `{found.verifier}` になっていますが、管理者（custodian）は `{request.principal}` です"
            )
        trust.attestations[found.store] = AttestationCheck(found.file, found.store, found, problem, problem_ja)
    for item, outcome in zip(signed, outcomes[len(pending) :], strict=True):
        if not item.collected_by:
            trust.signatures[item.path] = SignatureCheck(
                "invalid", "it has no `collected_by` to be signed by", "署名者となる `collected_by` がありません"
            )
        elif outcome.good:
            trust.signatures[item.path] = SignatureCheck("good", outcome.detail)
        else:
            trust.signatures[item.path] = SignatureCheck("invalid", *_why(outcome, item.collected_by))
    return trust
