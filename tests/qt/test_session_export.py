"""Sessions and exports in the window: a saved session reopens in a new window with the same text,
language and picks; a bad file changes nothing and says why; every plot and view exports files
that parse; the report is one HTML file with every view's picture and every claim."""

from __future__ import annotations

import base64
import csv
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QSettings, Qt
from PySide6.QtGui import QContextMenuEvent, QImage
from PySide6.QtWidgets import QApplication, QMessageBox
from windows import close_and_delete

from desktop.qt.main_window import MainWindow
from desktop.qt.plot_export import export_plot, plot_menu

TEXT = "I deposited cash at the bank. We had a picnic on the river bank."
WAIT_MS = 120_000


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("BGE_DATA_DIR", str(folder))  # never the user's last session
    return folder


@contextmanager
def other_window(qtbot, specs, settings: QSettings) -> Iterator[MainWindow]:
    from desktop.qt.app import build_window

    win = build_window(specs, "en", settings)  # closed and deleted here, not by qtbot
    QCoreApplication.processEvents()  # the timers a new window starts (zoom) fire while it exists
    try:
        yield win
    finally:
        close_and_delete(win)


def _run(qtbot, window: MainWindow, text: str = TEXT) -> None:
    with qtbot.waitSignal(window.probes_done, timeout=WAIT_MS):
        window.text.setPlainText(text)
        window.run_now()


def test_a_saved_session_reopens_the_same(qtbot, window: MainWindow, window_specs, tmp_path: Path) -> None:
    _run(qtbot, window)
    bert = window.model_tabs["tiny-bert"]
    window.tabs.setCurrentWidget(bert)
    window.controller.request_slot("tiny-bert", 2)  # "cash"
    bert.layer.setCurrentIndex(1)
    window.controller.request_predict(3)  # the Compare tab's slot: "at"
    window.language_box.setCurrentIndex(window.language_box.findData("zh"))
    path = tmp_path / "lesson.json"
    assert window.session_file.save_to(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["models"]["tiny-bert"] == {"word_index": 2, "word": "cash", "layer": 1, "page": 0, "half": 0}
    assert saved["slot_word"] == 3 and saved["current_tab"] == "tiny-bert"
    window.language_box.setCurrentIndex(window.language_box.findData("en"))
    other = QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat)
    with other_window(qtbot, window_specs[:3], other) as new:  # no "broken" model here
        new.show()
        new.start()
        assert new.language.language == "en"
        with qtbot.waitSignal(new.all_done, timeout=WAIT_MS):
            assert new.session_file.load(path) is None
        assert new.text.toPlainText() == TEXT and new.session.text == TEXT
        assert new.language.language == "zh" and new.run_button.text() == "运行（Ctrl+Enter）"
        assert new.tabs.currentWidget() is new.model_tabs["tiny-bert"]
        assert new.session.models["tiny-bert"].selected_word == 2
        assert new.model_tabs["tiny-bert"].layer.currentIndex() == 1
        new.tabs.setCurrentWidget(new.compare)
        assert new.session.slot_word == 3
        qtbot.waitUntil(lambda: new.compare.probes.slot.currentData() == 3, timeout=WAIT_MS)
        assert new.statusBar().currentMessage() == "此会话中的以下模型在本机上没有，已跳过它们的设置：broken"
        new.language_box.setCurrentIndex(new.language_box.findData("en"))


def test_the_last_model_to_answer_keeps_the_session_files_picks(
    qtbot, window: MainWindow, window_specs, tmp_path: Path
) -> None:
    """The picks are applied when every model has answered, which happens inside the last model's
    result handling: that handling must not put its default word back afterwards. With one model,
    it is always the last."""
    _run(qtbot, window)
    window.tabs.setCurrentWidget(window.model_tabs["tiny-bert"])
    window.model_tabs["tiny-bert"].layer.setCurrentIndex(1)
    window.controller.request_slot("tiny-bert", 2)  # "cash"
    window.controller.request_predict(3)
    path = tmp_path / "lesson.json"
    assert window.session_file.save_to(path)
    other = QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat)
    with other_window(qtbot, window_specs[:1], other) as new:
        new.show()
        new.start()
        with qtbot.waitSignal(new.all_done, timeout=WAIT_MS):
            assert new.session_file.load(path) is None
        default = new.session.models["tiny-bert"].result.analysis.default_word
        assert default not in (2, 3)  # else the test could not tell the picks from the defaults
        assert new.session.models["tiny-bert"].selected_word == 2 and new.session.slot_word == 3
        assert new.model_tabs["tiny-bert"].layer.currentIndex() == 1  # not the top layer (2)


