"""Every finding speaks Japanese and English: the Japanese edition of the site shows only Japanese messages.

Two halves (issue 20):

* rendered: the findings of every bad-input case of tests/data/invalid and of the example checked at two
  dates are rendered as the site renders them (``Context.finding_row``), in both editions; the Japanese
  message must be Japanese and not the English one, and say everything the English says: the same
  backticked commands, ids, paths and keys, dates, percentages and numbers with a unit (``missing_in_ja``);
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
from isms.commands.summaries import PHRASES as SUMMARIES
from isms.diff.words import PHRASES
from isms.findings import Finding
from isms.group.text import WORDS as GROUP_WORDS
from isms.rules import RULES
from isms.site.pages.common import Context
from isms.site.serve import PROGRESS
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


#: `` `x` `` in an English message: a command, id, path, key or value the Japanese must name too.
TICKED = re.compile(r"`([^`]+)`")
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?%")
#: A number with a unit: `6m`, `1y`, `30 days`, `3 commits`...
WITH_UNIT = re.compile(
    r"\b(\d+(?:\.\d+)?)\s?(?:[dwmy]|days?|weeks?|months?|years?|commits?|bytes?|KB|MB|items?|files?|rows?|lines?)\b"
)
#: Deliberate exception: a record's own title (an action's `title:` of `ja` and `en`) is backticked in the
#: English and shown in its Japanese text in the Japanese (`corrective action `Set up the fallback site``).
TITLE = re.compile(r"^[A-Z][a-z]+(?: [\w'-]+){2,}$")


def missing_in_ja(english: str, japanese: str) -> list[str]:
    """Return what the English message says that the Japanese one does not.

    Every backticked span (a command such as `isms evidence refresh`, an id, a path, a key) must be in
    the Japanese, with or without its backticks (a key's trailing colon may go: `scope:` as scope);
    every date, percentage and number with a unit too. A backticked title is the exception (TITLE).
    """
    missing = []
    for span in TICKED.findall(english):
        wanted = span if span.startswith("isms ") else span.rstrip(":") or span
        if wanted not in japanese and not TITLE.match(span):
            missing.append(f"`{span}`")
    missing += [day for day in DATE.findall(english) if day not in japanese]
    missing += [f"{n}%" for n in PERCENT.findall(english) if not re.search(re.escape(n) + r"\s?%", japanese)]
    missing += [n for n in WITH_UNIT.findall(english) if not re.search(rf"(?<![\d.]){re.escape(n)}(?![\d.])", japanese)]
    return missing


def test_the_parity_check_catches_what_a_japanese_message_drops() -> None:
    english = (
        "evidence `ops/patch.csv` (dated 2025-06-01) expired on 2026-06-01 after 1y; 5.8 % is below "
        "the target; run `isms evidence refresh`"
    )
    assert missing_in_ja(english, "証跡 ops/patch.csv の有効期限が切れています（2026-06-01）") == [
        "`isms evidence refresh`",
        "2025-06-01",
        "5.8%",
        "1",
    ]
    assert (
        missing_in_ja(
            english, "証跡 ops/patch.csv（2025-06-01 付、1y）は 2026-06-01 に切れ、5.8 % です。isms evidence refresh"
        )
        == []
    )
    assert missing_in_ja("action `Set up the fallback site` of `scope:`", "処置「代替拠点の整備」の scope") == []


def _japanese(finding: Finding) -> None:
    where = f"{finding.rule} at {finding.location.format()}"
    assert JAPANESE.search(finding.message_ja), f"{where}: the Japanese message is not Japanese: {finding.message_ja}"
    assert finding.message_ja != finding.message, f"{where}: the Japanese message is the English one"


@pytest.fixture(scope="module")
def every_finding(tmp_path_factory: pytest.TempPathFactory) -> list[Finding]:
    """Return every finding of the bad-input cases, the example at two dates and DEFECTS."""
    found: list[Finding] = []
    tmp = tmp_path_factory.mktemp("cases")
    for case in INVALID:
        found += api.load_repository(materialise(case, tmp / case.name)).findings
    for day in (dt.date(2026, 11, 26), dt.date(2028, 6, 1)):
        found += api.check(EXAMPLE, day)
    found += api.check(write_repo(tmp / "defects", DEFECTS), dt.date(2026, 11, 26))
    return found


@pytest.fixture(scope="module")
def corpus(every_finding: list[Finding]) -> dict[str, Finding]:
    """Return one finding of every rule the fixtures reach, by rule."""
    seen: dict[str, Finding] = {}
    for finding in every_finding:
        seen.setdefault(finding.rule, finding)
    return seen


def test_every_japanese_message_says_what_the_english_says(every_finding: list[Finding]) -> None:
    assert len(every_finding) > 200
    dropped = {
        f"{f.rule} at {f.location.format()}: {missing}\n  en: {f.message}\n  ja: {f.message_ja}"
        for f in every_finding
        if (missing := missing_in_ja(f.message, f.message_ja))
    }
    assert sorted(dropped) == []


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


#: Where each maker takes its English message.
ENGLISH_AT = {"Finding": 2, "on_control": 3, "error": 1}


def _template(node: ast.expr | None) -> str | None:
    """Return a string or f-string as written, its placeholders as ``{expression}``; None when computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(part.value) if isinstance(part, ast.Constant) else ast.unparse(part) for part in node.values)
    return None


