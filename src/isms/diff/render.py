"""`isms diff` as Markdown (the pull request's job summary) and as plain text, in Japanese or English.

Both are strings built from the JSON document; the command writes them. Every figure is the
same in both languages: only the words around it change (the words are in `isms.diff.words`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from isms import figures
from isms.contracts import CoverageNumbers
from isms.diff.compare import DiffDocument, FrameworkDiff
from isms.diff.words import evidence_state, say, status
from isms.model.base import Lang
from isms.report.json import FindingJson
from isms.vocabulary import SEVERITY, word

#: (framework id, requirement id) -> title, to name requirements next to their ids.
Titles = Mapping[tuple[str, str], str]

_LIMIT = 200  # rows per list; the job summary is capped at 1 MiB

_PICKS: tuple[tuple[str, Callable[[FrameworkDiff], list[str]]], ...] = (
    ("newly_covered", lambda fw: fw["newly_covered"]),
    ("no_longer_covered", lambda fw: fw["no_longer_covered"]),
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


def _ratio(fw: FrameworkDiff, key: str, lang: Lang) -> str:
    base, head = _exact(fw["base"], key), _exact(fw["head"], key)
    before = percent(base) if fw["base"] else say("not_in_scope", lang)
    after = percent(head) if fw["head"] else say("not_in_scope", lang)
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


def _official(fw: FrameworkDiff, lang: Lang) -> str:
    """Return ``(official requirements X %)`` for a framework with paraphrased requirements, else ''."""
    if all(side is None or side.get("official_coverage") is None for side in (fw["base"], fw["head"])):
        return ""
    return say("official", lang, ratio=_ratio(fw, "official_coverage", lang))


def _side(doc: DiffDocument, name: str) -> str:
    side = doc["base"] if name == "base" else doc["head"]
    return f"`{side['rev']}` ({side['commit'][:10]})"


def _short(fw: FrameworkDiff, lang: Lang) -> str:
    """Return the framework's short name; in Japanese its Japanese name when it has no short name of its own."""
    if lang == "ja" and fw["short"] == fw["name"] and fw["name_ja"]:
        return fw["name_ja"]
    return fw["short"]


def _name(fw: FrameworkDiff, lang: Lang) -> str:
    return (fw["name_ja"] or fw["name"]) if lang == "ja" else fw["name"]


def headline(doc: DiffDocument, lang: Lang = "en") -> list[str]:
    """Return the lines a reviewer reads first: coverage per framework, findings fixed and new."""
    lines = [
        say("coverage", lang, framework=_short(fw, lang), ratio=_ratio(fw, "coverage", lang) + _official(fw, lang))
        for fw in doc["frameworks"]
    ]
    findings = doc["findings"]
    lines.append(
        say(
            "findings",
            lang,
            fixed=len(findings["fixed"]),
            new=len(findings["new"]),
            errors=f"{findings['base']['errors']} → {findings['head']['errors']}",
            warnings=f"{findings['base']['warnings']} → {findings['head']['warnings']}",
        )
    )
    became = doc["evidence"]["became"]
    noted = [
        say("state_count", lang, count=len(paths), state=evidence_state(s, lang))
        for s, paths in became.items()
        if paths
    ]
    if noted:
        lines.append(say("became", lang, states=say("comma", lang).join(noted)))
    rewritten = doc["evidence"]["rewritten"]
    if rewritten:
        lines.append(say("rewritten_count", lang, count=len(rewritten)))
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _message(finding: FindingJson, lang: Lang) -> str:
    return finding["message_ja"] if lang == "ja" else finding["message"]


def _severity(finding: FindingJson, lang: Lang) -> str:
    pair = SEVERITY.get(finding["severity"])
    return word(pair, lang) if pair else finding["severity"]


def _finding_rows(findings: list[FindingJson], lang: Lang) -> list[str]:
    rows = [say("findings_header", lang), "|---|---|---|---|"]
    for finding in findings[:_LIMIT]:
        where = finding["path"] + (f":{finding['line']}" if finding["line"] else "")
        message = _cell(_message(finding, lang))
        rows.append(f"| {_severity(finding, lang)} | `{_cell(where)}` | `{finding['rule']}` | {message} |")
    if len(findings) > _LIMIT:
        rows.append("\n" + say("and_more", lang, count=len(findings) - _LIMIT))
    return rows


def _requirement_list(fid: str, ids: list[str], titles: Titles, lang: Lang) -> list[str]:
    rows = [f"- `{fid}:{rid}` {titles.get((fid, rid), '')}".rstrip() for rid in ids[:_LIMIT]]
    if len(ids) > _LIMIT:
        rows.append("- " + say("and_more", lang, count=len(ids) - _LIMIT))
    return rows


