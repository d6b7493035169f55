"""JSON Schemas generated from the document models, in draft-07 for the YAML language server."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from isms.model.catalog import CatalogDoc
from isms.model.config import ConfigDoc
from isms.model.control import ControlDoc
from isms.model.cycle import AuditDoc, NonconformityDoc
from isms.model.evidence import EvidenceRegisterDoc
from isms.model.policy import PolicyDoc
from isms.model.review import ManagementReviewDoc, ObjectiveDoc
from isms.model.risk import AssetRegisterDoc, ExceptionDoc, RiskDoc
from isms.model.supplier import SupplierDoc

DRAFT_07 = "http://json-schema.org/draft-07/schema#"

#: Schema file name -> (document model, title, the files it applies to).
SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "isms.schema.json": (ConfigDoc, "isms.yaml", "isms.yaml"),
    "control.schema.json": (ControlDoc, "Control", "controls/**/*.yaml"),
    "policy.schema.json": (PolicyDoc, "Policy", "policies/**/*.yaml"),
    "evidence.schema.json": (EvidenceRegisterDoc, "Evidence register", "evidence/**/evidence.yaml"),
    "catalog.schema.json": (CatalogDoc, "Catalog", "catalogs/**/*.yaml"),
    "asset.schema.json": (AssetRegisterDoc, "Asset register", "assets/**/*.yaml"),
    "risk.schema.json": (RiskDoc, "Risk", "risks/**/*.yaml"),
    "exception.schema.json": (ExceptionDoc, "Exception", "exceptions/**/*.yaml"),
    "audit.schema.json": (AuditDoc, "Audit", "audits/**/*.yaml"),
    "nonconformity.schema.json": (NonconformityDoc, "Nonconformity", "nonconformities/**/*.yaml"),
    "management-review.schema.json": (ManagementReviewDoc, "Management review", "management-reviews/**/*.yaml"),
    "objective.schema.json": (ObjectiveDoc, "Objective", "objectives/**/*.yaml"),
    "supplier.schema.json": (SupplierDoc, "Supplier", "suppliers/**/*.yaml"),
}


class _Generator(GenerateJsonSchema):
    """pydantic's generator, keeping the constraints that it would leave out."""

    def chain_schema(self, schema: core_schema.ChainSchema) -> JsonSchemaValue:
        """Describe a chain by its first step, plus the patterns its later steps check.

        A ``BeforeValidator`` followed by a constraint (as in ``Duration``) makes a chain, which
        pydantic documents by its first step only: the pattern would be lost for editors.
        """
        result = super().chain_schema(schema)
        if result.get("anyOf", [None])[-1] == _NUMBER:
            result = result["anyOf"][0]  # a chain's first step refuses numbers: no text as written
        if result.get("type") == "string":
            for step in schema["steps"][1:]:
                inner: Any = step.get("schema", step)
                if isinstance(inner, dict) and inner.get("type") == "str" and "pattern" in inner:
                    result.setdefault("pattern", inner["pattern"])
        return result

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        """Text, or a number written where text is expected (the loader keeps it as written)."""
        return _with_numbers(super().str_schema(schema))


#: A number written unquoted where text is expected; the loader keeps it as written (`id: 017`).
_NUMBER = {"type": "number"}


def _with_numbers(text: JsonSchemaValue) -> JsonSchemaValue:
    """Accept a number where the loader does: a YAML 1.2 number where text is expected is read as written.

    Where a pattern applies, only if digits alone can match it (a number's text cannot be checked
    in JSON Schema; `target: 95` stays refused by both).
    """
    pattern = text.get("pattern")
    if pattern is not None and re.search(pattern, "2026") is None:
        return text
    return {"anyOf": [text, _NUMBER]}


def _both(keys: list[str]) -> dict[str, Any]:
    return {"required": keys, "properties": {key: {"not": {"type": "null"}} for key in keys}}


#: Rules the models check in code (model validators), said in JSON Schema: definition -> keywords.
_CODE_RULES: dict[str, dict[str, Any]] = {
    # EvidenceItemDoc._one_validity: `valid_for` or `valid_until`, not both.
    # EvidenceItemDoc._one_place: `path`, or `store` and `ref`.
    "EvidenceItemDoc": {
        "not": _both(["valid_for", "valid_until"]),
        "oneOf": [
            {**_both(["path"]), "not": {"anyOf": [_both(["store"]), _both(["ref"])]}},
            {**_both(["store", "ref"]), "not": _both(["path"])},
        ],
    },
    # Compute._exactly_one: exactly one of count, ratio, sum, mean.
    "Compute": {"oneOf": [_both([key]) for key in ("count", "ratio", "sum", "mean")]},
}


def _draft07(node: Any) -> Any:
    """Rewrite pydantic's 2020-12 output into draft-07 (``$defs`` -> ``definitions``)."""
    if isinstance(node, dict):
        return {("definitions" if k == "$defs" else k): _draft07(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_draft07(v) for v in node]
    return node


def schema_for(model: type[BaseModel], title: str) -> dict[str, Any]:
    """Return the draft-07 JSON Schema of a document model."""
    schema = model.model_json_schema(
        by_alias=True, ref_template="#/definitions/{model}", schema_generator=_Generator, mode="validation"
    )
    converted: dict[str, Any] = _draft07(schema)
    for name, keywords in _CODE_RULES.items():
        if name in converted.get("definitions", {}):
            converted["definitions"][name].update(keywords)
    converted["title"] = title
    return {"$schema": DRAFT_07, **converted}


def render(name: str) -> str:
    """Return the text of one schema file."""
    model, title, _ = SCHEMAS[name]
    return json.dumps(schema_for(model, title), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_all(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / name
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written
