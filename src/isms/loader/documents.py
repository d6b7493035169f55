"""Plain data to validated documents; pydantic errors become findings with a pointer."""

from __future__ import annotations

import re
import types
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from isms.findings import Finding, Pointer, Severity
from isms.loader import japanese
from isms.model.control import TARGET_PATTERN

M = TypeVar("M", bound=BaseModel)

_DATE_HINT = "must be a date written YYYY-MM-DD, e.g. 2026-03-31"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: What the patterns of the models mean, said so that the reader knows what to write.
_PATTERN_HINTS: dict[str, str] = {
    r"^[0-9a-f]{64}$": "must be a SHA-256: 64 lowercase hex digits, as `sha256sum` prints them "
    "(`isms evidence add` writes it)",
    TARGET_PATTERN: "must be a comparison with a number, e.g. `>= 95%`, `<= 0.05` or `== 0`",
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": "must be an id: letters, digits, `.`, `_` and `-`, "
    "starting with a letter or digit",
    r"^[a-z0-9][a-z0-9._-]*$": "must be a framework id: lowercase letters, digits, `.`, `_` and `-`, "
    "e.g. `iso27001-2022`",
    r"^([a-z0-9][a-z0-9._-]*:)?[A-Za-z0-9][A-Za-z0-9._()-]*$": "must be a requirement: `framework:id` "
    "(e.g. `iso27001-2022:5.15`) or just `id`",
    r"^[^/\\].*$": "must be a path relative to `evidence/`, not starting with `/` or `\\`",
    r"^\d+\s*[dwmy]$": "must be a duration: a number and a unit, `30d`, `6w`, `6m` or `1y`",
}


def _dotted(loc: Pointer) -> str:
    parts: list[str] = []
    for step in loc:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        else:
            parts.append(("." if parts else "") + step)
    return "".join(parts) or "(document)"


def _candidates(annotation: Any) -> list[Any]:
    """Flatten ``Annotated`` and unions into the types a value may have."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _candidates(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return [c for arg in get_args(annotation) for c in _candidates(arg)]
    return [annotation]


def _child(annotation: Any, step: str | int) -> Any:
    """Return the annotation of the value one step down, or None when it is not known."""
    for candidate in _candidates(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel) and isinstance(step, str):
            for name, field in candidate.model_fields.items():
                if step in (name, field.alias):
                    return field.annotation
        origin = get_origin(candidate)
        if origin is list and isinstance(step, int):
            return get_args(candidate)[0]
        if origin is dict:
            return get_args(candidate)[1]
    return None


def _allowed_keys(model: type[BaseModel], loc: Pointer) -> list[str]:
    """Return the keys allowed in the mapping that holds ``loc``'s last key, if it is known."""
    current: Any = model
    for step in loc[:-1]:
        current = _child(current, step)
        if current is None:
            return []
    for candidate in _candidates(current):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return [f.alias or name for name, f in candidate.model_fields.items()]
    return []


def _pointer(error: ErrorDetails, data: Any) -> Pointer:
    """Keep the steps of pydantic's ``loc`` that are keys in the data (it adds union members and validators)."""
    steps: list[str | int] = []
    node = data
    loc = error["loc"]
    for number, step in enumerate(loc):
        in_list = isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        if in_list or (isinstance(node, dict) and step in node):
            node = node[step]
        elif error["type"] == "missing" and number == len(loc) - 1 and isinstance(node, dict):
            node = None  # the missing key itself
        else:
            continue
        steps.append(step)
    return tuple(steps)


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None or isinstance(value, bool):
        return "null" if value is None else str(value).lower()  # as YAML writes them
    written = getattr(value, "written", None)
    shown = written if isinstance(written, str) else repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _kind(value: Any) -> str:
    """Say what a value is, for "must be a mapping, not ..." messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, int | float):
        return f"the number {_shown(value)}"
    if isinstance(value, str):
        return f"the text {_shown(value)}"
    return _shown(value)


def _kind_ja(value: Any) -> str:
    """Say what a value is, in Japanese (as `_kind`)."""
    if value is None:
        return "空の値"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, int | float):
        return f"数値 {_shown(value)}"
    if isinstance(value, str):
        return f"テキスト {_shown(value)}"
    return {"a list": "リスト", "a mapping": "マッピング"}.get(_shown(value), _shown(value))


def _detail(error: ErrorDetails) -> str | None:
    """Return what the value must be, in words, for the common kinds of error."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    pattern = str(ctx.get("pattern", ""))
    count = ctx.get("min_length", 1)
    special = {
        "literal_error": f"must be one of {ctx.get('expected', '?')}",
        "string_pattern_mismatch": _PATTERN_HINTS.get(pattern, f"must match the pattern `{pattern}`"),
        "too_short": f"must have at least {count} item{'s' * (count != 1)}",
    }
    if kind.startswith("date"):
        return _DATE_HINT
    if kind == "model_type" and ctx.get("class_name") == "Text":
        return "must be text, or a mapping with `ja` and/or `en`"
    if kind in special:
        return special[kind]
    simple = {
        "string_type": "must be a string (a single text value)",
        "list_type": "must be a list (`- item` lines, or `[a, b]`)",
        "dict_type": "must be a mapping of keys to values",
        "model_type": "must be a mapping of keys to values",
        "bool_type": "must be true or false",
        "bool_parsing": "must be true or false",
        "int_type": "must be a whole number",
        "int_parsing": "must be a whole number",
        "float_type": "must be a number",
        "float_parsing": "must be a number",
        "string_too_short": "must not be empty",
    }
    return simple.get(kind)


