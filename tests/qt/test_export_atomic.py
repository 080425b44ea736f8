"""The Compare tab's exports replace a file only once the new one is whole: a save that fails
midway leaves the previous export as it was, and the window says so in one line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.encoding import Family
from desktop.core.session import Session
from desktop.core.store.registry import ModelSpec
from desktop.qt.probes_panel import ProbesPanel


@pytest.fixture
def panel(qtbot) -> ProbesPanel:
    specs = [ModelSpec("m", Family.ENCODER)]
    widget = ProbesPanel(specs, Session(["m"]))
    qtbot.addWidget(widget)
    return widget


def _full_disk(*args, **kwargs) -> None:
    raise OSError(28, "No space left on device")


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_failed_json_export_keeps_the_previous_file(panel, tmp_path, monkeypatch) -> None:
    target = tmp_path / "p.json"
    panel.export(target, "json")
    good = target.read_text(encoding="utf-8")
    assert json.loads(good)["text"] == ""

    def half_then_fail(obj, f, **kwargs) -> None:
        f.write(json.dumps(obj)[:5])
        _full_disk()

    monkeypatch.setattr(json, "dump", half_then_fail)
    with pytest.raises(OSError, match="No space"):
        panel.export(target, "json")
    assert target.read_text(encoding="utf-8") == good
    assert _leftovers(tmp_path) == []


def test_a_failed_csv_export_keeps_the_previous_file(panel, tmp_path, monkeypatch) -> None:
    target = tmp_path / "p.csv"
    panel.export(target, "csv")
    good = target.read_text(encoding="utf-8")
    assert good.startswith("probe,model")
    real_writer = csv.writer

    class HalfWriter:
        def __init__(self, f, *args, **kwargs) -> None:
            self.inner = real_writer(f, *args, **kwargs)

        def writerow(self, row) -> None:
            self.inner.writerow(["probe"])
            _full_disk()

    monkeypatch.setattr(csv, "writer", HalfWriter)
    with pytest.raises(OSError, match="No space"):
        panel.export(target, "csv")
    assert target.read_text(encoding="utf-8") == good
    assert _leftovers(tmp_path) == []


def test_a_png_qt_cannot_save_is_an_error_not_silence(panel, tmp_path, monkeypatch) -> None:
    target = tmp_path / "p.png"
    target.write_bytes(b"an older picture")
    monkeypatch.setattr(QPixmap, "save", lambda *args: False)
    with pytest.raises(OSError, match="the save failed"):
        panel.export(target, "png")
    assert target.read_bytes() == b"an older picture"
    assert _leftovers(tmp_path) == []


def test_the_save_button_shows_a_failed_save_in_one_line(panel, tmp_path, monkeypatch) -> None:
    target = tmp_path / "p.json"
    shown: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(json, "dump", _full_disk)
    panel._ask_and_save("json")
    assert shown == [f"{target}: No space left on device"]
    assert not target.exists()
