"""One long-lived thread that runs jobs one at a time, newest wanted first.

Threading rules kept here:
- the worker object lives in its own QThread and never touches a widget or the session;
- a job is a kind, a generator function and its own cancel token: each value the generator yields
  reaches the GUI thread through ``finished`` as soon as it is computed, then ``finished(job, None,
  True)`` says the job is over; an exception goes through ``failed``; a ``Cancelled`` job says
  nothing, because the job that replaced it will answer;
- ``put`` replaces a pending job of the same kind and cancels a running one of a kind it replaces.
  Each job has its own token, so cancelling an old job can never stop the new one, whatever the
  order in which the two threads get there;
- the workers share the machine's cores: each stage is computed inside a turn of the compute
  budget (``desktop.core.runtime.taking_turns``), so that the models take turns instead of
  running thread pools on top of each other; a job waiting for its turn can still be cancelled;
- a worker thread runs at a lower scheduling priority than the GUI thread (``background_priority``):
  when the cores are busy, the window's event loop gets one first, and with it the interpreter
  lock that every Qt callback into Python needs.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop.core.cancel import Cancelled, CancelToken, cancel_scope
from desktop.core.runtime import FIRST, taking_turns
from desktop.core.session import Failure

BACKGROUND_NICE = 10  # Linux niceness added to a worker thread (0 = as the GUI thread, 19 = the lowest)


def background_priority() -> None:
    """Lower the calling thread's priority below the GUI thread's (once per worker thread).

    Measured with scripts/bench_gui.py: most of a stall on a busy machine was the GUI thread
    waiting for a core or for the interpreter lock held by a model's thread, not drawing. On
    Linux a thread has its own niceness (``setpriority`` on its thread id); elsewhere Qt's thread
    priority does the same."""
    if sys.platform.startswith("linux"):
        tid = threading.get_native_id()
        with contextlib.suppress(OSError):  # not allowed here: the thread keeps the GUI thread's priority
            os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + BACKGROUND_NICE))
    else:
        QThread.currentThread().setPriority(QThread.Priority.LowPriority)


@dataclass(eq=False)
class Job:
    kind: str
    run: Callable[[], Iterable[Any]]
    tag: Any = None  # returned with every answer (revision, request id...)
    replaces: tuple[str, ...] = ()  # other kinds this job makes obsolete
    rank: int = FIRST  # how its first stage queues for a turn (desktop.core.runtime.Turns)
    token: CancelToken = field(default_factory=CancelToken)


class _Runner(QObject):
    finished = Signal(object, object, bool)  # job, value, last
    failed = Signal(object, object)  # job, Failure

    def __init__(self, priority: tuple[str, ...]) -> None:
        super().__init__()
        self.priority = priority
        self.lock = threading.Lock()
        self.pending: dict[str, Job] = {}
        self.running: Job | None = None
        self.stopping = threading.Event()
        self.runs: Counter[str] = Counter()  # jobs started, by kind (for tests and benchmarks)
        self.lowered = False  # the thread's priority (set on the thread itself, on its first wake-up)

    def take(self) -> Job | None:
        with self.lock:
            kind = next((k for k in self.priority if k in self.pending), None)
            self.running = self.pending.pop(kind) if kind else None
            return self.running

    @Slot()
    def process(self) -> None:
        """Run whatever is pending now; a wake-up that finds nothing does nothing."""
        if not self.lowered:
            self.lowered = True
            background_priority()
        while not self.stopping.is_set() and (job := self.take()) is not None:
            self._run(job)
        with self.lock:
            self.running = None

    def _run(self, job: Job) -> None:
        self.runs[job.kind] += 1
        try:
            with cancel_scope(job.token):
                for value in taking_turns(job.run(), job.rank):  # each stage goes out as soon as it is computed
                    if job.token.cancelled:
                        return
                    self.finished.emit(job, value, False)
        except Cancelled:
            return
        except Exception as exc:  # becomes a state of the view, never an exception escaping the thread
            self.failed.emit(job, Failure.from_exception(exc))
            return
        if not job.token.cancelled:
            self.finished.emit(job, None, True)  # the job is over


class Worker(QObject):
    """The GUI-thread handle of one thread."""

    finished = Signal(object, object, bool)  # job, value, last (emitted on the GUI thread)
    failed = Signal(object, object)  # job, Failure
    _wake = Signal()

    def __init__(self, name: str, priority: tuple[str, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._runner = _Runner(priority)
        self._runner.moveToThread(self._thread)
        self._wake.connect(self._runner.process)
        self._runner.finished.connect(self.finished)
        self._runner.failed.connect(self.failed)

    def put(self, job: Job) -> None:
        if job.kind not in self._runner.priority:  # it would wait forever: take() only looks for these
            raise ValueError(f"worker has no priority for jobs of kind {job.kind!r}")
        obsolete = {job.kind, *job.replaces}
        with self._runner.lock:
            for kind in obsolete & self._runner.pending.keys():
                self._runner.pending.pop(kind).token.cancel()
            running = self._runner.running
            if running is not None and running.kind in obsolete:
                running.token.cancel()
            self._runner.pending[job.kind] = job
        if not self._thread.isRunning() and not self._runner.stopping.is_set():
            self._thread.start()  # on the first job: a worker never used owns no thread
        self._wake.emit()

    @property
    def runs(self) -> Counter[str]:
        return self._runner.runs

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    @property
    def idle(self) -> bool:
        """No job waiting or under way (tests and benchmarks wait for this)."""
        with self._runner.lock:
            return not self._runner.pending and self._runner.running is None

    def stop(self) -> None:
        """Ask the thread to stop without waiting (lets several workers stop at the same time)."""
        self._runner.stopping.set()
        with self._runner.lock:
            for job in [*self._runner.pending.values(), self._runner.running]:
                if job is not None:
                    job.token.cancel()
            self._runner.pending.clear()
        self._thread.quit()

    def wait(self, timeout_ms: int) -> bool:
        """True if the thread ended in time; one still busy (a large model half-way through
        loading cannot be interrupted) is parked so that the program can exit cleanly later."""
        if self._thread.wait(timeout_ms):
            return True
        _parked.append((self._thread, self._runner))
        return False


_parked: list[tuple[QThread, QObject]] = []


def wait_for_parked() -> None:
    """Block until threads that outlived their window's close have finished."""
    while _parked:
        thread, _runner = _parked.pop()
        thread.wait()
