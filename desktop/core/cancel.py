"""Cancellation tokens: one per request, so that cancelling an old request can never stop a new one.

A worker runs each request inside ``cancel_scope(token)``; long loops in the core call
``check_cancel()`` between windows or replacement runs. The token lives in a context variable,
so the adapters need no shared flag that two threads could set and clear out of order.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class Cancelled(Exception):
    """The run was stopped at a check point because its result is no longer wanted."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


_current: ContextVar[CancelToken | None] = ContextVar("cancel_token", default=None)


@contextmanager
def cancel_scope(token: CancelToken) -> Iterator[CancelToken]:
    reset = _current.set(token)
    try:
        yield token
    finally:
        _current.reset(reset)


def check_cancel() -> None:
    """Raise ``Cancelled`` if the request this thread is running has been cancelled."""
    token = _current.get()
    if token is not None and token.cancelled:
        raise Cancelled()
