"""The Projection tab with tiny models: points for every model, a layer switch redraws, the hover
names the sentence, UMAP goes through the model's worker, export writes the picture and the points."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtTest import QTest

from desktop.core.measure.projection import POINT_HEADER, Method, Projection, umap_available
from desktop.core.messages import layer_label
from desktop.qt.main_window import MainWindow
from desktop.qt.paced import pacer

TEXT = "I deposited cash at the bank. We had a picnic on the river bank."
WAIT_MS = 60_000


def _shown(qtbot, window: MainWindow):
    with qtbot.waitSignal(window.all_done, timeout=WAIT_MS):
        window.text.setPlainText(TEXT)
        window.run_now()
    tab = window.projection_tab
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.shown is not None, timeout=WAIT_MS)
    return tab


def _in_point_order(tab, plot: int, values: list) -> list:
    """The scatter's values in the order of ``Projection.points`` (it draws grey points first)."""
    order = list(tab.plots[plot].scatter.data["data"])
    return [values[order.index(i)] for i in range(len(order))]


def _settled() -> None:
    """The event loop runs until the pacer is idle (the static plot is drawn at its next turn)."""
    for _ in range(200):
        if not pacer().pending():
            return
        QTest.qWait(5)
    raise AssertionError("the pacer never finished its jobs")


def _positions(tab, plot: int = 0) -> np.ndarray:
    _settled()
    x, y = tab.plots[plot].scatter.getData()
    return np.array(_in_point_order(tab, plot, list(zip(x, y, strict=True))))


def _brushes(tab) -> list[str]:
    return _in_point_order(tab, 0, [b.color().name() for b in tab.plots[0].scatter.data["brush"]])


def test_the_tab_draws_a_point_per_word_for_every_model(qtbot, window: MainWindow) -> None:
    tab = _shown(qtbot, window)
    models = [tab.model_box.itemData(i) for i in range(tab.model_box.count())]
    assert models == ["tiny-bert", "tiny-gpt2", "tiny-elmo"]  # the broken model has no result
    for i, name in enumerate(models):
        tab.model_box.setCurrentIndex(i)
        found = window.session.models[name].result.analysis.projection
        assert tab.shown is found and found.model == name
        np.testing.assert_allclose(_positions(tab, 0), found.coords[tab.layer_shown])
        np.testing.assert_allclose(_positions(tab, 1), found.coords[found.static_layer])
        assert tab.layer_box.currentData() == found.contextual_layers[-1]  # the top layer first
        assert "PCA" in tab.info.text() and str(len(found.points)) in tab.info.text()
    words = {label.toPlainText() for label in tab.plots[1].labels if label.isVisible()}
    assert "bank ×2" in words  # the static layer's two uses of 'bank' are one point, one label


def test_switching_the_layer_redraws_the_left_plot_only(qtbot, window: MainWindow) -> None:
    tab = _shown(qtbot, window)
    found = tab.shown
    static = _positions(tab, 1)
    for i, layer in enumerate(found.contextual_layers):
        tab.layer_box.setCurrentIndex(i)
        assert tab.layer_shown == layer
        np.testing.assert_allclose(_positions(tab, 0), found.coords[layer])
        np.testing.assert_allclose(_positions(tab, 1), static)
    assert layer_label(layer).english() in tab.plots[0].plot.titleLabel.text


def test_colour_by_sense_tells_the_two_banks_apart(qtbot, window: MainWindow) -> None:
    tab = _shown(qtbot, window)
    banks = [i for i, p in enumerate(tab.shown.points) if p.word == "bank"]
    tab.colour_box.setCurrentIndex(0)
    brushes = _brushes(tab)
    assert brushes[banks[0]] == brushes[banks[1]]  # one repeated word, one colour
    tab.colour_box.setCurrentIndex(1)
    brushes = _brushes(tab)
    assert brushes[banks[0]] != brushes[banks[1]]
    assert set(tab.plots[0].scatter.data["data"][-2:]) == set(banks)  # coloured points drawn over grey ones
    qtbot.waitUntil(lambda: pacer().pending() == 0)  # the legend is drawn at a turn of its own
    legend = [label.text for _, label in tab.legend.items]
    assert any("a financial institution" in t for t in legend) and any("beside a river" in t for t in legend)


