"""The main window: the text at the top, a tab per model and a Compare tab, a status bar.

Typing re-runs every model after a short pause (Ctrl+Enter or Run: at once). Each model has its
own background worker, so a slow model never delays a fast one's result.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal, Slot
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
from desktop.core.store.registry import ModelSpec
from desktop.qt.compare_tab import CompareTab
from desktop.qt.i18n import LANGUAGES, LanguageManager, tr
from desktop.qt.model_tab import ModelTab
from desktop.qt.workers import ModelRunner, RunState, Status

DEBOUNCE_MS = 400
MAX_DROP_BYTES = 2_000_000

EXAMPLES = {
    "polysemy": "I deposited cash at the bank. We had a picnic on the river bank.",
    "future": (
        "The animal didn't cross the street because it was too tired.\n"
        "The animal didn't cross the street because it was too wide."
    ),
    "sentences": (
        "A bank holds people's money.\nThe river bank was covered in flowers.\n"
        "She keeps her savings at the bank.\nWe walked along the side of the river."
    ),
    "chinese": "我去银行存钱。\n我们在河岸边散步。\n他在银行工作。",
}


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


class MainWindow(QMainWindow):
    all_done = Signal()  # every model has a result (or an error) for the current text
    probes_done = Signal()  # ... and its slow probes (direction, polysemy) too

    def __init__(self, specs: list[ModelSpec], settings: QSettings, language: LanguageManager) -> None:
        super().__init__()
        self.specs = specs
        self.settings = settings
        self.language = language
        self.runners: dict[str, ModelRunner] = {}
        self._submitted_text: str | None = None
        knowledge = load_knowledge()

        self.text = TextInput()
        self.text.setPlaceholderText("")
        self.text.setMinimumHeight(70)
        self.examples = QComboBox()
        self.run_button = QPushButton()
        self.language_box = QComboBox()
        for code, name in LANGUAGES.items():
            self.language_box.addItem(name, code)
        self.text_label = QLabel()
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(6, 6, 6, 0)
        row = QHBoxLayout()
        row.addWidget(self.text_label)
        row.addStretch()
        row.addWidget(self.examples)
        row.addWidget(self.run_button)
        row.addWidget(self.language_box)
        tl.addLayout(row)
        tl.addWidget(self.text)

        self.tabs = QTabWidget()
        self.model_tabs: dict[str, ModelTab] = {}
        for spec in specs:
            tab = ModelTab(spec, knowledge[spec.knowledge], language)
            self.model_tabs[spec.name] = tab
            self.tabs.addTab(tab, spec.name)
        self.compare = CompareTab(specs)
        self.compare.probes.predict_requested.connect(self._request_predictions)
        self.compare.probes.polysemy_requested.connect(self._request_polysemy)
        self.tabs.addTab(self.compare, "")

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.tabs)
        splitter.setSizes([130, 770])
        self.setCentralWidget(splitter)

        self.state_labels: dict[str, QLabel] = {}
        for spec in specs:
            label = QLabel()
            self.state_labels[spec.name] = label
            self.statusBar().addPermanentWidget(label)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.run_now)
        self.text.textChanged.connect(self.debounce.start)
        self.text.file_rejected.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        self.run_button.clicked.connect(self.run_now)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.run_now)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self.run_now)
        self.examples.activated.connect(self._pick_example)
        self.language_box.currentIndexChanged.connect(self._pick_language)
        self.language_box.setCurrentIndex(list(LANGUAGES).index(language.language))
        self.resize(1400, 900)
        self.retranslate()

    def start(self) -> None:
        """Start one worker per model; each loads in its own thread while the window stays live."""
        for spec in self.specs:
            runner = ModelRunner(spec, self)
            tab = self.model_tabs[spec.name]
            runner.status_changed.connect(tab.set_status)
            runner.status_changed.connect(lambda status, name=spec.name: self._on_status(name, status))
            runner.result_ready.connect(tab.set_analysis)
            runner.result_ready.connect(lambda analysis, name=spec.name: self._on_result(name, analysis))
            runner.probe_ready.connect(tab.set_fill)
            runner.deep_ready.connect(tab.set_deep)
            runner.deep_ready.connect(lambda deep, name=spec.name: self._on_deep(name, deep))
            runner.predict_ready.connect(lambda result, name=spec.name: self.compare.set_prediction(name, result))
            runner.polysemy_ready.connect(lambda result, name=spec.name: self.compare.probes.set_polysemy(name, result))
            tab.fill_requested.connect(lambda span, r=runner: r.request_fill(self.text.toPlainText(), span))
            self.runners[spec.name] = runner
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
        self._submitted_text = text
        for runner in self.runners.values():
            if not runner.load_failed:  # a model that cannot load keeps showing why
                runner.submit(text)
        self.busy.show()

    def _on_status(self, name: str, status: Status) -> None:
        self.state_labels[name].setText(self._state_text(name, status))
        self._check_done()

    def _on_result(self, name: str, analysis) -> None:
        self.compare.set_result(name, analysis)
        self._check_done()

    def _request_predictions(self, word: int) -> None:
        text = self._submitted_text or self.text.toPlainText()
        for runner in self.runners.values():
            if not runner.load_failed:
                runner.request_predict(text, word)

    def _request_polysemy(self, word: str) -> None:
        text = self._submitted_text or self.text.toPlainText()
        for runner in self.runners.values():
            if not runner.load_failed:
                runner.request_polysemy(text, word)

    def _on_deep(self, name: str, deep) -> None:
        self.compare.set_deep(name, deep)
        self._check_done()

    def _check_done(self) -> None:
        current = self.text.toPlainText() == self._submitted_text and not self.debounce.isActive()
        if not (current and self.runners):
            return
        if all(r.idle for r in self.runners.values()):
            self.busy.hide()
            self.all_done.emit()
            if all(r.probes_idle for r in self.runners.values()):
                self.probes_done.emit()

    def _state_text(self, name: str, status: Status) -> str:
        texts = {
            RunState.WAITING: tr("{name}: ready"),
            RunState.LOADING: tr("{name}: loading…"),
            RunState.RUNNING: tr("{name}: running…"),
            RunState.DONE: tr("{name}: done in {ms} ms"),
            RunState.ERROR: tr("{name}: error"),
        }
        return texts[status.state].format(name=name, ms=f"{status.elapsed_ms:.0f}")

    # -- user choices -------------------------------------------------------------------------
    def _pick_example(self, index: int) -> None:
        key = self.examples.itemData(index)
        if key in EXAMPLES:
            self.text.setPlainText(EXAMPLES[key])
            self.run_now()

    def _pick_language(self, index: int) -> None:
        code = self.language_box.itemData(index)
        if code and code != self.language.language:
            self.language.set_language(code)

    # -- language -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("BERT · GPT · ELMo — side by side"))
        self.text_label.setText(tr("Your text (type, paste, or drop a .txt file):"))
        self.text.setPlaceholderText(tr("Type or paste text here; every model runs it after a short pause."))
        self.run_button.setText(tr("Run (Ctrl+Enter)"))
        names = {
            "polysemy": tr("Example: polysemy (bank)"),
            "future": tr("Example: future context (tired / wide)"),
            "sentences": tr("Example: sentence similarity"),
            "chinese": tr("Example: Chinese text"),
        }
        self.examples.clear()
        self.examples.addItem(tr("Examples…"), "")  # never None: see desktop/qt/__init__.py
        for key, label in names.items():
            self.examples.addItem(label, key)
        self.tabs.setTabText(self.tabs.indexOf(self.compare), tr("Compare"))
        for name, label in self.state_labels.items():
            runner = self.runners.get(name)
            label.setText(self._state_text(name, runner.status if runner else Status(RunState.WAITING)))

    # -- closing ------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.debounce.stop()
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self, budget_ms: int = 1800) -> None:
        """Stop every worker, sharing one time budget so that closing stays under two seconds."""
        deadline = time.perf_counter() + budget_ms / 1000
        for runner in self.runners.values():
            runner.request_stop()
        for runner in self.runners.values():
            left = max(50, int((deadline - time.perf_counter()) * 1000))
            runner.shutdown(left)
