"""One log line per condition, not per attempt: collapse floods of the same message.

A flood of hostile connections can make the same line repeat thousands of times a second (the
event loop's ``socket.accept() out of system resource`` with a traceback per failed accept, once
descriptors run out; a refused or timed-out connection; a client going away). For the loggers in
``COLLAPSED_LOGGERS``, the first record of a message template is written, the repeats within
``window_s`` are only counted, and the first one after the window says how many were left out.
Running out of descriptors or memory (``EMFILE``, ``ENFILE``, ``ENOBUFS``, ``ENOMEM``) is logged as
one line with the error, without a traceback: the traceback says nothing the error does not.
"""

from __future__ import annotations

import errno
import logging
import threading
import time

COLLAPSED_LOGGERS = ("asyncio", "uvicorn.error", "tpuf_emulator.http.connections")
WINDOW_S = 10.0
_RESOURCE_ERRNOS = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})
_MAX_TEMPLATES = 1000


class CollapseRepeats(logging.Filter):
    def __init__(self, window_s: float = WINDOW_S, loggers: tuple[str, ...] = COLLAPSED_LOGGERS) -> None:
        super().__init__()
        self.window_s = window_s
        self.loggers = loggers
        self._windows: dict[tuple[str, int, str], tuple[float, int]] = {}  # -> (window start, left out)
        self._lock = threading.Lock()

    def _applies(self, name: str) -> bool:
        return any(name == prefix or name.startswith(prefix + ".") for prefix in self.loggers)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._applies(record.name):
            return True
        _one_line_for_resource_errors(record)
        key = (record.name, record.levelno, str(record.msg))
        now = time.monotonic()
        with self._lock:
            start, left_out = self._windows.get(key, (-self.window_s, 0))
            if now - start < self.window_s:
                self._windows[key] = (start, left_out + 1)
                return False
            if len(self._windows) >= _MAX_TEMPLATES:
                self._windows.clear()
            self._windows[key] = (now, 0)
        if left_out:
            record.msg = f"{record.msg} (and {left_out} more like it in the previous {self.window_s:g} s)"
        return True


def _one_line_for_resource_errors(record: logging.LogRecord) -> None:
    exc = record.exc_info[1] if record.exc_info else None
    if isinstance(exc, OSError) and exc.errno in _RESOURCE_ERRNOS:
        record.msg = f"{str(record.getMessage()).splitlines()[0]}: {exc}"
        record.args = None
        record.exc_info = None
        record.exc_text = None


def install(window_s: float = WINDOW_S) -> None:
    """Add the filter to every handler of the root logger (after ``logging.basicConfig``)."""
    for handler in logging.getLogger().handlers:
        handler.addFilter(CollapseRepeats(window_s))
