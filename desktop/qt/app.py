"""Start the window (or take a screenshot of it): the Qt side of main.py."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from desktop.core.store.examples import load_examples
from desktop.core.store.registry import APP_NAME, ModelSpec
from desktop.qt.i18n import LanguageManager
from desktop.qt.main_window import MainWindow
from desktop.qt.worker import wait_for_parked


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    return app


def build_window(specs: list[ModelSpec], language: str | None = None, settings: QSettings | None = None) -> MainWindow:
    settings = settings or QSettings()
    manager = LanguageManager(settings)
    manager.set_language(manager.initial_language(language))
    window = MainWindow(specs, settings, manager)
    manager.setParent(window)
    return window


def run_gui(specs: list[ModelSpec], language: str | None = None, text: str | None = None) -> int:
    app = application()
    window = build_window(specs, language)
    window.text.setPlainText(load_examples()["polysemy"].text if text is None else text)
    window.show()
    QTimer.singleShot(0, window.start)  # the window appears before any model loads
    code = app.exec()
    wait_for_parked()
    return code


def screenshot(
    specs: list[ModelSpec], out: Path, language: str | None, text: str | None, tab: str | None, timeout_s: float
) -> str:
    """Open the window offscreen-capable, wait until every model has answered, save a PNG.

    Returns "" on success, or why not.
    """
    app = application()
    window = build_window(specs, language, QSettings(str(out.with_suffix(".ini")), QSettings.Format.IniFormat))
    window.text.blockSignals(True)
    window.text.setPlainText(load_examples()["polysemy"].text if text is None else text)
    window.text.blockSignals(False)
    if tab:
        names = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        wanted = {n.lower(): i for i, n in enumerate(names)} | {"compare": window.tabs.indexOf(window.compare)}
        if tab.lower() not in wanted:
            return f"no tab named {tab!r} (tabs: {', '.join(names)})"
        window.tabs.setCurrentIndex(wanted[tab.lower()])
    window.show()
    loop = QEventLoop()
    window.probes_done.connect(loop.quit)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    window.start()
    loop.exec()
    app.processEvents()
    timed_out = not window.session.finished
    window.grab().save(str(out))
    out.with_suffix(".ini").unlink(missing_ok=True)
    window.close()
    wait_for_parked()
    return f"timed out after {timeout_s:.0f} s; saved what was there" if timed_out else ""
