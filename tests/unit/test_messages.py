"""Every finding speaks Japanese and English: the Japanese edition of the site shows only Japanese messages.

Two halves (issue 20):

* rendered: the findings of every bad-input case of tests/data/invalid and of the example checked at two
  dates are rendered as the site renders them (``Context.finding_row``), in both editions; the Japanese
  message must be Japanese and not the English one;
* written: every place in src/isms that makes a finding (``Finding(...)``, ``on_control(...)``, the
  loader's ``error(...)``) passes a Japanese message, and every rule of the catalogue (isms/rules.py)
  is made somewhere, so a rule no fixture reaches is still held to both languages.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import CATALOG, CONFIG, GUIDELINES, REVIEW, TRAINING, sha256_hex, write_repo
from isms import api
from isms.findings import Finding
from isms.rules import RULES
from isms.site.pages.common import Context
from unit.loader.test_cases import INVALID, materialise

SRC = Path(__file__).resolve().parents[2] / "src" / "isms"
EXAMPLE = Path(__file__).resolve().parents[2]
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
#: The callables that make a finding, and where their Japanese message goes (keyword, or position).
MAKERS = {"Finding": ("message_ja", None), "on_control": ("message_ja", 5), "error": ("ja", None)}


#: A repository with one defect of each kind the checks of controls, evidence and policies report.
DEFECTS: dict[str, str | bytes] = {
    "isms.yaml": CONFIG + "review_interval: 1y\n",
    "catalogs/demo.yaml": CATALOG,
    "catalogs/demo-g.yaml": GUIDELINES,
    "controls/demo/1.1.yaml": (
        "status: implemented\nreview: {last: 2020-06-01}\nevidence:\n  - hr/training.csv\n  - access/review.md\n"
    ),
    "controls/demo/1.2.yaml": "status: planned\nowner: ciso\ndue: 2026-03-31\n",
    "controls/demo/1.3.yaml": "status: not-applicable\nowner: ciso\n",
    "controls/demo-g/G1.yaml": "status: implemented\nowner: ciso\n",
    "evidence/hr/training.csv": TRAINING,
    "evidence/hr/stray.csv": b"a,b\n",
    "evidence/hr/evidence.yaml": (
        "evidence:\n  - {path: training.csv, title: 研修記録, date: 2026-06-30, valid_for: 1y}\n"
    ),
    "evidence/access/review.md": REVIEW,
    "evidence/access/evidence.yaml": (
        "evidence:\n  - {path: review.md, title: アクセスレビュー, date: 2025-01-30, valid_for: 6m, "
        f"sha256: {sha256_hex(b'other')}}}\n"
    ),
    "policies/security.yaml": (
        "title: 方針\nversion: '1'\nowner: ciso\napproved: {by: 社長, date: 2026-01-10}\n"
        "review: {last: 2020-01-01}\nstatements:\n  - {id: P-1, text: 何か}\n"
    ),
}


def _japanese(finding: Finding) -> None:
    where = f"{finding.rule} at {finding.location.format()}"
    assert JAPANESE.search(finding.message_ja), f"{where}: the Japanese message is not Japanese: {finding.message_ja}"
    assert finding.message_ja != finding.message, f"{where}: the Japanese message is the English one"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Finding]:
    """Return one finding of every rule the fixtures reach, by rule."""
    seen: dict[str, Finding] = {}
    tmp = tmp_path_factory.mktemp("cases")
    for case in INVALID:
        for finding in api.load_repository(materialise(case, tmp / case.name)).findings:
            seen.setdefault(finding.rule, finding)
    for day in (dt.date(2026, 11, 26), dt.date(2028, 6, 1)):
        for finding in api.check(EXAMPLE, day):
            seen.setdefault(finding.rule, finding)
    for finding in api.check(write_repo(tmp / "defects", DEFECTS), dt.date(2026, 11, 26)):
        seen.setdefault(finding.rule, finding)
    return seen


def test_every_finding_the_fixtures_make_renders_in_both_editions(corpus: dict[str, Finding]) -> None:
    made = {
        "control-no-owner",
        "control-due-passed",
        "justification-missing",
        "evidence-unhashed",
        "statement-unlinked",
    }
    assert made <= corpus.keys()
    assert len(corpus) >= 55  # the fixtures reach more than half of the catalogue; the rest is held below
    evaluation = api.evaluate(EXAMPLE, dt.date(2026, 11, 26))
    ja, en = Context(evaluation, "ja"), Context(evaluation, "en")
    for finding in corpus.values():
        _japanese(finding)
        assert ja.finding_row(finding).message == finding.message_ja
        assert en.finding_row(finding).message == finding.message
        assert not JAPANESE.search(finding.message), f"{finding.rule}: the English message has Japanese in it"


def _calls() -> Iterator[tuple[str, ast.Call]]:
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MAKERS:
                yield f"{path.relative_to(SRC)}:{node.lineno}", node


def _ja_argument(call: ast.Call) -> ast.expr | None:
    keyword, position = MAKERS[call.func.id] if isinstance(call.func, ast.Name) else ("", None)
    for given in call.keywords:
        if given.arg == keyword:
            return given.value
    return call.args[position] if position is not None and len(call.args) > position else None


def _literal_text(node: ast.expr | None) -> str | None:
    """Return the literal parts of a string or f-string, or None when the value is computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value for part in node.values if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
    return None


def test_every_place_that_makes_a_finding_writes_japanese() -> None:
    makers = list(_calls())
    assert len(makers) > 120
    for where, call in makers:
        if isinstance(call.func, ast.Name) and call.func.id == "Finding" and where.startswith("findings.py"):
            continue
        ja = _ja_argument(call)
        assert ja is not None, f"{where}: a finding without a Japanese message"
        text = _literal_text(ja)
        if isinstance(ja, ast.JoinedStr) and text is not None and not re.search("[A-Za-z]", text):
            text = None  # `f"{supplier.id}: {ja}"`: a helper passing a Japanese message through
        if text is not None:
            assert JAPANESE.search(text), f"{where}: the Japanese message has no Japanese: {text!r}"
            english = _literal_text(call.args[2] if len(call.args) > 2 else None)
            assert text != english, f"{where}: the Japanese message is the English one"


def test_every_rule_of_the_catalogue_is_made_somewhere() -> None:
    written = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py") if p.name != "rules.py")
    unmade = [rule for rule in RULES if f'"{rule}"' not in written]
    assert unmade == []
    for rule, meta in RULES.items():
        assert JAPANESE.search(meta.ja), rule
        assert meta.ja != meta.en, rule
