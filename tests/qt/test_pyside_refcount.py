"""PySide6 6.12.0 drops a reference to None on each conversion of an unset QVariant: enough of
them abort the interpreter at exit ("deallocating None"). Fail early if such a version is installed."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox, QLabel


def test_reading_unset_item_data_keeps_none_alive(qapp) -> None:
    combo = QComboBox()
    combo.addItem("no data")
    before = sys.getrefcount(None)
    for _ in range(500):
        combo.itemData(0)
    assert sys.getrefcount(None) - before > -50


def test_event_processing_keeps_none_alive(qapp) -> None:
    label = QLabel()
    label.show()
    before = sys.getrefcount(None)
    for i in range(200):
        label.setText(str(i))
        qapp.processEvents()
    assert sys.getrefcount(None) - before > -50