def test_every_message_written_in_both_languages_says_the_same_in_both() -> None:
    """Where both messages are written at the call, the Japanese names what the English names (same placeholders)."""
    compared = 0
    for where, call in _calls():
        name = call.func.id if isinstance(call.func, ast.Name) else ""
        position = ENGLISH_AT[name]
        english = _template(call.args[position] if len(call.args) > position else None)
        japanese = _template(_ja_argument(call))
        if english is None or japanese is None:
            continue
        compared += 1
        assert missing_in_ja(english, japanese) == [], f"{where}: {english!r} / {japanese!r}"
    assert compared > 70


def test_every_rule_of_the_catalogue_is_made_somewhere() -> None:
    written = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py") if p.name != "rules.py")
    unmade = [rule for rule in RULES if f'"{rule}"' not in written]
    assert unmade == []
    for rule, meta in RULES.items():
        assert JAPANESE.search(meta.ja), rule
        assert meta.ja != meta.en, rule


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _pairs() -> Iterator[tuple[str, str, str]]:
    """Yield ``(where, ja, en)`` for every phrase pair of the CLI's own texts outside findings."""
    for key, (ja, en) in PHRASES.items():
        yield f"diff.words:{key}", ja, en
    for key, (ja, en) in SUMMARIES.items():
        yield f"commands.summaries:{key}", ja, en
    for key, (ja, en) in PROGRESS.items():
        yield f"site.serve:{key}", ja, en
    for key, (ja, en) in GROUP_WORDS.items():
        yield f"group.text:{key}", ja, en
    # what an edit did (`plan.messages.append((ja, en))`), what the recovery of an interrupted edit did
    for name in ("edit/evidence.py", "edit/links.py", "edit/transaction.py"):
        for node in ast.walk(ast.parse((SRC / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append":
                said = node.args[0] if node.args else None
                if isinstance(said, ast.Tuple) and len(said.elts) == 2:
                    written_ja, written_en = (_template(element) for element in said.elts)
                    if written_ja is not None and written_en is not None:
                        yield f"{name}:{node.lineno}", written_ja, written_en


def test_every_cli_phrase_pair_says_the_same_in_both_languages() -> None:
    pairs = list(_pairs())
    assert len(pairs) >= 90
    for where, ja, en in pairs:
        assert sorted(PLACEHOLDER.findall(ja)) == sorted(PLACEHOLDER.findall(en)), where
        assert missing_in_ja(en, ja) == [], f"{where}: {en!r} / {ja!r}"
        assert not JAPANESE.search(en), where
        if re.search("[A-Za-z]", PLACEHOLDER.sub("", en).replace("SHA-256", "").replace("ISMS", "")):
            assert JAPANESE.search(ja), f"{where}: the Japanese is not Japanese: {ja!r}"


#: The expected failures (isms/errors.py and their subclasses) a CLI user reads.
ERRORS = {"IsmsError", "UsageError", "SourceError", "SshKeygenMissing", "ArtefactError", "EngineError"}
#: Lower-layer failures whose reason a finding or error quotes: their Japanese is the second argument.
REASONS = {"DataError", "FileRefused"}
#: Places that raise an error without a Japanese message yet (a message built from parts elsewhere).
NOT_YET: set[str] = set()


def _assigned(function: ast.AST, name: str, before: int) -> ast.expr | None:
    """Return the last value assigned to ``name`` in ``function`` before line ``before``."""
    assigned = [
        (node.lineno, node.value)
        for node in ast.walk(function)
        if isinstance(node, ast.Assign)
        and node.lineno < before
        and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
    ]
    return max(assigned, key=lambda pair: pair[0])[1] if assigned else None


def _raisers() -> Iterator[tuple[str, ast.Call, ast.AST]]:
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ERRORS | REASONS:
                    yield f"{path.relative_to(SRC)}:{node.lineno}", node, function


def test_every_error_a_user_reads_is_written_in_japanese_too() -> None:
    compared = 0
    for where, call, function in _raisers():
        ja = next((k.value for k in call.keywords if k.arg == "ja"), None)
        if isinstance(call.func, ast.Name) and call.func.id in REASONS and len(call.args) > 1:
            ja = call.args[1]
        if ja is None:
            assert where.split(":")[0] in NOT_YET, f"{where}: an error without a Japanese message (ja=)"
            continue
        english = call.args[0] if call.args else None
        if isinstance(english, ast.Name):
            english = _assigned(function, english.id, call.lineno)
        if isinstance(ja, ast.Name):
            ja = _assigned(function, ja.id, call.lineno)
        en_text, ja_text = _template(english), _template(ja)
        if en_text is None or ja_text is None:
            continue  # computed (`refusal_ja(mode)`, `"\n".join(problems)`): held where it is made
        passed_on = ja_text.replace("{exc.message_ja}", "")  # a lower layer's Japanese, passed on
        assert JAPANESE.search(ja_text) or not re.search("[A-Za-z]", re.sub(r"\{[^{}]*\}", "", passed_on)), where
        compared += 1
        placeholders = re.compile(r"\{([^{}]+)\}")
        japanese_names = {re.sub(r"(\.message_ja|_JA|_ja)$", "", name) for name in placeholders.findall(ja_text)}
        assert sorted(set(placeholders.findall(en_text))) == sorted(japanese_names), where
        assert missing_in_ja(en_text, ja_text) == [], f"{where}: {en_text!r} / {ja_text!r}"
    assert compared > 80


def _import_problems() -> Iterator[tuple[str, ast.expr | None, ast.expr | None, ast.AST]]:
    """Yield every import problem made in isms/importing: ``(where, english, japanese, function)``."""
    for path in sorted((SRC / "importing").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                if not isinstance(node, ast.Call):
                    continue
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                at = {"Problem": (1, 3), "refuse": (1, 2), "_fail": (1, 2), "error": (2, None)}.get(name)
                if at is None or (name == "error" and not isinstance(node.func, ast.Attribute)):
                    continue
                english = node.args[at[0]] if len(node.args) > at[0] else None
                japanese = next((k.value for k in node.keywords if k.arg in ("ja", "message_ja")), None)
                if japanese is None and at[1] is not None and len(node.args) > at[1]:
                    japanese = node.args[at[1]]
                yield f"importing/{path.name}:{node.lineno}", english, japanese, function


def test_every_import_problem_written_in_japanese_says_the_same() -> None:
    compared = 0
    for where, written_en, written_ja, function in _import_problems():
        assert written_ja is not None, f"{where}: an import problem without a Japanese message"
        english: ast.expr | None = written_en
        japanese: ast.expr | None = written_ja
        if isinstance(english, ast.Name):
            english = _assigned(function, english.id, english.lineno + 1)
        if isinstance(japanese, ast.Name):
            japanese = _assigned(function, japanese.id, japanese.lineno + 1)
        en_text, ja_text = _template(english), _template(japanese)
        if en_text is None or ja_text is None:
            continue
        compared += 1
        passed_on = not re.search("[A-Za-z]", re.sub(r"\{[^{}]*\}", "", ja_text))  # a finding's own Japanese
        assert JAPANESE.search(ja_text) or passed_on, where
        assert missing_in_ja(en_text, ja_text) == [], f"{where}: {en_text!r} / {ja_text!r}"
    assert compared >= 40
