"""The YAML loader: the C parser, YAML 1.2 scalars, dates as strings, refused aliases, positions."""

from __future__ import annotations

import copy
import importlib
import pickle
from typing import Any

import pytest
from ruamel.yaml import YAML
from ruamel.yaml import main as ruamel_main
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from isms.findings import Finding, Severity
from isms.loader import documents, positions, yaml_dialect, yaml_findings
from isms.loader import yaml as loader
from isms.model.catalog import CatalogDoc
from isms.model.config import ConfigDoc
from isms.model.control import ControlDoc


def round_trip(text: str) -> Any:
    """Parse like `positions` does, keeping line and column of every node."""
    return YAML(typ="rt").load(text)


# --- the C parser -------------------------------------------------------------------------


def test_the_c_parser_is_used() -> None:
    clib = importlib.import_module("_ruamel_yaml")  # the extension module of ruamel.yaml.clib
    assert loader.uses_c_parser() is True
    assert yaml_dialect.fast_yaml().Parser is clib.CParser
    assert clib.CParser.__module__ == "ruamel.yaml.clib._ruamel_yaml"


def test_parsing_really_goes_through_the_c_parser() -> None:
    # libyaml and ruamel's Python scanner word this error differently: the message proves who parsed.
    with pytest.raises(MarkedYAMLError) as caught:
        yaml_dialect.fast_yaml().load("a:\n\tb: 1\n")
    assert caught.value.problem == "found character that cannot start any token"
    with pytest.raises(MarkedYAMLError) as pure:
        YAML(typ="safe", pure=True).load("a:\n\tb: 1\n")
    assert pure.value.problem != caught.value.problem


def test_uses_c_parser_is_false_for_the_pure_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_dialect, "fast_yaml", lambda: YAML(typ="safe", pure=True))
    assert loader.uses_c_parser() is False


def test_uses_c_parser_is_false_without_the_extension(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ruamel_main, "CParser", None)
    assert loader.uses_c_parser() is False


# --- YAML 1.2 scalars ---------------------------------------------------------------------


def test_yaml_1_2_scalars() -> None:
    loaded = loader.parse(
        "a: yes\nb: NO\nc: on\nd: 017\ne: 0o17\nf: true\ng: ~\nh: 1.10\ni: '017'\n",
        "x.yaml",
    )
    assert loaded.findings == ()
    data = loaded.data
    assert data["a"] == "yes"
    assert data["b"] == "NO"
    assert data["c"] == "on"
    assert data["d"] == 17  # YAML 1.2: a decimal, not the octal 15 of YAML 1.1
    assert data["d"].written == "017"
    assert data["e"] == 15
    assert data["f"] is True
    assert data["g"] is None
    assert data["h"] == 1.1
    assert data["h"].written == "1.10"
    assert data["i"] == "017"
    assert [type(data[k]) for k in "abci"] == [str, str, str, str]


def test_numbers_stay_as_written_where_text_is_expected() -> None:
    text = (
        "framework: {id: demo, name: Demo, version: 1.10}\n"
        "requirements:\n"
        "  - id: 017\n"
        "    title: 2026\n"
        "    maps_to: [017]\n"
        "    attributes: {007: [x]}\n"
    )
    doc, findings = documents.validate(CatalogDoc, loader.parse(text, "c.yaml").data, "c.yaml")
    assert findings == []
    assert doc is not None
    assert doc.framework.version == "1.10"
    requirement = doc.requirements[0]
    assert requirement.id == "017"
    assert requirement.title.ja == "2026"
    assert requirement.maps_to == ["017"]
    assert requirement.attributes == {"007": ["x"]}


def test_yes_is_not_a_boolean_and_zero_is_not_a_date() -> None:
    data = loader.parse("status: implemented\nreview: {last: 0}\n", "c.yaml").data
    doc, findings = documents.validate(ControlDoc, data, "c.yaml")
    assert doc is None
    assert [(f.rule, f.pointer) for f in findings] == [("invalid-value", ("review", "last"))]
    data = loader.parse("framework: {id: d, name: D, version: '1'}\nrequirements: [{id: a, title: A, new: yes}]\n", "")
    catalog, findings = documents.validate(CatalogDoc, data.data, "c.yaml")
    assert catalog is None
    assert [f.message for f in findings] == ["`requirements[0].new` must be true or false (got 'yes')"]


