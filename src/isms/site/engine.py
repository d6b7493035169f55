"""Running the site engine (MkDocs or Zensical) on a staged config, as a subprocess."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from isms.errors import IsmsError

Engine = Literal["mkdocs", "zensical"]
ENGINES: tuple[Engine, ...] = ("mkdocs", "zensical")

_OUTPUT_TAIL = 4000


class EngineError(IsmsError):
    """The engine failed, or is not installed."""


@dataclass(frozen=True, slots=True)
class EngineRun:
    """A finished engine run."""

    seconds: float
    output: str


def available(engine: Engine) -> bool:
    """Return True when the engine's Python package is installed."""
    return importlib.util.find_spec(engine) is not None


def engine_env(as_of: dt.date) -> dict[str, str]:
    """Return the environment of an engine run: reproducible dates, no upgrade banners."""
    epoch = int(dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC).timestamp())
    # SOURCE_DATE_EPOCH makes MkDocs date the sitemap by the as-of day instead of the build time.
    return {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1"}


def command(
    engine: Engine, action: Literal["build", "serve"], config_file: Path, dev_addr: str | None = None
) -> list[str]:
    """Return the command line that runs the engine on a config file."""
    args = [sys.executable, "-m", engine, action, "-f", str(config_file)]
    if engine == "mkdocs" and action == "build":
        args.append("--clean")
    if dev_addr is not None:
        args += ["-a", dev_addr]
    return args


def require(engine: Engine) -> None:
    """Raise EngineError when the engine is not installed."""
    if not available(engine):
        msg = f"the {engine} engine is not installed; install it with `pip install {engine}`"
        ja = f"{engine} エンジンがインストールされていません。`pip install {engine}` でインストールしてください"
        raise EngineError(msg, ja=ja)


def without_traceback(output: str) -> str:
    """Return the engine's output with a Python traceback cut down to its last line (what went wrong).

    The engine is ours to run, so its traceback is not the user's to read: a full disk or a
    read-only folder shows as ``OSError: [Errno 28] No space left on device: '…'``.
    """
    head, marker, tail = output.partition("Traceback (most recent call last):")
    if not marker:
        return output
    last = next((line for line in reversed(tail.splitlines()) if line.strip() and not line.startswith(" ")), "")
    return f"{head.rstrip()}\n{last.strip()}".strip()


def build(engine: Engine, config_file: Path, as_of: dt.date) -> EngineRun:
    """Run ``<engine> build`` on a staged config.

    Raises:
        EngineError: when the engine is missing or exits with an error.
    """
    require(engine)
    started = time.perf_counter()
    done = subprocess.run(
        command(engine, "build", config_file),
        cwd=config_file.parent,
        env=engine_env(as_of),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    seconds = time.perf_counter() - started
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        msg = f"{engine} build failed (exit {done.returncode}):\n{without_traceback(output)[-_OUTPUT_TAIL:]}"
        ja = (
            f"{engine} のビルドに失敗しました（終了コード exit {done.returncode}）"
            f":\n{without_traceback(output)[-_OUTPUT_TAIL:]}"
        )
        raise EngineError(msg, ja=ja)
    return EngineRun(seconds, output)
