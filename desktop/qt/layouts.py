"""Small layout helpers the views share, so that each view's building code says only what it holds."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


def boxed(box: QGroupBox, *items: QWidget | QLayout) -> QGroupBox:
    """``box`` holding ``items`` top to bottom (the last one takes the spare room)."""
    layout = QVBoxLayout(box)
    add(layout, *items)
    return box


def add(layout: QBoxLayout, *items: QWidget | QLayout) -> None:
    for i, item in enumerate(items):
        stretch = 1 if i == len(items) - 1 else 0
        if isinstance(item, QLayout):
            layout.addLayout(item, stretch)
        else:
            layout.addWidget(item, stretch)


def labelled(label: QLabel, widget: QWidget) -> QHBoxLayout:
    """A label and the control it names, on one line."""
    row = QHBoxLayout()
    row.addWidget(label)
    row.addWidget(widget, 1)
    return row


def scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area: squeezed (a large zoom, a small window), it scrolls
    instead of being cut off."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area
