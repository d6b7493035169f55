"""`isms control new`: a control file scaffolded from its catalog entry."""

from __future__ import annotations

from pathlib import Path

from isms.errors import UsageError
from isms.model.catalog import Requirement
from isms.model.repository import Framework, Repository


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
        raise UsageError(msg)
    rid = framework.requirement_id(requirement_id)
    requirement = framework.requirements.get(rid) if rid is not None else None
    if rid is None or requirement is None:
        msg = f"`{framework_id}` has no requirement `{requirement_id}`; see `isms catalog show {framework_id}`"
        raise UsageError(msg)
    existing = repo.controls.get((framework_id, rid))
    path = repo.root / "controls" / framework_id / f"{rid}.yaml"
    if existing is not None or path.exists():
        shown = existing.path if existing else path.relative_to(repo.root).as_posix()
        msg = f"{shown} exists already; edit it instead"
        raise UsageError(msg)
    owners = list(repo.config.owners)
    if owner is not None and owners and owner not in owners:
        msg = f"unknown owner `{owner}`; one of: {', '.join(owners)}"
        raise UsageError(msg)
    return path, control_text(framework, requirement, owners, owner)
