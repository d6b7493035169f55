"""JSON Schemas generated from the document models, in draft-07 for the YAML language server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from isms.model.catalog import CatalogDoc
from isms.model.config import ConfigDoc
from isms.model.control import ControlDoc
from isms.model.evidence import EvidenceRegisterDoc
from isms.model.policy import PolicyDoc

DRAFT_07 = "http://json-schema.org/draft-07/schema#"

#: Schema file name -> (document model, title, the files it applies to).
SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "isms.schema.json": (ConfigDoc, "isms.yaml", "isms.yaml"),
    "control.schema.json": (ControlDoc, "Control", "controls/**/*.yaml"),
    "policy.schema.json": (PolicyDoc, "Policy", "policies/**/*.yaml"),
    "evidence.schema.json": (EvidenceRegisterDoc, "Evidence register", "evidence/**/evidence.yaml"),
    "catalog.schema.json": (CatalogDoc, "Catalog", "catalogs/**/*.yaml"),
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
    schema = model.model_json_schema(by_alias=True, ref_template="#/definitions/{model}", mode="validation")
    converted: dict[str, Any] = _draft07(schema)
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
