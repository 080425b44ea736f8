"""Closing a test's window the way the program does, then freeing it now, while the application exists."""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QEvent


def close_and_delete(window) -> None:
    """Close (every worker must stop), then delete the window's C++ side and collect its Python side."""
    window.close()
    left = window.controller.threads_running()
    assert not left, f"threads still running after close: {left}"
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
