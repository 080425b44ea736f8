"""One zoom factor for every text in the window (presenter mode).

The zoom is the application font's size over the size it had when the program started: every
widget follows the application font by itself, the plots follow their widget's font (plots.py),
and the few sizes a view fixes in pixels are given here at 100 % with ``sized`` and rescaled
with the font. Nothing else needs to know the factor.
"""

from __future__ import annotations

import json

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QTableView, QWidget

STEPS = (100, 125, 150, 175, 200)
BASE_PROPERTY = "bge_base_point_size"  # the application font's size before any zoom
SIZES_PROPERTY = "bge_base_sizes"  # a widget's pixel sizes at 100 %, as JSON (a dict does not survive a property)
ROWS_PROPERTY = "bge_base_row_height"  # a table's row height at 100 %
SETTERS = {
    "fixed_height": QWidget.setFixedHeight,
    "minimum_height": QWidget.setMinimumHeight,
    "maximum_height": QWidget.setMaximumHeight,
    "minimum_width": QWidget.setMinimumWidth,
    "maximum_width": QWidget.setMaximumWidth,
}


def base_point_size() -> float:
    """The application font's size at 100 %, read once, so that zooming never compounds."""
    app = QApplication.instance()
    value = app.property(BASE_PROPERTY)
    if value is None:
        value = QApplication.font().pointSizeF()
        app.setProperty(BASE_PROPERTY, value)
    return float(value)


def factor() -> float:
    """The current zoom as a factor (1.0 at 100 %)."""
    if QApplication.instance() is None:
        return 1.0
    return QApplication.font().pointSizeF() / base_point_size()


def percent() -> int:
    return round(factor() * 100)


def set_percent(value: int) -> None:
    """Scale the application font (every widget follows it) and the pixel sizes given to ``sized``."""
    previous = factor()
    font = QFont(QApplication.font())
    font.setPointSizeF(base_point_size() * value / 100)
    QApplication.setFont(font)
    for widget in QApplication.allWidgets():
        if isinstance(widget, QTableView):
            _scale_rows(widget, previous)
        if widget.property(SIZES_PROPERTY):
            _apply(widget, json.loads(widget.property(SIZES_PROPERTY)))


def _scale_rows(table: QTableView, previous: float) -> None:
    """A table's rows keep the height they were made with unless told: scale it with the font."""
    header = table.verticalHeader()
    base = table.property(ROWS_PROPERTY) or header.defaultSectionSize() / previous
    table.setProperty(ROWS_PROPERTY, float(base))
    header.setDefaultSectionSize(round(base * factor()))


def next_step(current: int, direction: int) -> int:
    """The next step up (``direction`` 1) or down (-1) from ``current``, staying within STEPS."""
    if direction > 0:
        return next((s for s in STEPS if s > current), STEPS[-1])
    return next((s for s in reversed(STEPS) if s < current), STEPS[0])


def sized(widget: QWidget, **sizes: int) -> QWidget:
    """Give ``widget`` pixel sizes at 100 % (keys of SETTERS); they follow the zoom from now on."""
    unknown = set(sizes) - set(SETTERS)
    if unknown:
        raise ValueError(f"unknown sizes: {', '.join(sorted(unknown))}")
    widget.setProperty(SIZES_PROPERTY, json.dumps(sizes))
    _apply(widget, sizes)
    return widget


def _apply(widget: QWidget, sizes: dict) -> None:
    f = factor()
    for key, value in sizes.items():
        SETTERS[key](widget, round(int(value) * f))
