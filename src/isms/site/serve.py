"""Live preview: the engine's development server on a staging folder regenerated on change.

Stage once, run the engine's development server on the staging folder, and poll the sources every
second; on a change, evaluate again and rewrite only the staged files that changed (the engine's own
watcher of the staging folder then rebuilds and reloads the browser).

Polling keeps this engine-agnostic (MkDocs and Zensical) and needs no hook inside the engine.
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from isms.errors import IsmsError
from isms.evaluation import Evaluation
from isms.loader.discover import CONFIG_FILE
from isms.model.base import Lang
from isms.site import engine as engines
from isms.site.build import stage
from isms.site.config import CONFIG_NAME, docs_dir, read_config

Signature = tuple[tuple[str, int, int], ...]
_WATCHED = (
    "controls",
    "policies",
    "evidence",
    "catalogs",
    "assets",
    "risks",
    "exceptions",
    "audits",
    "nonconformities",
    "management-reviews",
    "objectives",
)


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


def serve(
    evaluation: Callable[[], Evaluation],
    *,
    lang: Lang,
    engine: engines.Engine,
    dev_addr: str,
    out: TextIO,
    poll_seconds: float = 1.0,
) -> None:
    """Serve the site until the engine stops or the user interrupts.

    Args:
        evaluation: Evaluates the repository (called again on every change of the sources).
        lang: The edition's language.
        engine: ``mkdocs`` or ``zensical``.
        dev_addr: ``host:port`` to serve on.
        out: Where progress is written.
        poll_seconds: How often the sources are polled.
    """
    engines.require(engine)
    first = evaluation()
    root = first.repository.root
    with tempfile.TemporaryDirectory(prefix="isms-serve-") as tmp:
        staging = Path(tmp)
        staged = stage(first, lang, staging, staging / "site")
        out.write(f"staged {staged.pages} pages in {staging}; serving on http://{dev_addr}/ (Ctrl-C to stop)\n")
        out.flush()
        seen = signature(root)
        process = subprocess.Popen(
            engines.command(engine, "serve", staged.config_file, dev_addr),
            cwd=staging,
            env=engines.engine_env(first.assessment.today),
        )
        try:
            while process.poll() is None:
                time.sleep(poll_seconds)
                now = signature(root)
                if now == seen:
                    continue
                seen = now
                try:
                    staged = stage(evaluation(), lang, staging, staging / "site")
                except IsmsError as exc:
                    out.write(f"isms: not regenerated: {exc}\n")
                else:
                    out.write(f"regenerated {staged.pages} pages in {staged.seconds:.1f} s\n")
                out.flush()
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
