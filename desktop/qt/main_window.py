"""The main window: the text at the top, a tab per model and a Compare tab, a status bar.

Typing re-runs every model after a short pause (Ctrl+Enter or Run: at once). Each model has its
own background worker, so a slow model never delays a fast one's result.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.measure.knowledge import load_knowledge
from desktop.core.session import Change, ModelState, RunState
from desktop.core.store.examples import load_examples
from desktop.core.store.registry import ModelSpec
from desktop.qt.claims_tab import ClaimsTab
from desktop.qt.compare_tab import CompareTab
from desktop.qt.controller import Controller
from desktop.qt.corpus_tab import CorpusTab, build_text
from desktop.qt.device_menu import install_device_menu
from desktop.qt.i18n import LANGUAGES, LanguageManager, Retranslated, tr
from desktop.qt.lesson_panel import install_lessons
from desktop.qt.model_manager import install_model_manager
from desktop.qt.model_tab import ModelTab
from desktop.qt.presenter import Presenter
from desktop.qt.projection_tab import ProjectionTab
from desktop.qt.session_file import install_file_menu
from desktop.qt.tab_choice import apply_tab_models

DEBOUNCE_MS = 400
MAX_DROP_BYTES = 2_000_000


class TextInput(QPlainTextEdit):
    """A multi-line editor that also takes a dropped .txt file."""

    file_rejected = Signal(str)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if not urls:
            super().dropEvent(event)
            return
        self.load_file(Path(urls[0].toLocalFile()))
        event.acceptProposedAction()

    def load_file(self, path: Path) -> bool:
        """Replace the text with a UTF-8 file's; on failure keep the text and say why."""
        try:
            if not stat.S_ISREG(path.stat().st_mode):  # a folder, a device or a pipe: never read it
                raise ValueError(tr("it is not a regular file"))
            if path.stat().st_size > MAX_DROP_BYTES:
                raise ValueError(tr("the file is larger than 2 MB"))
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            self.file_rejected.emit(tr("{name} is not UTF-8 text; the text was kept.").format(name=path.name))
            return False
        except (OSError, ValueError) as exc:
            self.file_rejected.emit(tr("Cannot read {name}: {why}").format(name=path.name, why=exc))
            return False
        self.setPlainText(text)
        return True


