"""Layer names in the window's language: the core's names ("embeddings", "LSTM 1") are keys, and
each view shows them through ``layer_label``; the legend of the layer curves sits beside them."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSettings

from desktop.core.measure.finetune_rows import FineTuneRow
from desktop.core.measure.probes import CkaResult
from desktop.core.session import Session
from desktop.qt.finetune_panel import FineTunePanel
from desktop.qt.i18n import LanguageManager, tr_msg
from desktop.qt.plots import LayerCurves


def row(model: str, family: str, layer: str) -> FineTuneRow:
    return FineTuneRow(
        model, family, "en", layer, 0.8, 0.7, 0.9, 0.3, 12, 4, 1e-4, 1e-3, 1.0, 1000, 50, n_train=96, n_test=24
    )


def test_the_fine_tuning_table_names_the_best_layer_in_chinese(qtbot, settings: QSettings) -> None:
    session = Session(["tiny-bert", "tiny-elmo"])
    session.models["tiny-bert"].finetune = row("tiny-bert", "encoder", "embeddings")
    session.models["tiny-elmo"].finetune = row("tiny-elmo", "elmo", "LSTM 1")
    panel = FineTunePanel(session)
    qtbot.addWidget(panel)
    language = LanguageManager(settings)
    try:
        language.set_language("zh")
        qtbot.waitUntil(lambda: "嵌入层" in panel.table.text())
        assert "(嵌入层)" in panel.table.text() and "(LSTM 第 1 层)" in panel.table.text()
        assert "embeddings" not in panel.table.text()
    finally:
        language.set_language("en")
    qtbot.waitUntil(lambda: "(embeddings)" in panel.table.text())  # the cache's key, shown in English again
    assert session.models["tiny-bert"].finetune.feature_layer == "embeddings"


def test_cka_rows_name_the_layer_in_chinese_and_keep_english_labels(qtbot, settings: QSettings) -> None:
    rows = [("tiny-bert", "embeddings"), ("tiny-bert", "layer 2"), ("tiny-elmo", "char-CNN (static)")]
    found = CkaResult([f"{m} / {n}" for m, n in rows], np.eye(3, dtype=np.float32), 5, rows)
    language = LanguageManager(settings)
    try:
        language.set_language("zh")
        shown = [tr_msg(label) for label in found.row_labels()]
    finally:
        language.set_language("en")
    assert shown == ["tiny-bert / 嵌入层", "tiny-bert / 第 2 层", "tiny-elmo / 字符CNN（静态）"]
    assert [label.english() for label in found.row_labels()] == found.labels


def test_the_legend_of_the_layer_curves_never_covers_them(qtbot) -> None:
    curves = LayerCurves()
    qtbot.addWidget(curves)
    curves.resize(420, 190)
    curves.show()
    names = ["嵌入层", "第 1 层", "第 2 层", "第 3 层", "第 4 层"]
    lines = [("与其他所有词的平均", np.linspace(0.2, 0.5, 5))]
    lines += [(f"w{i} ({i})", np.full(5, 0.1 * i)) for i in range(4)]
    curves.set_curves(names, lines, "“bank”与其他词的相似度（逐层）")
    legend, view = curves.legend, curves.getPlotItem().vb
    qtbot.waitUntil(lambda: legend.geometry().width() > 100 and view.width() > 100)  # laid out
    assert legend.geometry().left() >= view.geometry().right() - 1  # beside the curves, not over them
    assert legend.geometry().bottom() <= view.geometry().bottom() + 1  # no taller than them
    assert legend.mapRectToScene(legend.boundingRect()).right() <= curves.width()  # all of it in the widget
    shown = [label for sample, label in curves.legend.items if label.isVisible() and sample.isVisible()]
    assert [label.text for label in shown] == [name for name, _ in lines]  # the unused sixth entry takes no room


def test_a_narrow_plot_of_many_layers_shows_whole_names_on_some_of_them(qtbot) -> None:
    """Thirteen layers beside the legend: every k-th layer named in full, never "…" under each."""
    curves = LayerCurves()
    qtbot.addWidget(curves)
    curves.resize(420, 190)
    curves.show()
    names = ["嵌入层"] + [f"第 {i} 层" for i in range(1, 13)]
    lines = [(f"w{i} ({i})", np.full(13, 0.1 * i)) for i in range(6)]
    curves.set_curves(names, lines, "“银行”与其他词的相似度（逐层）")
    view = curves.getPlotItem().vb
    qtbot.waitUntil(lambda: view.width() > 50)
    ticks = [label for _, label in curves.getAxis("bottom")._tickLevels[0]]
    assert len(ticks) >= 2 and set(ticks) <= set(names)


def test_a_short_plot_keeps_its_layer_names_inside_and_names_the_first_layer(qtbot) -> None:
    """Six legend entries in one column were taller than the plot; in two columns the plot must fit
    the widget again, or the layer names under the curves are cut off at its bottom."""
    curves = LayerCurves()
    qtbot.addWidget(curves)
    curves.resize(420, 165)
    curves.show()
    names = ["字符CNN（静态）", "LSTM 第 1 层", "LSTM 第 2 层"]
    lines = [(f"词{i} ({i})", np.full(3, 0.1 * i)) for i in range(6)]
    curves.set_curves(names, lines, "“在”与其他词的相似度（逐层）")
    qtbot.waitUntil(lambda: curves.legend.columnCount > 1)
    axis = curves.getAxis("bottom")
    qtbot.wait(50)
    assert axis.mapRectToScene(axis.boundingRect()).bottom() <= curves.viewport().height() + 0.5
    assert 0 in [i for i, _ in axis._tickLevels[0]]  # the layer the curves start from has its name
