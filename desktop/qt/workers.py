"""One background thread per model: load once, then analyse the newest text, dropping stale work.

Threading rules kept here (see shared design notes):
- the worker object lives in its own QThread and never touches a widget;
- results reach the GUI thread through ``Signal(object)`` into ``@Slot(object)`` methods;
- requests carry increasing ids; the worker keeps only the newest pending request, so edits
  queued behind a running one are coalesced, and a result whose id is not the newest is dropped;
- errors become a state of the tab, never an exception escaping the thread.
"""

from __future__ import annotations

import threading
import time
import traceback
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop.core.analysis import Analysis, DeepProbes, analyse, deep_probes, fill_word
from desktop.core.measure.probes import polysemy, predict
from desktop.core.models import load_adapter
from desktop.core.models.base import Cancelled, ModelAdapter, ModelError
from desktop.core.store.registry import ModelSpec


class RunState(StrEnum):
    WAITING = "waiting"
    LOADING = "loading"
    RUNNING = "running"
    DONE = "done"
    ERROR = "error"


@dataclass
class Failure:
    """What went wrong, for the user: the message, the file, what to do, and the detail."""

    message: str
    path: str | None = None
    hint: str = ""
    detail: str = ""

    @classmethod
    def from_exception(cls, exc: BaseException) -> Failure:
        if isinstance(exc, ModelError):  # expected and explained: no traceback for the user
            return cls(exc.message, exc.path, exc.hint)
        return cls(f"{type(exc).__name__}: {exc}", detail="".join(traceback.format_exception(exc)))


@dataclass
class Status:
    state: RunState
    elapsed_ms: float = 0.0
    failure: Failure | None = None


@dataclass
class _Request:
    id: int
    kind: str  # "analyse", then the word-level "fill" / "predict", then "deep" (slow probes)
    text: str
    span: tuple[int, int] | None = None  # fill: the word to mask
    word: int | None = None  # predict: the slot
    lemma: str = ""  # polysemy: the repeated word the user picked
    analysis: Analysis | None = None  # deep: the result to probe further


_PRIORITY = ("analyse", "fill", "predict", "polysemy", "deep")


class _Worker(QObject):
    status = Signal(object)  # Status
    analysed = Signal(object)  # (request id, Analysis)
    probed = Signal(object)  # (request id, kind, result) for fill / predict / deep
    failed = Signal(object)  # (request id, kind, Failure)

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__()
        self.spec = spec
        self.adapter: ModelAdapter | None = None
        self.load_failed = False
        self.runs = 0
        self._lock = threading.Lock()
        self._pending: dict[str, _Request] = {}
        self.stopping = threading.Event()

    def put(self, request: _Request) -> None:
        """Called from the GUI thread: replaces any pending request of the same kind."""
        with self._lock:
            self._pending[request.kind] = request
            if request.kind == "analyse":
                self._pending.pop("deep", None)  # probes of an older text are not wanted any more
        if request.kind == "analyse" and self.adapter is not None:
            self.adapter.cancel.set()  # a running windowed run or probe stops at its next step

    @Slot()
    def load(self) -> None:
        self.status.emit(Status(RunState.LOADING))
        t0 = time.perf_counter()
        try:
            self.adapter = load_adapter(self.spec)
        except Exception as exc:  # shown in the tab; the other models go on
            self.load_failed = True
            self.status.emit(Status(RunState.ERROR, failure=Failure.from_exception(exc)))
            return
        self.status.emit(Status(RunState.WAITING, (time.perf_counter() - t0) * 1000))

    @Slot()
    def process(self) -> None:
        """Run whatever is pending now, most wanted first; a wake-up that finds nothing does nothing."""
        while not self.stopping.is_set():
            with self._lock:
                kind = next((k for k in _PRIORITY if k in self._pending), None)
                request = self._pending.pop(kind) if kind else None
            if request is None or self.adapter is None:
                return
            self._run(request)

    def _run(self, request: _Request) -> None:
        adapter = self.adapter
        assert adapter is not None
        if request.kind == "analyse":
            self.status.emit(Status(RunState.RUNNING))
        t0 = time.perf_counter()
        adapter.cancel.clear()
        if self.stopping.is_set():
            return
        try:
            if request.kind == "analyse":
                self.runs += 1
                result: Any = analyse(adapter, request.text)
            elif request.kind == "fill":
                assert request.span is not None
                result = fill_word(adapter, request.text, request.span)
            elif request.kind == "predict":
                assert request.word is not None
                result = predict(adapter, request.text, request.word)
            elif request.kind == "polysemy":
                result = polysemy(adapter, request.text, request.lemma)
            else:
                assert request.analysis is not None
                result = deep_probes(adapter, request.analysis)
        except Cancelled:
            return
        except Exception as exc:
            self.failed.emit((request.id, request.kind, Failure.from_exception(exc)))
            return
        if request.kind == "analyse":  # the state first, so that the result finds it "done"
            self.status.emit(Status(RunState.DONE, (time.perf_counter() - t0) * 1000))
            self.analysed.emit((request.id, result))
            self.put(_Request(request.id, "deep", request.text, analysis=result))
        else:
            self.probed.emit((request.id, request.kind, result))


