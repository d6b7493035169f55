"""The smallest page-model parts, shared by every page module: links and filterable attributes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Ref:
    """A link to a requirement, control, policy or evidence item."""

    label: str
    title: str
    target: str | None
    status: str | None = None
    group: str | None = None


@dataclass(frozen=True, slots=True)
class Attribute:
    """One attribute of a requirement (e.g. control type: preventive)."""

    id: str
    title: str
    values: tuple[str, ...]
