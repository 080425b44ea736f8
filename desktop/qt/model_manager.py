"""The model manager (Models ▸ Model manager…): every model the program knows, whether it is on
this machine, what is missing and how to get it, its size, and whether it is shown as a tab.

Adding a folder, removing an added model and installing a bundle change the user's model list
at once (``desktop.core.store``); the tab choice takes effect when the dialog closes, through
``MainWindow.apply_tab_models``. Adding a folder and installing a bundle run on a thread of their
own (``StoreTask``), with a progress bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.core.cancel import Cancelled, CancelToken, cancel_scope
from desktop.core.encoding import Family
from desktop.core.imports import IMPORT_LOCK
from desktop.core.messages import Msg, plain
from desktop.core.store.bundle import Installed, install_bundle, read_manifest
from desktop.core.store.errors import StoreError
from desktop.core.store.registry import ModelSpec, Resolved, installed_folder, load_registry, resolve
from desktop.core.store.user_models import add_model_folder, disk_size, remove_model
from desktop.qt.i18n import tr, tr_msg
from desktop.qt.tab_choice import remembered_tabs

if TYPE_CHECKING:
    from desktop.qt.main_window import MainWindow

COLUMNS = 6  # tab, model, family, on this machine, size, where it is or what is missing
MODEL_COLUMN_WIDTH = 290
PROGRESS_STEPS = 1000  # the bar counts in thousandths: a byte count overflows a Qt int


def install_model_manager(window: MainWindow) -> None:
    """The Models menu's entry that opens the manager."""
    action = QAction(window)
    action.setObjectName("model-manager")
    action.triggered.connect(lambda: open_model_manager(window))
    window.menus["models"].addAction(action)
    retranslate = lambda *_: action.setText(tr("Model manager…"))  # noqa: E731
    retranslate()
    window.language.changed.connect(retranslate)


def open_model_manager(window: MainWindow) -> MainWindow:
    """Show the manager; when it closes, apply the tab choice if anything changed. Returns the
    window that shows the tabs (a new one after a change)."""
    dialog = ModelManager(window)
    dialog.exec()
    return window.apply_tab_models(dialog.chosen_tabs()) if dialog.touched else window


@dataclass
class Row:
    spec: ModelSpec
    resolved: Resolved
    size: int | None  # bytes on disk, where the model is here
    for_this_run: bool = False  # given on the command line, not in the registry


def catalog_rows(window_specs: list[ModelSpec]) -> tuple[list[Row], Msg | None]:
    """Every registered model, then the window's models given for this run only; the error
    that kept the user's list of added models from being read, if any."""
    try:
        registry, problem = load_registry(), None
    except StoreError as exc:
        registry, problem = [], exc.text
    names = {s.name for s in registry}
    extra = [s for s in window_specs if s.name not in names]
    rows = []
    for spec in [*registry, *extra]:
        res = resolve(spec)
        rows.append(Row(spec, res, disk_size(res) if res.available else None, spec in extra))
    return rows, problem


def size_text(size: int | None) -> str:
    if size is None:
        return "—"
    return f"{size / 1e9:.2f} GB" if size >= 1e9 else f"{size / 1e6:.1f} MB"


def family_text(family: Family) -> str:
    return {
        Family.ENCODER: tr("encoder (BERT-style)"),
        Family.DECODER: tr("decoder (GPT-style)"),
        Family.ELMO: tr("ELMo (two one-way LSTMs)"),
    }[family]


def details_text(row: Row) -> str:
    """Where the files are; or what is missing and how to get it."""
    res = row.resolved
    if res.available:
        where = res.folder if res.folder is not None else res.weights.parent if res.weights else None
        return str(where or "")
    lines = [tr("Missing: {what}").format(what="; ".join(tr_msg(m) for m in res.missing))]
    if row.spec.get:
        lines.append(tr("How to get it: {how}").format(how=tr(row.spec.get)))
    return "\n".join(lines)


