"""Presenter mode: the zoom scales every text (widgets, tables, plot ticks) and is remembered, full
screen toggles, the window works from the keyboard, and at 150 % in 1920×1080 nothing is clipped."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from desktop.qt import zoom
from desktop.qt.main_window import MainWindow
from desktop.qt.plots import Heatmap, thinned
from desktop.qt.presenter import shortcuts_html

TEXT = "I deposited cash at the bank. We had a picnic on the river bank."
CHINESE = "我在银行存钱。我们在河岸边野餐。"
WAIT_MS = 60_000
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def back_to_100() -> Iterator[None]:
    """The zoom is the application's font: leave it as the next test expects it."""
    yield
    if QApplication.instance() is not None:
        zoom.set_percent(100)


def _run(qtbot, window: MainWindow, text: str) -> None:
    with qtbot.waitSignal(window.all_done, timeout=WAIT_MS):
        window.text.setPlainText(text)
        window.run_now()


def _sizes(window: MainWindow) -> dict[str, float]:
    QApplication.processEvents()  # the application font reaches the widgets as posted events
    tab = window.model_tabs["tiny-bert"]
    return {
        "label": window.text_label.font().pointSizeF(),
        "table": window.compare.probes.polysemy.font().pointSizeF(),
        "heatmap ticks": tab.heatmap.plot.getAxis("left").style["tickFont"].pointSizeF(),
        "curve ticks": tab.curves.getAxis("bottom").style["tickFont"].pointSizeF(),
        "knowledge": tab.knowledge.font().pointSizeF(),
        "claims": window.claims_tab.table.font().pointSizeF(),
    }


def test_zoom_scales_labels_tables_and_plot_ticks_and_ctrl_0_restores(qtbot, window: MainWindow) -> None:
    before = _sizes(window)
    table_row = window.compare.probes.polysemy.verticalHeader().defaultSectionSize()
    window.presenter.actions["zoom_in"].trigger()
    window.presenter.actions["zoom_in"].trigger()
    after = _sizes(window)
    assert after == pytest.approx({k: v * 1.5 for k, v in before.items()})
    assert window.compare.probes.polysemy.verticalHeader().defaultSectionSize() == round(table_row * 1.5)
    assert window.statusBar().currentMessage() == "Zoom: 150 %"
    window.presenter.actions["zoom_reset"].trigger()
    assert _sizes(window) == pytest.approx(before)
    assert window.compare.probes.polysemy.verticalHeader().defaultSectionSize() == table_row