def test_hovering_a_point_shows_its_sentence(qtbot, window: MainWindow) -> None:
    tab = _shown(qtbot, window)
    tab.model_box.setCurrentIndex(tab.model_box.findData("tiny-elmo"))
    qtbot.wait(200)  # the layout settles: where the point is on screen is read after it
    i = next(k for k, p in enumerate(tab.shown.points) if p.word == "picnic")
    view = tab.canvas
    x, y = (float(v) for v in tab.shown.coords[tab.layer_shown][i])
    scene_pos = tab.plots[0].scatter.mapToScene(QPointF(x, y))
    where = view.mapFromScene(scene_pos)
    for dx in (-30, 0):  # pyqtgraph sends hover events on a move within the scene: come from beside it
        QTest.mouseMove(view.viewport(), QPoint(where.x() + dx, where.y()))
        qtbot.wait(100)
    qtbot.waitUntil(lambda: "We had a picnic on the river bank." in tab.hover.text(), timeout=5000)
    assert "picnic" in tab.hover.text()


def test_umap_is_asked_of_the_model_worker_and_drawn_or_explained(qtbot, window: MainWindow) -> None:
    tab = _shown(qtbot, window)
    tab.model_box.setCurrentIndex(tab.model_box.findData("tiny-elmo"))
    tab.method_box.setCurrentIndex(tab.method_box.findData(Method.UMAP.value))
    state = window.session.models["tiny-elmo"]
    qtbot.waitUntil(lambda: "projection" in state.answers, timeout=120_000)
    answer = state.answers["projection"]
    if umap_available():
        assert isinstance(answer, Projection) and answer.method is Method.UMAP
        qtbot.waitUntil(lambda: tab.shown is answer, timeout=5000)
        np.testing.assert_allclose(_positions(tab, 0), answer.coords[tab.layer_shown])
    else:
        assert not isinstance(answer, Projection)
        qtbot.waitUntil(lambda: "umap-learn" in tab.info.text(), timeout=5000)
        assert tab.shown is None
    assert window.controller.runs("tiny-elmo", "projection") == 1


def test_export_writes_the_picture_and_the_points(qtbot, window: MainWindow, tmp_path: Path) -> None:
    tab = _shown(qtbot, window)
    tab.export("png", tmp_path / "p.png")
    tab.export("svg", tmp_path / "p.svg")
    tab.export("csv", tmp_path / "p.csv")
    assert (tmp_path / "p.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (tmp_path / "p.svg").read_text(encoding="utf-8")
    with (tmp_path / "p.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == POINT_HEADER and len(rows) == 1 + 2 * len(tab.shown.points)
    assert {r[2] for r in rows[1:]} == {tab.layer_shown, tab.shown.static_layer}


def test_the_tab_speaks_chinese(qtbot, window: MainWindow) -> None:
    tab = _shown(qtbot, window)
    window.language_box.setCurrentIndex(window.language_box.findData("zh"))
    qtbot.waitUntil(lambda: window.tabs.tabText(window.tabs.indexOf(tab)) == "投影", timeout=5000)
    qtbot.waitUntil(lambda: "PCA" in tab.info.text() and "的" in tab.info.text(), timeout=5000)
    assert tab.pick_labels[1].text() == "层："


def test_a_model_that_cannot_read_the_text_says_so_above_its_points(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.all_done, timeout=WAIT_MS):
        window.text.setPlainText("我在银行存钱。我们在河岸边野餐。他去银行取钱。")
        window.run_now()
    tab = window.projection_tab
    window.tabs.setCurrentWidget(tab)
    warned = []
    for name in ("tiny-bert", "tiny-gpt2", "tiny-elmo"):
        tab.model_box.setCurrentIndex(tab.model_box.findData(name))
        warning = window.session.models[name].result.analysis.encoding.coverage_warning
        assert (warning is not None) == ("not meaningful" in tab.info.text()), name
        warned.append(warning is not None)
    assert any(warned)  # the tiny WordPiece vocabulary has no Chinese: every word is [UNK]


def test_a_legend_whose_turn_came_while_hidden_is_drawn_when_shown(qtbot, window: MainWindow) -> None:
    """The legend is drawn at a pacer turn of its own (~20 ms); hidden before its turn, the tab draws
    it when shown again, although the plots themselves are up to date."""
    tab = _shown(qtbot, window)
    qtbot.waitUntil(lambda: pacer().pending() == 0)
    before = [label.text for _, label in tab.legend.items]
    tab.colour_box.setCurrentIndex(1 - tab.colour_box.currentIndex())  # by sense <-> by word: a new legend
    window.tabs.setCurrentWidget(window.compare)
    qtbot.waitUntil(lambda: pacer().pending() == 0)
    assert [label.text for _, label in tab.legend.items] == before  # its turn was dropped while hidden
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: [label.text for _, label in tab.legend.items] != before)