class MainWindow(Retranslated, QMainWindow):
    all_done = Signal()  # every model has a result (or an error) for the current text
    probes_done = Signal()  # ... and its slow probes (direction, polysemy) too
    tab_models_chosen = Signal(list)  # the specs to show as tabs: desktop.qt.app replaces the window

    def __init__(self, specs: list[ModelSpec], settings: QSettings, language: LanguageManager) -> None:
        super().__init__()
        self.specs = specs
        self.settings = settings
        self.language = language
        self.examples_data = load_examples()
        self.controller = Controller(specs, self)
        self.session = self.controller.session
        knowledge = load_knowledge()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._text_area())
        splitter.addWidget(self._tabs(knowledge))
        splitter.setSizes([130, 770])
        self.setCentralWidget(splitter)
        self._status_bar()
        self.menus = {key: self.menuBar().addMenu("") for key in ("file", "view", "models")}  # filled by features
        self.replaced_by: MainWindow | None = None  # the window that took over after a new tab choice
        install_model_manager(self)
        install_device_menu(self)  # Models ▸ Device, before any model loads
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.run_now)
        self.text.textChanged.connect(self.debounce.start)
        self.text.file_rejected.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self.run_button.clicked.connect(self.run_now)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.run_now)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self.run_now)
        self.examples.activated.connect(self._pick_example)
        self.language_box.currentIndexChanged.connect(self._pick_language)
        self.language_box.setCurrentIndex(list(LANGUAGES).index(language.language))
        self.controller.changed.connect(self._on_change)
        self.lesson_panel = install_lessons(self)  # the lesson sidebar (View menu)
        self.presenter = Presenter(self)  # zoom, full screen, keyboard (View menu)
        install_file_menu(self)  # sessions and exports (File menu): self.session_file, self.view_export
        self.resize(1400, 900)
        self.retranslate()

    def _text_area(self) -> QWidget:
        self.text = TextInput()
        self.text.setMinimumHeight(70)
        self.examples = QComboBox()
        self.run_button = QPushButton()
        self.language_box = QComboBox()
        for code, name in LANGUAGES.items():
            self.language_box.addItem(name, code)
        self.text_label = QLabel()
        top = QWidget()
        layout = QVBoxLayout(top)
        layout.setContentsMargins(6, 6, 6, 0)
        row = QHBoxLayout()
        row.addWidget(self.text_label)
        row.addStretch()
        for w in (self.examples, self.run_button, self.language_box):
            row.addWidget(w)
        layout.addLayout(row)
        layout.addWidget(self.text)
        return top

    def _tabs(self, knowledge: dict) -> QTabWidget:
        self.tabs = QTabWidget()
        self.model_tabs: dict[str, ModelTab] = {}
        for spec in self.specs:
            tab = ModelTab(spec, knowledge[spec.knowledge], self.session)
            tab.word_selected.connect(lambda word, name=spec.name: self.controller.request_slot(name, word))
            tab.word_selected.connect(self.controller.pick_corpus_word)  # the Corpus tab follows the click
            self.model_tabs[spec.name] = tab
            self.tabs.addTab(tab, spec.name)
        self.compare = CompareTab(self.specs, self.session)
        self.compare.probes.predict_requested.connect(self.controller.request_predict)
        self.compare.probes.polysemy_requested.connect(self.controller.request_polysemy)
        self.compare.probes.sense_marks.marked.connect(self.controller.set_senses)
        self.tabs.addTab(self.compare, "")
        self.claims_tab = ClaimsTab(self.session)
        self.tabs.addTab(self.claims_tab, "")
        self.claims_tab.finetune.run_requested.connect(self.controller.finetune.request)
        self.claims_tab.finetune.cancel_requested.connect(self.controller.finetune.cancel)
        self.projection_tab = ProjectionTab(self.session)
        self.projection_tab.projection_requested.connect(self.controller.request_projection)
        self.tabs.addTab(self.projection_tab, "")
        self.corpus_tab = CorpusTab(self.session)
        self.corpus_tab.corpus_requested.connect(self.controller.request_corpus)
        self.corpus_tab.word_picked.connect(self.controller.pick_corpus_word)
        self.corpus_tab.stop_requested.connect(self.controller.corpus.stop)
        self.tabs.addTab(self.corpus_tab, "")
        return self.tabs

    def _status_bar(self) -> None:
        self.state_labels: dict[str, QLabel] = {}
        for spec in self.specs:
            self.state_labels[spec.name] = QLabel()
            self.statusBar().addPermanentWidget(self.state_labels[spec.name])
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)

    def tab_models(self) -> list[str]:
        """The models shown as tabs, in their order."""
        return list(self.model_tabs)

    def apply_tab_models(self, names: list[str]) -> MainWindow:
        """Show these models as tabs, remembered for the next start; returns the window that shows
        them, a new one unless nothing changed (see ``desktop.qt.tab_choice.apply_tab_models``)."""
        return apply_tab_models(self, names)

    def start(self) -> None:
        """Start one worker per model; each loads in its own thread while the window stays live."""
        self.controller.start()
        if self.text.toPlainText().strip():
            self.run_now()

    # -- running ------------------------------------------------------------------------------
    @Slot()
    def run_now(self) -> None:
        self.debounce.stop()
        text = self.text.toPlainText()
        if not text.strip():
            self.statusBar().showMessage(tr("The text is empty: type or paste some text first."), 5000)
            return
        self.busy.show()  # before submitting: a text seen again is answered during the call
        self.controller.submit(text)

    def _on_change(self, change: Change) -> None:
        """Hand the change to the views that draw it, then see whether the text is done."""
        if change.model in self.model_tabs:
            self.model_tabs[change.model].on_change(change)
        elif change.part in ("text", "claims"):
            for tab in self.model_tabs.values():
                tab.on_change(change)
        self.compare.on_change(change)
        self.claims_tab.on_change(change)
        self.projection_tab.on_change(change)
        self.corpus_tab.on_change(change)
        if change.part in ("status", "loading", "corpus_build") and change.model is not None:
            self.state_labels[change.model].setText(self._state_text(self.session.models[change.model]))
        if change.part in ("status", "result", "cross", "claims"):
            self._check_done()

    def _check_done(self) -> None:
        current = self.text.toPlainText() == self.session.text and not self.debounce.isActive()
        if not (current and self.controller.started) or not self.session.answered:
            return
        self.busy.hide()
        self.all_done.emit()
        if self.session.finished:
            self.probes_done.emit()

    def _state_text(self, state: ModelState) -> str:
        texts = {
            RunState.WAITING: tr("{name}: ready"),
            RunState.LOADING: tr("{name}: loading…"),
            RunState.RUNNING: tr("{name}: running…"),
            RunState.DONE: tr("{name}: done in {ms} ms"),
            RunState.ERROR: tr("{name}: error"),
        }
        if state.corpus_build is not None:  # the Corpus tab's build on first use
            return build_text(state.name, state.corpus_build)
        if state.state is RunState.LOADING and state.load_progress is not None:  # bytes read, where known
            return tr("{name}: loading {percent} %").format(name=state.name, percent=int(state.load_progress * 100))
        return texts[state.state].format(name=state.name, ms=f"{state.elapsed_ms:.0f}")

    # -- user choices -------------------------------------------------------------------------
    def _pick_example(self, index: int) -> None:
        example = self.examples_data.get(self.examples.itemData(index))
        if example is not None:
            self.text.setPlainText(example.text)
            self.run_now()

    def _pick_language(self, index: int) -> None:
        code = self.language_box.itemData(index)
        if code and code != self.language.language:
            self.language.set_language(code)

    # -- language -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(tr("BERT · GPT · ELMo — side by side"))
        self.text_label.setText(tr("Your text (type, paste, or drop a .txt file):"))
        self.text.setPlaceholderText(tr("Type or paste text here; every model runs it after a short pause."))
        self.run_button.setText(tr("Run (Ctrl+Enter)"))
        for key, title in (("file", tr("&File")), ("view", tr("&View")), ("models", tr("&Models"))):
            self.menus[key].setTitle(title)
        self.examples.clear()
        self.examples.addItem(tr("Examples…"), "")  # never None: see desktop/qt/__init__.py
        for key, example in self.examples_data.items():
            self.examples.addItem(tr(example.label), key)
        self.tabs.setTabText(self.tabs.indexOf(self.compare), tr("Compare"))
        self.tabs.setTabText(self.tabs.indexOf(self.claims_tab), tr("Claims"))
        self.tabs.setTabText(self.tabs.indexOf(self.projection_tab), tr("Projection"))
        self.tabs.setTabText(self.tabs.indexOf(self.corpus_tab), tr("Corpus"))
        for name, label in self.state_labels.items():
            label.setText(self._state_text(self.session.models[name]))

    # -- closing ------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.debounce.stop()
        self.controller.shutdown()
        for view in self.findChildren(pg.GraphicsView):  # pyqtgraph keeps a global list of its views
            view.close()  # PlotWidget and GraphicsLayoutWidget (the projection's) alike
            view.deleteLater()  # PlotWidget.close() took it out of the window: it is not deleted with it
        super().closeEvent(event)
