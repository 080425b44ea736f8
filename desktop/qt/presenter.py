"""Presenter mode: every text larger in steps (Ctrl + / Ctrl − / Ctrl 0), full screen (F11), and the
window from the keyboard alone, with its keys listed in the View menu (F1).

The zoom itself is desktop/qt/zoom.py (the application font, which every widget and plot
follows); this module holds the actions, remembers the zoom in QSettings and says it in the
status bar.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from desktop.qt import zoom
from desktop.qt.i18n import tr
from desktop.qt.lazy import DrawnWhenShown
from desktop.qt.model_tab import ModelTab

if TYPE_CHECKING:
    from desktop.qt.main_window import MainWindow

ZOOM_KEY = "ui/zoom"
STATUS_MS = 2500
KEYS = {  # action -> its keys (the first one is shown in the menu)
    "zoom_in": [QKeySequence.StandardKey.ZoomIn, "Ctrl+="],
    "zoom_out": [QKeySequence.StandardKey.ZoomOut],
    "zoom_reset": ["Ctrl+0"],
    "full_screen": ["F11"],
    "focus_text": ["Ctrl+L"],
    "pick_word": ["Ctrl+K"],
    "next_tab": ["Ctrl+PgDown", QKeySequence.StandardKey.NextChild],
    "previous_tab": ["Ctrl+PgUp", QKeySequence.StandardKey.PreviousChild],
    "shortcuts": ["F1"],
}


class Presenter(QObject):
    """The View menu's presenter actions for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        view = window.menus["view"]
        view.addSeparator()
        for name, keys in KEYS.items():
            action = QAction(window)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if name in ("full_screen", "focus_text", "shortcuts"):
                view.addSeparator()
            view.addAction(action)
            self.actions[name] = action
        self.actions["full_screen"].setCheckable(True)
        triggered = {
            "zoom_in": lambda: self.step(1),
            "zoom_out": lambda: self.step(-1),
            "zoom_reset": lambda: self.set_zoom(100),
            "full_screen": self.toggle_full_screen,
            "focus_text": self.focus_text,
            "pick_word": self.pick_word,
            "next_tab": lambda: self.move_tab(1),
            "previous_tab": lambda: self.move_tab(-1),
            "shortcuts": self.show_shortcuts,
        }
        for name, slot in triggered.items():
            self.actions[name].triggered.connect(slot)
        window.text.setTabChangesFocus(True)  # Tab leaves the text box instead of typing a tab
        window.installEventFilter(self)
        self.retranslate()
        self.set_zoom(saved_zoom(window), announce=False)

    # -- zoom ---------------------------------------------------------------------------------
    def step(self, direction: int) -> None:
        self.set_zoom(zoom.next_step(zoom.percent(), direction))

    def set_zoom(self, percent: int, announce: bool = True) -> None:
        """Scale every text, remember the choice, and redraw the views that lay text out themselves."""
        zoom.set_percent(percent)
        self.window.settings.setValue(ZOOM_KEY, percent)
        for view in self.window.findChildren(DrawnWhenShown):
            view.mark_stale()
        # once the new font has reached every widget: the main window's own layout (status bar,
        # menu bar) does not ask again by itself
        QTimer.singleShot(0, self._invalidate_layout)
        if announce:
            self.window.statusBar().showMessage(tr("Zoom: {percent} %").format(percent=percent), STATUS_MS)

    def _invalidate_layout(self) -> None:
        if shiboken6.isValid(self.window):  # the window may have closed and been deleted in between
            self.window.layout().invalidate()

    # -- window and focus ---------------------------------------------------------------------
    def toggle_full_screen(self) -> None:
        self.window.setWindowState(self.window.windowState() ^ Qt.WindowState.WindowFullScreen)
        self.window.show()

    def focus_text(self) -> None:
        self.window.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.window.text.selectAll()

    def pick_word(self) -> None:
        """Focus the shown model's tokens: arrows move, Enter picks the word (as a click does)."""
        tab = self.window.tabs.currentWidget()
        if not isinstance(tab, ModelTab) or not tab.tokens.count():
            self.window.statusBar().showMessage(tr("Open a model's tab with a result to pick a word."), STATUS_MS)
            return
        tokens = tab.tokens
        if tokens.currentRow() < 0:
            tokens.setCurrentRow(0)
        tokens.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def move_tab(self, delta: int) -> None:
        tabs = self.window.tabs
        tabs.setCurrentIndex((tabs.currentIndex() + delta) % tabs.count())

    def show_shortcuts(self) -> None:
        QMessageBox.information(self.window, tr("Keyboard shortcuts"), shortcuts_html(self.window))

    # -- events -------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.WindowStateChange:  # also when the system leaves full screen
            self.actions["full_screen"].setChecked(bool(self.window.windowState() & Qt.WindowState.WindowFullScreen))
        return False

    def retranslate(self) -> None:
        texts = {
            "zoom_in": tr("Zoom &in"),
            "zoom_out": tr("Zoom &out"),
            "zoom_reset": tr("&Actual size"),
            "full_screen": tr("&Full screen"),
            "focus_text": tr("Edit the &text"),
            "pick_word": tr("&Pick a word in the tokens"),
            "next_tab": tr("&Next tab"),
            "previous_tab": tr("P&revious tab"),
            "shortcuts": tr("&Keyboard shortcuts…"),
        }
        for name, text in texts.items():
            self.actions[name].setText(text)


def saved_zoom(window: MainWindow) -> int:
    """The remembered zoom, or 100 % where none (or something unusable) is saved."""
    try:
        value = int(window.settings.value(ZOOM_KEY, 100))
    except (TypeError, ValueError):
        return 100
    return value if value in zoom.STEPS else 100


def shortcuts_html(window: MainWindow) -> str:
    """Every key of the window: the menus' actions as they are now (other features' too), and the
    keys that belong to widgets."""
    rows = [
        ("Ctrl+Enter", tr("Run every model on the text now")),
        ("Tab / Shift+Tab", tr("Move to the next / previous control")),
        (tr("Arrow keys, Enter"), tr("In the tokens: move, and pick the word (as a click does)")),
    ]
    for action in window.findChildren(QAction):
        # Shift+Tab arrives as Backtab; "Zoom &in" and "放大(&I)" lose their mnemonic
        keys = [
            k.toString(QKeySequence.SequenceFormat.NativeText).replace("Backtab", "Tab") for k in action.shortcuts()
        ]
        if any(keys) and action.text():
            name = re.sub(r"\(&\w\)|&", "", action.text()).rstrip("…")
            rows.append((" / ".join(dict.fromkeys(k for k in keys if k)), name))
    cell = "<td style='white-space:nowrap'>"
    body = "".join(f"<tr>{cell}<b>{escape(k)}</b></td>{cell}{escape(d)}</td></tr>" for k, d in rows)
    return f"<table cellspacing=6>{body}</table>"
