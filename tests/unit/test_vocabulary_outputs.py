"""Every shared word is one word: each output that shows a status, reason, state or class says `isms.vocabulary`'s.

For every kind of word `isms.vocabulary` holds, each output that shows it renders every key (the
site's labels and SoA page words, the SoA workbook and its sheets, the terminal texts of `isms metrics`,
`isms evidence list` and `isms check`, `isms diff`, the group site), in Japanese and English, and
the word must be the vocabulary's. Where an output shows the JSON value instead of a word (the
English terminal text of `isms evidence list` and `isms diff`, and OSCAL, whose properties are the
values), it must be exactly the value. Every drift is listed at once.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from typing import Any, cast

import pytest

from builders import RepoBuilder, evaluation
from isms import vocabulary
from isms.commands import evidence as evidence_command
from isms.commands import metrics as metrics_command
from isms.contracts import FindingJson
from isms.diff import render as diff_render
from isms.diff import words as diff_words
from isms.due import render as due_render
from isms.evaluation import Evaluation
from isms.export import soa as workbook
from isms.export import xlsx
from isms.export.oscal_results import build_assessment_results
from isms.findings import Finding, Severity
from isms.group import site as group_site
from isms.group import text as group_text
from isms.group.site import state_word
from isms.importing import nonconformity_words as nc_words
from isms.importing import words as import_words
from isms.model.base import Lang
from isms.model.control import Reason, Status
from isms.model.cycle import GRADE_TITLES
from isms.model.evidence import Classification
from isms.report import text as text_report
from isms.site import labels
from isms.site.labels import Labels
from isms.site.pages import build_site
from isms.site.pages.types import SoaPage
from isms.site.render import Renderer
from isms.stores.gather import SignatureState

Render = Callable[[str], str | None]
"""One output's word for a key (of one kind, in one language); None where the output does not show that key."""

#: The evidence states the totals line of `isms metrics` counts.
METRICS_STATES = ("current", "expiring", "stale", "missing", "tampered", "not-yet-valid")
CLASSES: tuple[Classification, ...] = ("public", "internal", "confidential", "insider")


def _result() -> Evaluation:
    builder = RepoBuilder(requirements=("1.1", "1.2", "1.3", "1.4"))
    for rid, status in zip(("1.1", "1.2", "1.3", "1.4"), vocabulary.STATUS, strict=True):
        doc: dict[str, Any] = {"status": status, "justification": "why"}
        if status != "not-applicable":
            doc |= {"reasons": ["risk", "legal"], "evidence": [f"{status}.txt"]}
        builder.control(rid, **doc)
    for status in vocabulary.STATUS:
        builder.evidence(f"{status}.txt")
    for kind in CLASSES:
        builder.evidence(f"class-{kind}.txt", classification=kind)
    return evaluation(builder.build())


RESULT = _result()


@functools.cache
def _site_soa_page(lang: Lang) -> str:
    site = build_site(RESULT, lang)
    page = next(p for p in site.pages if isinstance(p, SoaPage))
    return Renderer(site.info).render(page)


def _site_soa(lang: Lang) -> dict[str, str]:
    """Return the applicability mark of the site's SoA page (rendered), per ``yes``/``no``."""
    marks = dict(re.findall(r'<td data-sort="(yes|no)">([^<]*)<', _site_soa_page(lang)))
    assert set(marks) == {"yes", "no"}
    return marks


def _site_soa_header(key: str, lang: Lang) -> str | None:
    """Return the site's SoA page header of a workbook column (None for a column the page does not have)."""
    head = re.search(r"<thead><tr>(.*?)</tr></thead>", _site_soa_page(lang))
    assert head is not None
    cells = re.findall(r"<th>(.*?)</th>", head.group(1))
    applicable, justification = cells[2].split(" / ")
    keys = ("id", "title", "", "status", "implementation", "owner", "evidence", "risks", "last_review")
    shown = dict(zip(keys, cells, strict=True))
    shown |= {"applicable": applicable, "justification": justification}
    return shown.get(key)


def _row(**values: object) -> workbook.SoaRow:
    fields: dict[str, object] = {
        "id": "1.1",
        "title": "t",
        "theme": "g",
        "status": "implemented",
        "reasons": (),
        "justification": "",
        "implementation": "",
        "owner_id": None,
        "owner": "",
        "evidence": (),
        "last_review": None,
    }
    fields.update(values)
    return workbook.SoaRow(**fields)  # type: ignore[arg-type]


