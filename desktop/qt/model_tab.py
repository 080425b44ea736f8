"""One model's tab: its live result on the left, the article's pros and cons with evidence on the
right. It draws ``session.models[name]``; what it asks for goes out as ``word_selected``."""

from __future__ import annotations

from html import escape

import numpy as np
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.analysis import Analysis
from desktop.core.encoding import Encoding
from desktop.core.measure.knowledge import FamilyKnowledge
from desktop.core.measure.probes import DirectionResult
from desktop.core.messages import layer_label
from desktop.core.models.base import FAMILY_NAMES, Unavailable
from desktop.core.session import Change, Failure, ModelState, RunState, Session
from desktop.core.store.registry import ModelSpec
from desktop.qt.i18n import tr, tr_msg
from desktop.qt.knowledge_panel import KnowledgePanel
from desktop.qt.layouts import boxed, labelled, scrolled
from desktop.qt.lazy import DrawnWhenShown
from desktop.qt.plots import CHANGE_COLORMAP, Heatmap, LayerCurves, change_levels
from desktop.qt.probe_text import probe_html
from desktop.qt.zoom import sized

MESSAGE_PAGE, ERROR_PAGE, RESULT_PAGE = range(3)
UNKNOWN_COLOR = QColor("#b03a2e")  # a token the model cannot read
BANNER_STYLE = "background:#fdecea; color:#7b241c; border:1px solid #e6b0aa; border-radius:4px; padding:6px;"


class TokenStrip(QListWidget):
    """The tokens as the model sees them, wrapping like text; clicking one selects its word."""

    word_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setSpacing(2)
        sized(self, maximum_height=64)  # two lines of tokens at any zoom
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)  # Enter on the current token: the keyboard's click

    def set_tokens(self, enc: Encoding, limit: int) -> None:
        """The tokens' readable labels; one the model cannot read in red, each with the text it
        covers as its tooltip (what an [UNK] stands for)."""
        self.clear()
        unknown = set(enc.unknown.tokens) if enc.unknown else set()
        for t, (label, word, (start, end)) in enumerate(zip(enc.labels[:limit], enc.word_ids, enc.spans, strict=False)):
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, -1 if word is None else word)  # never None (see qt/__init__)
            item.setToolTip(enc.text[start:end])
            if t in unknown:
                item.setForeground(QBrush(UNKNOWN_COLOR))
            self.addItem(item)

    def select_word(self, word: int) -> None:
        for i in range(self.count()):
            item = self.item(i)
            item.setSelected(item.data(Qt.ItemDataRole.UserRole) == word)

    def _clicked(self, item: QListWidgetItem) -> None:
        word = int(item.data(Qt.ItemDataRole.UserRole))
        if word >= 0:
            self.word_clicked.emit(word)


