"""What the process environment says to isms (read once, by `isms.gather`; cheap to import)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Environment:
    """What the process environment says to isms.

    Attributes:
        step_summary: ``$GITHUB_STEP_SUMMARY``: the file a GitHub Actions step appends its
            Markdown job summary to (None outside Actions).
    """

    step_summary: Path | None = None


def environment(environ: Mapping[str, str]) -> Environment:
    """Return what isms reads from the process environment (``os.environ`` in `gather`)."""
    summary = environ.get("GITHUB_STEP_SUMMARY")
    return Environment(step_summary=Path(summary) if summary else None)
