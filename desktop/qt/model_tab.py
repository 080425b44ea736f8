"""One model's tab: its live result on the left, the article's pros and cons with evidence on the right."""

from __future__ import annotations

from html import escape

import numpy as np
from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
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

from desktop.core.analysis import Analysis, DeepProbes
from desktop.core.claims import repeated_word
from desktop.core.encoding import Family
from desktop.core.measure.knowledge import FamilyKnowledge
from desktop.core.store.registry import ModelSpec
from desktop.qt.i18n import LanguageManager, tr
from desktop.qt.knowledge_panel import KnowledgePanel
from desktop.qt.plots import CHANGE_COLORMAP, Heatmap, LayerCurves, change_levels
from desktop.qt.workers import Failure, RunState, Status


def ranked(tokens: list[str], probs: list[float]) -> str:
    return ",  ".join(
        f"{escape(t)} <span style='color:#666'>{p:.2f}</span>" for t, p in zip(tokens, probs, strict=True)
    )


class TokenStrip(QListWidget):
    """The tokens as the model sees them, wrapping like text; clicking one selects its word."""

    word_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setSpacing(2)
        self.setMaximumHeight(64)
        self.itemClicked.connect(self._clicked)

    def set_tokens(self, tokens: list[str], word_ids: list[int | None], limit: int) -> None:
        self.clear()
        for token, word in zip(tokens[:limit], word_ids[:limit], strict=False):
            item = QListWidgetItem(token)
            item.setData(Qt.ItemDataRole.UserRole, -1 if word is None else word)  # never None (see qt/__init__)
            self.addItem(item)

    def select_word(self, word: int) -> None:
        for i in range(self.count()):
            item = self.item(i)
            item.setSelected(item.data(Qt.ItemDataRole.UserRole) == word)

    def _clicked(self, item: QListWidgetItem) -> None:
        word = int(item.data(Qt.ItemDataRole.UserRole))
        if word >= 0:
            self.word_clicked.emit(word)