class StoreTask(QThread):
    """One change to the model store off the GUI thread: ``work(progress)`` with a progress
    callback; ``cancel`` stops it at its next check (a bundle then installs nothing)."""

    progressed = Signal(object, object)  # bytes done, bytes in all
    succeeded = Signal(object)  # what ``work`` returned
    failed = Signal(object)  # Msg

    def __init__(self, work: Callable[[Callable[[int, int], None]], Any]) -> None:
        super().__init__()
        self.work = work
        self.token = CancelToken()

    def run(self) -> None:
        try:
            with cancel_scope(self.token):
                value = self.work(self.progressed.emit)
        except Cancelled:
            return
        except StoreError as exc:
            self.failed.emit(exc.text)
        except OSError as exc:
            self.failed.emit(plain(f"{exc.filename or ''}: {exc.strerror or exc}"))
        except Exception as exc:  # an unexpected failure becomes a message, never a dead thread
            self.failed.emit(plain(f"{type(exc).__name__}: {exc}"))
        else:
            self.succeeded.emit(value)

    def cancel(self) -> None:
        self.token.cancel()
        self.wait()


def add_folder_locked(folder: Path) -> ModelSpec:
    """``add_model_folder`` under the import lock: telling the family imports transformers' model
    tables, which must never happen beside allennlp's import (see desktop.core.imports)."""
    with IMPORT_LOCK:
        return add_model_folder(folder)