def _message(model: type[BaseModel], error: ErrorDetails, pointer: Pointer, prefix: Pointer) -> tuple[str, str, str]:
    """Return the rule and the message in English and Japanese."""
    rule, en = _message_en(model, error, pointer, prefix)
    return rule, en, _message_ja(model, error, pointer, prefix)


def _message_ja(model: type[BaseModel], error: ErrorDetails, pointer: Pointer, prefix: Pointer) -> str:
    if error["type"] in ("extra_forbidden", "missing", "invalid_key"):
        return _key_ja(model, error, pointer, prefix)
    return _value_ja(error, _dotted((*prefix, *pointer)) or "文書")


def _close_match(key: str, allowed: list[str]) -> str | None:
    """Return the allowed key closest to a misspelt one, if one is close (difflib: imported for a typo only)."""
    import difflib  # noqa: PLC0415 (a start-up cost of every run otherwise)

    close = difflib.get_close_matches(key, allowed, n=1)
    return close[0] if close else None


def _key_ja(model: type[BaseModel], error: ErrorDetails, pointer: Pointer, prefix: Pointer) -> str:
    where = _dotted((*prefix, *pointer)) or "文書"
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(pointer[-1]) if pointer else "?"
        allowed = _allowed_keys(model, pointer)
        close = _close_match(key, allowed)
        if close:
            return f"未知のキー {where} です。{close} の誤りではありませんか"
        if allowed:
            return f"未知のキー {where} です。ここで使えるキー: {', '.join(allowed)}"
        return f"未知のキー {where} です。削除してください"
    if kind == "missing":
        return f"必須キー {where} がありません。追加してください"
    parent = pointer[:-1] if error["loc"][-1:] == pointer[-1:] else pointer
    place = f"{_dotted((*prefix, *parent))} の" if (*prefix, *parent) else "文書の最上位の"
    return f"{place}キー {_shown(error.get('input'))} がテキストではありません。キーは名前で書いてください"


def _value_ja(error: ErrorDetails, where: str) -> str:
    value = error.get("input")
    got = f"（値: {_shown(value)}）"
    hint = _hint_ja(error["type"], error.get("ctx") or {})
    if hint is not None:
        return f"{where} {hint}{got}"
    text = error["msg"].removeprefix("Value error, ")
    said = japanese.check_text(text[0].lower() + text[1:]) if text else None
    shown = "" if isinstance(value, dict | list) else got
    if said is None:
        return f"{where} の値が正しくありません（{text}）{shown}"
    return f"{where}: {said}{shown}"


def _hint_ja(kind: str, ctx: dict[str, Any]) -> str | None:
    """Return what the value must be, in Japanese, as `_detail` says it in English."""
    if kind.startswith("date"):
        return japanese.DATE_HINT
    if kind == "model_type" and ctx.get("class_name") == "Text":
        return "はテキストか、`ja`・`en` を持つマッピングにしてください"
    pattern = str(ctx.get("pattern", ""))
    special = {
        "literal_error": f"は {japanese.choices(str(ctx.get('expected', '?')))} のいずれかにしてください",
        "string_pattern_mismatch": japanese.PATTERN_HINTS.get(
            pattern, f"はパターン {pattern} に合うように書いてください"
        ),
        "too_short": f"には {ctx.get('min_length', 1)} 個以上の項目が必要です",
    }
    return special.get(kind, japanese.DETAILS.get(kind))