# --- dates --------------------------------------------------------------------------------


def test_dates_stay_strings() -> None:
    loaded = loader.parse("a: 2026-01-15\nb: 2026-13-45\nc: 2026-01-15T09:00:00Z\nd: [2026-02-30]\n", "x.yaml")
    assert loaded.findings == ()
    assert loaded.data == {"a": "2026-01-15", "b": "2026-13-45", "c": "2026-01-15T09:00:00Z", "d": ["2026-02-30"]}
    assert all(isinstance(v, str) for v in (loaded.data["a"], loaded.data["b"], loaded.data["c"]))


def test_a_bad_date_is_a_finding_with_a_place() -> None:
    text = "status: planned\ndue: 2026-13-45\n"
    doc, findings = documents.validate(ControlDoc, loader.parse(text, "c.yaml").data, "c.yaml")
    assert doc is None
    placed = positions.resolve(findings, {"c.yaml": text})
    assert [(f.line, f.column, f.rule) for f in placed] == [(2, 6, "invalid-value")]


# --- aliases, duplicates, encodings, empty files ------------------------------------------


def test_aliases_are_refused() -> None:
    loaded = loader.parse("a: &x [1, 2]\nb: *x\n", "x.yaml")
    assert loaded.data is None
    assert [(f.rule, f.line, f.column) for f in loaded.findings] == [("yaml-alias", 2, 4)]
    assert "`*x`" in loaded.findings[0].message


def test_billion_laughs_is_refused_before_it_is_expanded() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 10)]
    loaded = loader.parse("\n".join(lines) + "\n", "x.yaml")
    assert loaded.data is None
    assert [(f.rule, f.line, f.column) for f in loaded.findings] == [("yaml-alias", 2, 10)]


def test_anchors_without_aliases_and_stars_in_text_are_fine() -> None:
    loaded = loader.parse("a: &x 1\nb: '*x'\nc: \"*.csv\"\n", "x.yaml")
    assert loaded.findings == ()
    assert loaded.data == {"a": 1, "b": "*x", "c": "*.csv"}


def test_duplicate_keys_are_refused() -> None:
    loaded = loader.parse("a: 1\nb: 2\na: 3\n", "x.yaml")
    assert [(f.rule, f.line, f.column) for f in loaded.findings] == [("yaml-duplicate-key", 3, 1)]
    assert loaded.findings[0].message_ja == (
        'キー a が重複しています（YAML パーサーの説明: found duplicate key "a" with value "3" (original value: "1")）。'
        "1つのマッピングで同じキーは1回だけです。どちらかを削除するか名前を変えてください"
    )


def test_where_the_unclosed_part_started_is_said_in_japanese_too() -> None:
    (finding,) = loader.parse("status: implemented\nowner: [ciso\nimplementation: text\n", "x.yaml").findings
    assert (finding.rule, finding.line, finding.column) == ("yaml-syntax", 3, 15)
    assert finding.message == (
        "invalid YAML: did not find expected ',' or ']' while parsing a flow sequence started at line 2, column 8; "
        "fix the syntax here"
    )
    assert finding.message_ja == (
        "YAML の構文エラーです（YAML パーサーの説明: did not find expected ',' or ']' while parsing a flow sequence）。"
        "2 行 8 列から始まる部分を読んでいる途中です。ここの構文を直してください"
    )
    (plain,) = loader.parse("a: 1\n b: 2\n", "x.yaml").findings
    assert plain.message_ja == (
        "YAML の構文エラーです（YAML パーサーの説明: mapping values are not allowed in this context）。"
        "ここの構文を直してください"
    )


def test_a_parser_error_without_a_place_is_labelled_in_japanese() -> None:
    finding = yaml_findings.syntax_finding(YAMLError("unacceptable\n  thing"), "x.yaml", "")
    assert (finding.line, finding.message) == (1, "invalid YAML: unacceptable thing; fix the syntax")
    assert finding.message_ja == (
        "YAML の構文エラーです（YAML パーサーの説明: unacceptable thing）。構文を直してください"
    )