def _cell(row: workbook.SoaRow, key: str, lang: Lang) -> str:
    return workbook.cells(row, lang)[[c.key for c in workbook.COLUMNS].index(key)]


def _evidence_list(key: str, field: str, lang: Lang) -> str:
    """Return the state or class `isms evidence list` prints (its first or fourth column)."""
    row = evidence_command.register_document(RESULT)["evidence"][0].copy()
    row[field] = key  # type: ignore[literal-required]
    printed = evidence_command._row(row, lang)
    if field == "state":
        return printed.split("  ")[0].split(" 2026")[0].strip()
    if lang == "ja":
        return printed.split("期限 ")[1].split()[1]
    return printed.split("until ")[1].split()[1]


def _counted(line: str, key: str, counts: dict[str, int], word: str, lang: Lang) -> str:
    """Return ``word`` when ``line`` shows the count of ``key`` with it (``有効 3`` / ``3 current``), else the line."""
    shown = f"{word} {counts[key]}" if lang == "ja" else f"{counts[key]} {word}"
    return word if shown in line else line


def _metrics_evidence(key: str, lang: Lang) -> str:
    counts = {state: 10 + n for n, state in enumerate(vocabulary.EVIDENCE_STATE)} | {"total": 99}
    metrics = dataclasses.replace(RESULT.metrics, evidence=counts)
    line = metrics_command._totals(metrics, lang)[0]
    return _counted(line, key, counts, vocabulary.word(vocabulary.EVIDENCE_STATE[key], lang), lang)


def _metrics_measure(key: str, lang: Lang) -> str:
    counts = {result: 20 + n for n, result in enumerate(vocabulary.MEASURE_RESULT)} | {"total": 98}
    metrics = dataclasses.replace(RESULT.metrics, measures=counts)
    line = metrics_command._totals(metrics, lang)[1]
    return _counted(line, key, counts, vocabulary.word(vocabulary.MEASURE_RESULT[key], lang), lang)


def _classes_sheet(key: str, lang: Lang) -> str:
    rows = {row[0]: row for row in xlsx._evidence_rows(RESULT, lang)}
    return rows[f"class-{key}.txt"][2]


def _trust_cell(key: str, lang: Lang) -> str:
    status = dataclasses.replace(RESULT.assessment.evidence["implemented.txt"], signature=cast(SignatureState, key))
    return xlsx._trust_cell(status, lang)


def _finding(key: str) -> Finding:
    return Finding("rule", Severity(key), "m", "controls/demo/1.1.yaml", message_ja="m")


def _finding_json(key: str) -> FindingJson:
    return {
        "rule": "r",
        "severity": key,
        "path": "p",
        "line": None,
        "column": None,
        "message": "m",
        "message_ja": "m",
        "control": None,
        "framework": None,
    }


def _check_summary(key: str, lang: Lang) -> str:
    """Return the severity's word when the closing line of `isms check` counts it with it, else the line."""
    line = text_report.summary([_finding(key)], lang=lang)
    said = vocabulary.word(vocabulary.SEVERITY[key], lang)
    return said if (f"{said} 1 件" if lang == "ja" else f"1 {said}") in line else line


def _findings_sheet(key: str, lang: Lang) -> str:
    result = dataclasses.replace(RESULT, findings=[_finding(key)])
    return xlsx._finding_rows(result, lang)[0][0]


def _workbook_header(lang: Lang) -> str:
    soa = dataclasses.replace(workbook.build_soa(RESULT, lang), commit="c0ffee", dirty=True)
    commit = dict(soa.header_block())[workbook.label("commit", lang)]
    return commit.removeprefix("c0ffee (").removesuffix(")")


def _metrics_heading(lang: Lang) -> str:
    metrics = dataclasses.replace(RESULT.metrics, commit="c0ffee", uncommitted=("controls/demo/1.1.yaml",))
    heading = metrics_command._heading(metrics, lang)
    said = vocabulary.word(vocabulary.UNCOMMITTED, lang)
    return said if said in heading else heading


def _uncapitalised(said: str, lang: Lang) -> str:
    """Return a capitalised English badge as the word it capitalises (``Overdue`` -> ``overdue``); else as is."""
    return said[0].lower() + said[1:] if lang == "en" and said[:1].isupper() else said


