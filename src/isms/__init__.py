"""isms: an ISO/IEC 27001 information security management system kept as code.

The data flows one way: sources are discovered and loaded (``isms.loader``),
assembled into one typed model (``isms.model``), checked (``isms.checks``),
measured (``isms.metrics``) and rendered (``isms.report``, ``isms.site``,
``isms.export``).
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
