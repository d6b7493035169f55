"""Resolving requirement references: `framework:id`, or a bare `id` where it is unambiguous."""

from __future__ import annotations

from collections.abc import Mapping

from isms.model.repository import ReqKey


class RefIndex:
    """Resolves references against the requirements of the loaded frameworks."""

    def __init__(self, requirements: Mapping[str, set[str]]) -> None:
        """Index requirement ids by framework and by bare id."""
        self._by_framework = requirements
        self._by_id: dict[str, list[str]] = {}
        for framework, ids in requirements.items():
            for rid in ids:
                self._by_id.setdefault(rid, []).append(framework)

    def resolve(self, ref: str) -> tuple[ReqKey | None, str | None]:
        """Return the key, or None and a message saying what is wrong."""
        if ":" in ref:
            framework, rid = ref.split(":", 1)
            if framework not in self._by_framework:
                known = ", ".join(sorted(self._by_framework))
                return None, f"unknown framework `{framework}` in `{ref}`; known: {known}"
            if rid not in self._by_framework[framework]:
                return None, f"`{ref}`: framework `{framework}` has no requirement `{rid}`"
            return (framework, rid), None
        frameworks = self._by_id.get(ref, [])
        if len(frameworks) == 1:
            return (frameworks[0], ref), None
        if not frameworks:
            return None, f"unknown requirement `{ref}`; check the id with `isms catalog show`"
        options = ", ".join(f"`{fw}:{ref}`" for fw in sorted(frameworks))
        return None, f"`{ref}` is ambiguous; write one of {options}"

    def display(self, key: ReqKey) -> str:
        """Return the shortest unambiguous way to write a key."""
        return key[1] if len(self._by_id.get(key[1], [])) == 1 else f"{key[0]}:{key[1]}"