def outputs(lang: Lang) -> dict[str, tuple[dict[str, vocabulary.Words], dict[str, Render], dict[str, Render]]]:
    """Return, per kind: the vocabulary's words, the outputs that show words, and those that show the value."""
    t = Labels(lang)
    statuses = {**vocabulary.STATUS, "undecided": vocabulary.UNDECIDED}
    diff_value: dict[str, Render] = {"diff": lambda k: diff_words.status(k, lang)} if lang == "en" else {}
    diff_state: dict[str, Render] = {"diff": lambda k: diff_words.evidence_state(k, lang)} if lang == "en" else {}
    evidence_list_state: dict[str, Render] = {"evidence list": lambda k: _evidence_list(k, "state", lang)}
    evidence_list_class: dict[str, Render] = {"evidence list": lambda k: _evidence_list(k, "class", lang)}
    return {
        "status": (
            statuses,
            {
                "site": t,
                "workbook": lambda k: workbook.status_word(None if k == "undecided" else cast(Status, k), lang),
                **({"diff": lambda k: diff_words.status(k, lang)} if lang == "ja" else {}),
            },
            diff_value,
        ),
        "applicability": (
            vocabulary.APPLICABLE,
            {
                "site SoA page": lambda k: _site_soa(lang)[k],
                "workbook": lambda k: workbook.applicable_word(k == "yes", lang),
            },
            {},
        ),
        "reason": (
            vocabulary.REASON,
            {"site": t, "workbook": lambda k: _cell(_row(reasons=(cast(Reason, k),)), "reasons", lang)},
            {},
        ),
        "evidence state": (
            vocabulary.EVIDENCE_STATE,
            {
                "site": t,
                "workbook": lambda k: _cell(
                    _row(evidence=(workbook.EvidenceCell("p", "t", k),)), "evidence", lang
                ).removeprefix("t (p): "),
                "metrics text": lambda k: _metrics_evidence(k, lang) if k in METRICS_STATES else None,
                "group site": lambda k: state_word(k, lang),
                **({"diff": lambda k: diff_words.evidence_state(k, lang)} if lang == "ja" else {}),
                **(evidence_list_state if lang == "ja" else {}),
            },
            {**diff_state, **(evidence_list_state if lang == "en" else {})},
        ),
        "class": (
            vocabulary.CLASSIFICATION,
            {
                "site": t,
                "evidence sheet": lambda k: _classes_sheet(k, lang),
                **(evidence_list_class if lang == "ja" else {}),
            },
            evidence_list_class if lang == "en" else {},
        ),
        "signature": (
            vocabulary.SIGNATURE,
            {"site": lambda k: t(f"sig_{k}"), "evidence sheet": lambda k: _trust_cell(k, lang)},
            {},
        ),
        "severity": (
            vocabulary.SEVERITY,
            {
                "site": t,
                "check text": lambda k: text_report.severity(_finding(k), lang),
                "check summary": lambda k: _check_summary(k, lang),
                "findings sheet": lambda k: _findings_sheet(k, lang),
                "diff": lambda k: diff_render._severity(_finding_json(k), lang),
            },
            {},
        ),
        "measure result": (
            vocabulary.MEASURE_RESULT,
            {"site": t, "metrics text": lambda k: _metrics_measure(k, lang)},
            {},
        ),
        "grade": (
            vocabulary.GRADE,
            {
                "site lists": lambda k: t(f"grade_{k}"),
                "site and OSCAL titles": lambda k: GRADE_TITLES[k].get(lang),
                "nonconformities sheet": lambda k: xlsx.nonconformity_words("other", k, "open", lang)[1],
            },
            {},
        ),
        "nonconformity status": (
            vocabulary.NC_STATUS,
            {
                "site": lambda k: t(f"nc-{k}"),
                "nonconformities sheet": lambda k: xlsx.nonconformity_words("other", None, k, lang)[2],
            },
            {},
        ),
        "nonconformity source": (
            vocabulary.NC_SOURCE,
            {
                "site": lambda k: t(f"source_{k}"),
                "nonconformities sheet": lambda k: xlsx.nonconformity_words(k, None, "open", lang)[0],
            },
            {},
        ),
        "entity status": (
            vocabulary.ENTITY_STATUS,
            {
                "group site": lambda k: group_site._Labels(lang)("errors_status" if k == "errors" else k),
                **({"group text": lambda k: group_text.status_word(k, lang)} if lang == "ja" else {}),
            },
            {"group text": lambda k: group_text.status_word(k, lang)} if lang == "en" else {},
        ),
        "overdue": (
            {"overdue": vocabulary.OVERDUE},
            {
                "remind": lambda k: due_render.word(k, lang),
                "group text": lambda k: vocabulary.word(group_text.WORDS[k], lang),
                # the site's badges capitalise the English word (Overdue), as headings do
                "site suppliers": lambda k: _uncapitalised(t("sup-overdue"), lang),
                "site nonconformities": lambda k: _uncapitalised(t("action-overdue"), lang),
                "group site": lambda k: _uncapitalised(group_site._Labels(lang)(k), lang),
            },
            {},
        ),
        "SoA column": (
            vocabulary.SOA_COLUMN,
            {
                "workbook": lambda k: next(c.header(lang) for c in workbook.COLUMNS if c.key == k),
                "site SoA page": lambda k: _site_soa_header(k, lang),
            },
            {},
        ),
        "uncommitted": (
            {"dirty": vocabulary.UNCOMMITTED},
            {"site": t, "workbook": lambda k: _workbook_header(lang), "metrics text": lambda k: _metrics_heading(lang)},
            {},
        ),
    }


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_output_says_the_vocabulary_word(lang: Lang) -> None:
    drifts = []
    rendered = 0
    for kind, (words, shown, valued) in outputs(lang).items():
        for key, pair in words.items():
            for output, render in shown.items():
                said = render(key)
                rendered += said is not None
                if said is not None and said != vocabulary.word(pair, lang):
                    drifts.append(
                        f"{kind} {key!r}: {output} says {said!r}, isms.vocabulary {vocabulary.word(pair, lang)!r}"
                    )
            for output, render in valued.items():
                rendered += 1
                if render(key) != key:
                    drifts.append(f"{kind} {key!r}: {output} says {render(key)!r}, not the JSON value")
    assert rendered > 100
    assert not drifts, "\n".join(drifts)


