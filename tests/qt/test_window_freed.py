"""A closed window's plots are freed: nothing (a closure on a plot's own signal, a global list)
keeps them, so opening and closing windows does not grow memory."""

from __future__ import annotations

import gc
import weakref

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from windows import close_and_delete

from desktop.qt.plots import Heatmap


def test_a_closed_window_leaves_no_plot_behind(qtbot, window_specs, settings) -> None:
    from desktop.qt.app import build_window

    window = build_window(window_specs, "en", settings)
    window.show()
    # each heatmap builds its plot when first shown or drawn: all of them here
    assert all(heatmap.plot is not None for heatmap in window.findChildren(Heatmap))
    plots = [weakref.ref(p) for p in window.findChildren(pg.GraphicsView)]
    assert len(plots) > 10
    close_and_delete(window)
    QCoreApplication.processEvents()  # as the application's loop would, timers of the old window included
    del window
    gc.collect()
    alive = [p() for p in plots if p() is not None]
    assert not alive, f"{len(alive)} of {len(plots)} plots outlived their window"
