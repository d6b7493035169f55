"""Write the example's insider-information store (invented, pseudonymous data) into a folder.

The example keeps no insider-class file in git: these three files live in the store
`insider-fs` (isms.yaml), and `attestations/insider-fs.json` proves them. To re-verify the
example, as the insider zone's runner would:

    python3 scripts/example_store.py /tmp/insider-fs
    isms evidence verify --store insider-fs=/tmp/insider-fs --key KEY

KEY must be a key of `insider-admin` in isms.yaml; the demo key's private half is not in the
repository, so make your own (`ssh-keygen -t ed25519 -f KEY`) and put its `.pub` line there.
Employees appear only as pseudonymous ids (E1001…), never by name.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: Department, manager id, first and last handler id, handler role (sales staff read, others edit).
_TEAMS = (
    ("営業部", 1001, 1002, 1007, "sales"),
    ("ディスクロージャー制作部", 1011, 1012, 1020, "insider-handler"),
    ("IR支援部", 1023, 1024, 1026, "insider-handler"),
    ("工場", 1028, 1029, 1031, "insider-handler"),
)
#: Someone moved to HR whose rights were still there at the Q2 review (removed since).
_LEFT_OVER = "E1047,人事部,staff,edit"


def _people() -> list[tuple[str, str, str, str]]:
    rows = []
    for department, manager, first, last, role in _TEAMS:
        rows.append((f"E{manager}", department, "manager", "approve"))
        rights = "read" if role == "sales" else "edit"
        rows += [(f"E{n}", department, role, rights) for n in range(first, last + 1)]
    return rows


def files() -> dict[str, bytes]:
    """Return the store's files: path inside the store -> content."""
    people = _people()
    designated = ["employee_id,department,role,designated_on,approved_by"]
    designated += [f"{e},{d},{r},2024-04-01,insider-admin" for e, d, r, _ in people]
    accounts = ["account,department,role,rights"] + [",".join(p) for p in people]
    q2 = [*accounts[:18], _LEFT_OVER, *accounts[18:]]
    return {
        "designated-persons.csv": ("\n".join(designated) + "\n").encode(),
        "2026-Q2/accounts.csv": ("\n".join(q2) + "\n").encode(),
        "2026-Q3/accounts.csv": ("\n".join(accounts) + "\n").encode(),
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python3 scripts/example_store.py FOLDER", file=sys.stderr)
        return 2
    out = Path(argv[0])
    for rel, content in files().items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(content)
        print(f"wrote {out / rel}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
