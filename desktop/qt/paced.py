"""GUI work in slices: many small drawing jobs run a few per event-loop turn, not all at once.

A tab shown for the first time builds a dozen pyqtgraph plots (~20 ms each); a result that
arrives while it is on screen re-draws as many. Done in one go that is a stall of half a second
or more, while typing and the other tabs wait. Here each widget queues its own job, keyed by the
widget (a newer job replaces its waiting one), and the queue runs jobs in order until a turn's
budget is spent, then lets the event loop breathe. ``flush`` runs the rest at once, for what needs
every picture now (an export, a screenshot, a test that reads a plot).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

TURN_BUDGET_S = 0.015  # one job always runs; more only while the turn has used less than this


class Pacer(QObject):
    """The queue of waiting drawing jobs, one per widget, run a few per turn on the GUI thread."""

    def __init__(self) -> None:
        super().__init__()
        self._jobs: dict[int, tuple[QObject, Callable[[], None]]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._turn)

    def later(self, owner: QObject, job: Callable[[], None]) -> None:
        """Run ``job`` soon; it replaces ``owner``'s waiting job and goes to the back of the queue."""
        self._jobs.pop(id(owner), None)
        self._jobs[id(owner)] = (owner, job)
        self._timer.start()

    def cancel(self, owner: QObject) -> bool:
        """Take ``owner``'s waiting job off the queue; whether there was one."""
        return self._jobs.pop(id(owner), None) is not None

    def pending(self) -> int:
        return len(self._jobs)

    def flush(self) -> None:
        """Run every waiting job now (jobs queued meanwhile included)."""
        while self._jobs:
            self._run_next()

    def _turn(self) -> None:
        start = time.perf_counter()
        if self._jobs:  # none when they were flushed or taken back since the timer started
            self._run_next()
        while self._jobs and time.perf_counter() - start < TURN_BUDGET_S:
            self._run_next()
        if self._jobs:
            self._timer.start()

    def _run_next(self) -> None:
        owner, job = self._jobs.pop(next(iter(self._jobs)))
        if shiboken6.isValid(owner) and (not isinstance(owner, QWidget) or owner.isVisible()):
            job()  # not for a widget deleted or hidden meanwhile: it draws again when shown


_PACER: list[Pacer] = []


def pacer() -> Pacer:
    """The application's one pacer (made on first use, on the GUI thread)."""
    if not _PACER:
        _PACER.append(Pacer())
    return _PACER[0]
