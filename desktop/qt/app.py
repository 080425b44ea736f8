"""Start the window (or take a screenshot of it): the Qt side of main.py."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from desktop.core.store.examples import load_examples
from desktop.core.store.registry import APP_NAME, ModelSpec
from desktop.qt.collector import GuiCollector
from desktop.qt.device_menu import remember_device
from desktop.qt.i18n import LanguageManager
from desktop.qt.main_window import MainWindow
from desktop.qt.paced import pacer
from desktop.qt.platform_check import platform_problem
from desktop.qt.tab_choice import startup_note, tab_specs
from desktop.qt.worker import wait_for_parked

_collector: GuiCollector | None = None


def application() -> QApplication:
    global _collector
    if QApplication.instance() is None:  # only before the application exists; Qt 6 scales by the screen's own
        # factor (150 % stays 1.5, not rounded to 2), so pictures and text stay sharp on a high-DPI screen
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if _collector is None:  # collections run on the GUI thread only (desktop/qt/collector.py)
        _collector = GuiCollector()
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    return app


_replacements: list[MainWindow] = []  # windows that took another's place: kept alive here


def build_window(
    specs: list[ModelSpec],
    language: str | None = None,
    settings: QSettings | None = None,
    choose_tabs: bool = False,
    device: str | None = None,
) -> MainWindow:
    """The window with a tab per spec; with ``choose_tabs``, the registered ones among ``specs``
    are narrowed to the user's remembered choice (by default every available one, see
    ``desktop.qt.tab_choice``), and a chosen one that is no longer installed is named in the
    status bar. ``device`` (``--device``) is remembered as the Models ▸ Device choice, as ``--lang`` is."""
    settings = settings or QSettings()
    if device is not None:
        remember_device(settings, device)
    note = ""
    if choose_tabs:
        specs, skipped = tab_specs(specs, settings)
        note = startup_note(specs, skipped)
    manager = LanguageManager(settings)
    manager.set_language(manager.initial_language(language))
    window = MainWindow(specs, settings, manager)
    manager.setParent(window)
    window.tab_models_chosen.connect(lambda chosen: replace_window(window, chosen))
    if note:
        window.statusBar().showMessage(note, 15000)
    return window


def replace_window(old: MainWindow, specs: list[ModelSpec]) -> MainWindow:
    """A window with other model tabs in ``old``'s place, with its text, language, geometry and
    view; ``old`` closes (its workers stop as on any close) and is deleted. The new window is
    shown before the old one closes, so that the application never has no window."""
    new = build_window(specs, old.language.language, old.settings)
    new.text.blockSignals(True)  # it runs once, when it starts
    new.text.setPlainText(old.text.toPlainText())
    new.text.blockSignals(False)
    new.restoreGeometry(old.saveGeometry())
    wanted = dict(zip(_view_tabs(old), _view_tabs(new), strict=False))  # Compare, Claims...: the same views
    wanted |= {tab: new.model_tabs[n] for n, tab in old.model_tabs.items() if n in new.model_tabs}
    if old.tabs.currentWidget() in wanted:
        new.tabs.setCurrentWidget(wanted[old.tabs.currentWidget()])
    old.replaced_by = new
    _replacements[:] = [w for w in _replacements if w is not old] + [new]
    if old.isVisible():
        new.show()
    started = old.controller.started
    old.close()
    old.deleteLater()
    if started:
        new.start()
    return new


def _view_tabs(window: MainWindow) -> list[QWidget]:
    """The tabs that are not a model's, in their order."""
    tabs = [window.tabs.widget(i) for i in range(window.tabs.count())]
    return [t for t in tabs if t not in window.model_tabs.values()]


def run_gui(
    specs: list[ModelSpec],
    language: str | None = None,
    text: str | None = None,
    choose_tabs: bool = False,
    device: str | None = None,
) -> int:
    problem = platform_problem(os.environ)
    if problem:  # say it in one line instead of letting Qt abort the process
        print(f"error: {problem}", file=sys.stderr)
        return 2
    app = application()
    window = build_window(specs, language, choose_tabs=choose_tabs, device=device)
    given = text is not None
    if text is None:  # the lesson the sidebar was left on, else the first example
        text = window.lesson_panel.starting_text() or load_examples()["polysemy"].text
    window.text.setPlainText(text)
    # the session the window was closed with, unless a text was asked for; kept again on close
    window.session_file.keep_last_session(restore=not given, language=language is None)
    window.show()
    QTimer.singleShot(0, window.start)  # the window appears before any model loads
    code = app.exec()
    wait_for_parked()
    return code


def _wait_for_corpus(window: MainWindow, timeout_s: float) -> None:
    """The Corpus tab's answers: a first use builds each model's corpus (a minute or so a mini model)."""
    import time

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and not window.corpus_tab.answered():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 100)
        time.sleep(0.05)


def screenshot(
    specs: list[ModelSpec],
    out: Path,
    language: str | None,
    text: str | None,
    tab: str | None,
    timeout_s: float,
    lesson: str | None = None,
    device: str | None = None,
    choose_tabs: bool = False,
) -> str:
    """Open the window offscreen-capable, wait until every model has answered, save a PNG.
    With ``choose_tabs``, the tabs a first start of the window shows (no remembered choice).

    Its settings live in a temporary folder, so no file beside the PNG is written or removed; the
    PNG goes through a temporary file, so a failed save keeps an older one. Returns "" on
    success, or why not (one line).
    """
    import tempfile

    from desktop.core.store.atomic import replace_with

    app = application()
    with tempfile.TemporaryDirectory(prefix="bge-screenshot-", ignore_cleanup_errors=True) as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = build_window(specs, language, settings, device=device, choose_tabs=choose_tabs)
        window.text.blockSignals(True)
        window.text.setPlainText(load_examples()["polysemy"].text if text is None else text)
        window.text.blockSignals(False)
        if tab and (problem := _show_tab(window, tab)):
            return problem
        if lesson and (problem := _open_lesson(window, lesson)):
            return problem
        window.show()
        loop = QEventLoop()
        window.probes_done.connect(loop.quit)
        QTimer.singleShot(int(timeout_s * 1000), loop.quit)
        window.start()
        loop.exec()
        if tab and tab.lower() == "corpus":
            _wait_for_corpus(window, timeout_s)
        app.processEvents()
        if lesson:  # the frame around the lesson's panel, in the picture
            window.lesson_panel.flash()
            app.processEvents()
        pacer().settle()  # the plots still waiting for their turn, in the picture
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


def _show_tab(window: MainWindow, tab: str) -> str:
    """Put the tab named ``tab`` (a model's name, or compare, claims, projection, corpus) in front; or say why not."""
    names = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    wanted = {n.lower(): i for i, n in enumerate(names)} | {
        "compare": window.tabs.indexOf(window.compare),
        "claims": window.tabs.indexOf(window.claims_tab),
        "projection": window.tabs.indexOf(window.projection_tab),
        "corpus": window.tabs.indexOf(window.corpus_tab),
    }
    if tab.lower() not in wanted:
        return f"no tab named {tab!r} (tabs: {', '.join(names)})"
    window.tabs.setCurrentIndex(wanted[tab.lower()])
    return ""


def _open_lesson(window: MainWindow, lesson: str) -> str:
    """The lesson's text and view (over --text and --tab), the sidebar open, the answer shown; or why not."""
    panel = window.lesson_panel
    ids = [item.id for item in panel.lessons]
    if lesson not in ids:
        return f"no lesson named {lesson!r} (lessons: {', '.join(ids)})"
    panel.show()
    panel.go_to(lesson, run=False)
    panel.show_answer()
    return ""