def _framework_table(doc: DiffDocument, lang: Lang) -> list[str]:
    rows = [say("framework_header", lang), "|---|---|---|---|---|---|---|---|"]
    for fw in doc["frameworks"]:
        rows.append(
            f"| {_cell(_name(fw, lang))} | {_ratio(fw, 'coverage', lang)}{_official(fw, lang)} | "
            f"{_ratio(fw, 'tested_coverage', lang)} | {_ratio(fw, 'implemented_ratio', lang)} | "
            f"{_count(fw, 'evidenced')} / {_count(fw, 'applicable')} | "
            f"{_count(fw, 'planned')} | {_count(fw, 'undecided')} | {_ratio(fw, 'effectiveness', lang)} |"
        )
    return rows


def _requirement_sections(doc: DiffDocument, titles: Titles, lang: Lang) -> list[str]:
    lines: list[str] = []
    for label, pick in _PICKS:
        chosen = [(fw["id"], pick(fw)) for fw in doc["frameworks"] if pick(fw)]
        if chosen:
            lines += ["", "### " + say(label, lang), ""]
            for fid, ids in chosen:
                lines += _requirement_list(fid, ids, titles, lang)
    changes = [(fw["id"], change) for fw in doc["frameworks"] for change in fw["status_changes"]]
    if changes:
        lines += ["", "### " + say("status_changes", lang), "", say("status_header", lang), "|---|---|---|"]
        for fid, change in changes[:_LIMIT]:
            title = titles.get((fid, change["id"]), "")
            before, after = status(change["base"], lang), status(change["head"], lang)
            lines.append(f"| `{fid}:{change['id']}` {_cell(title)} | {before} | {after} |")
    return lines


def _paths(paths: list[str]) -> str:
    return ", ".join(f"`{p}`" for p in paths[:_LIMIT])


def _evidence_section(doc: DiffDocument, lang: Lang) -> list[str]:
    evidence = doc["evidence"]
    lines = ["", "### " + say("evidence", lang), "", say("state_header", lang), "|---|---|---|"]
    for state, before in evidence["base"].items():
        lines.append(f"| {evidence_state(state, lang)} | {before} | {evidence['head'][state]} |")
    for state, paths in evidence["became"].items():
        if paths:
            lines += ["", say("became_paths", lang, state=evidence_state(state, lang), paths=_paths(paths))]
    for label, paths in (("added", evidence["added"]), ("removed", evidence["removed"])):
        if paths:
            lines += ["", say(label, lang) + _paths(paths)]
    if evidence["rewritten"]:
        lines += ["", say("rewritten", lang), "", say("rewritten_header", lang), "|---|---|---|"]
        for item in evidence["rewritten"][:_LIMIT]:
            lines.append(
                f"| `{_cell(item['path'])}` | {item['base_date']} → {item['head_date']} | "
                f"`{item['base_sha256'][:12]}` → `{item['head_sha256'][:12]}` |"
            )
        if len(evidence["rewritten"]) > _LIMIT:
            lines.append(f"| {say('more_rows', lang, count=len(evidence['rewritten']) - _LIMIT)} | | |")
    return lines


def _risk_section(doc: DiffDocument, lang: Lang) -> list[str]:
    risks = doc["risks"]
    if not (risks["new"] or risks["closed"] or risks["level_changes"]):
        return []
    lines = ["", "### " + say("risks", lang), ""]
    for label, ids in (("new", risks["new"]), ("closed", risks["closed"])):
        if ids:
            lines.append("- " + say(label, lang) + ", ".join(f"`{_cell(rid)}`" for rid in ids))
    for change in risks["level_changes"]:
        moved = f"{change['base'] or '–'} → {change['head'] or '–'}"
        lines.append("- " + say("level", lang, risk=f"`{_cell(change['id'])}`", moved=moved))
    return lines


def _nc_section(doc: DiffDocument, lang: Lang) -> list[str]:
    ncs = doc["nonconformities"]
    overdue = ncs["overdue_actions"]
    if not (
        ncs["new"] or ncs["closed"] or ncs["removed"] or ncs["audit_findings"] or overdue["base"] != overdue["head"]
    ):
        return []
    lines = ["", "### " + say("nonconformities", lang), ""]
    picks = (("new", ncs["new"]), ("nc_closed", ncs["closed"]), ("removed", ncs["removed"]))
    for label, ids in (*picks, ("audit_findings", ncs["audit_findings"])):
        if ids:
            lines.append("- " + say(label, lang) + ", ".join(f"`{_cell(nid)}`" for nid in ids[:_LIMIT]))
    if overdue["base"] != overdue["head"]:
        lines.append("- " + say("overdue", lang, moved=f"{overdue['base']} → {overdue['head']}"))
    return lines