class ModelTab(QWidget):
    fill_requested = Signal(object)  # (start, end) character span of the word to mask

    def __init__(
        self, spec: ModelSpec, knowledge: FamilyKnowledge, language: LanguageManager, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.language = language
        self.analysis: Analysis | None = None
        self.status = Status(RunState.WAITING)
        self.selected_word = 0
        self.fill: dict | None = None
        self.deep: DeepProbes | None = None
        self._stale = False  # a result arrived while the tab was hidden

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.stack = QStackedWidget()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # loading has no measurable fraction: a busy bar
        message_page = QWidget()
        mp = QVBoxLayout(message_page)
        mp.addStretch()
        mp.addWidget(self.message)
        mp.addWidget(self.progress)
        mp.addStretch()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.RichText)
        self.error_detail = QPlainTextEdit()
        self.error_detail.setReadOnly(True)
        error_page = QWidget()
        ep = QVBoxLayout(error_page)
        ep.addWidget(self.error_label)
        ep.addWidget(self.error_detail, 1)
        ep.addStretch()

        self.tokens_box = QGroupBox()
        self.tokens = TokenStrip()
        QVBoxLayout(self.tokens_box).addWidget(self.tokens)
        self.layer_label = QLabel()
        self.layer = QComboBox()
        self.heatmap_box = QGroupBox()
        self.heatmap = Heatmap()
        self.direction = Heatmap(levels=(0.0, 1.0), colormap=CHANGE_COLORMAP)
        self.direction_half = QComboBox()  # ELMo: the whole vector, or one direction's half
        self.direction_note = QLabel()
        self.direction_note.setWordWrap(True)
        direction_page = QWidget()
        dp = QVBoxLayout(direction_page)
        dp.setContentsMargins(0, 0, 0, 0)
        dp.addWidget(self.direction_half)
        dp.addWidget(self.direction, 1)
        dp.addWidget(self.direction_note)
        self.direction_half.setVisible(spec.family is Family.ELMO)
        self.views = QTabWidget()
        self.views.addTab(self.heatmap, "")
        self.views.addTab(direction_page, "")
        hb = QVBoxLayout(self.heatmap_box)
        row = QHBoxLayout()
        row.addWidget(self.layer_label)
        row.addWidget(self.layer, 1)
        hb.addLayout(row)
        hb.addWidget(self.views, 1)
        self.curves_box = QGroupBox()
        self.curves = LayerCurves()
        QVBoxLayout(self.curves_box).addWidget(self.curves)
        self.sentences_box = QGroupBox()
        self.sentences = Heatmap(colorbar=False)
        self.sentences_hint = QLabel()
        self.sentences_hint.setWordWrap(True)
        sb = QVBoxLayout(self.sentences_box)
        sb.addWidget(self.sentences, 1)
        sb.addWidget(self.sentences_hint)
        self.probe_box = QGroupBox()
        self.probe = QLabel()
        self.probe.setWordWrap(True)
        self.probe.setTextFormat(Qt.TextFormat.RichText)
        self.probe.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        pb = QVBoxLayout(self.probe_box)
        pb.addWidget(self.probe)
        self.halves: tuple[Heatmap, Heatmap] | None = None
        if spec.family is Family.ELMO:
            self.halves = (Heatmap(colorbar=False, labels="none"), Heatmap(colorbar=False, labels="none"))
            self.halves_labels = (QLabel(), QLabel())
            row = QHBoxLayout()
            for label, plot in zip(self.halves_labels, self.halves, strict=True):
                col = QVBoxLayout()
                col.addWidget(label)
                col.addWidget(plot, 1)
                row.addLayout(col)
            pb.addLayout(row, 1)

        right = QSplitter(Qt.Orientation.Vertical)
        for w in (self.curves_box, self.sentences_box, self.probe_box):
            right.addWidget(w)
        # ELMo's probe holds two heatmaps: give it the most room
        right.setSizes([230, 150, 470] if self.halves is not None else [320, 260, 200])
        plots = QSplitter(Qt.Orientation.Horizontal)
        plots.addWidget(self.heatmap_box)
        plots.addWidget(right)
        plots.setSizes([520, 420])
        result_page = QWidget()
        rp = QVBoxLayout(result_page)
        rp.setContentsMargins(0, 0, 0, 0)
        rp.addWidget(self.tokens_box)
        rp.addWidget(plots, 1)
        for page in (message_page, error_page, result_page):
            self.stack.addWidget(page)

        self.knowledge = KnowledgePanel(knowledge, language)
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
        self.tokens.word_clicked.connect(self.select_word)
        self.heatmap.cell_clicked.connect(self._token_row_clicked)
        self.retranslate()

    # -- inputs -------------------------------------------------------------------------------
    @Slot(object)
    def set_status(self, status: Status) -> None:
        self.status = status
        if status.state is RunState.ERROR and status.failure is not None:
            self._show_failure(status.failure)
        elif self.analysis is None and status.state in (RunState.LOADING, RunState.WAITING, RunState.RUNNING):
            self.stack.setCurrentIndex(0)
        elif self.analysis is not None and status.state is RunState.DONE:
            self.stack.setCurrentIndex(2)
        self._update_message()

    @Slot(object)
    def set_analysis(self, analysis: Analysis) -> None:
        """Keep the result; draw it now only if the tab is on screen (hidden tabs draw when shown),
        so that three results arriving together cost the GUI thread one tab's drawing."""
        self.analysis = analysis
        self.fill = None
        found = repeated_word(analysis)
        self.selected_word = found[2] if found else 0
        self.stack.setCurrentIndex(2)
        self._stale = True
        if self.isVisible():
            self._redraw()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._redraw()
        else:
            self._draw_direction()

    def _redraw(self) -> None:
        self._stale = False
        analysis = self.analysis
        if analysis is None:
            return
        enc = analysis.encoding
        self.tokens.set_tokens(enc.tokens, enc.word_ids, analysis.shown_tokens)
        keep = self.layer.currentIndex()  # -1 before the first result: start at the top layer
        last = len(enc.layer_names) - 1
        self.layer.blockSignals(True)
        self.layer.clear()
        self.layer.addItems(enc.layer_names)
        self.layer.setCurrentIndex(last if keep < 0 else min(keep, last))
        self.layer.blockSignals(False)
        self._draw_layer()
        self.select_word(self.selected_word)
        self.knowledge.set_analysis(analysis, self._current_deep())

    @Slot(object)
    def set_deep(self, deep: DeepProbes) -> None:
        self.deep = deep
        if self.isVisible():
            self._draw_direction()
            self.knowledge.set_analysis(self.analysis, deep)

    @Slot(object)
    def set_fill(self, fill: dict) -> None:
        self.fill = fill
        self._draw_probe()

    @Slot(int)
    def select_word(self, word: int) -> None:
        if self.analysis is None or not 0 <= word < len(self.analysis.encoding.words):
            return
        self.selected_word = word
        self.tokens.select_word(word)
        self._draw_curves()
        slot_probe = {Family.ENCODER: "masked_fill", Family.ELMO: "word_prediction"}.get(self.spec.family)
        if slot_probe and self.analysis.probes.get(slot_probe, {}).get("why_not") == "":
            self.fill_requested.emit(self.analysis.encoding.word_spans[word])
        self._draw_probe()

    # -- drawing ------------------------------------------------------------------------------
    def _token_row_clicked(self, row: int) -> None:
        if self.analysis is not None:
            word = self.analysis.encoding.word_ids[row]
            if word is not None:
                self.select_word(word)

    def _draw_layer(self) -> None:
        a = self.analysis
        if a is None:
            return
        layer = max(self.layer.currentIndex(), 0)
        enc = a.encoding
        self.heatmap.set_matrix(a.token_sims[layer], enc.tokens[: a.shown_tokens])
        n_sent = len(a.sentence_spans)
        self.sentences.setVisible(n_sent > 1)
        if n_sent > 1:
            labels = [f"{i + 1}. {enc.text[s:e].strip()[:18]}" for i, (s, e) in enumerate(a.sentence_spans)]
            self.sentences.set_matrix(a.sentence_sims[layer], labels)
        if self.halves is not None and a.halves is not None:
            for plot, key in zip(self.halves, ("forward", "backward"), strict=True):
                plot.set_matrix(a.halves[key][layer], enc.tokens[: a.shown_tokens])
        self._draw_direction()
        self._update_sentence_hint()

    def _current_deep(self) -> DeepProbes | None:
        """The slow probes, if they belong to the result on screen."""
        deep, a = self.deep, self.analysis
        if a is None or deep is None or deep.direction is None:
            return None if a is None else deep
        return deep if deep.direction.words == a.encoding.words[: len(deep.direction.words)] else None

    def _draw_direction(self) -> None:
        """Who sees whom: change of each word (row) when another word (column) is replaced."""
        deep, a = self._current_deep(), self.analysis
        if a is None or deep is None or deep.direction is None:
            self.direction.set_matrix(np.full((1, 1), np.nan, dtype=np.float32), [""])
            self.direction_note.setText(self._direction_wait_text(deep))
            return
        result = deep.direction
        layer = result.layers[min(max(self.layer.currentIndex(), 0), len(result.layers) - 1)]
        half = self.direction_half.currentIndex()
        matrix = {1: layer.forward, 2: layer.backward}.get(half) if half > 0 else layer.matrix
        if matrix is None:  # the char-CNN layer has no halves
            matrix = layer.matrix
        levels = change_levels(*(m for lay in result.layers for m in (lay.matrix, lay.forward, lay.backward)))
        self.direction.set_matrix(matrix, result.words, levels)
        upper = matrix[np.triu_indices_from(matrix, k=1)]
        top = float(np.nanmax(upper)) if upper.size and np.isfinite(upper).any() else 0.0
        self.direction_note.setText(
            tr(
                "Row word's change when the column word is replaced. Above the diagonal (later words "
                "changing earlier ones): at most {value}."
            ).format(value=f"{top:.3f}")
        )

    def _direction_wait_text(self, deep: DeepProbes | None) -> str:
        if deep is not None and deep.notes:
            return "; ".join(deep.notes)
        return tr("Measuring: each word is replaced in turn (one extra run per word)…")

    def _update_sentence_hint(self) -> None:
        several = self.analysis is not None and len(self.analysis.sentence_spans) > 1
        self.sentences_hint.setText(
            tr("Each sentence is the mean of its word vectors.")
            if several
            else tr("Type several sentences (one per line) to compare them.")
        )

    def _draw_curves(self) -> None:
        a = self.analysis
        if a is None or self.selected_word >= a.shown_words:
            return
        words = a.encoding.words[: a.shown_words]
        w = self.selected_word
        sims = a.word_sims[:, w, :]  # [layers, words]
        others = [j for j in range(len(words)) if j != w]
        if not others:
            return
        top = sorted(others, key=lambda j: -sims[-1, j])[: LayerCurves.MAX_CURVES - 1]
        curves = [(tr("mean of all others"), sims[:, others].mean(axis=1))]
        curves += [(f"{words[j]} ({j + 1})", sims[:, j]) for j in top]
        title = tr("Similarity of '{word}' to other words, layer by layer").format(word=words[w])
        self.curves.set_curves(a.encoding.layer_names, curves, title)

    def _draw_probe(self) -> None:
        a = self.analysis
        if a is None:
            return
        probes = a.probes
        lines: list[str] = []
        if self.spec.family is Family.DECODER:
            nxt = probes.get("next_token")
            if nxt:
                lines.append(f"<b>{escape(tr('Next word, top 5'))}:</b> {ranked(nxt['tokens'], nxt['probs'])}")
            cont = probes.get("continuation")
            if cont:
                lines.append(f"<b>{escape(tr('Greedy continuation'))}:</b> …{escape(cont['text'])}")
            lines.append(escape(tr("A decoder predicts only from the left: it continues your text.")))
        elif self.spec.family is Family.ENCODER:
            why = probes.get("masked_fill", {}).get("why_not", "")
            word = a.encoding.words[self.selected_word] if a.encoding.words else ""
            if why:
                lines.append(f"<b>{escape(tr('Masked-word fill'))}:</b> {escape(why)}")
            elif self.fill is not None and "unavailable" in self.fill:
                lines.append(f"<b>{escape(tr('Masked-word fill'))}:</b> {escape(self.fill['unavailable'])}")
            elif self.fill is not None and self.fill["word"] == word:
                fill = ranked(self.fill["tokens"], self.fill["probs"])
                lines.append(f"<b>{escape(tr('Masked-word fill for'))} '{escape(word)}':</b> {fill}")
            else:
                lines.append(escape(tr("Click a word to mask it and see what the model would put there.")))
            nsp = probes.get("next_sentence", {})
            if "probability" in nsp:
                lines.append(
                    f"<b>{escape(tr('Next-sentence probability'))}:</b> {nsp['probability']:.2f} "
                    f"({escape(tr('sentence 2 follows sentence 1'))})"
                )
            elif nsp.get("why_not"):
                lines.append(f"<b>{escape(tr('Next-sentence prediction'))}:</b> {escape(nsp['why_not'])}")
        else:
            lines.append(
                escape(
                    tr(
                        "ELMo's vectors are [forward ; backward]: below, the similarity of each half on its own. "
                        "The forward half has read only the words to the left, the backward half only those "
                        "to the right."
                    )
                )
            )
            why = probes.get("word_prediction", {}).get("why_not")
            word = a.encoding.words[self.selected_word] if a.encoding.words else ""
            if why:
                lines.append(f"<b>{escape(tr('Word prediction'))}:</b> {escape(why)}")
            elif self.fill is not None and self.fill.get("word") == word and "forward_next" in self.fill:
                fwd, bwd = self.fill["forward_next"], self.fill["backward_previous"]
                before = escape(tr("Forward LSTM, reading the words before"))
                after = escape(tr("Backward LSTM, reading the words after"))
                lines.append(f"<b>{before} '{escape(word)}':</b> {ranked(fwd['tokens'], fwd['probs'])}")
                lines.append(f"<b>{after} '{escape(word)}':</b> {ranked(bwd['tokens'], bwd['probs'])}")
            else:
                lines.append(escape(tr("Click a word: each direction guesses it from its own side only.")))
        self.probe.setText("<br>".join(lines))

    def _show_failure(self, failure: Failure) -> None:
        where = f"<br><b>{escape(tr('File'))}:</b> {escape(failure.path)}" if failure.path else ""
        todo = f"<br><b>{escape(tr('What to do'))}:</b> {escape(failure.hint)}" if failure.hint else ""
        heading = f"<h3 style='color:#b03a2e'>{escape(tr('This model could not run'))}</h3>"
        self.error_label.setText(f"{heading}{escape(failure.message)}{where}{todo}")
        self.error_detail.setPlainText(failure.detail)
        self.error_detail.setVisible(bool(failure.detail))
        self.stack.setCurrentIndex(1)

    def _update_message(self) -> None:
        state = self.status.state
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
            self._draw_curves()
            self._draw_probe()
            if self.status.failure is not None:
                self._show_failure(self.status.failure)
        super().changeEvent(event)

    def retranslate(self) -> None:
        families = {Family.ENCODER: tr("encoder"), Family.DECODER: tr("decoder"), Family.ELMO: tr("ELMo (biLSTM)")}
        self.title.setText(f"<b>{escape(self.spec.display)}</b> — {escape(families[self.spec.family])}")
        self.tokens_box.setTitle(tr("Tokens as the model sees them (click one)"))
        self.layer_label.setText(tr("Layer:"))
        self.heatmap_box.setTitle(tr("What the model made of your text"))
        self.views.setTabText(0, tr("Token × token cosine similarity"))
        self.views.setTabText(1, tr("Who sees whom (direction)"))
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
        if self.halves is not None:
            self.halves_labels[0].setText(tr("Forward half (left context only)"))
            self.halves_labels[1].setText(tr("Backward half (right context only)"))
        self._update_message()
