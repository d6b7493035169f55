"""Plan a store verification: hash, compare, sign; the caller writes the result atomically."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from isms.errors import IsmsError, UsageError
from isms.model.repository import Repository
from isms.signing import ssh
from isms.signing.allowed import require_key_of
from isms.signing.messages import canonical
from isms.stores.attestation import AttestedItem, attestation_file, body, render
from isms.stores.verify import hash_store, store_items


@dataclass(frozen=True, slots=True)
class Verified:
    """One store, verified and signed, not yet written."""

    store: str
    target: Path
    content: bytes
    items: list[AttestedItem]


def parse_store(value: str) -> tuple[str, Path]:
    """Parse ``ID=PATH``.

    Raises:
        UsageError: there is no ``=``.
    """
    store, sep, path = value.partition("=")
    if not sep or not store or not path:
        msg = f"--store {value!r}: write ID=PATH, e.g. --store insider-fs=/mnt/insider"
        ja = f"--store {value!r}: ID=PATH の形で書いてください。例: --store insider-fs=/mnt/insider"
        raise UsageError(msg, ja=ja)
    return store, Path(path)


def verify_store(repo: Repository, store: str, path: Path, key: Path, date: dt.date) -> Verified:
    """Hash the store's files and sign the attestation with the custodian's key.

    Raises:
        UsageError: the store is not declared, its folder does not exist, or the key is not the custodian's.
        IsmsError: ssh-keygen could not sign.
    """
    declared = repo.config.stores.get(store)
    if declared is None:
        names = ", ".join(sorted(repo.config.stores)) or "none"
        msg = f"store `{store}` is not declared in isms.yaml `stores:` (declared: {names})"
        ja = f"保管庫 `{store}` は isms.yaml の `stores:` で宣言されていません（宣言されているもの: {names}）"
        raise UsageError(msg, ja=ja)
    if not path.is_dir():
        msg = f"--store {store}={path}: no such folder; mount the store or give its path"
        ja = f"--store {store}={path}: そのフォルダはありません。保管庫をマウントするか、そのパスを指定してください"
        raise UsageError(msg, ja=ja)
    custodian = declared.custodian
    require_key_of(
        repo.config,
        key,
        custodian,
        who=f"`{custodian}`, the custodian of `{store}`",
        advice="sign with",
        who_ja=f"保管庫 `{store}` の管理者 `{custodian}`",
        advice_ja="署名してください",
    )
    items = hash_store(path, store_items(repo.evidence.values(), store))
    signed_body = body(store, date, custodian, items)
    signature = ssh.sign(canonical(signed_body), key, ssh.ATTESTATION_NAMESPACE)
    if not signature:
        msg = "ssh-keygen returned no signature"
        ja = "ssh-keygen が署名を返しませんでした"
        raise IsmsError(msg, ja=ja)
    return Verified(store, repo.root / attestation_file(store), render(signed_body, signature), items)
