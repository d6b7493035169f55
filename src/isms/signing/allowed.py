"""The allowed-signers list (``ssh-keygen -Y verify -f``) built from the owners' `ssh_keys:` in isms.yaml.

Each line binds a key to its owner id (the principal) and to our namespaces, with the validity
days the entry gives. A key is trusted for nothing else: a signature by an owner who is not the
one required fails, and one by a key nobody listed fails.
"""

from __future__ import annotations

from pathlib import Path

from isms.errors import UsageError
from isms.model.config import ConfigDoc, SshKey
from isms.signing.ssh import ATTESTATION_NAMESPACE, EVIDENCE_NAMESPACE, public_key

_NAMESPACES = f'namespaces="{ATTESTATION_NAMESPACE},{EVIDENCE_NAMESPACE},git"'


def key_entries(config: ConfigDoc) -> list[tuple[str, SshKey]]:
    """Return (owner id, key entry) for every key in isms.yaml, in file order."""
    entries = []
    for owner_id, owner in config.owners.items():
        for key in owner.ssh_keys:
            entries.append((owner_id, key if isinstance(key, SshKey) else SshKey(key=key)))
    return entries


def key_body(key: str) -> str:
    """Return ``type base64`` of a public key line (its comment dropped)."""
    return " ".join(key.split()[:2])


def allowed_signers(config: ConfigDoc) -> str:
    """Return the allowed-signers text for every owner's keys."""
    lines = []
    for owner_id, entry in key_entries(config):
        options = [_NAMESPACES]
        if entry.valid_after is not None:
            options.append(f'valid-after="{entry.valid_after.strftime("%Y%m%d")}"')
        if entry.valid_before is not None:
            options.append(f'valid-before="{entry.valid_before.strftime("%Y%m%d")}"')
        lines.append(f"{owner_id} {','.join(options)} {key_body(entry.key)}\n")
    return "".join(lines)


def owners_of_key(config: ConfigDoc, public: str) -> list[str]:
    """Return the owners that list this public key (``type base64``)."""
    body = key_body(public)
    return [owner_id for owner_id, entry in key_entries(config) if key_body(entry.key) == body]


def require_key_of(
    config: ConfigDoc, key: Path, owner: str, *, who: str, advice: str, who_ja: str, advice_ja: str
) -> None:
    """Refuse a private key whose public half is not one of `owner`'s `ssh_keys`.

    Args:
        config: isms.yaml.
        key: The private key file about to sign.
        owner: The owner who must sign.
        who: How the message names that owner (e.g. ```ciso`, the custodian of `insider-fs```).
        advice: The start of what to do (e.g. ``sign with``), followed by where the keys are listed.
        who_ja: ``who`` in Japanese.
        advice_ja: What to do in Japanese, after "with a key listed in …" (e.g. ``署名してください``).

    Raises:
        UsageError: the key is not one of that owner's keys (the message says whose it is, if anyone's).
    """
    holders = owners_of_key(config, public_key(key))
    if owner not in holders:
        known = f" (it is a key of {', '.join(holders)})" if holders else ""
        msg = f"{key} is not a key of {who}{known}; {advice} a key listed in isms.yaml `owners.{owner}.ssh_keys`"
        known_ja = f"（{', '.join(holders)} の鍵です）" if holders else ""
        ja = (
            f"{key} は {who_ja} の鍵ではありません{known_ja}。"
            f"isms.yaml の `owners.{owner}.ssh_keys` にある鍵で{advice_ja}"
        )
        raise UsageError(msg, ja=ja)