def _message_en(model: type[BaseModel], error: ErrorDetails, pointer: Pointer, prefix: Pointer) -> tuple[str, str]:
    where = _dotted((*prefix, *pointer))
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(pointer[-1]) if pointer else "?"
        allowed = _allowed_keys(model, pointer)
        close = _close_match(key, allowed)
        if close:
            hint = f"; did you mean `{close}`?"
        else:
            hint = f"; allowed here: {', '.join(allowed)}" if allowed else "; remove it"
        return "unknown-key", f"unknown key `{where}`{hint}"
    if kind == "missing":
        return "missing-key", f"missing required key `{where}`; add it"
    if kind == "invalid_key":
        parent = pointer[:-1] if error["loc"][-1:] == pointer[-1:] else pointer
        place = f"in `{_dotted((*prefix, *parent))}`" if (*prefix, *parent) else "at the top of the document"
        return "unknown-key", f"key {_shown(error.get('input'))} {place} is not text; write the key as a name"
    value = error.get("input")
    detail = _detail(error)
    if detail is not None:
        return "invalid-value", f"`{where}` {detail} (got {_shown(value)})"
    text = error["msg"].removeprefix("Value error, ")
    got = "" if isinstance(value, dict | list) else f" (got {_shown(value)})"
    text = text[0].lower() + text[1:]
    separator = " " if text.startswith("must ") else ": "
    return "invalid-value", f"`{where}`{separator}{text}{got}"


def _culprit(error: ErrorDetails) -> Pointer:
    """Point a rule about several keys (`give a or b, not both`) at the last of them written.

    Returns the key to add to the pointer, or nothing when fewer than two of the keys named are there.
    """
    value = error.get("input")
    if error["type"] != "value_error" or not isinstance(value, dict):
        return ()
    named = set(re.findall(r"`([^`]+)`", error["msg"]))
    present = [key for key in value if key in named]
    return (present[-1],) if len(present) >= 2 else ()


def _replaced(data: Any, path: Pointer, value: Any, *, key: bool = False) -> Any:
    """Return ``data`` with the node at ``path`` replaced (or, with ``key``, the key renamed); copies the path."""
    if not path:
        return value
    step, rest = path[0], path[1:]
    if isinstance(data, dict) and step in data:
        if key and not rest:
            return {(value if k == step else k): v for k, v in data.items()}
        return {**data, step: _replaced(data[step], rest, value, key=key)}
    if isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
        return [*data[:step], _replaced(data[step], rest, value, key=key), *data[step + 1 :]]
    return data


def _node(data: Any, pointer: Pointer) -> Any:
    for step in pointer:
        data = data[step]
    return data


def _as_written(data: Any, errors: list[ErrorDetails]) -> Any:
    """Put numbers back as written where text is expected: an unquoted `id: 017` stays `"017"`.

    Returns the changed data, or None when no error is about such a number.
    """
    changed = False
    for error in errors:
        text_expected = error["type"] in {"string_type", "invalid_key"} or (
            error["type"] == "model_type" and (error.get("ctx") or {}).get("class_name") == "Text"
        )
        number = error.get("input")
        written = getattr(number, "written", None)
        if not text_expected or not isinstance(written, str):
            continue
        pointer = _pointer(error, data)
        if error["loc"][-1:] == ("[key]",) or error["type"] == "invalid_key":
            if not pointer or not any(k is number for k in _node(data, pointer[:-1])):
                continue
            data = _replaced(data, pointer, written, key=True)
        elif _node(data, pointer) is number:
            data = _replaced(data, pointer, written)
        else:
            continue
        changed = True
    return data if changed else None


def validate(model: type[M], data: Any, path: str, prefix: Pointer = ()) -> tuple[M | None, list[Finding]]:
    """Validate plain data against a document model, collecting every error.

    Args:
        model: The document model.
        data: Plain data from YAML.
        path: The file, for findings.
        prefix: Where ``data`` sits in the file, when it is part of a document.
    """
    if not isinstance(data, dict):
        where = f"`{_dotted(prefix)}` must be" if prefix else "the document must be"
        return None, [
            Finding(
                "invalid-value",
                Severity.ERROR,
                f"{where} a mapping of keys to values (`key: value` lines), not {_kind(data)}",
                path,
                pointer=prefix,
                message_ja=(
                    f"{_dotted(prefix) + ' ' if prefix else '文書'}はキーと値のマッピング（key: value の行）"
                    "にしてください"
                    f"（{_kind_ja(data)}ではなく）"
                ),
            )
        ]
    rounds = 0
    while True:
        try:
            doc = model.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors()
            rounds += 1
            written = _as_written(data, errors) if rounds < 8 else None
            if written is not None:
                data = written
                continue
            findings = []
            for error in errors:
                pointer = _pointer(error, data)
                rule, message, ja = _message(model, error, pointer, prefix)
                place = (*prefix, *pointer, *_culprit(error))
                findings.append(Finding(rule, Severity.ERROR, message, path, pointer=place, message_ja=ja))
            return None, findings
        return doc, []
