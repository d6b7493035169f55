"""`isms remind --format github-issues`: one issue per owner, as a plan the workflow applies with `gh`.

Each issue's body starts with a marker naming the owner, so a rerun finds and updates that owner's
open issue instead of opening another; an owner with nothing due gets ``"state": "closed"``.
Assignees are the owner's GitHub users from isms.yaml (teams cannot be assigned: they are
mentioned in the body instead); ``gitlab_assignees`` are the owner's GitLab usernames, which the
GitLab job turns into user ids (GitLab assigns by id).
"""

from __future__ import annotations

from isms.contracts import IssueJson, IssuePlanDocument
from isms.due.plan import UNASSIGNED, VERSION, OwnerGroup, Reminders
from isms.due.render import header, owner_label, table, word
from isms.model.base import Lang

LABEL = "isms-reminder"


def marker(owner: str | None) -> str:
    """Return the hidden marker that identifies an owner's issue."""
    return f"<!-- isms-remind owner={owner or UNASSIGNED} -->"


def _body(group: OwnerGroup, reminders: Reminders, lang: Lang) -> str:
    teams = [handle for handle in group.github if "/" in handle]
    lines = [marker(group.owner), ""]
    if group.items:
        lines += [header(reminders, lang, group.items), "", *table(group, reminders.today, lang)]
    else:
        lines.append(word("nothing", lang))
    if teams:
        lines += ["", "cc " + " ".join(teams)]
    lines += [
        "",
        f"_`isms remind --format github-issues --within {reminders.within}` as of {reminders.today.isoformat()}"
        f"{f', commit {reminders.commit[:10]}' if reminders.commit else ''}: this issue is updated every week "
        "and closed when nothing is due._",
    ]
    return "\n".join(lines) + "\n"


def _issue(group: OwnerGroup, reminders: Reminders, lang: Lang) -> IssueJson:
    today = reminders.today
    overdue = sum(1 for item in group.items if item.overdue(today))
    if lang == "ja":
        title = f"ISMS: {owner_label(group, lang)} — 期限 {len(group.items)} 件（うち期限超過 {overdue} 件）"
    else:
        title = f"ISMS: {owner_label(group, lang)} — {len(group.items)} due, {overdue} overdue"
    users = [handle.removeprefix("@") for handle in group.github if "/" not in handle]
    return {
        "owner": group.owner,
        "marker": marker(group.owner),
        "state": "open" if group.items else "closed",
        "title": title,
        "body": _body(group, reminders, lang),
        "assignees": sorted(dict.fromkeys(users)),
        "gitlab_assignees": sorted(dict.fromkeys(name.removeprefix("@") for name in group.gitlab)),
        "labels": [LABEL],
        "items": len(group.items),
        "overdue": overdue,
    }


def plan(reminders: Reminders, lang: Lang) -> IssuePlanDocument:
    """Return the issue plan (contract version 1): one issue per owner, open or to be closed."""
    return {
        "version": VERSION,
        "as_of": reminders.today.isoformat(),
        "within": reminders.within,
        "label": LABEL,
        "issues": [_issue(group, reminders, lang) for group in reminders.groups],
    }