class ModelRunner(QObject):
    """The GUI-thread handle of one model's worker. Emits only results that are still wanted."""

    status_changed = Signal(object)  # Status
    result_ready = Signal(object)  # Analysis
    probe_ready = Signal(object)  # dict from fill_word
    predict_ready = Signal(object)  # dict from probes.predict
    polysemy_ready = Signal(object)  # PolysemyResult for a word the user picked, or {"unavailable": ...}
    deep_ready = Signal(object)  # DeepProbes (direction, polysemy) of the newest text
    _wake = Signal()
    _load = Signal()

    def __init__(self, spec: ModelSpec, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.status = Status(RunState.WAITING)
        self._next_id = 0
        self._latest: dict[str, int] = {}
        self._answered = 0  # id of the newest analysis request that got a result or an error
        self._deep_answered = 0  # likewise for its slow probes (they carry the analysis' id)
        self._thread = QThread()
        self._thread.setObjectName(f"model-{spec.name}")
        self._worker = _Worker(spec)
        self._worker.moveToThread(self._thread)
        self._wake.connect(self._worker.process)
        self._load.connect(self._worker.load)
        self._worker.status.connect(self._on_status)
        self._worker.analysed.connect(self._on_analysed)
        self._worker.probed.connect(self._on_probed)
        self.deep: DeepProbes | None = None
        self._worker.failed.connect(self._on_failed)
        self._thread.start()
        self._load.emit()

    @property
    def load_failed(self) -> bool:
        return self._worker.load_failed

    @property
    def idle(self) -> bool:
        """The newest text has its first result (or its error), or the model cannot load."""
        return self.load_failed or self._answered == self._latest.get("analyse", 0)

    @property
    def probes_idle(self) -> bool:
        """The newest text's slow probes are in too (or will not come)."""
        return self.load_failed or (self.idle and self._deep_answered == self._latest.get("analyse", 0))

    @property
    def runs(self) -> int:
        """How many analyses the worker really ran (for tests and the benchmark)."""
        return self._worker.runs

    def submit(self, text: str) -> int:
        return self._put(_Request(0, "analyse", text))

    def request_fill(self, text: str, span: tuple[int, int]) -> int:
        return self._put(_Request(0, "fill", text, span=span))

    def request_predict(self, text: str, word: int) -> int:
        return self._put(_Request(0, "predict", text, word=word))

    def request_polysemy(self, text: str, lemma: str) -> int:
        return self._put(_Request(0, "polysemy", text, lemma=lemma))

    def _put(self, request: _Request) -> int:
        self._next_id += 1
        request.id = self._next_id
        self._latest[request.kind] = self._next_id
        if request.kind == "analyse":
            self.deep = None
        self._worker.put(request)
        self._wake.emit()
        return self._next_id

    def _fresh(self, kind: str, request_id: int) -> bool:
        return self._latest.get(kind) == request_id

    @Slot(object)
    def _on_status(self, status: Status) -> None:
        self.status = status
        self.status_changed.emit(status)

    @Slot(object)
    def _on_analysed(self, payload: tuple[int, Analysis]) -> None:
        request_id, analysis = payload
        if self._fresh("analyse", request_id):
            self._answered = request_id
            self.result_ready.emit(analysis)

    @Slot(object)
    def _on_probed(self, payload: tuple[int, str, Any]) -> None:
        request_id, kind, result = payload
        if kind == "deep":
            if self._fresh("analyse", request_id):
                self._deep_answered = request_id
                self.deep = result
                self.deep_ready.emit(result)
        elif self._fresh(kind, request_id):
            self._word_signal(kind).emit(result)

    @Slot(object)
    def _on_failed(self, payload: tuple[int, str, Failure]) -> None:
        request_id, kind, failure = payload
        if kind == "deep":  # the first result stands; the probes say why they are missing
            if self._fresh("analyse", request_id):
                self._deep_answered = request_id
                self.deep_ready.emit(DeepProbes(None, None, 0.0, [failure.message]))
            return
        if not self._fresh(kind, request_id):
            return
        if kind != "analyse":  # a word-level probe failed: say so where its answer would be
            self._word_signal(kind).emit({"unavailable": failure.message})
            return
        self._answered = self._deep_answered = request_id
        self.status = Status(RunState.ERROR, failure=failure)
        self.status_changed.emit(self.status)

    def _word_signal(self, kind: str) -> Signal:
        return {"fill": self.probe_ready, "predict": self.predict_ready, "polysemy": self.polysemy_ready}[kind]

    def request_stop(self) -> None:
        """Ask the worker to stop without waiting (lets several models stop at the same time)."""
        self._worker.stopping.set()
        if self._worker.adapter is not None:
            self._worker.adapter.cancel.set()
        self._thread.quit()

    def shutdown(self, timeout_ms: int = 1500) -> bool:
        """Stop the thread: a windowed run stops at its next window. True if it ended in time.

        A thread still busy after the timeout (a large model half-way through loading cannot be
        interrupted) is parked, and ``wait_for_parked`` lets the program exit cleanly after the
        window has closed.
        """
        self.request_stop()
        if self._thread.wait(timeout_ms):
            return True
        _parked.append((self._thread, self._worker))
        return False

    @property
    def running(self) -> bool:
        return self._thread.isRunning()


_parked: list[tuple[QThread, QObject]] = []


def wait_for_parked() -> None:
    """Block until threads that outlived their window's close have finished."""
    while _parked:
        thread, _worker = _parked.pop()
        thread.wait()
