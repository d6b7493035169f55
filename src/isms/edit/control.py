"""`isms control new` and `isms control set`: a control file scaffolded from its catalog entry, or edited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from isms.edit import roundtrip
from isms.errors import IsmsError, UsageError
from isms.model.catalog import Requirement
from isms.model.control import Status
from isms.model.repository import Control, Framework, Repository


def _comment(text: str) -> list[str]:
    return [f"# {line}".rstrip() for line in text.splitlines()]


def control_text(framework: Framework, requirement: Requirement, owners: list[str], owner: str | None) -> str:
    """Return a new control file: the requirement as comments, status planned, an owner or a placeholder."""
    lines = _comment(f"{framework.id} {requirement.id}: {requirement.title.get('ja')}")
    if requirement.title.en and requirement.title.en != requirement.title.get("ja"):
        lines += _comment(requirement.title.en)
    if requirement.description is not None:
        lines.append("#")
        for text in dict.fromkeys(t for t in (requirement.description.ja, requirement.description.en) if t):
            lines += _comment(text)
    lines.append("status: planned  # planned, partial, implemented or not-applicable (then give a justification)")
    choices = ", ".join(owners) if owners else "define owners in isms.yaml"
    if owner is None:
        lines.append(f"# owner:   # who answers for it; one of: {choices}")
    else:
        lines.append(f"owner: {owner}")
    lines += [
        "# reasons: [risk]  # why it applies: risk, legal, contract, business",
        "# implementation: how it is done here",
        "# due: YYYY-MM-DD",
        "# evidence: []  # add with `isms evidence add FILE --for " + requirement.id + "`",
    ]
    return "\n".join(lines) + "\n"


def plan_new(repo: Repository, framework_id: str, requirement_id: str, owner: str | None) -> tuple[Path, str]:
    """Return the path and content of a new control file.

    Raises:
        UsageError: unknown framework, requirement or owner, or the control file exists already.
    """
    framework = repo.frameworks.get(framework_id)
    if framework is None:
        msg = f"unknown framework `{framework_id}`; known: {', '.join(sorted(repo.frameworks))}"
        ja = f"フレームワーク `{framework_id}` はありません。読み込まれているもの: {', '.join(sorted(repo.frameworks))}"
        raise UsageError(msg, ja=ja)
    rid = framework.requirement_id(requirement_id)
    requirement = framework.requirements.get(rid) if rid is not None else None
    if rid is None or requirement is None:
        msg = f"`{framework_id}` has no requirement `{requirement_id}`; see `isms catalog show {framework_id}`"
        ja = (
            f"`{framework_id}` に要求事項 `{requirement_id}` はありません。"
            f"`isms catalog show {framework_id}` で確認してください"
        )
        raise UsageError(msg, ja=ja)
    existing = repo.controls.get((framework_id, rid))
    path = repo.root / "controls" / framework_id / f"{rid}.yaml"
    if existing is not None or path.exists():
        shown = existing.path if existing else path.relative_to(repo.root).as_posix()
        msg = f"{shown} exists already; edit it instead"
        ja = f"{shown} はすでにあります。そのファイルを編集してください"
        raise UsageError(msg, ja=ja)
    owners = list(repo.config.owners)
    if owner is not None and owners and owner not in owners:
        msg = f"unknown owner `{owner}`; one of: {', '.join(owners)}"
        ja = f"責任者 `{owner}` はいません。次のいずれかです: {', '.join(owners)}"
        raise UsageError(msg, ja=ja)
    return path, control_text(framework, requirement, owners, owner)


@dataclass(frozen=True, slots=True)
class ControlChanges:
    """What `isms control set` changes; None leaves a field as it is."""

    status: Status | None = None
    owner: str | None = None
    implementation: str | None = None
    implementation_en: str | None = None
    justification: str | None = None
    reviewed: dt.date | None = None

    def empty(self) -> bool:
        """Return True when nothing would change."""
        return all(getattr(self, name) is None for name in self.__slots__)


def _set_text(data: CommentedMap, key: str, ja: str | None, en: str | None) -> None:
    """Set a bilingual text: a plain string stays one unless an English text is given."""
    old = data.get(key)
    if isinstance(old, CommentedMap):
        if ja is not None:
            roundtrip.replace(old, "ja", ja)
        if en is not None:
            roundtrip.replace(old, "en", en)
        return
    if en is None:
        roundtrip.replace(data, key, ja)
        return
    text = CommentedMap()
    text["ja"] = ja if ja is not None else (str(old) if old is not None else en)
    text["en"] = en
    text.fa.set_flow_style()
    data[key] = text


def plan_set(repo: Repository, control: Control, changes: ControlChanges) -> tuple[Path, str, list[str]]:
    """Return the path, new content and a summary of `isms control set` on one control.

    Raises:
        UsageError: nothing to change, an unknown owner, or not-applicable without a justification.
        IsmsError: the control file's `review` is not a mapping.
    """
    if changes.empty():
        msg = "nothing to set: give --status, --owner, --implementation, --justification or --reviewed"
        ja = (
            "設定する項目がありません。--status、--owner、--implementation、"
            "--justification または --reviewed を指定してください"
        )
        raise UsageError(msg, ja=ja)
    owners = list(repo.config.owners)
    if changes.owner is not None and owners and changes.owner not in owners:
        msg = f"unknown owner `{changes.owner}`; one of: {', '.join(owners)}"
        ja = f"責任者 `{changes.owner}` はいません。次のいずれかです: {', '.join(owners)}"
        raise UsageError(msg, ja=ja)
    status = changes.status or control.doc.status
    if status == "not-applicable" and changes.justification is None and control.doc.justification is None:
        msg = "a not-applicable control needs a reason for the Statement of Applicability: add --justification TEXT"
        ja = "適用除外の管理策には適用宣言書（SoA）に書く理由が必要です。--justification TEXT を追加してください"
        raise UsageError(msg, ja=ja)
    path = repo.root / control.path
    doc = roundtrip.read(path)
    data, done = doc.data, []
    for key, value in (("status", changes.status), ("owner", changes.owner)):
        if value is not None:
            roundtrip.replace(data, key, value)
            done.append(f"{key}: {value}")
    if changes.implementation is not None or changes.implementation_en is not None:
        _set_text(data, "implementation", changes.implementation, changes.implementation_en)
        done.append("implementation")
    if changes.justification is not None:
        _set_text(data, "justification", changes.justification, None)
        done.append("justification")
    if changes.reviewed is not None:
        review = data.get("review")
        if review is None:
            review = CommentedMap()
            review.fa.set_flow_style()
            data["review"] = review
        elif not isinstance(review, CommentedMap):
            msg = f"{control.path}: `review` is not a mapping; fix the control first"
            ja = f"{control.path}: `review` がマッピングではありません。先に管理策を直してください"
            raise IsmsError(msg, ja=ja)
        roundtrip.replace(review, "last", changes.reviewed)
        done.append(f"review.last: {changes.reviewed.isoformat()}")
    return path, roundtrip.render(doc), done
