"""The error boundary: expected failures exit 1 or 2 with a message, bugs exit 3."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

from isms.commands.exit_codes import EXIT_BUG, EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from isms.errors import IsmsError, UsageError

__all__ = ["EXIT_BUG", "EXIT_FINDINGS", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE"]


class Exit(Exception):
    """Carries the exit code out of the boundary."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


@contextmanager
def error_boundary() -> Iterator[None]:
    """Map expected errors to exit codes; unexpected ones print a traceback and exit 3.

    An ``OSError`` (a full disk, a read-only folder) is the environment's, not a bug: exit 1 with
    the path and the reason.
    """
    try:
        yield
    except UsageError as exc:
        print(f"isms: error: {exc}", file=sys.stderr)
        raise Exit(EXIT_USAGE) from None
    except IsmsError as exc:
        print(f"isms: error: {exc}", file=sys.stderr)
        raise Exit(EXIT_FINDINGS) from None
    except KeyboardInterrupt:
        print("isms: interrupted", file=sys.stderr)
        raise Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        raise Exit(EXIT_OK) from None
    except OSError as exc:  # the disk is full, a folder read-only, a path not what it should be
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"isms: error: {where}{exc.strerror or exc}; nothing more was written", file=sys.stderr)
        raise Exit(EXIT_FINDINGS) from None
    except Exception:
        traceback.print_exc()
        print(
            "isms: internal error: this is a bug in isms, not in your repository; "
            "please report it with the traceback above",
            file=sys.stderr,
        )
        raise Exit(EXIT_BUG) from None
