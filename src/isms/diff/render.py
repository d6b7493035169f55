"""`isms diff` as Markdown (the pull request's job summary) and as plain text.

Both are strings built from the JSON document; the command writes them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from isms import figures
from isms.contracts import CoverageNumbers
from isms.diff.compare import DiffDocument, FrameworkDiff
from isms.report.json import FindingJson

#: (framework id, requirement id) -> title, to name requirements next to their ids.
Titles = Mapping[tuple[str, str], str]

_LIMIT = 200  # rows per list; the job summary is capped at 1 MiB

_PICKS: tuple[tuple[str, Callable[[FrameworkDiff], list[str]]], ...] = (
    ("Newly covered", lambda fw: fw["newly_covered"]),
    ("No longer covered", lambda fw: fw["no_longer_covered"]),
)


percent = figures.percent

# The exact ratio behind each rounded JSON ratio, from the counts beside it (one rounding rule).
_COUNTS = {
    "coverage": ("evidenced", "applicable"),
    "official_coverage": ("official_evidenced", "official_applicable"),
    "implemented_ratio": ("implemented", "applicable"),
    "tested_coverage": ("tested", "applicable"),
    "effectiveness": ("measures_met", "measures_total"),
}


def _exact(numbers: CoverageNumbers | None, key: str) -> float | None:
    part, whole = _COUNTS[key]
    if numbers is None or numbers.get(key) is None:
        return None
    total = numbers.get(whole)
    count = numbers.get(part)
    if isinstance(total, int) and isinstance(count, int) and total:
        return count / total
    return _float(numbers, key)


def _ratio(fw: FrameworkDiff, key: str) -> str:
    base, head = _exact(fw["base"], key), _exact(fw["head"], key)
    before = percent(base) if fw["base"] else "(not in scope)"
    after = percent(head) if fw["head"] else "(not in scope)"
    if before == after:
        return after
    return f"{before} → {after}{figures.points(base, head)}"


def _float(numbers: CoverageNumbers | None, key: str) -> float | None:
    if numbers is None:
        return None
    value = numbers.get(key)
    return float(value) if isinstance(value, int | float) else None


def _count(fw: FrameworkDiff, key: str) -> str:
    before = _float(fw["base"], key)
    after = _float(fw["head"], key)
    if before == after:
        return "–" if after is None else str(int(after))
    return f"{'–' if before is None else int(before)} → {'–' if after is None else int(after)}"


def _official(fw: FrameworkDiff) -> str:
    """Return ``(official requirements X %)`` for a framework with paraphrased requirements, else ''."""
    if all(side is None or side.get("official_coverage") is None for side in (fw["base"], fw["head"])):
        return ""
    return f" (official requirements {_ratio(fw, 'official_coverage')})"


def _side(doc: DiffDocument, name: str) -> str:
    side = doc["base"] if name == "base" else doc["head"]
    return f"`{side['rev']}` ({side['commit'][:10]})"


def headline(doc: DiffDocument) -> list[str]:
    """Return the lines a reviewer reads first: coverage per framework, findings fixed and new."""
    lines = [f"{fw['short']} coverage {_ratio(fw, 'coverage')}{_official(fw)}" for fw in doc["frameworks"]]
    findings = doc["findings"]
    lines.append(
        f"{len(findings['fixed'])} findings fixed, {len(findings['new'])} new "
        f"(errors {findings['base']['errors']} → {findings['head']['errors']}, "
        f"warnings {findings['base']['warnings']} → {findings['head']['warnings']})"
    )
    became = doc["evidence"]["became"]
    noted = [f"{len(paths)} {state}" for state, paths in became.items() if paths]
    if noted:
        lines.append("evidence that became " + ", ".join(noted))
    rewritten = doc["evidence"]["rewritten"]
    if rewritten:
        lines.append(f"{len(rewritten)} evidence files with new content (rewritten)")
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _finding_rows(findings: list[FindingJson]) -> list[str]:
    rows = ["| severity | location | rule | message |", "|---|---|---|---|"]
    for finding in findings[:_LIMIT]:
        where = finding["path"] + (f":{finding['line']}" if finding["line"] else "")
        rows.append(f"| {finding['severity']} | `{_cell(where)}` | `{finding['rule']}` | {_cell(finding['message'])} |")
    if len(findings) > _LIMIT:
        rows.append(f"\n… and {len(findings) - _LIMIT} more")
    return rows


def _requirement_list(fid: str, ids: list[str], titles: Titles) -> list[str]:
    rows = [f"- `{fid}:{rid}` {titles.get((fid, rid), '')}".rstrip() for rid in ids[:_LIMIT]]
    if len(ids) > _LIMIT:
        rows.append(f"- … and {len(ids) - _LIMIT} more")
    return rows


def _framework_table(doc: DiffDocument) -> list[str]:
    rows = [
        "| framework | coverage | tested and passed | implemented | evidenced / applicable | planned | undecided "
        "| effectiveness |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for fw in doc["frameworks"]:
        rows.append(
            f"| {_cell(fw['name'])} | {_ratio(fw, 'coverage')}{_official(fw)} | {_ratio(fw, 'tested_coverage')} | "
            f"{_ratio(fw, 'implemented_ratio')} | {_count(fw, 'evidenced')} / {_count(fw, 'applicable')} | "
            f"{_count(fw, 'planned')} | {_count(fw, 'undecided')} | {_ratio(fw, 'effectiveness')} |"
        )
    return rows


def _requirement_sections(doc: DiffDocument, titles: Titles) -> list[str]:
    lines: list[str] = []
    for label, pick in _PICKS:
        chosen = [(fw["id"], pick(fw)) for fw in doc["frameworks"] if pick(fw)]
        if chosen:
            lines += ["", f"### {label}", ""]
            for fid, ids in chosen:
                lines += _requirement_list(fid, ids, titles)
    changes = [(fw["id"], change) for fw in doc["frameworks"] for change in fw["status_changes"]]
    if changes:
        lines += ["", "### Status changes", "", "| requirement | base | head |", "|---|---|---|"]
        for fid, change in changes[:_LIMIT]:
            title = titles.get((fid, change["id"]), "")
            lines.append(f"| `{fid}:{change['id']}` {_cell(title)} | {change['base']} | {change['head']} |")
    return lines


def _evidence_section(doc: DiffDocument) -> list[str]:
    evidence = doc["evidence"]
    lines = ["", "### Evidence", "", "| state | base | head |", "|---|---|---|"]
    for state, before in evidence["base"].items():
        lines.append(f"| {state} | {before} | {evidence['head'][state]} |")
    for state, paths in evidence["became"].items():
        if paths:
            lines += ["", f"Became **{state}**: " + ", ".join(f"`{p}`" for p in paths[:_LIMIT])]
    for label, paths in (("Added", evidence["added"]), ("Removed", evidence["removed"])):
        if paths:
            lines += ["", f"{label}: " + ", ".join(f"`{p}`" for p in paths[:_LIMIT])]
    if evidence["rewritten"]:
        lines += ["", "Rewritten (new content):", "", "| evidence | date | SHA-256 |", "|---|---|---|"]
        for item in evidence["rewritten"][:_LIMIT]:
            lines.append(
                f"| `{_cell(item['path'])}` | {item['base_date']} → {item['head_date']} | "
                f"`{item['base_sha256'][:12]}` → `{item['head_sha256'][:12]}` |"
            )
        if len(evidence["rewritten"]) > _LIMIT:
            lines.append(f"| … {len(evidence['rewritten']) - _LIMIT} more | | |")
    return lines


def _risk_section(doc: DiffDocument) -> list[str]:
    risks = doc["risks"]
    if not (risks["new"] or risks["closed"] or risks["level_changes"]):
        return []
    lines = ["", "### Risks", ""]
    for label, ids in (("New", risks["new"]), ("Closed", risks["closed"])):
        if ids:
            lines.append(f"- {label}: " + ", ".join(f"`{_cell(rid)}`" for rid in ids))
    for change in risks["level_changes"]:
        lines.append(f"- Level `{_cell(change['id'])}`: {change['base'] or '–'} → {change['head'] or '–'}")
    return lines


def _nc_section(doc: DiffDocument) -> list[str]:
    ncs = doc["nonconformities"]
    overdue = ncs["overdue_actions"]
    if not (
        ncs["new"] or ncs["closed"] or ncs["removed"] or ncs["audit_findings"] or overdue["base"] != overdue["head"]
    ):
        return []
    lines = ["", "### Nonconformities", ""]
    picks = (("New", ncs["new"]), ("Closed", ncs["closed"]), ("Removed", ncs["removed"]))
    for label, ids in (*picks, ("New audit findings", ncs["audit_findings"])):
        if ids:
            lines.append(f"- {label}: " + ", ".join(f"`{_cell(nid)}`" for nid in ids[:_LIMIT]))
    if overdue["base"] != overdue["head"]:
        lines.append(f"- Overdue corrective actions: {overdue['base']} → {overdue['head']}")
    return lines


def markdown(doc: DiffDocument, titles: Titles | None = None) -> str:
    """Return the comparison as GitHub-flavoured Markdown (the pull request job summary)."""
    titles = titles or {}
    lines = [f"## ISMS changes: {_side(doc, 'base')} → {_side(doc, 'head')}", "", f"As of {doc['as_of']}.", ""]
    lines += [f"- {line}" for line in headline(doc)]
    lines += ["", *_framework_table(doc)]
    lines += _requirement_sections(doc, titles)
    lines += _evidence_section(doc)
    lines += _risk_section(doc)
    lines += _nc_section(doc)
    findings = doc["findings"]
    for label, chosen in (("New findings", findings["new"]), ("Fixed findings", findings["fixed"])):
        if chosen:
            lines += ["", f"### {label}", "", *_finding_rows(chosen)]
    return "\n".join(lines) + "\n"


def _risk_and_cycle_lines(doc: DiffDocument) -> list[str]:
    """The text lines for risks and the management-system cycle."""
    lines = []
    for label, ids in (("new risk", doc["risks"]["new"]), ("closed risk", doc["risks"]["closed"])):
        lines += [f"{label}: {rid}" for rid in ids]
    for level in doc["risks"]["level_changes"]:
        lines.append(f"risk level: {level['id']} {level['base'] or '(none)'} → {level['head'] or '(none)'}")
    ncs = doc["nonconformities"]
    for label, ids in (("new nonconformity", ncs["new"]), ("closed nonconformity", ncs["closed"])):
        lines += [f"{label}: {nid}" for nid in ids]
    lines += [f"new audit finding: {ref}" for ref in ncs["audit_findings"]]
    if ncs["overdue_actions"]["base"] != ncs["overdue_actions"]["head"]:
        lines.append(f"overdue corrective actions: {ncs['overdue_actions']['base']} → {ncs['overdue_actions']['head']}")
    return lines


def text(doc: DiffDocument, titles: Titles | None = None) -> str:
    """Return the comparison as plain text for a terminal."""
    titles = titles or {}
    lines = [f"isms diff {doc['base']['rev']} ({doc['base']['commit'][:10]}) → {doc['head']['rev']} "]
    lines[0] += f"({doc['head']['commit'][:10]}) as of {doc['as_of']}"
    lines += [f"  {line}" for line in headline(doc)]
    for label, pick in _PICKS:
        for fw in doc["frameworks"]:
            for rid in pick(fw):
                lines.append(f"{label.lower()}: {fw['id']}:{rid} {titles.get((fw['id'], rid), '')}".rstrip())
    for fw in doc["frameworks"]:
        for change in fw["status_changes"]:
            lines.append(f"status: {fw['id']}:{change['id']} {change['base']} → {change['head']}")
    for moved in doc["evidence"]["changes"]:
        lines.append(f"evidence: {moved['path']} {moved['base'] or '(none)'} → {moved['head'] or '(none)'}")
    lines += [
        f"evidence rewritten: {item['path']} sha256 {item['base_sha256'][:12]}… → {item['head_sha256'][:12]}… "
        f"(date {item['base_date']} → {item['head_date']})"
        for item in doc["evidence"]["rewritten"]
    ]
    lines += _risk_and_cycle_lines(doc)
    for label, findings in (("new", doc["findings"]["new"]), ("fixed", doc["findings"]["fixed"])):
        for finding in findings:
            lines.append(f"{label}: {finding['path']}: {finding['severity']}: {finding['message']} [{finding['rule']}]")
    return "\n".join(lines) + "\n"
