"""The audit pack as bytes: a zip whose members, order, dates and modes depend on its content only.

Every member is stored with the same time stamp (1980-01-01, the earliest a zip can hold) and
mode, in name order; gzip members are rewritten with a zero mtime, so the same commit and as-of
date give the same zip, byte for byte. `MANIFEST` lists each member's SHA-256 (the format of
``sha256sum``, so ``sha256sum -c MANIFEST`` verifies an unpacked pack) and `README.txt` says, in
Japanese and English, what the pack is.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import zipfile
from collections.abc import Mapping

MANIFEST = "MANIFEST"
README = "README.txt"
SIGNATURE = "MANIFEST.sig"
_STAMP = (1980, 1, 1, 0, 0, 0)


def _stable(name: str, data: bytes) -> bytes:
    """Return gzip data again with a zero mtime (MkDocs stamps the sitemap with the build time)."""
    if not name.endswith(".gz"):
        return data
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as packed:
        packed.write(gzip.decompress(data))
    return out.getvalue()


def manifest(files: Mapping[str, bytes]) -> bytes:
    """Return ``<sha256>  <path>`` lines of every file, in path order."""
    lines = [f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files)]
    return "".join(lines).encode("utf-8")


def readme(organisation: str, as_of: dt.date, commit: str, contents: Mapping[str, str]) -> bytes:
    """Return the README of a pack: what it is, of what, and how to verify it (ja and en)."""
    listed_ja = "\n".join(f"  {path}  {what.split(' / ')[0]}" for path, what in contents.items())
    listed_en = "\n".join(f"  {path}  {what.split(' / ')[-1]}" for path, what in contents.items())
    text = f"""ISMS 監査パッケージ — {organisation}

{as_of.isoformat()} 時点の ISMS です。{as_of.isoformat()} に HEAD だったコミット {commit} を git
オブジェクトから読み出し（作業ツリーは変更していません）、{as_of.isoformat()} 時点として評価しました。
同じコミットと基準日からは、バイト単位で同じパッケージが作られます。

内容:
{listed_ja}

検証: 展開したフォルダで `sha256sum -c MANIFEST`。署名がある場合は
`ssh-keygen -Y verify -f allowed_signers -I <署名者> -n isms-audit-pack@isms.dev -s MANIFEST.sig < MANIFEST`。
機密区分により公開しない証跡の内容は含みません（メタデータとハッシュのみ）。

----

ISMS audit pack — {organisation}

The ISMS as it was on {as_of.isoformat()}: commit {commit}, HEAD on that day, read from git objects
(the work tree untouched) and evaluated as of {as_of.isoformat()}. The same commit and date give the
same pack, byte for byte.

Contents:
{listed_en}

Verify: in the unpacked folder, `sha256sum -c MANIFEST`; when signed,
`ssh-keygen -Y verify -f allowed_signers -I <signer> -n isms-audit-pack@isms.dev -s MANIFEST.sig < MANIFEST`.
Evidence of a withheld class is never included: metadata and hashes only.
"""
    return text.encode("utf-8")


def pack_zip(files: Mapping[str, bytes]) -> bytes:
    """Return the zip of ``files`` (path -> bytes), reproducible byte for byte."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # unix, so the mode above is read back
            archive.writestr(info, files[name])
    return out.getvalue()


def stable_files(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """Return the files with gzip members made reproducible."""
    return {name: _stable(name, data) for name, data in files.items()}