def test_oscal_says_the_vocabulary_values() -> None:
    """OSCAL's properties are the JSON values: each is a key of `isms.vocabulary`."""
    document = build_assessment_results(RESULT, "en")
    props: dict[str, set[str]] = {}
    statuses: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "name" in node and "value" in node:
                props.setdefault(str(node["name"]), set()).add(str(node["value"]))
            if isinstance(node.get("implementation-status"), dict):
                statuses.add(str(node["implementation-status"]["state"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    assert props["evidence-state"] <= set(vocabulary.EVIDENCE_STATE)
    assert props["evidence-signature"] <= set(vocabulary.SIGNATURE)
    assert statuses == set(vocabulary.STATUS)
    assert props["evidence-class"] == set(CLASSES) <= set(vocabulary.CLASSIFICATION)


def test_the_site_has_no_word_of_its_own_for_a_shared_key() -> None:
    """A word `isms.vocabulary` holds is not also in the site's own table (where it could drift again)."""
    assert not set(labels._OWN) & set(labels.SHARED)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_importers_read_back_every_word_the_outputs_write(lang: Lang) -> None:
    """A sheet `isms soa` or the site wrote imports again: the importers know each written word."""
    for key, pair in vocabulary.STATUS.items():
        assert import_words.status_of(vocabulary.word(pair, lang)) == key
    for key, pair in vocabulary.APPLICABLE.items():
        assert import_words.applicable_of(vocabulary.word(pair, lang)) is (key == "yes")
    for key, pair in vocabulary.REASON.items():
        assert import_words.reasons_of(vocabulary.word(pair, lang)) == ([key], [])
    for key, pair in vocabulary.GRADE.items():
        assert nc_words.GRADE_BY_WORD[import_words.normalize(vocabulary.word(pair, lang))] == key
    sources = dict(nc_words.SOURCE_WORDS)
    for key, pair in vocabulary.NC_SOURCE.items():
        assert sources[import_words.normalize(vocabulary.word(pair, lang))] == key


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_site_soa_page_lists_reasons_as_the_workbook_does(lang: Lang) -> None:
    cell = _cell(_row(reasons=("risk", "legal")), "reasons", lang)
    assert cell == ("リスク対応、法令・規制" if lang == "ja" else "Risk treatment, Legal or regulatory")
    label = vocabulary.word(vocabulary.SOA_COLUMN["reasons"], lang)
    assert f'<div class="isms-small">{label}: {cell}</div>' in _site_soa_page(lang)
