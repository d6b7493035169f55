"""Resolving requirement references: `framework:id`, or a bare `id` where it is unambiguous.

A bare id is unambiguous when one loaded framework has it, or when several do but only one of
them is in scope (`frameworks` in isms.yaml): in a repository that checks only Annex A, `6.3`
is the Annex A control even though the packaged clauses catalog also has a 6.3.

A framework may declare an ``id_prefix`` that people write but its catalog does not (`A.` for
Annex A): `A.5.15` and `iso27001-2022:A.5.15` resolve to `5.15` there, and only there.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from isms.model.repository import ReqKey


class RefIndex:
    """Resolves references against the requirements of the loaded frameworks."""

    def __init__(
        self,
        requirements: Mapping[str, set[str]],
        in_scope: Collection[str] = (),
        prefixes: Mapping[str, str | None] | None = None,
    ) -> None:
        """Index requirement ids by framework and by bare id; ``in_scope`` breaks ties.

        ``prefixes`` gives, per framework, the prefix people may write before its ids (`A.`).
        """
        self._by_framework = requirements
        self._in_scope = frozenset(in_scope)
        self._prefixes = {fw: p for fw, p in (prefixes or {}).items() if p}
        self._by_id: dict[str, list[str]] = {}
        for framework, ids in requirements.items():
            for rid in ids:
                self._by_id.setdefault(rid, []).append(framework)

    def resolve(self, ref: str) -> tuple[ReqKey | None, str | None]:
        """Return the key, or None and a message saying what is wrong."""
        key, problem = self.resolve_both(ref)
        return key, problem[0] if problem is not None else None

    def resolve_both(self, ref: str) -> tuple[ReqKey | None, tuple[str, str] | None]:
        """Return the key, or None and what is wrong as (English, Japanese)."""
        if ":" in ref:
            return self._qualified(ref)
        keys = [(fw, ref) for fw in self._candidates(ref)]
        if not keys:  # `A.5.15` where the catalog writes `5.15`
            keys = [(fw, rid) for fw in sorted(self._prefixes) if (rid := self._unprefixed(fw, ref)) is not None]
        if len(keys) == 1:
            return keys[0], None
        if not keys:
            return None, (
                f"unknown requirement `{ref}`; check the id with `isms catalog show`",
                f"要求事項 {ref} は見つかりません（isms catalog show で ID を確認してください）",
            )
        options = ", ".join(f"`{fw}:{rid}`" for fw, rid in sorted(keys))
        return None, (
            f"`{ref}` is ambiguous; write one of {options}",
            f"{ref} は複数のフレームワークにあり曖昧です（{options.replace('`', '')} のいずれかで書いてください）",
        )

    def _qualified(self, ref: str) -> tuple[ReqKey | None, tuple[str, str] | None]:
        framework, written = ref.split(":", 1)
        if framework not in self._by_framework:
            known = ", ".join(sorted(self._by_framework))
            return None, (
                f"unknown framework `{framework}` in `{ref}`; write one of the loaded frameworks: {known}",
                f"{ref} のフレームワーク {framework} は読み込まれていません（読み込み済み: {known}）",
            )
        rid = self._unprefixed(framework, written) or written
        if rid not in self._by_framework[framework]:
            return None, (
                f"`{ref}`: framework `{framework}` has no requirement `{rid}`; see `isms catalog show {framework}`",
                f"{ref}: フレームワーク {framework} に要求事項 {rid} はありません"
                f"（isms catalog show {framework} を参照）",
            )
        return (framework, rid), None

    def _unprefixed(self, framework: str, rid: str) -> str | None:
        """Return ``rid`` without the framework's prefix when that is one of its ids."""
        prefix = self._prefixes.get(framework)
        if prefix is None or rid[: len(prefix)].upper() != prefix.upper():
            return None
        rest = rid[len(prefix) :]
        return rest if rest in self._by_framework.get(framework, ()) else None

    def _candidates(self, rid: str) -> list[str]:
        frameworks = self._by_id.get(rid, [])
        if len(frameworks) > 1:
            preferred = [fw for fw in frameworks if fw in self._in_scope]
            if len(preferred) == 1:
                return preferred
        return frameworks

    def display(self, key: ReqKey) -> str:
        """Return the shortest unambiguous way to write a key."""
        return key[1] if self._candidates(key[1]) == [key[0]] else f"{key[0]}:{key[1]}"
