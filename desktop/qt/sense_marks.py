"""The senses the user marks in the polysemy panel: one picker per use of the word the panel follows
(not marked, sense 1, 2 or 3), for words no cue word settles. It draws the marks kept in the
session and asks for new ones by a signal; the polysemy claim then groups its pairs by them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from desktop.qt.i18n import tr

SENSES = 3  # enough for a lesson's word (bank: money, river, and "to bank on")
SNIPPET = 70  # characters of a use's sentence shown beside its picker


class SenseMarks(QWidget):
    marked = Signal(str, object)  # the word and its sense per use: tuple[int | None, ...]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.grid.addWidget(self.title, 0, 0, 1, 2)
        self._rows: list[tuple[QLabel, QComboBox]] = []  # every row made so far, some hidden
        self.pickers: list[QComboBox] = []  # the pickers of the rows in use
        self._shown: tuple[str, tuple[str, ...]] = ("", ())
        self.retranslate()

    def show_uses(self, word: str, sentences: list[str], marks: tuple[int | None, ...] | None) -> None:
        """One picker per use of ``word`` (rebuilt only when the word or its uses changed), each set to
        the session's mark."""
        if (word, tuple(sentences)) != self._shown:
            self._rebuild(word, sentences)
        for i, picker in enumerate(self.pickers):
            sense = marks[i] if marks is not None and i < len(marks) else None
            picker.blockSignals(True)
            picker.setCurrentIndex(max(picker.findData(sense or 0), 0))
            picker.blockSignals(False)
        self.setVisible(bool(self.pickers))

    def _rebuild(self, word: str, sentences: list[str]) -> None:
        """Rows are reused from one text to the next and only hidden when not needed: making and
        deleting a combo box per use took 1.2-2.9 ms of every text (0.3 now, four uses, the widget alone)."""
        self._shown = (word, tuple(sentences))
        while len(self._rows) < len(sentences):
            label, picker = QLabel(), QComboBox()
            self._fill(picker)
            picker.activated.connect(self._emit)
            self.grid.addWidget(label, len(self._rows) + 1, 0)
            self.grid.addWidget(picker, len(self._rows) + 1, 1)
            self._rows.append((label, picker))
        for i, (label, picker) in enumerate(self._rows):
            used = i < len(sentences)
            label.setVisible(used)
            picker.setVisible(used)
            if used:
                sentence = sentences[i]
                shown = sentence if len(sentence) <= SNIPPET else sentence[: SNIPPET - 1] + "…"
                label.setText(f"{i + 1}. {shown}")
        self.pickers = [picker for _, picker in self._rows[: len(sentences)]]

    def _fill(self, picker: QComboBox) -> None:
        current = picker.currentData()
        picker.clear()
        picker.addItem(tr("not marked"), 0)
        for n in range(1, SENSES + 1):
            picker.addItem(tr("sense {n}").format(n=n), n)
        picker.setCurrentIndex(max(picker.findData(current), 0))

    def _emit(self) -> None:
        self.marked.emit(self._shown[0], tuple(picker.currentData() or None for picker in self.pickers))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(
            tr(
                "Your senses: mark which meaning each use has; the polysemy claim then compares same-sense "
                "pairs with different-sense pairs."
            )
        )
        for _, picker in self._rows:
            self._fill(picker)
