"""The one rounding rule for ratios every output shows (metrics, site, diff, PR headline, exports).

JSON carries a ratio rounded to 4 places (`rounded`); people read it as a percentage with one
decimal, rounded half up from the exact ratio (`percent_figure`), never from an already rounded
value: 28 of 33 is 84.8 % everywhere, although its JSON ratio is 0.8485.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import overload


@overload
def rounded(value: float) -> float: ...
@overload
def rounded(value: None) -> None: ...
def rounded(value: float | None) -> float | None:
    """Round a ratio as the JSON outputs carry it (4 places)."""
    return None if value is None else round(value, 4)


def percent_figure(value: float) -> float:
    """Return a ratio as a percentage with one decimal, rounded half up: 28/33 -> 84.8."""
    exact = Decimal(repr(value)) * 100
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def percent(value: float | None) -> str:
    """Return ``84.8 %`` (or ``–`` for no value)."""
    return "–" if value is None else f"{percent_figure(value):.1f} %"


def points(base: float | None, head: float | None) -> str:
    """Return the change between two shown percentages, `` (+2.1 pt)``, or nothing when none shows."""
    if base is None or head is None:
        return ""
    delta = round(percent_figure(head) - percent_figure(base), 1)
    return "" if delta == 0 else f" ({delta:+.1f} pt)"