class ModelTab(DrawnWhenShown):
    word_selected = Signal(int)  # the user picked a word of the analysed text
    HALVES = 2  # the views' tab of the forward and backward halves, shown for ELMo only

    def __init__(self, spec: ModelSpec, knowledge: FamilyKnowledge, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.session = session
        self._drawn: Analysis | None = None  # the analysis on screen
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.stack = QStackedWidget()
        for page in (self._message_page(), self._error_page(), self._result_page()):
            self.stack.addWidget(page)
        self.knowledge = KnowledgePanel(knowledge, spec.name)
        outer = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.title)
        ll.addWidget(self.stack, 1)
        outer.addWidget(left)
        outer.addWidget(self.knowledge)
        outer.setSizes([980, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(outer)
        self.layer.currentIndexChanged.connect(self._draw_layer)
        self.direction_half.currentIndexChanged.connect(self._draw_direction)
        self.tokens.word_clicked.connect(self.word_selected)
        self.heatmap.cell_clicked.connect(self._token_row_clicked)
        self.retranslate()

    # -- building -----------------------------------------------------------------------------
    def _message_page(self) -> QWidget:
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # loading has no measurable fraction: a busy bar
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch()
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addStretch()
        return page

    def _error_page(self) -> QWidget:
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.RichText)
        self.error_detail = QPlainTextEdit()
        self.error_detail.setReadOnly(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.error_label)
        layout.addWidget(self.error_detail, 1)
        layout.addStretch()
        return page

    def _result_page(self) -> QWidget:
        self.banner = QLabel()  # the model cannot read this text: said before any of its numbers
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.tokens = TokenStrip()
        self.tokens_box = boxed(QGroupBox(), self.tokens)
        self.curves = LayerCurves()
        sized(self.curves, minimum_height=140)  # room for the curves, their layer names and a legend of six
        self.curves_box = boxed(QGroupBox(), self.curves)
        self.sentences = Heatmap(colorbar=False)
        self.sentences_hint = QLabel()
        self.sentences_hint.setWordWrap(True)
        self.sentences_box = boxed(QGroupBox(), self.sentences_hint, self.sentences)  # the picture takes the room
        right = QSplitter(Qt.Orientation.Vertical)
        for w in (self.curves_box, self.sentences_box, self._probe_box()):
            right.addWidget(w)
        right.setSizes([320, 260, 200])
        plots = QSplitter(Qt.Orientation.Horizontal)
        plots.addWidget(self._heatmap_box())
        plots.addWidget(right)
        plots.setSizes([520, 420])
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tokens_box)
        layout.addWidget(plots, 1)
        return page

    def _heatmap_box(self) -> QGroupBox:
        self.layer_label = QLabel()
        self.layer = QComboBox()
        self.heatmap = Heatmap()
        self.direction = Heatmap(levels=(0.0, 1.0), colormap=CHANGE_COLORMAP)
        self.direction_half = QComboBox()  # vectors in two halves (ELMo): the whole, or one half
        self.direction_half.hide()
        self.direction_note = QLabel()
        self.direction_note.setWordWrap(True)
        direction_page = QWidget()
        dp = QVBoxLayout(direction_page)
        dp.setContentsMargins(0, 0, 0, 0)
        dp.addWidget(self.direction_half)
        dp.addWidget(self.direction, 1)
        dp.addWidget(self.direction_note)
        self.views = QTabWidget()
        self.views.addTab(self.heatmap, "")
        self.views.addTab(direction_page, "")
        self.views.addTab(self._halves_page(), "")
        self.views.setTabVisible(self.HALVES, False)
        self.views.setUsesScrollButtons(False)  # three names elided to fit rather than one hidden
        self.views.setElideMode(Qt.TextElideMode.ElideRight)
        self.heatmap_box = boxed(QGroupBox(), labelled(self.layer_label, self.layer), self.views)
        return self.heatmap_box

    def _halves_page(self) -> QWidget:
        """A model whose vectors are two one-sided halves (ELMo) shows each half on its own, side by
        side, with the room of the main heatmap rather than a corner of the probe box."""
        self.halves = (Heatmap(labels="left"), Heatmap(labels="left"))  # the same size: both with a colour bar
        self.halves_labels = (QLabel(), QLabel())
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        for label, plot in zip(self.halves_labels, self.halves, strict=True):
            label.setWordWrap(True)
            col = QVBoxLayout()
            col.addWidget(label)
            col.addWidget(plot, 1)
            row.addLayout(col)
        return page

    def _probe_box(self) -> QGroupBox:
        self.probe = QLabel()
        self.probe.setWordWrap(True)
        self.probe.setTextFormat(Qt.TextFormat.RichText)
        self.probe.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.probe_box = boxed(QGroupBox(), scrolled(self.probe))  # scrolls where a large font needs more room
        return self.probe_box

    # -- the session --------------------------------------------------------------------------
    @property
    def state(self) -> ModelState:
        return self.session.models[self.spec.name]

    @property
    def analysis(self) -> Analysis | None:
        result = self.state.result
        return None if result is None else result.analysis

    def on_change(self, change: Change) -> None:
        if change.part in ("claims", "text"):
            self.knowledge.set_claims(self.session.claims)
        if change.model != self.spec.name:
            return
        if change.part == "status":
            self._draw_status()
        elif change.part == "result":
            self.mark_stale()
        elif change.part == "slot" and self.isVisible():
            self._select_drawn(self.state.selected_word)

    def _draw_status(self) -> None:
        state = self.state
        if state.state is RunState.ERROR and state.failure is not None:
            self._show_failure(state.failure)
        elif self.analysis is None:
            self.stack.setCurrentIndex(MESSAGE_PAGE)
        else:
            self.stack.setCurrentIndex(RESULT_PAGE)
        self._update_message()

    # -- drawing ------------------------------------------------------------------------------
    def redraw(self) -> None:
        """Draw the whole result (hidden tabs draw when shown, so that three results arriving
        together cost the GUI thread one tab's drawing)."""
        a, result = self.analysis, self.state.result
        if a is None or result is None:
            return
        if a is self._drawn:  # the same analysis with its slow probes now in: only what they change
            self._draw_direction()
            self.knowledge.set_result(result)
            return
        self._drawn = a
        self.stack.setCurrentIndex(RESULT_PAGE)
        self._show_halves(a.halves is not None)
        enc = a.encoding
        warning = enc.coverage_warning
        self.banner.setText("⚠ " + tr_msg(warning) if warning else "")
        self.banner.setVisible(warning is not None)
        self.tokens.set_tokens(enc, a.shown_tokens)
        keep = self.layer.currentIndex()  # -1 before the first result: start at the top layer
        last = len(enc.layer_names) - 1
        self.layer.blockSignals(True)
        self.layer.clear()
        self.layer.addItems([tr_msg(layer_label(n)) for n in enc.layer_names])
        self.layer.setCurrentIndex(last if keep < 0 else min(keep, last))
        self.layer.blockSignals(False)
        self._draw_layer()
        self._select_drawn(self.state.selected_word)
        self.knowledge.set_result(result)

    def _show_halves(self, shown: bool) -> None:
        self.views.setTabVisible(self.HALVES, shown)
        self.direction_half.setVisible(shown)

    def _select_drawn(self, word: int) -> None:
        self.tokens.select_word(word)
        self._draw_curves()
        a = self.analysis
        if a is not None:
            self.probe.setText(probe_html(a, self.state, a.halves is not None))

    def _token_row_clicked(self, row: int) -> None:
        a = self.analysis
        if a is not None and a.encoding.word_ids[row] is not None:
            self.word_selected.emit(a.encoding.word_ids[row])

    def _draw_layer(self) -> None:
        a = self.analysis
        if a is None:
            return
        layer = max(self.layer.currentIndex(), 0)
        enc = a.encoding
        self.heatmap.set_matrix(a.token_sims[layer], enc.labels[: a.shown_tokens])
        n_sent = len(a.sentence_spans)
        self.sentences.setVisible(n_sent > 1)
        if n_sent > 1:
            labels = [f"{i + 1}. {enc.text[s:e].strip()[:18]}" for i, (s, e) in enumerate(a.sentence_spans)]
            self.sentences.set_matrix(a.sentence_sims[layer], labels)
        if a.halves is not None:
            for plot, key in zip(self.halves, ("forward", "backward"), strict=True):
                plot.set_matrix(a.halves[key][layer], enc.labels[: a.shown_tokens])
        self._draw_direction()
        self._update_sentence_hint()

    def _draw_direction(self) -> None:
        """Who sees whom: change of each word (row) when another word (column) is replaced."""
        result = self.state.result
        found = None if result is None or result.deep is None else result.deep.direction
        if not isinstance(found, DirectionResult):
            self.direction.set_matrix(np.full((1, 1), np.nan, dtype=np.float32), [""])
            waiting = tr("Measuring: each word is replaced in turn (one extra run per word)…")
            self.direction_note.setText(tr_msg(found.reason) if isinstance(found, Unavailable) else waiting)
            return
        layer = found.layers[min(max(self.layer.currentIndex(), 0), len(found.layers) - 1)]
        parts = layer.parts()
        part = ("matrix", "forward", "backward")[max(self.direction_half.currentIndex(), 0)]
        part = part if part in parts else "matrix"  # the char-CNN layer has no halves
        levels = change_levels(*(m for lay in found.layers for m in lay.parts().values()))
        self.direction.set_matrix(parts[part], found.words, levels)
        peak = tr(
            "Row word's change when the column word is replaced. Above the diagonal (later words "
            "changing earlier ones): at most {value}."
        ).format(value=f"{layer.peaks[part][0]:.3f}")
        self.direction_note.setText(" ".join([peak, *(tr_msg(n) for n in found.notes)]))  # e.g. its first words only

    def _update_sentence_hint(self) -> None:
        several = self.analysis is not None and len(self.analysis.sentence_spans) > 1
        self.sentences_hint.setText(
            tr("Each sentence is the mean of its word vectors.")
            if several
            else tr("Type several sentences (one per line) to compare them.")
        )

    def _draw_curves(self) -> None:
        a = self.analysis
        w = self.state.selected_word
        if a is None or w >= a.shown_words or a.shown_words < 2:
            return
        words = a.encoding.words[: a.shown_words]
        sims = a.word_sims[:, w, :]  # [layers, words]
        others = [j for j in range(len(words)) if j != w]
        top = sorted(others, key=lambda j: -sims[-1, j])[: LayerCurves.MAX_CURVES - 1]
        curves = [(tr("mean of all others"), sims[:, others].mean(axis=1))]
        curves += [(f"{words[j]} ({j + 1})", sims[:, j]) for j in top]
        title = tr("Similarity of '{word}' to other words, layer by layer").format(word=words[w])
        self.curves.set_curves([tr_msg(layer_label(n)) for n in a.encoding.layer_names], curves, title)

    def _show_failure(self, failure: Failure) -> None:
        where = f"<br><b>{escape(tr('File'))}:</b> {escape(failure.path)}" if failure.path else ""
        todo = f"<br><b>{escape(tr('What to do'))}:</b> {escape(tr_msg(failure.hint))}" if failure.hint else ""
        heading = f"<h3 style='color:#b03a2e'>{escape(tr('This model could not run'))}</h3>"
        self.error_label.setText(f"{heading}{escape(tr_msg(failure.message))}{where}{todo}")
        self.error_detail.setPlainText(failure.detail)
        self.error_detail.setVisible(bool(failure.detail))
        self.stack.setCurrentIndex(ERROR_PAGE)

    def _update_message(self) -> None:
        state = self.state.state
        self.progress.setVisible(state in (RunState.LOADING, RunState.RUNNING))
        texts = {
            RunState.LOADING: tr("Loading the model…"),
            RunState.RUNNING: tr("Running…"),
            RunState.WAITING: tr("Type or paste some text above."),
        }
        self.message.setText(texts.get(state, ""))

    # -- language -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._drawn = None  # every label is redrawn in the new language
            self.mark_stale()
            if self.state.failure is not None:
                self._show_failure(self.state.failure)
        super().changeEvent(event)

    def retranslate(self) -> None:
        family = tr_msg(FAMILY_NAMES[self.spec.family])
        self.title.setText(f"<b>{escape(self.spec.display)}</b> — {escape(family)}")
        self.tokens_box.setTitle(tr("Tokens as the model sees them (click one)"))
        self.layer_label.setText(tr("Layer:"))
        self.heatmap_box.setTitle(tr("What the model made of your text"))
        self.views.setTabText(0, tr("Token × token cosine similarity"))
        self.views.setTabText(1, tr("Who sees whom (direction)"))
        self.views.setTabText(self.HALVES, tr("Forward / backward halves"))
        keep = self.direction_half.currentIndex()
        self.direction_half.blockSignals(True)
        self.direction_half.clear()
        self.direction_half.addItems(
            [tr("whole vector [forward ; backward]"), tr("forward half only"), tr("backward half only")]
        )
        self.direction_half.setCurrentIndex(max(keep, 0))
        self.direction_half.blockSignals(False)
        self.curves_box.setTitle(tr("Layer by layer"))
        self.sentences_box.setTitle(tr("Sentence × sentence similarity"))
        self._update_sentence_hint()
        self.probe_box.setTitle(tr("The model's own probe"))
        self.halves_labels[0].setText(tr("Forward half (left context only)"))
        self.halves_labels[1].setText(tr("Backward half (right context only)"))
        self._update_message()
