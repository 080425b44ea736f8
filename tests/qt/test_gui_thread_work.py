"""What the GUI thread does not do again (issue 11 item 1; scripts/bench_gui.py measures the stalls):
a view redrawn for another part, or in another language, sets no picture and lays out no table or
HTML it already shows, and a language switch computes nothing."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QTableWidget, QWidget

from desktop.qt.main_window import MainWindow
from desktop.qt.paced import pacer
from desktop.qt.plots import BarChart, Heatmap, LayerCurves
from desktop.qt.probes_panel import fill_table

TEXT = "I deposited cash at the bank. We had a picnic on the river bank."
WAIT_MS = 120_000


def test_the_same_matrix_again_sets_no_new_image(qtbot) -> None:
    heat = Heatmap()
    qtbot.addWidget(heat)
    images: list[int] = []  # each new picture is framed once: counted there (setImage calls itself)
    original = heat.plot.setRange
    heat.plot.setRange = lambda *a, **k: (images.append(1), original(*a, **k))
    matrix = np.eye(3, dtype=np.float32)

    def show(*args, **kwargs) -> None:  # painted when the pacer gets to it: here at once
        heat.set_matrix(*args, **kwargs)
        heat.paint_now()

    show(matrix, ["a", "b", "c"])
    show(matrix.copy(), ["a", "b", "c"])  # equal values, another array: still the same picture
    assert len(images) == 1 and heat.drawn == 1
    show(matrix, ["a", "b", "d"])  # a label changed (another language): relabelled, the same image
    assert len(images) == 1 and heat.drawn == 1
    assert heat._labels == ["a", "b", "d"]  # what the ticks and the hover text read
    changed = matrix.copy()
    changed[0, 1] = np.nan
    show(changed, ["a", "b", "d"])  # a value changed (NaN counts as a value)
    show(changed, ["a", "b", "d"], levels=(0.0, 1.0))  # the colour scale changed
    assert len(images) == 3 and heat.drawn == 3


def test_a_table_with_the_same_rows_is_not_filled_again(qtbot) -> None:
    table = QTableWidget(2, 2)
    qtbot.addWidget(table)
    fill_table(table, [["a", "b"], ["c", "d"]])
    first = table.item(0, 0)
    fill_table(table, [["a", "b"], ["c", "d"]])
    assert table.item(0, 0) is first  # not replaced: no refit of the columns either
    fill_table(table, [["a", "b"], ["c", "e"]])
    assert table.item(1, 1).text() == "e"


def _heatmaps(window: MainWindow) -> dict[int, int]:
    return {id(h): h.drawn for h in window.findChildren(Heatmap)}


def test_switching_language_computes_nothing_and_sets_no_picture_again(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.probes_done, timeout=WAIT_MS):
        window.text.setPlainText(TEXT)
        window.run_now()
    window.tabs.setCurrentWidget(window.compare)
    panel = window.compare.probes
    qtbot.waitUntil(lambda: panel.cka_result() is not None, timeout=WAIT_MS)
    workers = [*window.controller._workers.values(), window.controller._cross]
    qtbot.waitUntil(lambda: all(w.idle for w in workers) and not pacer().pending(), timeout=WAIT_MS)
    QApplication.processEvents()  # the last answers, drawn
    names = [n for n in window.session.models if n != "broken"]
    runs = {n: dict(window.controller._workers[n].runs) for n in names}
    cross = dict(window.controller._cross.runs)
    drawn = _heatmaps(window)
    assert sum(drawn.values()) > 0
    for language in ("zh", "en"):
        window.language_box.setCurrentIndex(window.language_box.findData(language))
        QApplication.processEvents()
        qtbot.waitUntil(lambda: not pacer().pending(), timeout=WAIT_MS)  # the stale views, redrawn
    assert window.compare.sent_label.text() == "sentences (last layer)"  # redrawn in English again
    assert {n: dict(window.controller._workers[n].runs) for n in names} == runs  # no model ran
    assert dict(window.controller._cross.runs) == cross  # nor CKA, agreement or the claims
    assert _heatmaps(window) == drawn  # every picture on screen is the one it was


def test_a_run_keeps_the_compare_rows_until_their_new_pictures_come(qtbot, window: MainWindow) -> None:
    """Hiding every model's row at Run and showing each as its result came relaid the whole tab out
    once per model (half of the GUI thread's time for a Run with Compare on screen)."""
    with qtbot.waitSignal(window.probes_done, timeout=WAIT_MS):
        window.text.setPlainText(TEXT)
        window.run_now()
    window.tabs.setCurrentWidget(window.compare)
    rows = window.compare.row_labels
    ran = [n for n in rows if window.session.models[n].result is not None]
    window.compare.redraw()
    assert ran and all(rows[n].isVisibleTo(window.compare) for n in ran)
    with qtbot.waitSignal(window.probes_done, timeout=WAIT_MS):
        window.text.setPlainText("The cat sat on the mat. It was warm.")
        window.run_now()
        window.compare.redraw()  # the new text has no result yet
        kept = [n for n in ran if rows[n].isVisibleTo(window.compare)]
    assert kept == ran, "kept while the models work"
    assert all(rows[n].isVisibleTo(window.compare) for n in ran)
    assert not any(rows[n].isVisibleTo(window.compare) for n in rows if n not in ran)  # the broken model


def test_a_language_switch_lays_out_only_the_knowledge_panel_on_screen(qtbot, window: MainWindow) -> None:
    """Every model's pros-and-cons panel hears the switch; those off screen are laid out when shown."""
    with qtbot.waitSignal(window.probes_done, timeout=WAIT_MS):
        window.text.setPlainText(TEXT)
        window.run_now()
    window.tabs.setCurrentWidget(window.compare)
    window.language_box.setCurrentIndex(window.language_box.findData("zh"))
    QApplication.processEvents()
    panels = {name: tab.knowledge for name, tab in window.model_tabs.items()}
    assert all("Strengths" in p.toPlainText() and "优点" not in p.toPlainText() for p in panels.values())
    tab = window.model_tabs["tiny-elmo"]
    window.tabs.setCurrentWidget(tab)
    QApplication.processEvents()
    assert "优点" in tab.knowledge.toPlainText()
    assert "Strengths" in panels["tiny-bert"].toPlainText()  # still off screen


class _PaintRequests(QObject):
    """Counts the paint requests a top-level widget gets."""

    count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        self.count += event.type() == QEvent.Type.UpdateRequest
        return False


def _paints_when_shown_again(qtbot, plot: QWidget) -> int:
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    stack.addWidget(QLabel("another tab"))
    stack.addWidget(plot)
    stack.resize(500, 300)
    stack.show()
    stack.setCurrentIndex(1)
    qtbot.wait(100)  # built, drawn and painted
    stack.setCurrentIndex(0)
    qtbot.wait(100)
    requests = _PaintRequests()
    stack.installEventFilter(requests)
    stack.setCurrentIndex(1)
    qtbot.waitUntil(lambda: requests.count > 0)
    qtbot.wait(200)  # time for a second paint, if one is coming
    stack.removeEventFilter(requests)
    return requests.count


def test_a_tab_with_a_plot_is_painted_once_when_shown_again(qtbot) -> None:
    """A plot's scene that became active again made every item repaint itself, so each time a tab
    holding a plot was shown it was painted twice (a model tab: 30-48 ms of paint instead of
    10-20). Counted as the window's paint requests, for each of our kinds of plot."""
    for make in (Heatmap, LayerCurves, BarChart):
        assert _paints_when_shown_again(qtbot, make()) == 1, make.__name__
