"""Base model, localized text, durations and the small types every document shares."""

# No `from __future__ import annotations` in the model modules every command imports (base, catalog,
# config, control, evidence): pydantic evaluates each field's annotation when it makes the class, and
# a string is compiled and evaluated first, about 15 M instructions of every start-up for their 190
# fields. Written as objects, they are evaluated where they are written, once; a name not defined yet
# (the class itself in its methods, a type imported for the type checker only) is written as a string.

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from isms import language
from isms.urls import ABSOLUTE_PATTERN, url_problem

if TYPE_CHECKING:
    from isms.contracts import BothTexts

Lang = language.Lang  # the models' users import it from here


class IsmsModel(BaseModel):
    """Every document model: immutable, and unknown keys are errors (typos are caught)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True, defer_build=True)


def empty_list() -> list[Any]:
    """Return a new empty list: the default of a list field (``Field(default_factory=empty_list)``).

    A Python function, not the builtin ``list``: pydantic reads a default factory's signature when
    it builds a validator, and a builtin's signature is parsed from its text (with the tokenizer),
    about 1 M instructions a field on the start-up of every command.
    """
    return []


def empty_dict() -> dict[Any, Any]:
    """Return a new empty dict: the default of a mapping field (see `empty_list`)."""
    return {}


ModelT = TypeVar("ModelT", bound=IsmsModel)


def of_defaults(model: type[ModelT]) -> Callable[[], ModelT]:
    """Return the default factory of a section that may be left out: ``model`` with every field at its default.

    It makes the value ``model()`` makes, without validating (``model_construct``: defaults are
    not validated either way), so that a left-out section does not build ``model``'s own
    validator, a few million instructions on every start-up; the section written out is
    validated by its document's validator. Only for a model without validators of its own.
    """

    def make() -> ModelT:
        return cast("ModelT", model.model_construct())  # pydantic's mypy plugin types it as the bound

    return make


class Text(IsmsModel):
    """Text in Japanese and English. A plain string is read as Japanese."""

    ja: str | None = Field(default=None, description="Japanese text.")
    en: str | None = Field(default=None, description="English text.")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"ja": value}
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> "Text":
        if not (self.ja or self.en):
            msg = "text needs `ja` or `en`"
            raise ValueError(msg)
        return self

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema = handler.resolve_ref_schema(schema)
        schema["minProperties"] = 1
        return {
            # a number written where text is expected is read as written (`title: 2025`)
            "anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}, dict(schema)],
            "description": "Text: a string (Japanese), or `ja` and `en`.",
        }

    def get(self, lang: Lang) -> str:
        """Return the text in a language, falling back to the other one."""
        first, second = (self.ja, self.en) if lang == "ja" else (self.en, self.ja)
        return first or second or ""

    def both(self) -> "BothTexts":
        """Return ``{"ja": ..., "en": ...}`` with the raw values."""
        return {"ja": self.ja, "en": self.en}


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _check_date(value: Any) -> Any:
    """Accept only a date written YYYY-MM-DD (pydantic alone would take ``0`` as 1970-01-01)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    msg = "must be a date written YYYY-MM-DD, e.g. 2026-03-31"
    raise ValueError(msg)


#: A calendar date as YAML 1.2 and the JSON Schema see it: text written YYYY-MM-DD.
IsoDate = Annotated[dt.date, BeforeValidator(_check_date)]

_DURATION = re.compile(r"^(\d+)\s*([dwmy])$")


def _check_duration(value: Any) -> Any:
    if isinstance(value, str) and not _DURATION.match(value.strip()):
        msg = "a duration is a number and a unit: `30d`, `6w`, `6m` or `1y`"
        raise ValueError(msg)
    return value


Duration = Annotated[
    str,
    BeforeValidator(_check_duration),
    Field(
        pattern=r"^\d+\s*[dwmy]$",
        description="A duration: a number and a unit d (days), w (weeks), m (months), y (years).",
        examples=["30d", "6m", "1y"],
    ),
]


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_duration(start: dt.date, duration: str) -> dt.date:
    """Return ``start`` plus a duration such as ``6m``; month ends are clamped.

    Past the calendar's last day (9999-12-31) the result is clamped to it: a date that far
    ahead is simply "not yet due", never an overflow.
    """
    match = _DURATION.match(duration.strip())
    if match is None:
        msg = f"not a duration: {duration!r}"
        raise ValueError(msg)
    amount, unit = int(match.group(1)), match.group(2)
    if unit in "dw":
        days = amount * (7 if unit == "w" else 1)
        if days > (dt.date.max - start).days:
            return dt.date.max
        return start + dt.timedelta(days=days)
    months = amount * (12 if unit == "y" else 1)
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    if year > dt.MAXYEAR:
        return dt.date.max
    last = 29 if month == 1 and calendar.isleap(year) else _MONTH_DAYS[month]  # monthrange() also works out a weekday
    day = min(start.day, last)
    return dt.date(year, month + 1, day)


Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=80),
    Field(description="An id: letters, digits, `.`, `_` and `-`."),
]

#: A reference to a requirement: `framework:id`, or `id` where it is unambiguous.
RequirementRef = Annotated[
    str,
    StringConstraints(pattern=r"^([a-z0-9][a-z0-9._-]*:)?[A-Za-z0-9][A-Za-z0-9._()-]*$"),
    Field(
        description="A requirement: `framework:id` (e.g. `iso27001-2022:5.15`), or just `id` "
        "where no other loaded framework has the same id."
    ),
]

FrameworkId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=60),
    Field(description="A framework id with its edition, e.g. `iso27001-2022`."),
]


def _check_url(value: Any) -> Any:
    """Accept only a URL a link may point at (see `isms.urls`)."""
    if isinstance(value, str):
        problem = url_problem(value.strip())
        if problem is not None:
            raise ValueError(problem)
    return value


#: Every URL a document may hold (one type, so every model with a URL gets the same scheme check).
WebUrl = Annotated[
    str,
    BeforeValidator(_check_url),
    Field(
        json_schema_extra={"pattern": ABSOLUTE_PATTERN},
        description="A web address starting with `https:`, `http:` or `mailto:`.",
        examples=["https://www.iso.org/standard/27001"],
    ),
]
