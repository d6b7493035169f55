"""`isms schema`: draft-07 JSON Schemas that agree with the loader on every document-level case."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from jsonschema import Draft7Validator
from pydantic import BaseModel, ValidationError

from isms.cli import main
from isms.loader.yaml import decode, parse
from isms.model.control import ControlDoc
from isms.model.evidence import EvidenceRegisterDoc
from isms.model.policy import PolicyDoc

if TYPE_CHECKING:
    from helpers import RunIsms

DATA = Path(__file__).resolve().parents[1] / "data"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"
NAMES = (
    "isms.schema.json",
    "control.schema.json",
    "policy.schema.json",
    "evidence.schema.json",
    "catalog.schema.json",
    "asset.schema.json",
    "risk.schema.json",
    "exception.schema.json",
    "audit.schema.json",
    "nonconformity.schema.json",
    "management-review.schema.json",
    "objective.schema.json",
    "supplier.schema.json",
)

#: Rules about one document on its own, which a JSON Schema can say too.
DOCUMENT_RULES = {"invalid-value", "unknown-key", "missing-key", "empty-file"}

#: Invalid cases where the problem is in one document, not in the links between files.
SCHEMA_CASES = [
    "audit-grade-unknown",
    "bool-yes-is-a-string",
    "catalog-url-javascript",
    "config-not-a-mapping",
    "crlf-with-error",
    "date-invalid-month",
    "date-number",
    "date-with-time",
    "date-zero",
    "duration-invalid",
    "empty-file",
    "enum-invalid",
    "enum-yes-is-a-string",
    "evidence-not-a-list",
    "evidence-path-and-store",
    "measure-compute-two-operations",
    "measure-target-not-comparison",
    "missing-required-key",
    "only-comments",
    "risk-level-typed",
    "sha256-bad-format",
    "text-empty",
    "top-level-list",
    "unknown-key-nested",
    "unknown-key-typo",
    "utf8-bom-with-error",
    "valid-for-and-until",
    "wrong-type-list-for-string",
    "wrong-type-mapping-in-config",
]

#: Valid files the schemas reject on purpose, and why: none. Unquoted 017, 1.10, 2026 are numbers
#: in YAML 1.2; the loader reads them as written where text is expected, and so do the schemas.
EXEMPT: set[tuple[str, str]] = set()

VALID = sorted(p for p in (DATA / "valid").iterdir() if p.is_dir())


def schema_name(rel: str) -> str | None:
    """Return the schema file for a repository path, as `isms schema` says it applies."""
    if rel == "isms.yaml":
        return "isms.schema.json"
    top, _, rest = rel.partition("/")
    if not rel.endswith((".yaml", ".yml")) or not rest:
        return None
    if top == "evidence":
        return "evidence.schema.json" if rel.rsplit("/", 1)[-1] == "evidence.yaml" else None
    return {
        "catalogs": "catalog.schema.json",
        "controls": "control.schema.json",
        "policies": "policy.schema.json",
        "assets": "asset.schema.json",
        "risks": "risk.schema.json",
        "exceptions": "exception.schema.json",
        "audits": "audit.schema.json",
        "nonconformities": "nonconformity.schema.json",
        "management-reviews": "management-review.schema.json",
        "objectives": "objective.schema.json",
        "suppliers": "supplier.schema.json",
    }.get(top)


def yaml_files(case: Path) -> list[str]:
    """Return the case's files that a schema applies to."""
    return sorted(
        rel for rel in (p.relative_to(case).as_posix() for p in case.rglob("*") if p.is_file()) if schema_name(rel)
    )


def raw_data(path: Path) -> Any:
    """Read a file as the loader does (dates stay strings), before any model sees it."""
    text, problem = decode(path.read_bytes(), path.name)
    assert text is not None, problem
    loaded = parse(text, path.name)
    assert loaded.findings == (), loaded.findings
    return loaded.data


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Draft7Validator]:
    """Export the schemas once; return a validator per file name, checking formats (dates)."""
    out = tmp_path_factory.mktemp("schemas")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["schema", "--out", str(out)]) == 0
    return {
        name: Draft7Validator(
            json.loads((out / name).read_text(encoding="utf-8")), format_checker=Draft7Validator.FORMAT_CHECKER
        )
        for name in NAMES
    }


