"""Plain data to validated documents; pydantic errors become findings with a pointer."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from isms.findings import Finding, Pointer, Severity

M = TypeVar("M", bound=BaseModel)


def _dotted(loc: Pointer) -> str:
    parts: list[str] = []
    for step in loc:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        else:
            parts.append(("." if parts else "") + step)
    return "".join(parts) or "(document)"


def _allowed_keys(model: type[BaseModel], loc: Pointer) -> list[str]:
    """Return the keys allowed at the mapping that holds ``loc``'s last key, if it is known."""
    current: Any = model
    for step in loc[:-1]:
        if isinstance(step, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        field = current.model_fields.get(step) or next(
            (f for f in current.model_fields.values() if f.alias == step), None
        )
        if field is None:
            return []
        current = _model_in(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _model_in(annotation: Any) -> Any:
    """Find a model class inside an annotation such as ``list[X] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _pointer(error: ErrorDetails) -> Pointer:
    # pydantic adds the names of union members and validators to `loc`; keep only data keys.
    return tuple(
        step
        for step in error["loc"]
        if isinstance(step, int) or not (step[:1].isupper() or "[" in step or step in {"str", "function-after"})
    )


def _message(model: type[BaseModel], error: ErrorDetails, skip: int = 0) -> tuple[str, str]:
    loc = _pointer(error)
    where = _dotted(loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        allowed = _allowed_keys(model, loc[skip:])
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"; did you mean `{close[0]}`?" if close else (f"; allowed: {', '.join(allowed)}" if allowed else "")
        return "unknown-key", f"unknown key `{where}`{hint}"
    if kind == "missing":
        return "missing-key", f"missing required key `{where}`; add it"
    value = error.get("input")
    shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    detail = error["msg"].removeprefix("Value error, ")
    if kind.startswith("date"):
        detail = "must be a date written YYYY-MM-DD (e.g. 2026-03-31)"
    return "invalid-value", f"`{where}` {detail[0].lower() + detail[1:]} (got {shown})"


def validate(model: type[M], data: Any, path: str, prefix: Pointer = ()) -> tuple[M | None, list[Finding]]:
    """Validate plain data against a document model, collecting every error.

    Args:
        model: The document model.
        data: Plain data from YAML.
        path: The file, for findings.
        prefix: Where ``data`` sits in the file, when it is part of a document.
    """
    if not isinstance(data, dict):
        kind = "nothing" if data is None else f"a {type(data).__name__}"
        where = f"`{_dotted(prefix)}` must be" if prefix else "the document must be"
        return None, [
            Finding(
                "invalid-value",
                Severity.ERROR,
                f"{where} a mapping of keys to values, not {kind}",
                path,
                pointer=prefix,
            )
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        findings = []
        for error in exc.errors():
            error["loc"] = (*prefix, *error["loc"])
            rule, message = _message(model, error, len(prefix))
            findings.append(Finding(rule, Severity.ERROR, message, path, pointer=_pointer(error)))
        return None, findings