def test_zoom_keys_and_steps(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.text, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)  # the key, from the text box
    assert zoom.percent() == 125
    qtbot.keyClick(window.text, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert zoom.percent() == 100
    actions = window.presenter.actions
    keys = {name: [k.toString() for k in actions[name].shortcuts()] for name in ("zoom_in", "zoom_out", "zoom_reset")}
    assert "Ctrl++" in keys["zoom_in"] and "Ctrl+=" in keys["zoom_in"]
    assert keys["zoom_out"] == ["Ctrl+-"] and keys["zoom_reset"] == ["Ctrl+0"]
    for _ in range(6):
        actions["zoom_in"].trigger()
    assert zoom.percent() == 200  # the top step, not beyond
    actions["zoom_out"].trigger()
    assert zoom.percent() == 175


def test_zoom_is_remembered_by_the_next_window(qtbot, window_specs, settings) -> None:
    from desktop.qt.app import build_window

    first = build_window(window_specs, "en", settings)
    qtbot.addWidget(first)
    first.presenter.actions["zoom_in"].trigger()
    assert settings.value("ui/zoom") == 125
    zoom.set_percent(100)  # as if the program had ended
    second = build_window(window_specs, "en", settings)
    qtbot.addWidget(second)
    QApplication.processEvents()
    assert zoom.percent() == 125
    assert second.text_label.font().pointSizeF() == pytest.approx(zoom.base_point_size() * 1.25)


def test_full_screen_toggles(qtbot, window: MainWindow) -> None:
    action = window.presenter.actions["full_screen"]
    assert action.shortcut().toString() == "F11"
    action.trigger()
    qtbot.waitUntil(lambda: bool(window.windowState() & Qt.WindowState.WindowFullScreen), timeout=5000)
    assert action.isChecked()
    action.trigger()
    qtbot.waitUntil(lambda: not window.windowState() & Qt.WindowState.WindowFullScreen, timeout=5000)
    assert not action.isChecked()


def test_the_window_works_from_the_keyboard(qtbot, window: MainWindow) -> None:
    _run(qtbot, window, TEXT)
    presenter = window.presenter
    presenter.actions["focus_text"].trigger()
    assert QApplication.focusWidget() is window.text
    window.focusNextChild()  # Tab leaves the text box (no tab typed) for the tabs below it
    assert QApplication.focusWidget() is window.tabs.tabBar() and "\t" not in window.text.toPlainText()
    window.language_box.setFocus()  # the row above the text comes before it, left to right
    window.focusNextChild()
    assert QApplication.focusWidget() is window.text
    index = window.tabs.currentIndex()
    presenter.actions["next_tab"].trigger()
    assert window.tabs.currentIndex() == (index + 1) % window.tabs.count()
    presenter.actions["previous_tab"].trigger()
    tab = window.model_tabs["tiny-bert"]
    window.tabs.setCurrentWidget(tab)
    presenter.actions["pick_word"].trigger()
    assert QApplication.focusWidget() is tab.tokens
    target = next(i for i in range(1, tab.tokens.count()) if tab.analysis.encoding.word_ids[i] == 2)  # "cash"
    for _ in range(target - tab.tokens.currentRow()):
        qtbot.keyClick(tab.tokens, Qt.Key.Key_Right)
    with qtbot.waitSignal(tab.word_selected, timeout=5000) as picked:
        qtbot.keyClick(tab.tokens, Qt.Key.Key_Return)
    assert picked.args == [2]
    listed = shortcuts_html(window)
    for keys in ("Ctrl+L", "Ctrl+K", "F11", "Ctrl+0", "Ctrl+Enter", "Ctrl+PgDown"):
        assert keys in listed


# -- clipping ---------------------------------------------------------------------------------
def settle(qtbot, condition, timeout_ms: int = 2000) -> None:
    """Give the layout a moment to catch up with a text that changed; the caller asserts afterwards."""
    with contextlib.suppress(qtbot.TimeoutError):
        qtbot.waitUntil(condition, timeout=timeout_ms)


def clipped(window: QWidget) -> list[str]:
    """Every visible label or button whose text needs more room than it has (word-wrapped labels:
    more height for their width; elided ones are elided on purpose and fit)."""
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, QLabel | QPushButton) or not widget.isVisible() or not widget.text().strip():
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            needs = (
                widget.heightForWidth(widget.contentsRect().width()) + widget.height() - widget.contentsRect().height()
            )
            short = needs > widget.height() + 1
        else:
            hint = widget.sizeHint()
            short = hint.width() > widget.width() + 1 or hint.height() > widget.height() + 1
        if short:
            found.append(f"{type(widget).__name__} {widget.text()[:40]!r} {widget.size().toTuple()}")
    return found


def overlapping_ticks(window: QWidget) -> list[str]:
    """Every visible heatmap whose row labels sit closer than a line apart."""
    found = []
    for heat in window.findChildren(Heatmap):
        if not heat.isVisible() or not heat._labels:
            continue
        axis = heat.plot.getAxis("left")
        levels = axis._tickLevels or [[]]
        rows = [position for position, _ in levels[0]]
        vb = heat.plot.getPlotItem().vb
        cell = min(vb.width(), vb.height()) / len(heat._labels)
        line = QFontMetricsF(axis.style["tickFont"] or heat.font()).height()
        if len(rows) > 1 and np.min(np.diff(sorted(rows))) * cell < line - 0.5:
            found.append(f"{len(rows)} rows {cell:.1f} px apart in {heat.parent().objectName() or type(heat.parent())}")
    return found


def test_the_checks_can_fail(qtbot) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    label = QLabel("a label far too long for twenty pixels", box)
    label.setFixedWidth(20)
    heat = Heatmap(box)
    heat.setFixedSize(260, 260)
    box.show()
    heat.set_matrix(np.zeros((40, 40), dtype=np.float32), [f"w{i}" for i in range(40)])
    qtbot.waitUntil(lambda: heat.plot.getPlotItem().vb.height() > 100, timeout=5000)
    assert any("far too long" in line for line in clipped(box))
    assert not overlapping_ticks(box)
    heat.plot.getAxis("left").setTicks([[(i + 0.5, f"w{i}") for i in range(40)]])  # every label, as before the fix
    assert overlapping_ticks(box)


