"""Garbage collection on the GUI thread (desktop/qt/collector.py): automatic collection stays off,
the young generation is collected as its threshold says, a full collection at most once a period."""

from __future__ import annotations

import gc

from desktop.qt.collector import GuiCollector


def _allocate(n: int) -> None:
    for _ in range(n):
        a: list = []
        a.append(a)  # a cycle: only a collection frees it


def test_full_collections_wait_for_their_period(qtbot) -> None:
    collector = GuiCollector(check_ms=3_600_000, full_every_s=3600)
    try:
        assert not gc.isenabled()
        for _ in range(400):
            _allocate(gc.get_threshold()[0] + 10)
            collector.check()
        assert 0 in collector.collected and 1 in collector.collected
        assert 2 not in collector.collected  # every tenth middle pass would have been a full one
        collector.last_full -= 3600
        for _ in range(400):
            _allocate(gc.get_threshold()[0] + 10)
            collector.check()
        assert collector.collected.count(2) == 1  # one, then the period starts again
    finally:
        collector.timer.stop()
        collector.deleteLater()


def test_loaded_models_leave_the_walks_until_the_window_closes(qtbot, window) -> None:
    """A loaded model is frozen out of the collector's walks; closing the window gives it back."""
    gc.unfreeze()
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=60_000)  # the window's models loaded
    window.close()
    assert gc.get_freeze_count() == 0