def test_tabs_are_named() -> None:
    loaded = loader.parse("a:\n  b: 1\n\tc: 2\n", "x.yaml")
    assert [(f.rule, f.line, f.column) for f in loaded.findings] == [("yaml-syntax", 3, 1)]
    assert "indent with spaces, not tabs" in loaded.findings[0].message


def test_shift_jis_is_refused_at_its_first_bad_byte() -> None:
    loaded = loader.load_bytes("a: 1\nb: 日本\n".encode("shift_jis"), "x.yaml")
    assert loaded.data is None
    (finding,) = loaded.findings
    assert (finding.rule, finding.line, finding.column) == ("encoding", 2, 4)
    assert "save it as UTF-8" in finding.message


def test_a_utf8_bom_is_dropped() -> None:
    loaded = loader.load_bytes("\ufeffa: 日本\n".encode(), "x.yaml")
    assert loaded.findings == ()
    assert loaded.data == {"a": "日本"}
    assert not loaded.text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"\n  \n", "file is empty"),
        (b"# only\n# comments\n", "file has only comments"),
        (b"---\n~\n", "file holds no data (only `null`)"),
    ],
)
def test_empty_files(content: bytes, message: str) -> None:
    loaded = loader.load_bytes(content, "x.yaml")
    (finding,) = loaded.findings
    assert (finding.rule, finding.line, finding.column) == ("empty-file", 1, 1)
    assert finding.message.startswith(message)


# --- positions ----------------------------------------------------------------------------

CONTROL = """\
status: implemented
evidence:
  - a.csv
  - b.csv
measures:
  - id: m1
    title: One
    data: [a.csv]
    compute:
      count:
        where: {done: yes}
    target: ">= 1"
"""


@pytest.mark.parametrize(
    ("pointer", "where"),
    [
        ((), (1, 1)),
        (("status",), (1, 9)),
        (("evidence",), (3, 3)),
        (("evidence", 1), (4, 5)),
        (("measures", 0), (6, 5)),
        (("measures", 0, "data", 0), (8, 12)),
        (("measures", 0, "compute", "count", "where", "done"), (11, 23)),
        (("measures", 0, "target"), (12, 13)),
        # the deepest node that exists: a missing key is reported at its mapping
        (("measures", 0, "compute", "ratio"), (10, 7)),
        (("evidence", 9), (3, 3)),
    ],
)
def test_locate_nested_pointers(pointer: tuple[str | int, ...], where: tuple[int, int]) -> None:
    assert positions.locate(round_trip(CONTROL), pointer) == where


def test_locate_a_key() -> None:
    document = round_trip(CONTROL)
    assert positions.locate(document, ("measures", 0, "compute", "count"), key=True) == (10, 7)
    assert positions.locate(document, ("measures", 0, "compute", "count")) == (11, 9)


def test_resolve_places_findings_and_keeps_placed_ones() -> None:
    findings = [
        Finding("unknown-key", Severity.ERROR, "m", "c.yaml", pointer=("measures", 0, "title"), message_ja="m"),
        Finding("invalid-value", Severity.ERROR, "m", "c.yaml", pointer=("measures", 0, "title"), message_ja="m"),
        Finding("yaml-syntax", Severity.ERROR, "m", "c.yaml", line=3, column=4, message_ja="m"),
        Finding("path-escape", Severity.ERROR, "m", "other.csv", message_ja="m"),
    ]
    placed = positions.resolve(findings, {"c.yaml": CONTROL})
    assert [(f.line, f.column) for f in placed] == [(7, 5), (7, 12), (3, 4), (None, None)]


def test_resolve_places_findings_on_a_scalar_document() -> None:
    finding = Finding("invalid-value", Severity.ERROR, "m", "isms.yaml", pointer=(), message_ja="m")
    (placed,) = positions.resolve([finding], {"isms.yaml": "# config\n---\n  just text\n"})
    assert (placed.line, placed.column) == (3, 3)


def test_unknown_key_in_a_mapping_of_models_gets_a_suggestion() -> None:
    text = "organisation: Demo\nowners:\n  ciso: {nmae: CISO}\n"
    doc, findings = documents.validate(ConfigDoc, loader.parse(text, "isms.yaml").data, "isms.yaml")
    assert doc is None
    messages = {f.message for f in findings}
    assert "unknown key `owners.ciso.nmae`; did you mean `name`?" in messages
    placed = positions.resolve(findings, {"isms.yaml": text})
    assert ("unknown-key", 3, 10) in {(f.rule, f.line, f.column) for f in placed}


