"""Python's garbage collection on the GUI thread only, often and in small pieces.

A collection that a worker thread happens to trigger can free a widget's Qt objects on that thread
("QBasicTimer::stop: Failed ... different thread", then a crash), so automatic collection is off
and a timer on the GUI thread collects instead (as pyqtgraph's ``GarbageCollector`` does). Two
things keep each collection short, since it holds the event loop: the young generation is
collected every 50 ms, before the workers' allocations pile up (every 500 ms, it took up to 440 ms
in ``scripts/bench_gui.py``), and a full collection runs at most once a minute instead of every
tenth middle-generation pass. A full collection walks every object, and the loaded models and
libraries are most of them (380 ms with the default models): ``keep_loaded`` moves what is alive
once a model has loaded out of the collector's walks (``gc.freeze``) for as long as the window
lives, and ``release_loaded`` gives it back when the window closes.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 50
FULL_EVERY_S = 60.0


class GuiCollector(QObject):
    def __init__(self, check_ms: int = CHECK_MS, full_every_s: float = FULL_EVERY_S) -> None:
        super().__init__()
        self.threshold = gc.get_threshold()
        self.full_every_s = full_every_s
        self.last_full = time.monotonic()
        self.collected: list[int] = []  # the generation of each collection made (for tests)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(check_ms)

    def check(self) -> None:
        young, middle, old = gc.get_count()
        if young <= self.threshold[0]:
            return
        generation = 1 if middle > self.threshold[1] else 0
        now = time.monotonic()
        if generation == 1 and old > self.threshold[2] and now - self.last_full >= self.full_every_s:
            generation, self.last_full = 2, now
        gc.collect(generation)
        self.collected.append(generation)


def keep_loaded() -> None:
    """Everything alive now (a model just loaded, the libraries) is left out of later collections."""
    gc.freeze()


def release_loaded() -> None:
    """The models of a closing window can be collected again, cycles included."""
    gc.unfreeze()