class ModelManager(QDialog):
    """The table of models and the buttons that change the user's model list."""

    task_finished = Signal()  # an addition or install ended (done, failed or cancelled)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_specs = window.specs
        remembered = remembered_tabs(window.settings) or []
        self.checked = set(window.tab_models()) | set(remembered)  # an unavailable chosen model keeps its tick
        self.touched = False  # the tab choice or the model list changed: apply on close
        self.rows: list[Row] = []
        self.task: StoreTask | None = None
        self._build()
        self.refresh()
        self.resize(1240, 660)

    def _build(self) -> None:
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.table = QTableWidget(0, COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)  # long paths wrap, never end in "…"
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(COLUMNS - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)  # long display names wrap
        header.resizeSection(1, MODEL_COLUMN_WIDTH)
        header.setSectionResizeMode(COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.bundle_button, self.close_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self._pick_folder)
        self.remove_button.clicked.connect(self._remove_selected)
        self.bundle_button.clicked.connect(self._pick_bundle)
        self.close_button.clicked.connect(self.accept)
        self.progress = QProgressBar()
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.hide()
        self.result = QLabel()
        self.result.setWordWrap(True)
        buttons = QHBoxLayout()
        for w in (self.add_button, self.remove_button, self.bundle_button, self.progress):
            buttons.addWidget(w)
        buttons.addStretch()
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for w in (self.note, self.problem, self.table, self.result):
            layout.addWidget(w)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Model manager"))
        self.note.setText(
            tr(
                "Every model the program knows. Tick the ones to show as tabs: the window changes when you "
                "close this dialog. A model that is not on this machine says what is missing and how to get it."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [
                tr("Tab"),
                tr("Model"),
                tr("Family"),
                tr("On this machine"),
                tr("Size"),
                tr("Where it is, or what is missing"),
            ]
        )
        self.add_button.setText(tr("Add from folder…"))
        self.remove_button.setText(tr("Remove"))
        self.bundle_button.setText(tr("Install bundle…"))
        self.close_button.setText(tr("Close"))

    # -- the table ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the model list and the disk again (cheap: existence checks and file sizes)."""
        self.rows, problem = catalog_rows(self.window_specs)
        self.problem.setVisible(problem is not None)
        self.problem.setText(tr_msg(problem) if problem is not None else "")
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            self._fill_row(i, row)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self._update_buttons()

    def _fill_row(self, i: int, row: Row) -> None:
        tick = QTableWidgetItem()
        flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
        tick.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if row.resolved.available else flags)
        tick.setCheckState(Qt.CheckState.Checked if row.spec.name in self.checked else Qt.CheckState.Unchecked)
        name = row.spec.name + (f"\n{row.spec.display}" if row.spec.display != row.spec.name else "")
        if row.spec.user_added or row.for_this_run:
            name += "\n" + (tr("(added by you)") if row.spec.user_added else tr("(for this run only)"))
        status = tr("yes") if row.resolved.available else tr("not installed")
        cells = [tick, *(QTableWidgetItem(t) for t in (name, family_text(row.spec.family), status))]
        cells += [QTableWidgetItem(size_text(row.size)), QTableWidgetItem(details_text(row))]
        if not row.resolved.available:
            cells[3].setForeground(Qt.GlobalColor.darkRed)
        for column, item in enumerate(cells):
            self.table.setItem(i, column, item)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        name = self.rows[item.row()].spec.name
        if item.checkState() == Qt.CheckState.Checked:
            self.checked.add(name)
        else:
            self.checked.discard(name)
        self.touched = True

    def chosen_tabs(self) -> list[str]:
        """The ticked models in the table's order (an unavailable one is kept: it comes back as a
        tab when its files do)."""
        return [r.spec.name for r in self.rows if r.spec.name in self.checked]

    def selected_row(self) -> Row | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.rows[rows.pop()] if len(rows) == 1 else None

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.remove_button.setEnabled(row is not None and row.spec.user_added and self.task is None)
        for button in (self.add_button, self.bundle_button):
            button.setEnabled(self.task is None)

    # -- adding and removing ------------------------------------------------------------------
    def _pick_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Add a model folder"))
        if folder:
            self.add_folder(Path(folder))

    def add_folder(self, folder: Path) -> None:
        """Register a model folder (its family detected, on a thread); it is ticked to become a tab."""
        self._run(
            lambda _progress: add_folder_locked(folder), self._on_added, tr("Adding {folder}…").format(folder=folder)
        )

    def _on_added(self, spec: ModelSpec) -> None:
        self.checked.add(spec.name)
        self.touched = True
        self.result.setText(tr("Added {name} ({family}).").format(name=spec.name, family=family_text(spec.family)))
        self.refresh()

    def _remove_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        question = tr("Remove {name} from the list? Its files are not deleted.").format(name=row.spec.name)
        if QMessageBox.question(self, tr("Remove"), question) == QMessageBox.StandardButton.Yes:
            self.remove(row.spec.name)

    def remove(self, name: str) -> bool:
        try:
            remove_model(name)
        except StoreError as exc:
            self._warn(tr_msg(exc.text))
            return False
        except OSError as exc:
            self._warn(f"{exc.filename or name}: {exc.strerror or exc}")
            return False
        self.checked.discard(name)
        self.touched = True
        self.result.setText(tr("Removed {name}.").format(name=name))
        self.refresh()
        return True

    def _warn(self, text: str) -> None:
        self.result.setText(text)
        QMessageBox.warning(self, tr("Model manager"), text)

    # -- bundles ------------------------------------------------------------------------------
    def _pick_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Install a model bundle"), "", tr("Model bundles (*.zip)"))
        if path:
            self.install_from(Path(path), self._ask_replace(Path(path)))

    def _ask_replace(self, path: Path) -> bool:
        """Whether to replace models of the bundle that are installed already (asked only then)."""
        try:
            names = [m.name for m in read_manifest(path) if installed_folder(m.name).exists()]
        except StoreError:
            return False  # the install says what is wrong with the file
        if not names:
            return False
        question = tr("Already installed: {names}. Replace them with the bundle's files?").format(
            names=", ".join(names)
        )
        return QMessageBox.question(self, tr("Install bundle…"), question) == QMessageBox.StandardButton.Yes

    def install_from(self, path: Path, force: bool = False) -> None:
        """Install on a thread; the progress bar shows the bytes checked and copied."""
        work = lambda progress: install_bundle(path, force=force, progress=progress)  # noqa: E731
        self._run(work, self._on_installed, tr("Installing {file}…").format(file=path.name))

    def _run(self, work: Callable[[Callable[[int, int], None]], Any], done: Callable[[Any], None], note: str) -> None:
        self.task = StoreTask(work)
        self.task.progressed.connect(self._on_progress)
        self.task.succeeded.connect(done)
        self.task.failed.connect(lambda text: self._warn(tr_msg(text)))
        self.task.finished.connect(self._on_task_over)
        self.progress.setRange(0, 0)  # busy until the first count of bytes
        self.progress.show()
        self.result.setText(note)
        self._update_buttons()
        self.task.start()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setValue(int(PROGRESS_STEPS * done / total) if total else PROGRESS_STEPS)

    def _on_installed(self, installed: list[Installed]) -> None:
        self.checked |= {i.name for i in installed if i.folder is not None}
        self.touched = True
        self.result.setText("\n".join(f"{i.name}: {tr_msg(i.note)}" for i in installed))
        self.refresh()

    def _on_task_over(self) -> None:
        if self.task is not None:
            self.task.wait()  # ``finished`` comes a moment before the thread has quite ended
        self.progress.hide()
        self.task = None
        self._update_buttons()
        self.task_finished.emit()

    # -- closing ------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        """Closing while a bundle installs cancels it: nothing of it is installed."""
        if self.task is not None:
            self.task.cancel()
        super().done(result)