def markdown(doc: DiffDocument, titles: Titles | None = None, lang: Lang = "en") -> str:
    """Return the comparison as GitHub-flavoured Markdown (the pull request job summary)."""
    titles = titles or {}
    sides = f"{_side(doc, 'base')} → {_side(doc, 'head')}"
    lines = [say("title", lang, sides=sides), "", say("as_of", lang, day=doc["as_of"]), ""]
    lines += [f"- {line}" for line in headline(doc, lang)]
    lines += ["", *_framework_table(doc, lang)]
    lines += _requirement_sections(doc, titles, lang)
    lines += _evidence_section(doc, lang)
    lines += _risk_section(doc, lang)
    lines += _nc_section(doc, lang)
    findings = doc["findings"]
    for label, chosen in (("new_findings", findings["new"]), ("fixed_findings", findings["fixed"])):
        if chosen:
            lines += ["", "### " + say(label, lang), "", *_finding_rows(chosen, lang)]
    return "\n".join(lines) + "\n"


def _risk_and_cycle_lines(doc: DiffDocument, lang: Lang) -> list[str]:
    """The text lines for risks and the management-system cycle."""
    lines = []
    for label, ids in (("t_new_risk", doc["risks"]["new"]), ("t_closed_risk", doc["risks"]["closed"])):
        lines += [say(label, lang) + rid for rid in ids]
    none = say("none", lang)
    for level in doc["risks"]["level_changes"]:
        moved = f"{level['base'] or none} → {level['head'] or none}"
        lines.append(say("t_level", lang, risk=level["id"], moved=moved))
    ncs = doc["nonconformities"]
    for label, ids in (("t_new_nc", ncs["new"]), ("t_closed_nc", ncs["closed"])):
        lines += [say(label, lang) + nid for nid in ids]
    lines += [say("t_audit_finding", lang) + ref for ref in ncs["audit_findings"]]
    if ncs["overdue_actions"]["base"] != ncs["overdue_actions"]["head"]:
        moved = f"{ncs['overdue_actions']['base']} → {ncs['overdue_actions']['head']}"
        lines.append(say("t_overdue", lang, moved=moved))
    return lines


def text(doc: DiffDocument, titles: Titles | None = None, lang: Lang = "en") -> str:
    """Return the comparison as plain text for a terminal."""
    titles = titles or {}
    sides = f"{doc['base']['rev']} ({doc['base']['commit'][:10]}) → {doc['head']['rev']} ({doc['head']['commit'][:10]})"
    lines = [say("t_title", lang, sides=sides, day=doc["as_of"])]
    lines += [f"  {line}" for line in headline(doc, lang)]
    for label, pick in _PICKS:
        for fw in doc["frameworks"]:
            for rid in pick(fw):
                lines.append(f"{say('t_' + label, lang)}{fw['id']}:{rid} {titles.get((fw['id'], rid), '')}".rstrip())
    for fw in doc["frameworks"]:
        for change in fw["status_changes"]:
            moved = f"{status(change['base'], lang)} → {status(change['head'], lang)}"
            lines.append(say("t_status", lang, requirement=f"{fw['id']}:{change['id']}", moved=moved))
    none = say("none", lang)
    for item in doc["evidence"]["changes"]:
        before = evidence_state(item["base"], lang) if item["base"] else none
        after = evidence_state(item["head"], lang) if item["head"] else none
        lines.append(say("t_evidence", lang, path=item["path"], moved=f"{before} → {after}"))
    lines += [
        say(
            "t_rewritten",
            lang,
            path=item["path"],
            hashes=f"{item['base_sha256'][:12]}… → {item['head_sha256'][:12]}…",
            dates=f"{item['base_date']} → {item['head_date']}",
        )
        for item in doc["evidence"]["rewritten"]
    ]
    lines += _risk_and_cycle_lines(doc, lang)
    for label, findings in (("t_new", doc["findings"]["new"]), ("t_fixed", doc["findings"]["fixed"])):
        for finding in findings:
            lines.append(
                f"{say(label, lang)}{finding['path']}: {_severity(finding, lang)}: {_message(finding, lang)} "
                f"[{finding['rule']}]"
            )
    return "\n".join(lines) + "\n"
