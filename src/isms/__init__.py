"""isms: an ISO/IEC 27001 information security management system kept as code.

The data flows one way: sources are discovered and loaded (``isms.loader``),
assembled into one typed model (``isms.model``), checked (``isms.checks``),
measured (``isms.metrics``) and rendered (``isms.report``, ``isms.site``,
``isms.export``).

The library API is the names in ``__all__`` (see ``isms.api``): ``load_repository``,
``evaluate``, ``check``, ``check_report``, ``metrics_report`` (not ``metrics``: that is the
``isms.metrics`` package), ``group_report``, the ``Finding`` and ``Severity`` types and the JSON contracts' module
``contracts``. They are imported when first used, so that
``import isms`` (and the CLI's start-up) stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from isms import contracts
    from isms.api import check, check_report, evaluate, group_report, load_repository, metrics_report
    from isms.findings import Finding, Severity

_LAZY = {
    "load_repository": "isms.api",
    "evaluate": "isms.api",
    "check": "isms.api",
    "check_report": "isms.api",
    "metrics_report": "isms.api",
    "group_report": "isms.api",
    "Finding": "isms.findings",
    "Severity": "isms.findings",
}

__all__ = [
    "Finding",
    "Severity",
    "__version__",
    "check",
    "check_report",
    "contracts",
    "evaluate",
    "group_report",
    "load_repository",
    "metrics_report",
]


def __getattr__(name: str) -> object:
    """Import a name of the library API on first use (PEP 562)."""
    if name == "contracts":
        return importlib.import_module("isms.contracts")
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    msg = f"module 'isms' has no attribute {name!r}"
    raise AttributeError(msg)