def test_a_bad_session_file_changes_nothing_and_says_why(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    window.text.setPlainText("keep me")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    files = {
        "not-json.json": "{ this is not json",
        "too-new.json": json.dumps({"format": "bert-gpt-elmo-session", "version": 99, "text": "new"}),
        "no-text.json": json.dumps({"format": "bert-gpt-elmo-session", "version": 1, "language": "zh"}),
    }
    for name, content in files.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        monkeypatch.setattr("desktop.qt.session_file._ask_open_path", lambda parent, path=path: path)
        window.session_file.ask_open()
    assert window.text.toPlainText() == "keep me" and window.language.language == "en"
    assert window.session_file.path is None
    assert len(shown) == 3
    assert "not JSON" in shown[0] and "newer version" in shown[1] and "'text' is missing" in shown[2]


def test_the_last_session_is_kept_on_close_only_when_asked(qtbot, window_specs, settings, data_dir: Path) -> None:
    last = data_dir / "last-session.json"
    with other_window(qtbot, window_specs, settings) as plain:  # tests and screenshots: nothing written
        plain.text.setPlainText("not kept")
    assert not last.exists()
    with other_window(qtbot, window_specs, settings) as first:
        assert not first.session_file.keep_last_session()  # nothing to restore yet
        first.text.setPlainText("kept for next time")
    assert json.loads(last.read_text(encoding="utf-8"))["text"] == "kept for next time"
    with other_window(qtbot, window_specs, settings) as second:
        assert second.session_file.keep_last_session()
        assert second.text.toPlainText() == "kept for next time"
    last.write_text("damaged", encoding="utf-8")
    with other_window(qtbot, window_specs, settings) as third:
        third.text.setPlainText("mine")
        assert not third.session_file.keep_last_session()
        assert third.text.toPlainText() == "mine" and "could not be restored" in third.statusBar().currentMessage()


def _parse(path: Path) -> None:
    """Each kind of file reads back with its own parser."""
    if path.suffix == ".csv":
        rows = list(csv.reader(path.open(encoding="utf-8")))
        assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows)
    elif path.suffix == ".json":
        assert json.loads(path.read_text(encoding="utf-8"))
    elif path.suffix == ".svg":
        assert ET.parse(path).getroot().tag.endswith("svg")
    else:
        assert path.suffix == ".png" and not QImage(str(path)).isNull()