def test_heatmap_labels_are_thinned_and_elided_with_the_whole_label_on_hover(qtbot) -> None:
    heat = Heatmap(labels="both", label_chars=8)
    qtbot.addWidget(heat)
    heat.setFixedSize(300, 300)
    heat.show()
    labels = [f"{i:02d}-word-with-a-long-tail" for i in range(30)]
    heat.set_matrix(np.eye(30, dtype=np.float32), labels)
    qtbot.waitUntil(lambda: heat.plot.getPlotItem().vb.height() > 100, timeout=5000)
    heat._relabel()
    rows = heat.plot.getAxis("left")._tickLevels[0]
    columns = heat.plot.getAxis("bottom")._tickLevels[0]
    assert 1 < len(rows) < 30 and 1 < len(columns) < len(rows)
    assert all(text.endswith("…") and labels[int(pos)].startswith(text[:-1]) for pos, text in rows)
    metrics = QFontMetricsF(heat.plot.getAxis("bottom").style["tickFont"])
    room = (columns[1][0] - columns[0][0]) * min(heat.plot.getPlotItem().vb.width(), 300) / 30
    assert all(metrics.horizontalAdvance(text) <= room for _, text in columns)
    axis = heat.plot.getAxis("left").sceneBoundingRect()
    assert heat._axis_label(axis.center()) in labels  # the whole label, as a tooltip
    same_start = [f"multilingual-e5-small / layer {i}" for i in range(13)]  # cut at the end, all would read alike
    shown = thinned(same_start, 40.0, metrics, metrics.averageCharWidth() * 12, side_by_side=False)
    assert len({text for _, text in shown}) == 13 and all(text.endswith(f"{i}") for i, text in shown)


@pytest.mark.parametrize(("language", "text"), [("en", TEXT), ("zh", CHINESE)])
def test_at_150_percent_in_1920_by_1080_nothing_is_clipped(qtbot, window: MainWindow, language, text) -> None:
    window.language_box.setCurrentIndex(window.language_box.findData(language))
    _run(qtbot, window, text)
    window.resize(1920, 1080)
    window.presenter.set_zoom(150)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(50)
        QApplication.processEvents()
        where = window.tabs.tabText(index)
        assert window.width() <= 1920 and window.height() <= 1080, f"{where} widens the window to {window.size()}"
        settle(qtbot, lambda: not clipped(window))  # a status label that just changed text is laid out next
        assert not clipped(window), f"{where}: {clipped(window)}"
        assert not overlapping_ticks(window), f"{where}: {overlapping_ticks(window)}"


GRAB = """
import sys
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from desktop.qt.app import application
from desktop.qt.plots import Heatmap, thinned
app = application()
print(QGuiApplication.highDpiScaleFactorRoundingPolicy() == Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
heat = Heatmap(colorbar=False, labels="none")
heat.resize(300, 300)
heat.show()
heat.set_matrix(np.indices((6, 6)).sum(axis=0) % 2 * 2.0 - 1.0, [str(i) for i in range(6)])
for _ in range(20):
    app.processEvents()
image = heat.plot.grab().toImage()
print(image.devicePixelRatio(), image.width())
image.save(sys.argv[1])
"""


def test_high_dpi_grab_is_sharp(tmp_path: Path) -> None:
    """At a scale factor of 2 the picture has twice the pixels and the cells keep hard edges."""
    from PySide6.QtGui import QImage

    out = tmp_path / "heat.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    result = subprocess.run(
        [sys.executable, "-c", GRAB, str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    policy, size = result.stdout.split("\n")[:2]
    assert policy == "True"
    ratio, width = size.split()
    assert float(ratio) == 2.0 and int(width) >= 500
    image = QImage(str(out))
    row = [image.pixelColor(x, image.height() // 2).name() for x in range(image.width())]
    inside = [c for c in row if c not in ("#ffffff", "#000000")]
    blurred = [c for c in set(inside) if inside.count(c) < 4]  # a colour between two cells: smoothing
    assert len(set(inside)) - len(blurred) == 2, f"cells: {sorted(set(inside))}"
    assert len(blurred) <= 2, f"blurred edges: {blurred}"
