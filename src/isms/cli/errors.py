"""The error boundary: expected failures exit 1 or 2 with a message, bugs exit 3."""

from __future__ import annotations

import sys
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


#: The boundary's own words, ``(ja, en)``.
WORDS: dict[str, tuple[str, str]] = {
    "error": ("isms: エラー: {message}", "isms: error: {message}"),
    "interrupted": ("isms: 中断しました", "isms: interrupted"),
    "os": (
        "isms: エラー: {where}{reason}（これ以上は何も書き込んでいません）",
        "isms: error: {where}{reason}; nothing more was written",
    ),
    "bug": (
        "isms: 内部エラー: リポジトリではなく isms の不具合です。上のトレースバックを添えて報告してください",
        "isms: internal error: this is a bug in isms, not in your repository; "
        "please report it with the traceback above",
    ),
}


def _say(key: str, lang: str, **values: object) -> str:
    ja, en = WORDS[key]
    return (ja if lang == "ja" else en).format(**values)


@contextmanager
def error_boundary(lang: str = "en") -> Iterator[None]:
    """Map expected errors to exit codes; unexpected ones print a traceback and exit 3.

    Messages are in ``lang`` (the terminal's: `isms.language.terminal_lang`, or the
    command's own ``--lang`` of messages). An ``OSError`` (a full disk, a read-only folder) is the
    environment's, not a bug: exit 1 with the path and the reason.
    """
    try:
        yield
    except UsageError as exc:
        print(_say("error", lang, message=exc.text(lang)), file=sys.stderr)
        raise Exit(EXIT_USAGE) from None
    except IsmsError as exc:
        print(_say("error", lang, message=exc.text(lang)), file=sys.stderr)
        raise Exit(EXIT_FINDINGS) from None
    except KeyboardInterrupt:
        print(_say("interrupted", lang), file=sys.stderr)
        raise Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        raise Exit(EXIT_OK) from None
    except OSError as exc:  # the disk is full, a folder read-only, a path not what it should be
        where = f"{exc.filename}: " if exc.filename else ""
        print(_say("os", lang, where=where, reason=exc.strerror or exc), file=sys.stderr)
        raise Exit(EXIT_FINDINGS) from None
    except Exception:
        import traceback  # noqa: PLC0415 (for a bug only: with textwrap, a start-up cost of every run)

        traceback.print_exc()
        print(_say("bug", lang), file=sys.stderr)
        raise Exit(EXIT_BUG) from None
