"""Store verification and signature checks: hashing speed and milliseconds per signature.

    python benchmarks/bench_stores.py [--files 10000] [--mib 1] [--signatures 200] [--work DIR]

Hashing: `hash_store` over FILES files of MIB MiB each (written once, then read twice: the
second run is what a warm disk cache gives; the first is honest only after dropping caches).
Targets (issue 14): at least 300 MiB/s hashing, signature checks at most 5 ms each amortised
(`verify_many`: one ssh-keygen per signature, run in parallel). Compared with `sha256sum`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from isms.model.base import Text
from isms.model.repository import EvidenceItem
from isms.signing import ssh
from isms.stores.verify import hash_store


def _items(count: int) -> list[EvidenceItem]:
    return [
        EvidenceItem(
            path=f"s:{i:05d}.bin",
            file=f"s:{i:05d}.bin",
            register="evidence/x/evidence.yaml",
            index=i,
            title=Text(ja="x"),
            date=dt.date(2026, 1, 1),
            collected_by=None,
            valid_for=None,
            valid_until=None,
            classification="insider",
            sha256=None,
            description=None,
            store="s",
            ref=f"d{i // 1000:02d}/{i:05d}.bin",
        )
        for i in range(count)
    ]


def bench_hash(work: Path, files: int, mib: int) -> None:
    store = work / "store"
    block = os.urandom(mib << 20)
    for i in range(files):
        path = store / f"d{i // 1000:02d}" / f"{i:05d}.bin"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_bytes(block[:-8] + i.to_bytes(8, "big"))
    items = _items(files)
    total = files * mib
    for run in ("first", "second"):
        start = time.perf_counter()
        found = hash_store(store, items)
        took = time.perf_counter() - start
        if not all(item.sha256 for item in found):
            msg = "some files were not hashed"
            raise SystemExit(msg)
        print(f"hash_store {run}: {files} files x {mib} MiB = {total} MiB in {took:.2f} s: {total / took:.0f} MiB/s")
    if shutil.which("sha256sum"):
        start = time.perf_counter()
        listing = subprocess.run(["find", str(store), "-type", "f", "-print0"], capture_output=True, check=True)
        jobs = str(os.cpu_count() or 1)
        xargs = ["xargs", "-0", "-P", jobs, "-n", "200", "sha256sum"]
        subprocess.run(xargs, input=listing.stdout, stdout=subprocess.DEVNULL, check=True)
        took = time.perf_counter() - start
        print(f"sha256sum (parallel xargs): {total / took:.0f} MiB/s")


def bench_signatures(work: Path, count: int) -> None:
    key = work / "key"
    if not key.exists():
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    public = " ".join(key.with_name("key.pub").read_text().split()[:2])
    allowed = f'owner namespaces="{ssh.EVIDENCE_NAMESPACE}" {public}\n'
    requests = []
    for i in range(count):
        message = f"message {i}".encode()
        requests.append(
            ssh.Request(message, ssh.sign(message, key, ssh.EVIDENCE_NAMESPACE), "owner", ssh.EVIDENCE_NAMESPACE)
        )
    start = time.perf_counter()
    outcomes = ssh.verify_many(requests, allowed, dt.date(2026, 11, 26))
    took = time.perf_counter() - start
    if not all(o.good for o in outcomes):
        msg = "some signatures did not verify"
        raise SystemExit(msg)
    print(f"verify_many: {count} signatures in {took * 1000:.0f} ms: {took * 1000 / count:.2f} ms each")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--mib", type=int, default=1)
    parser.add_argument("--signatures", type=int, default=200)
    parser.add_argument("--work", type=Path, default=None, help="keep the store here (default: a temporary folder)")
    options = parser.parse_args()
    if options.work is not None:
        options.work.mkdir(parents=True, exist_ok=True)
        bench_hash(options.work, options.files, options.mib)
        bench_signatures(options.work, options.signatures)
        return 0
    with tempfile.TemporaryDirectory(prefix="isms-bench-stores-") as tmp:
        bench_hash(Path(tmp), options.files, options.mib)
        bench_signatures(Path(tmp), options.signatures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
