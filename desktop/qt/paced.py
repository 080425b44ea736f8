"""GUI work in slices: many small drawing jobs run a few per event-loop turn, not all at once.

A tab shown for the first time builds a dozen pyqtgraph plots (~20 ms each); a result that
arrives while it is on screen re-draws as many. Done in one go that is a stall of half a second
or more, while typing and the other tabs wait. Here each widget queues its own job, keyed by the
widget (a newer job replaces its waiting one), and the queue runs jobs in order while the next one,
expected to cost what its kind cost last time, still fits the turn's budget; then it lets the event
loop breathe (and paint what the turn changed: a turn's stall is its jobs plus that paint). ``flush`` runs the
rest at once, for what needs every picture now (an export, a screenshot, a test that reads a plot).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QWidget

TURN_BUDGET_S = 0.015  # one job always runs; another only if the turn plus its expected time fits


class Pacer(QObject):
    """The queue of waiting drawing jobs, one per widget, run a few per turn on the GUI thread."""

    def __init__(self) -> None:
        super().__init__()
        self._jobs: dict[tuple[int, str], tuple[QObject, Callable[[], None]]] = {}
        self._costs: dict[tuple[type, str], float] = {}  # seconds the last job of each kind took
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._turn)

    def later(self, owner: QObject, job: Callable[[], None], part: str = "") -> None:
        """Run ``job`` soon; it replaces ``owner``'s waiting job for the same ``part`` (a view drawn in
        several turns names its parts) and goes to the back of the queue."""
        key = (id(owner), part)
        self._jobs.pop(key, None)
        self._jobs[key] = (owner, job)
        self._timer.start()

    def cancel(self, owner: QObject, part: str = "") -> bool:
        """Take ``owner``'s waiting job for ``part`` off the queue; whether there was one."""
        return self._jobs.pop((id(owner), part), None) is not None

    def pending(self) -> int:
        return len(self._jobs)

    def flush(self) -> None:
        """Run every waiting job now (jobs queued meanwhile included)."""
        while self._jobs:
            self._run_next()

    def settle(self, rounds: int = 10) -> None:
        """Flush, then let Qt deliver what the jobs posted and flush again, until nothing waits: a
        widget that a job adds to a layout is shown by a posted layout request, and only then queues
        its own job (a screenshot missed the Claims tab's last attention mask)."""
        for _ in range(rounds):
            self.flush()
            QCoreApplication.processEvents()
            if not self._jobs:
                return

    def _turn(self) -> None:
        """One job, then more while the turn, plus the next job's expected time, fits the budget: the
        time the same kind of job (the owner's class and the part) took last, else the last job's."""
        start = time.perf_counter()
        cost = 0.0
        while self._jobs:
            kind = self._kind(next(iter(self._jobs)))
            if cost and time.perf_counter() - start + self._costs.get(kind, cost) >= TURN_BUDGET_S:
                break
            began = time.perf_counter()
            self._run_next()
            cost = self._costs[kind] = max(time.perf_counter() - began, 1e-6)
        if self._jobs:
            self._timer.start()

    def _kind(self, key: tuple[int, str]) -> tuple[type, str]:
        return type(self._jobs[key][0]), key[1]

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
