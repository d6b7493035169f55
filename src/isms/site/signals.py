"""Stopping a build or a preview from outside: SIGTERM and SIGHUP end it as Ctrl-C does, cleaning up.

Python's default for SIGTERM and SIGHUP is to die at once, leaving the staging folder behind (in
memory when `isms.site.scratch` put it in ``/dev/shm``); raised as KeyboardInterrupt instead, the
``with`` blocks that made it remove it, and the engine's process is ended by `subprocess`.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

#: Signals that stop a build or the preview as Ctrl-C does.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP (and SIGINT, unless ignored) into KeyboardInterrupt, once.

    The first signal raises; later ones are ignored so that the cleanup it starts is not cut short.
    Outside the main thread (where handlers cannot be installed) nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = list(STOP_SIGNALS)
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        wanted.append(signal.SIGINT)
    previous = {number: signal.getsignal(number) for number in wanted}

    def stop(number: int, frame: FrameType | None) -> None:
        del frame
        for other in wanted:
            signal.signal(other, signal.SIG_IGN)
        raise KeyboardInterrupt(signal.Signals(number).name)

    for number in wanted:
        signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
