"""Cooperative cancellation: every query and by-filter write runs under a deadline it checks as it goes.

The HTTP layer gives each such request a ``Deadline`` (``--query-deadline-ms``, default 5 s) and
cancels it when the client disconnects; ``running(deadline, fn)`` makes it the current one on the
worker thread. The loops that can take long — filtering documents, scoring, aggregating, selecting
a by-filter write's documents — go through ``paced(items)``, which checks every few hundred items
and raises an ``ApiError`` once the deadline has passed or the client has gone. Writes check
only before anything is applied (``suspended()`` around a commit), so a stopped write changes
nothing and logs nothing.

A deadline answers **504** with ``x-should-retry: false``: the work is deterministic, so repeating it
would time out again and only multiply the load the deadline protects against (the official client
otherwise retries 5xx). A client that went away gets nothing; its request is logged once.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sized
from contextvars import ContextVar
from itertools import chain, islice
from typing import TypeVar

from .errors import ApiError

T = TypeVar("T")
DEFAULT_DEADLINE_MS = 5_000
CHECK_EVERY = 64  # items between two checks: microseconds of filtering, even for a large filter
CLIENT_GONE_STATUS = 499  # nginx's "client closed request": never seen by anyone, only logged


class Deadline:
    """When the current request must stop (monotonic clock), and whether its client went away."""

    def __init__(self, budget_ms: int, what: str = "request") -> None:
        self.budget_ms = budget_ms
        self.what = what
        self.expires_at = time.monotonic() + budget_ms / 1000
        self._cancelled = threading.Event()
        self.expired = False

    def restart(self, what: str) -> None:
        """Start the budget again, for ``what`` (a write's, once it holds the namespace's lock)."""
        self.what = what
        self.expires_at = time.monotonic() + self.budget_ms / 1000

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        if self._cancelled.is_set():
            raise ApiError(CLIENT_GONE_STATUS, f"client disconnected; the {self.what} was stopped")
        if time.monotonic() > self.expires_at:
            self.expired = True
            raise ApiError(
                504,
                f"the {self.what} exceeded the deadline of {self.budget_ms} ms and was stopped"
                f"{'; nothing was written' if 'write' in self.what else ''}; narrow its filters, or "
                "start the emulator with a larger --query-deadline-ms",
                {"x-should-retry": "false"},
            )


_current: ContextVar[Deadline | None] = ContextVar("tpuf_deadline", default=None)


def running(deadline: Deadline, function: Callable[[], T]) -> T:
    """Call ``function`` with ``deadline`` as the current one (on the calling thread)."""
    token = _current.set(deadline)
    try:
        return function()
    finally:
        _current.reset(token)


def current() -> Deadline | None:
    return _current.get()


def check() -> None:
    deadline = _current.get()
    if deadline is not None:
        deadline.check()


def restart(what: str) -> None:
    deadline = _current.get()
    if deadline is not None:
        deadline.restart(what)


@contextlib.contextmanager
def suspended() -> Iterator[None]:
    """No check inside: a commit, once started, runs to its end."""
    token = _current.set(None)
    try:
        yield
    finally:
        _current.reset(token)


def paced(items: Iterable[T]) -> Iterator[T]:
    """``items``, checking the current deadline before each run of ``CHECK_EVERY`` of them.

    The runs are flattened at C speed, and for a sized collection they are lazy slices of one
    iterator, so a dict's items keep their reused tuples: the checks cost a few percent of the
    cheapest filter loop instead of tripling it.
    """
    deadline = _current.get()
    if deadline is None:
        return iter(items)
    if isinstance(items, Sized):
        return chain.from_iterable(_slices(iter(items), len(items), deadline))
    return chain.from_iterable(_runs(iter(items), deadline))


def _slices(iterator: Iterator[T], size: int, deadline: Deadline) -> Iterator[Iterator[T]]:
    for _ in range(0, size, CHECK_EVERY):
        deadline.check()
        yield islice(iterator, CHECK_EVERY)


def _runs(iterator: Iterator[T], deadline: Deadline) -> Iterator[list[T]]:
    while True:
        deadline.check()
        run = list(islice(iterator, CHECK_EVERY))
        if not run:
            return
        yield run