def test_every_plot_and_view_exports_files_that_parse(qtbot, window: MainWindow, tmp_path: Path) -> None:
    _run(qtbot, window)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    bert = window.model_tabs["tiny-bert"]
    window.tabs.setCurrentWidget(bert)
    plots = window.findChildren(pg.PlotWidget)
    assert plots and all(p.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu for p in plots)
    assert [a.text() for a in plot_menu(bert.heatmap.plot).actions()] == ["Export…"]
    viewport = bert.heatmap.plot.viewport()  # a right-click reaches our menu, not pyqtgraph's
    at = QPoint(20, 20)
    click = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, viewport.mapToGlobal(at))
    with qtbot.waitSignal(bert.heatmap.plot.customContextMenuRequested, timeout=1000):
        QApplication.sendEvent(viewport, click)
    popup = QApplication.activePopupWidget()
    assert popup is not None and [a.text() for a in popup.actions()] == ["Export…"]
    popup.close()
    for plot, name in ((bert.heatmap.plot, "heat"), (bert.curves, "curves")):
        export_plot(plot, tmp_path / f"{name}.png")
        export_plot(plot, tmp_path / f"{name}.svg")
        assert QImage(str(tmp_path / f"{name}.png")).size() == plot.size()
    views = {"bert": bert, "compare": window.compare, "claims": window.claims_tab}
    for name, view in views.items():
        window.tabs.setCurrentWidget(view)
        for suffix in ("png", "svg", "csv", "json"):
            window.view_export.export_view(tmp_path / f"{name}-view.{suffix}")
    written = sorted(tmp_path.iterdir())
    assert len(written) == 2 * 2 + 3 * 4
    for path in written:
        _parse(path)
    claims = json.loads((tmp_path / "claims-view.json").read_text(encoding="utf-8"))["claims"]
    assert {c["id"] for c in claims} == {r.id for r in window.session.claims}
    model = json.loads((tmp_path / "bert-view.json").read_text(encoding="utf-8"))
    tokens = len(window.session.models["tiny-bert"].result.analysis.encoding.tokens)
    assert len(model["similarity"]["token similarity"]["matrices"][0]) == tokens
    compare = list(csv.reader((tmp_path / "compare-view.csv").open(encoding="utf-8")))
    assert {"word similarity", "agreement", "direction", "cka"} <= {r[0] for r in compare[1:]}


def _expected_pictures(window: MainWindow) -> int:
    """What the report shows: per model with a result its two heatmaps, its curves, its sentences
    (two sentences here) and ELMo's halves; the Compare tab's six views; the claims' masks; one
    picture of each other tab."""
    count = 0
    for name in window.model_tabs:
        result = window.session.models[name].result
        if result is not None:
            count += 4 + (2 if result.analysis.halves is not None else 0)
    masks = next(r for r in window.session.claims if r.id == "masks")
    others = window.tabs.count() - len(window.model_tabs) - 2
    return count + 6 + sum(len(m.values["visible"]) for m in masks.measures.values()) + others


def test_the_report_is_one_self_contained_file(qtbot, window: MainWindow, tmp_path: Path) -> None:
    _run(qtbot, window)
    window.tabs.setCurrentWidget(window.compare)
    out = tmp_path / "out"
    out.mkdir()
    path = out / "report.html"
    window.view_export.export_report(path)
    assert [p.name for p in out.iterdir()] == ["report.html"]  # one file, nothing beside it
    html = path.read_text(encoding="utf-8")
    assert TEXT in html and "still being computed" not in html
    images = re.findall(r"<img src='data:image/png;base64,([^']+)'", html)
    assert len(images) == html.count("<img ") == _expected_pictures(window)
    assert all(not QImage.fromData(base64.b64decode(data)).isNull() for data in images)
    assert all(f"id='claim-{r.id}'" in html for r in window.session.claims)
    assert not re.search(r"""(src|href)=['"](?!data:)""", html) and "url(" not in html  # nothing outside it
    assert window.tabs.currentWidget() is window.compare  # the user's tab is shown again
    window.language_box.setCurrentIndex(window.language_box.findData("zh"))
    window.view_export.export_report(path)
    chinese = path.read_text(encoding="utf-8")
    assert "<h2>文本</h2>" in chinese and "lang='zh-CN'" in chinese
    window.language_box.setCurrentIndex(window.language_box.findData("en"))


def test_a_report_asked_for_mid_run_waits_for_the_models(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "report.html"
    monkeypatch.setattr("desktop.qt.view_export.ask_save_path", lambda *args: path)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    monkeypatch.setattr(
        QMessageBox, "clickedButton", lambda box: next(b for b in box.buttons() if b.text() == "Wait, then export")
    )
    window.text.setPlainText(TEXT)
    window.run_now()
    assert not window.session.finished
    with qtbot.waitSignal(window.probes_done, timeout=WAIT_MS):
        window.view_export.ask_export_report()
        assert not path.exists()  # nothing yet: it waits
    qtbot.waitUntil(path.exists, timeout=5000)
    html = path.read_text(encoding="utf-8")
    assert "still being computed" not in html and all(f"id='claim-{r.id}'" in html for r in window.session.claims)
