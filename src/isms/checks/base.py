"""What every check is: a pure function from the repository and its assessment to findings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from isms.findings import Finding, Pointer, Severity
from isms.model.repository import Control, Repository
from isms.state.assessment import Assessment


class Check(Protocol):
    """A check module's entry point."""

    def __call__(self, repo: Repository, ctx: Assessment) -> Iterator[Finding]:
        """Yield findings; never print, never mutate."""
        ...


def on_control(
    control: Control, rule: str, severity: Severity, message: str, pointer: Pointer, message_ja: str
) -> Finding:
    """Return a finding placed in a control file."""
    return Finding(
        rule,
        severity,
        message,
        control.path,
        pointer=pointer,
        control=f"{control.framework}:{control.id}",
        framework=control.framework,
        message_ja=message_ja,
    )


def is_in_force(control: Control) -> bool:
    """Return True for implemented and partial controls: they must be evidenced."""
    return control.doc.status in ("implemented", "partial")
