"""A repository with an evidence store, owners' SSH keys made with ssh-keygen, and the store's folder."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import good_repo, sha256_hex, write_repo

needs_ssh = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen (openssh-client) missing")

ACCOUNTS = b"account,role\nP-0001,sales\nP-0002,manager\n"
DESIGNATED = b"employee_id,designated_on\nP-0001,2024-04-01\nP-0002,2024-04-01\n"


def make_key(folder: Path, name: str) -> Path:
    """Make an ed25519 key pair without passphrase; return the private key's path."""
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
    return key


def public(key: Path) -> str:
    return " ".join(key.with_name(key.name + ".pub").read_text().split()[:2])


@dataclass(frozen=True)
class StoreRepo:
    root: Path
    store: Path
    custodian: Path
    other: Path


def config(custodian_key: Path, other_key: Path, extra: str = "", custodian: str = "insider-admin") -> str:
    return (
        "organisation: {ja: テスト株式会社, en: Test Inc.}\n"
        "frameworks: [demo, demo-g]\n"
        "owners:\n"
        "  ciso:\n"
        '    name: CISO\n    github: ["@test/ciso"]\n'
        f'    ssh_keys: ["{public(other_key)} ciso@test"]\n'
        "  insider-admin:\n"
        '    name: {ja: インサイダー情報管理責任者, en: Insider information manager}\n    github: ["@test/ia"]\n'
        f'    ssh_keys: ["{public(custodian_key)}"]\n'
        "stores:\n"
        f"  insider-fs: {{title: 専用ファイルサーバー, custodian: {custodian}, verify_every: 30d}}\n" + extra
    )


def store_register() -> str:
    return (
        "defaults: {class: insider, collected_by: insider-admin, valid_for: 6m}\n"
        "evidence:\n"
        "  - store: insider-fs\n"
        "    ref: 2026-Q3/accounts.csv\n"
        "    title: {ja: アカウント一覧, en: Accounts}\n"
        "    date: 2026-09-30\n"
        f"    sha256: {sha256_hex(ACCOUNTS)}\n"
        "  - store: insider-fs\n"
        "    ref: designated.csv\n"
        "    title: {ja: 指定者名簿, en: Designated persons}\n"
        "    date: 2026-10-01\n"
        f"    sha256: {sha256_hex(DESIGNATED)}\n"
    )


def store_repo(base: Path, keys: Path) -> StoreRepo:
    """Write the good repository plus a store whose two items are used by control 1.1."""
    root = good_repo(base / "repo")
    custodian, other = keys / "insider-admin", keys / "ciso"
    store = base / "store"
    write_repo(store, {"2026-Q3/accounts.csv": ACCOUNTS, "designated.csv": DESIGNATED})
    write_repo(
        root,
        {
            "isms.yaml": config(custodian, other),
            "evidence/insider/evidence.yaml": store_register(),
            "controls/demo/1.1.yaml": (
                "status: implemented\nowner: ciso\nreview: {last: 2026-06-01}\n"
                "evidence:\n  - hr/training.csv\n  - access/review.md\n"
                "  - insider-fs:2026-Q3/accounts.csv\n  - insider-fs:designated.csv\n"
            ),
        },
    )
    return StoreRepo(root, store, custodian, other)
