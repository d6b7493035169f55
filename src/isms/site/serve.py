"""Live preview: the engine's development server on a staging folder regenerated on change.

Stage once, run the engine's development server on the staging folder, and poll the sources every
second; on a change, evaluate again and rewrite only the staged files that changed (the engine's own
watcher of the staging folder then rebuilds and reloads the browser).

Polling keeps this engine-agnostic (MkDocs and Zensical) and needs no hook inside the engine.

Stopping: SIGTERM and SIGHUP stop the preview like SIGINT (Ctrl-C) does; SIGINT is honoured unless
the parent started us with it ignored. The engine runs in its own process group, which is ended as a
whole (TERM, then KILL after a grace period), and the staging folder is always removed. On Linux the
engine is also told to stop when its parent dies without cleaning up (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from isms import forking
from isms.errors import IsmsError
from isms.evaluation import Evaluation
from isms.loader.discover import CONFIG_FILE, ISMS_FOLDERS
from isms.model.base import Lang
from isms.site import engine as engines
from isms.site.build import stage
from isms.site.config import CONFIG_NAME, docs_dir, read_config
from isms.site.signals import stop_on_signals

Signature = tuple[tuple[str, int, int], ...]
_WATCHED = ISMS_FOLDERS


def _files(root: Path) -> Iterator[Path]:
    for name in (CONFIG_FILE, CONFIG_NAME):
        if (root / name).is_file():
            yield root / name
    folders = [root / name for name in _WATCHED]
    try:
        config, base = read_config(root)
        folders.append(docs_dir(config, base))
    except IsmsError:
        pass
    for folder in folders:
        if folder.is_dir():
            yield from (p for p in folder.rglob("*") if p.is_file())


def signature(root: Path) -> Signature:
    """Return what identifies the state of the sources: path, size and modification time of each file."""
    entries = []
    for path in _files(root):
        try:
            st = path.stat()
        except OSError:
            continue
        entries.append((path.as_posix(), st.st_size, st.st_mtime_ns))
    return tuple(sorted(entries))


_GRACE_SECONDS = 5.0


def _prepare_engine(parent: int) -> None:
    """In the engine's process, before exec: SIGINT stops it (even if we ignore it); on Linux, so does our death."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    forking.die_with_parent(parent, signal.SIGTERM)


def _start(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """Start the engine in a process group of its own (so that the whole group can be ended).

    Its temporary files (MkDocs builds into a temporary folder) go inside the staging folder, so that
    removing the staging folder removes them too, however the engine ended.
    """
    scratch = cwd / ".engine-tmp"
    scratch.mkdir(exist_ok=True)
    return subprocess.Popen(
        command,
        cwd=cwd,
        env={**env, "TMPDIR": str(scratch), "TEMP": str(scratch), "TMP": str(scratch)},
        process_group=0,
        preexec_fn=functools.partial(_prepare_engine, os.getpid()),  # noqa: PLW1509 - no threads are running yet
    )


def end_group(process: subprocess.Popen[bytes], grace: float = _GRACE_SECONDS) -> None:
    """End the engine's whole process group: INT (it cleans up), then TERM, then KILL; reap the engine.

    Each signal gets ``grace`` seconds before the next one is sent.
    """
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            continue
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)  # anything the engine left behind in its group
        return
    process.wait()


#: What `serve` writes as it goes, ``(ja, en)``.
PROGRESS: dict[str, tuple[str, str]] = {
    "serving": (
        "{pages} ページを {staging} に用意しました。http://{address}/ で公開しています（Ctrl-C で停止）",
        "staged {pages} pages in {staging}; serving on http://{address}/ (Ctrl-C to stop)",
    ),
    "failed": ("isms: 再生成しませんでした: {reason}", "isms: not regenerated: {reason}"),
    "regenerated": ("{pages} ページを {seconds} s で再生成しました", "regenerated {pages} pages in {seconds} s"),
}


def serve(
    evaluation: Callable[[], Evaluation],
    *,
    lang: Lang,
    engine: engines.Engine,
    dev_addr: str,
    out: TextIO,
    poll_seconds: float = 1.0,
    messages: Lang = "en",
) -> None:
    """Serve the site until the engine stops or the user interrupts.

    Args:
        evaluation: Evaluates the repository (called again on every change of the sources).
        lang: The edition's language.
        engine: ``mkdocs`` or ``zensical``.
        dev_addr: ``host:port`` to serve on.
        out: Where progress is written.
        poll_seconds: How often the sources are polled.
        messages: The language of the progress lines (the terminal's, not the edition's).
    """

    def say(key: str, **values: object) -> None:
        ja, en = PROGRESS[key]
        out.write((ja if messages == "ja" else en).format(**values) + "\n")

    engines.require(engine)
    first = evaluation()
    root = first.repository.root
    with stop_on_signals(), tempfile.TemporaryDirectory(prefix="isms-serve-") as tmp:
        staging = Path(tmp)
        staged = stage(first, lang, staging, staging / "site", engine=engine)
        say("serving", pages=staged.pages, staging=staging, address=dev_addr)
        out.flush()
        seen = signature(root)
        process = _start(
            engines.command(engine, "serve", staged.config_file, dev_addr),
            staging,
            engines.engine_env(first.assessment.today),
        )
        try:
            while process.poll() is None:
                time.sleep(poll_seconds)
                now = signature(root)
                if now == seen:
                    continue
                seen = now
                try:
                    staged = stage(evaluation(), lang, staging, staging / "site", engine=engine)
                except IsmsError as exc:
                    say("failed", reason=exc.text(messages))
                else:
                    say("regenerated", pages=staged.pages, seconds=f"{staged.seconds:.1f}")
                out.flush()
        finally:
            end_group(process)
