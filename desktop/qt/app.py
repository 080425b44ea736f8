"""Start the window (or take a screenshot of it): the Qt side of main.py."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from desktop.core.store.examples import load_examples
from desktop.core.store.registry import APP_NAME, ModelSpec
from desktop.qt.i18n import LanguageManager
from desktop.qt.main_window import MainWindow
from desktop.qt.platform_check import platform_problem
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
    problem = platform_problem(os.environ)
    if problem:  # say it in one line instead of letting Qt abort the process
        print(f"error: {problem}", file=sys.stderr)
        return 2
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

    Its settings live in a temporary folder, so no file beside the PNG is written or removed; the
    PNG goes through a temporary file, so a failed save keeps an older one. Returns "" on
    success, or why not (one line).
    """
    import tempfile

    from desktop.core.store.atomic import replace_with

    app = application()
    with tempfile.TemporaryDirectory(prefix="bge-screenshot-", ignore_cleanup_errors=True) as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = build_window(specs, language, settings)
        window.text.blockSignals(True)
        window.text.setPlainText(load_examples()["polysemy"].text if text is None else text)
        window.text.blockSignals(False)
        if tab:
            names = [window.tabs.tabText(i) for i in range(window.tabs.count())]
            wanted = {n.lower(): i for i, n in enumerate(names)} | {
                "compare": window.tabs.indexOf(window.compare),
                "claims": window.tabs.indexOf(window.claims_tab),
            }
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
        problem = ""
        try:
            replace_with(out, lambda tmp: window.grab().save(str(tmp), "PNG"))
        except OSError as exc:
            problem = f"cannot write {out}: {exc.strerror or exc}"
        window.close()
        wait_for_parked()
    if problem:
        return problem
    return f"timed out after {timeout_s:.0f} s; saved what was there" if timed_out else ""
