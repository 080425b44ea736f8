"""Closing a test's window the way the program does, then freeing it now, while the application exists."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent


def close_and_delete(window) -> None:
    """Close (every worker must stop), then delete the window's C++ side and collect its Python side."""
    window.close()
    left = window.controller.threads_running()
    assert not left, f"threads still running after close: {left}"
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@contextmanager
def started_window(qtbot, specs, settings) -> Iterator:
    """An English window of ``specs`` on screen, its models starting; closed and freed afterwards."""
    from desktop.qt.app import build_window

    win = build_window(specs, "en", settings)
    qtbot.addWidget(win)
    win.show()
    win.start()
    yield win
    close_and_delete(win)
