"""Sessions in the File menu: open, save, save as; and the last session, kept when the window closes
and restored at the next start (desktop/qt/app.py run_gui only: tests and screenshots never read
a user's last session).

A session restores the text at once and each choice that depends on results (a model's clicked
word and layer, the Compare tab's slot and polysemy word) when every model has answered the text,
the moment those choices mean something. The file format is desktop/core/store/workspace.py.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.core.messages import Msg
from desktop.core.store.workspace import (
    ModelView,
    Workspace,
    WorkspaceError,
    last_session_path,
    read_workspace,
    write_workspace,
)
from desktop.qt.i18n import LANGUAGES, tr, tr_msg
from desktop.qt.plot_export import ask_save_path
from desktop.qt.view_export import ViewExport

if TYPE_CHECKING:
    from desktop.qt.main_window import MainWindow

SESSION_FORMATS = {"json": "JSON (*.json)"}


class SessionFile(QObject):
    """The window's session: what is saved, how it is applied, and its File-menu entries."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.path: Path | None = None  # the file "Save session" writes to
        self.pending: Workspace | None = None  # choices waiting for the text's results
        self.keep_last = False  # write the last session on close (the real window only)
        self.open_action, self.save_action, self.save_as_action = QAction(window), QAction(window), QAction(window)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_as_action.setShortcut(QKeySequence.StandardKey.SaveAs)
        self.open_action.triggered.connect(self.ask_open)
        self.save_action.triggered.connect(self.save)
        self.save_as_action.triggered.connect(self.ask_save_as)
        window.all_done.connect(self._apply_pending)
        window.installEventFilter(self)
        window.language.changed.connect(self.retranslate)
        self.retranslate()

    def actions(self) -> list[QAction]:
        return [self.open_action, self.save_action, self.save_as_action]

    def retranslate(self, *_: object) -> None:
        self.open_action.setText(tr("Open session…"))
        self.save_action.setText(tr("Save session…"))
        self.save_as_action.setText(tr("Save session as…"))

    # -- what is saved ------------------------------------------------------------------------
    def snapshot(self) -> Workspace:
        """The window's choices now (those still waiting for results are kept as they were asked)."""
        w = self.window
        waiting = self.pending.models if self.pending is not None else {}
        models = {}
        for name, tab in w.model_tabs.items():
            state = w.session.models[name]
            words = state.result.analysis.encoding.words if state.result is not None else []
            index = state.selected_word if words else -1
            word = words[index] if 0 <= index < len(words) else ""
            view = ModelView(
                index, word, tab.layer.currentIndex(), tab.views.currentIndex(), tab.direction_half.currentIndex()
            )
            models[name] = waiting[name] if not words and name in waiting else view
        pending = self.pending
        return Workspace(
            text=w.text.toPlainText(),
            language=w.language.language,
            models=models,
            slot_word=pending.slot_word if pending else (w.session.slot_word if w.session.results() else -1),
            polysemy_word=pending.polysemy_word if pending else w.session.polysemy_word,
            current_tab=self._current_tab(),
            lesson=w.lesson_panel.current_id() if hasattr(w, "lesson_panel") else "",
            tab_models=list(w.tab_models()) if hasattr(w, "tab_models") else list(w.model_tabs),
            senses={word: list(marks) for word, marks in w.session.senses.items()},
        )

    def _current_tab(self) -> str:
        w = self.window
        current = w.tabs.currentWidget()
        named = {tab: name for name, tab in w.model_tabs.items()} | {w.compare: "compare", w.claims_tab: "claims"}
        return named.get(current, "")

    # -- applying -----------------------------------------------------------------------------
    def load(self, path: Path) -> Msg | None:
        """Open a session file: None when applied, else why not (and the window is unchanged)."""
        try:
            workspace = read_workspace(path)
        except WorkspaceError as exc:
            return exc.text
        window = self.apply(workspace)  # a new tab choice puts another window in this one's place
        window.session_file.path = path
        unknown = workspace.unknown_models(list(window.model_tabs))
        if unknown:
            note = tr("This session names models that are not here; their choices were skipped: {names}")
            window.statusBar().showMessage(note.format(names=", ".join(unknown)), 12000)
        return None

    def apply(self, workspace: Workspace) -> MainWindow:
        """Show ``workspace``: the language, tabs and text now, the result-bound choices once the
        text's results are in. Returns the window that shows it (another one where the session's
        model tabs differ: see desktop/qt/tab_choice.py)."""
        w = self.window
        if workspace.tab_models is not None and hasattr(w, "apply_tab_models"):
            new = w.apply_tab_models(workspace.tab_models)
            if new is not w:  # a new window shows the chosen tabs: it takes the rest of the session
                new.session_file.keep_last, self.keep_last = self.keep_last, False
                return new.session_file.apply(replace(workspace, tab_models=None))
        if workspace.language in LANGUAGES and workspace.language != w.language.language:
            w.language_box.setCurrentIndex(w.language_box.findData(workspace.language))
        if workspace.lesson and hasattr(w, "lesson_panel"):
            self._go_to_lesson(workspace.lesson)
        self.pending = workspace
        w.session.senses.clear()  # the file's marks replace the window's; judged with the text's claims
        for word, marks in workspace.senses.items():
            w.session.set_senses(word, tuple(marks))
        for name, view in workspace.models.items():
            tab = w.model_tabs.get(name)
            if tab is not None:
                tab.views.setCurrentIndex(view.page)
                tab.direction_half.setCurrentIndex(view.half)
        tabs = {name: tab for name, tab in w.model_tabs.items()} | {"compare": w.compare, "claims": w.claims_tab}
        if workspace.current_tab in tabs:
            w.tabs.setCurrentWidget(tabs[workspace.current_tab])
        w.text.blockSignals(True)  # one run, not one now and one after the typing pause
        w.text.setPlainText(workspace.text)
        w.text.blockSignals(False)
        if w.controller.started and workspace.text.strip():
            w.run_now()
        return w

    def _go_to_lesson(self, lesson: str) -> None:
        """The session's lesson and its view, before the session's text replaces the lesson's."""
        panel = self.window.lesson_panel
        if lesson in [item.id for item in panel.lessons]:
            panel.go_to(lesson, run=False)
        else:
            note = tr("This session's lesson is not here: {lesson}").format(lesson=lesson)
            self.window.statusBar().showMessage(note, 12000)

    def _apply_pending(self) -> None:
        """Every model has answered: the clicked words, layers, slot and polysemy word."""
        ws, w = self.pending, self.window
        if ws is None:
            return
        self.pending = None  # applied now, or dropped: the text was changed before its results came
        if w.session.text != ws.text:
            return
        for name, view in ws.models.items():
            tab, state = w.model_tabs.get(name), w.session.models.get(name)
            if tab is None or state is None or state.result is None:
                continue
            words = state.result.analysis.encoding.words
            if 0 <= view.word_index < len(words) and view.word in ("", words[view.word_index]):
                w.controller.request_slot(name, view.word_index)
            # drawn now, hidden or not, for its layer list: every model has answered, but the last one's
            # result may not be announced yet (its status change comes first and completes the text)
            tab.mark_stale()
            tab.ensure_drawn()
            if 0 <= view.layer < tab.layer.count():
                tab.layer.setCurrentIndex(view.layer)
        self._apply_compare(ws)

    def _apply_compare(self, ws: Workspace) -> None:
        w = self.window
        panel = w.compare.probes
        results = w.session.results()
        words = next(iter(results.values())).analysis.encoding.words if results else []
        if 0 <= ws.slot_word < len(words):
            w.controller.request_predict(ws.slot_word)
            if panel.slot.count():
                panel.slot.setCurrentIndex(max(panel.slot.findData(ws.slot_word), 0))
        if ws.polysemy_word:
            w.controller.request_polysemy(ws.polysemy_word)
            if panel.polysemy_word.count():
                panel.polysemy_word.setCurrentIndex(max(panel.polysemy_word.findData(ws.polysemy_word), 0))

    # -- the menu -----------------------------------------------------------------------------
    def ask_open(self) -> None:
        path = _ask_open_path(self.window)
        if path is None:
            return
        problem = self.load(path)
        if problem is not None:
            QMessageBox.warning(self.window, tr("Open session"), f"{path.name}: {tr_msg(problem)}")

    def save(self) -> None:
        if self.path is None:
            self.ask_save_as()
        else:
            self.save_to(self.path)

    def ask_save_as(self) -> None:
        path = ask_save_path(self.window, tr("Save session as"), "session.json", SESSION_FORMATS)
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> bool:
        try:
            write_workspace(path, self.snapshot())
        except OSError as exc:  # one line; the file that was there is still whole
            QMessageBox.warning(self.window, tr("Save session"), f"{path}: {exc.strerror or exc}")
            return False
        self.path = path
        self.window.statusBar().showMessage(tr("Session saved to {path}").format(path=path), 5000)
        return True

    # -- the last session ---------------------------------------------------------------------
    def keep_last_session(self, restore: bool = True, language: bool = True) -> bool:
        """From now on the window keeps its session when it closes; with ``restore``, first show
        the one it was last closed with (its language too, with ``language``). A damaged file is
        said in the status bar and skipped. The tabs are not changed: they were chosen at start."""
        self.keep_last = True
        path = last_session_path()
        if not restore or not path.is_file():
            return False
        try:
            workspace = read_workspace(path)
        except WorkspaceError as exc:
            note = tr("The last session could not be restored: {why}").format(why=tr_msg(exc.text))
            self.window.statusBar().showMessage(note, 12000)
            return False
        self.apply(replace(workspace, tab_models=None, language=workspace.language if language else ""))
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and self.keep_last:
            successor = getattr(self.window, "replaced_by", None)  # a new tab choice: that window keeps it
            if successor is not None:
                successor.session_file.keep_last = True
            else:
                self._write_last()
        return False

    def _write_last(self) -> None:
        path = last_session_path()
        with suppress(OSError):  # closing must not fail because the data folder is read-only
            path.parent.mkdir(parents=True, exist_ok=True)
            write_workspace(path, self.snapshot())


def _ask_open_path(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, tr("Open session"), "", SESSION_FORMATS["json"])
    return Path(name) if name else None


def install_file_menu(window: MainWindow) -> None:
    """The File menu's session and export entries (one call from MainWindow.__init__)."""
    window.session_file = SessionFile(window)
    window.view_export = ViewExport(window)
    menu = window.menus["file"]
    menu.addActions(window.session_file.actions())
    menu.addSeparator()
    menu.addActions(window.view_export.actions())