def errors(validator: Draft7Validator, data: Any) -> list[str]:
    """Return the schema's complaints as `path: message` lines."""
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_isms_schema_writes_draft_07_files(tmp_path: Path, run_isms: RunIsms) -> None:
    result = run_isms("schema", "--out", str(tmp_path / "schemas"))
    assert (result.code, result.err) == (0, "")
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == sorted(NAMES)
    assert len(result.out.splitlines()) == len(NAMES)
    for name in NAMES:
        schema = json.loads((tmp_path / "schemas" / name).read_text(encoding="utf-8"))
        assert schema["$schema"] == DRAFT_07
        assert "$defs" not in json.dumps(schema), "draft-07 has `definitions`, not `$defs`"
        Draft7Validator.check_schema(schema)


def test_schemas_keep_the_duration_pattern_and_aliases(schemas: dict[str, Draft7Validator]) -> None:
    evidence = schemas["evidence.schema.json"].schema
    assert isinstance(evidence, dict)
    item = evidence["definitions"]["EvidenceItemDoc"]["properties"]
    assert "class" in item
    assert "class_" not in item
    duration = next(s for s in item["valid_for"]["anyOf"] if s.get("type") == "string")
    assert duration["pattern"] == r"^\d+\s*[dwmy]$"


def test_the_date_format_is_checked(schemas: dict[str, Draft7Validator]) -> None:
    control = schemas["control.schema.json"]
    assert errors(control, {"status": "planned", "due": "2026-12-31"}) == []
    assert errors(control, {"status": "planned", "due": "2026-13-45"}) != []
    assert errors(control, {"status": "planned", "due": "20261231"}) != []


@pytest.mark.parametrize("case", VALID, ids=[p.name for p in VALID])
def test_valid_cases_pass_the_schemas(case: Path, schemas: dict[str, Draft7Validator]) -> None:
    files = yaml_files(case)
    assert files
    for rel in files:
        name = schema_name(rel)
        assert name is not None
        problems = errors(schemas[name], raw_data(case / rel))
        if (case.name, rel) in EXEMPT:
            assert problems, f"{rel} is exempt but passes: remove it from EXEMPT"
        else:
            assert problems == [], f"{rel} against {name}"


@pytest.mark.parametrize("name", SCHEMA_CASES)
def test_schemas_reject_what_the_loader_rejects(name: str, schemas: dict[str, Draft7Validator]) -> None:
    case = DATA / "invalid" / name
    lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    bad = {line.split(":", 1)[0] for line in lines if line.rsplit("(", 1)[-1].rstrip(")") in DOCUMENT_RULES}
    assert bad, f"{name} has no document-level finding: it is not a schema case"
    for rel in yaml_files(case):
        schema = schema_name(rel)
        assert schema is not None
        text, _ = decode((case / rel).read_bytes(), rel)
        assert text is not None
        loaded = parse(text, rel)
        assert loaded.findings == ()
        problems = errors(schemas[schema], loaded.data)
        if rel in bad:
            assert problems, f"the loader rejects {rel} but {schema} accepts it"
        else:
            assert problems == [], f"{rel} is fine for the loader but not for {schema}"


@pytest.mark.parametrize(
    ("schema", "document"),
    [
        (
            "control.schema.json",
            {
                "status": "planned",
                "measures": [{"id": "m", "title": "m", "data": ["x.csv"], "compute": {"count": {}}, "target": 95}],
            },
        ),
        ("control.schema.json", {"status": "planned", "review": {"by": True}}),
        ("policy.schema.json", {"title": True, "statements": []}),
        ("evidence.schema.json", {"evidence": [{"path": "a.md", "title": "a", "date": "2026-01-01", "valid_for": 6}]}),
    ],
)
def test_numbers_are_text_only_where_the_loader_reads_them_so(
    schema: str, document: dict[str, Any], schemas: dict[str, Draft7Validator]
) -> None:
    """A target, a boolean or a duration given as a number: refused by the schema and the loader alike."""
    assert errors(schemas[schema], document)
    models: dict[str, type[BaseModel]] = {
        "control.schema.json": ControlDoc,
        "policy.schema.json": PolicyDoc,
        "evidence.schema.json": EvidenceRegisterDoc,
    }
    with pytest.raises(ValidationError):
        models[schema].model_validate(document)
