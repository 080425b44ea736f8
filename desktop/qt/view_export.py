"""File → "Export current view…" (the tab on screen as PNG or SVG, and its numbers as CSV or JSON,
read from the session's results) and File → "Export report…" (one self-contained HTML file).

A report asked for while the models are still working waits for them if the user says so, or
exports what is there and says so at its top.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.export.tables import (
    CLAIMS_HEADER,
    MATRIX_HEADER,
    claims_numbers,
    claims_rows,
    compare_numbers,
    compare_rows,
    model_numbers,
    model_rows,
    write_csv,
    write_json,
)
from desktop.core.store.atomic import write_text
from desktop.qt.compare_tab import DEPTHS
from desktop.qt.i18n import tr
from desktop.qt.plot_export import PICTURE_FORMATS, ask_save_path, save_widget, show_failure
from desktop.qt.report_export import render_report

if TYPE_CHECKING:
    from desktop.qt.main_window import MainWindow

NUMBER_FORMATS = {"csv": "CSV (*.csv)", "json": "JSON (*.json)"}
REPORT_FORMATS = {"html": "HTML (*.html)"}


class ViewExport(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view_action, self.report_action = QAction(window), QAction(window)
        self.view_action.triggered.connect(self.ask_export_view)
        self.report_action.triggered.connect(self.ask_export_report)
        self._waiting: Path | None = None  # a report to write once every model is done
        window.probes_done.connect(self._write_waiting)
        window.language.changed.connect(self.retranslate)
        self.retranslate()

    def actions(self) -> list[QAction]:
        return [self.view_action, self.report_action]

    def retranslate(self, *_: object) -> None:
        self.view_action.setText(tr("Export current view…"))
        self.report_action.setText(tr("Export report…"))

    # -- the current view ---------------------------------------------------------------------
    def current(self) -> tuple[str, QWidget]:
        """The tab on screen: a model's name, "compare", "claims", or "" for any other tab."""
        w = self.window
        widget = w.tabs.currentWidget()
        named = {tab: name for name, tab in w.model_tabs.items()} | {w.compare: "compare", w.claims_tab: "claims"}
        return named.get(widget, ""), widget

    def numbers(self, view: str) -> tuple[Any, list[list[Any]], list[str]] | None:
        """The view's numbers: (JSON, CSV rows, CSV header), or None where it has none (yet)."""
        w = self.window
        session = w.session
        if view == "compare" and session.results():
            probes = w.compare.probes
            data = {"similarity": compare_numbers(session, DEPTHS), "probes": probes.numbers()}
            return data, compare_rows(session, DEPTHS) + probes.csv_rows(), MATRIX_HEADER
        if view == "claims" and session.claims:
            return claims_numbers(session), claims_rows(session.claims), CLAIMS_HEADER
        result = session.models[view].result if view in session.models else None
        if result is not None:
            return model_numbers(view, result), model_rows(view, result), MATRIX_HEADER
        return None

    def export_view(self, path: Path) -> None:
        """The current view to ``path``, the format by its suffix; OSError if it cannot be written."""
        view, widget = self.current()
        suffix = path.suffix.lower().lstrip(".")
        if suffix in NUMBER_FORMATS:
            found = self.numbers(view)
            if found is None:
                raise OSError(0, tr("this view has no numbers yet"))
            data, rows, header = found
            if suffix == "json":
                write_json(path, data)
            else:
                write_csv(path, rows, header)
        else:
            save_widget(widget, path)

    def ask_export_view(self) -> None:
        view, _ = self.current()
        formats = PICTURE_FORMATS | (NUMBER_FORMATS if self.numbers(view) is not None else {})
        path = ask_save_path(self.window, tr("Export current view"), f"{view or 'view'}.png", formats)
        if path is None:
            return
        try:
            self.export_view(path)
        except OSError as exc:
            show_failure(self.window, path, exc)

    # -- the report ---------------------------------------------------------------------------
    def export_report(self, path: Path) -> None:
        """The HTML report of what the window has now; OSError if it cannot be written."""
        write_text(path, render_report(self.window))

    def ask_export_report(self) -> None:
        w = self.window
        wait = False
        if not w.session.finished and w.session.text:
            box = QMessageBox(QMessageBox.Icon.Question, tr("Export report"), "", parent=w)
            box.setText(tr("The models are still working on this text. Wait for them, or export what is there now?"))
            wait_button = box.addButton(tr("Wait, then export"), QMessageBox.ButtonRole.AcceptRole)
            now_button = box.addButton(tr("Export now"), QMessageBox.ButtonRole.ActionRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() not in (wait_button, now_button):
                return
            wait = box.clickedButton() is wait_button
        path = ask_save_path(w, tr("Export report"), "report.html", REPORT_FORMATS)
        if path is None:
            return
        if wait and not w.session.finished:
            self._waiting = path
            w.statusBar().showMessage(tr("The report will be written when every model is done."), 8000)
            return
        self._write(path)

    def _write_waiting(self) -> None:
        path, self._waiting = self._waiting, None
        if path is not None:
            self._write(path)

    def _write(self, path: Path) -> None:
        try:
            self.export_report(path)
        except OSError as exc:
            show_failure(self.window, path, exc)
            return
        self.window.statusBar().showMessage(tr("Report saved to {path}").format(path=path), 8000)
