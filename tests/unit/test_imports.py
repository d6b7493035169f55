"""Every module of the package imports on its own, in a fresh interpreter (no import cycle hides)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import isms

# isms.__main__ is the `python -m isms` entry point: importing it runs the CLI.
MODULES = sorted(
    ["isms", *(info.name for info in pkgutil.walk_packages(isms.__path__, "isms.") if info.name != "isms.__main__")],
)


def test_every_module_imports_alone() -> None:
    # One interpreter per module, started from a script so that each import is the first one.
    script = (
        "import subprocess, sys\n"
        "failed = []\n"
        "for name in sys.argv[1:]:\n"
        "    done = subprocess.run([sys.executable, '-c', 'import ' + name], capture_output=True, text=True)\n"
        "    if done.returncode:\n"
        "        failed.append(name + ': ' + done.stderr.strip().splitlines()[-1])\n"
        "print('\\n'.join(failed))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, *MODULES], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
    assert len(MODULES) > 100
