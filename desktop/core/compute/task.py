"""A job body that runs the same in this process or in the compute process.

A lambda cannot be sent to another process; a module-level function with picklable arguments
can. ``Task(fn, args)`` runs as ``fn(adapter, *args)`` and returns an iterable of values, each a
stage the front end shows as soon as it comes. A task that reports progress calls ``report``;
whoever runs it decides where the report goes (``reporting``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.core.models.base import ModelAdapter

Report = Callable[[int, int], None]  # (done, total)

_report: ContextVar[Report | None] = ContextVar("report", default=None)


@dataclass(frozen=True)
class Task:
    """``fn(adapter, *args)``: ``fn`` defined at a module's top level, ``args`` picklable."""

    fn: Callable[..., Iterable[Any]]
    args: tuple[Any, ...] = ()

    def __call__(self, adapter: ModelAdapter) -> Iterable[Any]:
        return self.fn(adapter, *self.args)


@dataclass(frozen=True)
class HostTask:
    """A task that needs no model (importing the libraries, asking for a GPU): ``fn(*args)``."""

    fn: Callable[..., Iterable[Any]]
    args: tuple[Any, ...] = ()

    def __call__(self) -> Iterable[Any]:
        return self.fn(*self.args)


@contextmanager
def reporting(to: Report | None) -> Iterator[None]:
    """Send what the task reports while it runs inside this block to ``to``."""
    reset = _report.set(to)
    try:
        yield
    finally:
        _report.reset(reset)


def current_report() -> Report | None:
    """Where the running task's progress goes (None: nobody listens)."""
    return _report.get()
