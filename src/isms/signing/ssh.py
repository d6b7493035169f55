"""Run ``ssh-keygen -Y sign|verify|find-principals`` (OpenSSH 8.1+), the way git signs commits with SSH keys.

Messages are passed on standard input and signatures through files in a private temporary
folder; the allowed-signers list is written there too and removed afterwards. Verifications run
in parallel (each is a short process), so that checking many signatures stays cheap.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from isms.errors import IsmsError

#: Namespaces of our own, so that a signature made for git or for another tool never passes here.
ATTESTATION_NAMESPACE = "isms-attestation@isms.dev"
EVIDENCE_NAMESPACE = "isms-evidence@isms.dev"
AUDIT_PACK_NAMESPACE = "isms-audit-pack@isms.dev"

_BEGIN = "-----BEGIN SSH SIGNATURE-----"
_END = "-----END SSH SIGNATURE-----"


class SshKeygenMissing(IsmsError):
    """``ssh-keygen`` is not installed."""


def ssh_keygen() -> str:
    """Return the path of ``ssh-keygen``.

    Raises:
        SshKeygenMissing: it is not on PATH.
    """
    found = shutil.which("ssh-keygen")
    if found is None:
        msg = "ssh-keygen is not installed; install OpenSSH's client (Debian/Ubuntu: `apt-get install openssh-client`)"
        ja = (
            "ssh-keygen がインストールされていません。"
            "OpenSSH のクライアントをインストールしてください（Debian/Ubuntu: `apt-get install openssh-client`）"
        )
        raise SshKeygenMissing(msg, ja=ja)
    return found


def looks_armoured(signature: str) -> bool:
    """Return True when the text has the begin and end lines of an SSH signature."""
    text = signature.strip()
    return text.startswith(_BEGIN) and text.endswith(_END)


def sign(message: bytes, key: Path, namespace: str) -> str:
    """Return the armoured signature of ``message`` by ``key`` (a private key, or a public key held by ssh-agent).

    Raises:
        IsmsError: ssh-keygen refused (wrong passphrase, unreadable key, agent without the key).
    """
    if not key.is_file():
        msg = f"{key}: no such key file"
        ja = f"{key}: その鍵ファイルはありません"
        raise IsmsError(msg, ja=ja)
    run = subprocess.run(
        [ssh_keygen(), "-q", "-Y", "sign", "-f", str(key), "-n", namespace],
        input=message,
        capture_output=True,
        check=False,
    )
    text = run.stdout.decode("ascii", "replace")
    if run.returncode != 0 or not looks_armoured(text):
        detail = run.stderr.decode("utf-8", "replace").strip() or f"exit {run.returncode}"
        msg = f"ssh-keygen could not sign with {key}: {detail}"
        ja = f"ssh-keygen が {key} で署名できませんでした（以下は ssh-keygen の説明です）: {detail}"
        raise IsmsError(msg, ja=ja)
    return text.strip() + "\n"


@dataclass(frozen=True, slots=True)
class Request:
    """One signature to check: who must have signed what, in which namespace."""

    message: bytes
    signature: str
    principal: str
    namespace: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What ssh-keygen said about one signature."""

    good: bool
    detail: str
    """ssh-keygen's own words (first line), for the finding."""
    signer: str | None = None
    """Who the allowed-signers list says made it (``find-principals``), when it is not good."""


def _verify_one(exe: str, folder: Path, index: int, request: Request, allowed: Path, when: dt.date) -> Outcome:
    if not looks_armoured(request.signature):
        return Outcome(False, "not an SSH signature (truncated or damaged)")
    sig = folder / f"{index}.sig"
    sig.write_text(request.signature.strip() + "\n", encoding="ascii", errors="replace")
    time = f"-Overify-time={when.strftime('%Y%m%d')}"
    common = ["-f", str(allowed), "-n", request.namespace, "-s", str(sig), time]
    run = subprocess.run(
        [exe, "-Y", "verify", "-I", request.principal, *common],
        input=request.message,
        capture_output=True,
        check=False,
    )
    words = (run.stdout + run.stderr).decode("utf-8", "replace").strip().splitlines()
    detail = words[0] if words else f"exit {run.returncode}"
    if run.returncode == 0 and detail.startswith("Good"):
        return Outcome(True, detail)
    found = subprocess.run([exe, "-Y", "find-principals", *common], capture_output=True, check=False)
    signers = found.stdout.decode("utf-8", "replace").split()
    return Outcome(False, detail, ",".join(signers) if found.returncode == 0 and signers else None)


def verify_many(requests: Sequence[Request], allowed_signers: str, when: dt.date) -> list[Outcome]:
    """Check every signature against an allowed-signers list, as of the day ``when``.

    Args:
        requests: The signatures to check.
        allowed_signers: The list's text (``principal [options] keytype key`` lines).
        when: The day key validity (``valid-after``/``valid-before``) is judged on.
    """
    if not requests:
        return []
    exe = ssh_keygen()
    with tempfile.TemporaryDirectory(prefix="isms-sig-") as tmp:
        folder = Path(tmp)
        allowed = folder / "allowed_signers"
        allowed.write_text(allowed_signers, encoding="utf-8")
        workers = min(len(requests), max(2, (os.cpu_count() or 1) * 2))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(
                pool.map(
                    lambda pair: _verify_one(exe, folder, pair[0], pair[1], allowed, when),
                    enumerate(requests),
                )
            )


def public_key(key: Path) -> str:
    """Return ``type base64`` of the public half of a key file (``KEY.pub`` beside it, or derived with ``-y``).

    Raises:
        IsmsError: the key cannot be read.
    """
    pub = key if key.suffix == ".pub" else key.with_name(key.name + ".pub")
    if pub.is_file():
        text = pub.read_text(encoding="utf-8", errors="replace")
    else:
        run = subprocess.run(
            [ssh_keygen(), "-y", "-f", str(key)], capture_output=True, check=False, stdin=subprocess.DEVNULL
        )
        if run.returncode != 0:
            msg = f"cannot read the public half of {key}: {run.stderr.decode('utf-8', 'replace').strip()}"
            ja = (
                f"{key} の公開鍵を読み取れません（以下は ssh-keygen の説明です）"
                f": {run.stderr.decode('utf-8', 'replace').strip()}"
            )
            raise IsmsError(msg, ja=ja)
        text = run.stdout.decode("utf-8", "replace")
    parts = text.split()
    if len(parts) < 2:
        msg = f"{pub} is not an OpenSSH public key"
        ja = f"{pub} は OpenSSH の公開鍵ではありません"
        raise IsmsError(msg, ja=ja)
    return f"{parts[0]} {parts[1]}"