# --- hostile input ------------------------------------------------------------------------


def test_a_control_character_is_placed_and_the_message_is_one_line() -> None:
    loaded = loader.parse("a: 1\nb: x\x00y\n", "x.yaml")
    (finding,) = loaded.findings
    assert (finding.rule, finding.line, finding.column) == ("yaml-syntax", 2, 5)
    assert "\n" not in finding.message
    assert "#x0000" in finding.message


def test_a_number_too_long_for_python_stays_text() -> None:
    loaded = loader.parse("a: " + "9" * 5000 + "\n", "x.yaml")
    assert loaded.findings == ()
    assert loaded.data == {"a": "9" * 5000}


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * (loader.MAX_DEPTH + 1) + "]" * (loader.MAX_DEPTH + 1) + "\n",
        "".join("  " * i + f"k{i}:\n" for i in range(loader.MAX_DEPTH + 1)) + "  " * (loader.MAX_DEPTH + 1) + "x: 1\n",
        "a: " + "[" * 5000 + "]" * 5000 + "\n",
    ],
    ids=["flow", "block", "very-deep"],
)
def test_deep_nesting_is_refused(text: str) -> None:
    loaded = loader.parse(text, "x.yaml")
    assert loaded.data is None
    (finding,) = loaded.findings
    assert (finding.rule, finding.line, finding.column) == ("yaml-syntax", 1, 1)
    assert "levels deep" in finding.message


def test_nesting_up_to_the_limit_is_read() -> None:
    depth = loader.MAX_DEPTH
    loaded = loader.parse("[" * depth + "]" * depth + "\n", "x.yaml")
    assert loaded.findings == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1: x\nstatus: planned\n", ("unknown-key", 1, 1, "unknown key `1`; allowed here: status, owner")),
        ("~: x\nstatus: planned\n", ("unknown-key", 1, 1, "key null at the top of the document is not text")),
        ("status: planned\nreview: {true: 1}\n", ("unknown-key", 2, 10, "key true in `review` is not text")),
    ],
    ids=["number", "null", "boolean"],
)
def test_keys_that_are_not_text(text: str, expected: tuple[str, int, int, str]) -> None:
    doc, findings = documents.validate(ControlDoc, loader.parse(text, "c.yaml").data, "c.yaml")
    assert doc is None
    (finding,) = positions.resolve(findings, {"c.yaml": text})
    rule, line, column, message = expected
    assert (finding.rule, finding.line, finding.column) == (rule, line, column)
    assert finding.message.startswith(message)


def test_numbers_keep_their_text_through_copy_and_pickle() -> None:
    data = loader.parse("a: 017\nb: 1.10\n", "x.yaml").data
    for again in (copy.deepcopy(data), pickle.loads(pickle.dumps(data))):  # noqa: S301 - our own bytes
        assert again == {"a": 17, "b": 1.1}
        assert (again["a"].written, again["b"].written) == ("017", "1.10")


@pytest.mark.parametrize(
    ("text", "where"),
    [("a: 1\n? -\n  - - nested\n    - list\n", (2, 3)), ("? [[a]]\n: 1\n", (1, 3))],
    ids=["block", "flow"],
)
def test_a_key_of_lists_in_a_list_is_a_finding_not_a_traceback(text: str, where: tuple[int, int]) -> None:
    (finding,) = loader.parse(text, "f.yaml").findings  # ruamel itself raises TypeError on these
    assert (finding.rule, finding.line, finding.column) == ("yaml-syntax", *where)
    assert "found unhashable key" in finding.message


@pytest.mark.parametrize(
    "text",
    ["1: a\n'1': b\n", "x:\n  true: 1\n  'true': 2\n"],
    ids=["top", "nested"],
)
def test_keys_written_alike_are_read_by_ruamel_and_get_no_outline(text: str) -> None:
    loaded = loader.parse(text, "f.yaml")
    assert loaded.outline is None  # positions leave such files to round-trip mode
    assert loaded.findings == ()
