"""All models side by side: word-aligned heatmaps at comparable depth, sentence similarities,
latencies, and how much the models agree (computed in ``session.cross``)."""

from __future__ import annotations

from html import escape

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.core.analysis import Analysis
from desktop.core.measure.similarity import layer_at_depth
from desktop.core.messages import layer_label
from desktop.core.session import Change, Session
from desktop.core.store.registry import ModelSpec
from desktop.qt.i18n import Retranslated, tr, tr_msg
from desktop.qt.lazy import DrawnWhenShown
from desktop.qt.plots import BarChart, Heatmap
from desktop.qt.probes_panel import ProbesPanel
from desktop.qt.zoom import sized

DEPTHS = (0.0, 0.5, 1.0)


class CompareTab(Retranslated, DrawnWhenShown):
    def __init__(self, specs: list[ModelSpec], session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = [s.name for s in specs]
        self.session = session
        self.latency_box = QGroupBox()
        self.latency = BarChart()
        sized(self.latency, minimum_height=160)
        QVBoxLayout(self.latency_box).addWidget(self.latency)
        self.agreement = QLabel()
        self.agreement.setTextFormat(Qt.TextFormat.RichText)
        self.agreement.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.probes = ProbesPanel(specs, session)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        for w in (self.intro, self._grid_box(), self.latency_box, self.agreement, self.probes):
            layout.addWidget(w)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        QVBoxLayout(self).addWidget(scroll)
        self.retranslate()

    def _grid_box(self) -> QGroupBox:
        self.grid_box = QGroupBox()
        grid = QGridLayout(self.grid_box)
        self.depth_labels = [QLabel() for _ in DEPTHS]
        self.sent_label = QLabel()
        for c, label in enumerate([*self.depth_labels, self.sent_label]):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(label, 0, c + 1)
        self.row_labels: dict[str, QLabel] = {}
        self.maps: dict[str, list[Heatmap]] = {}
        for r, name in enumerate(self.names, start=1):
            label = QLabel()
            label.setWordWrap(True)
            sized(label, minimum_width=110)
            self.row_labels[name] = label
            grid.addWidget(label, r, 0)
            self.maps[name] = []
            for c in range(len(DEPTHS) + 1):
                heat = Heatmap(colorbar=False, labels="left" if c in (0, len(DEPTHS)) else "none")
                sized(heat, fixed_height=250)
                self.maps[name].append(heat)
                grid.addWidget(heat, r, c + 1)
        return self.grid_box

    @property
    def results(self) -> dict[str, Analysis]:
        return {n: r.analysis for n, r in self.session.results().items()}

    def on_change(self, change: Change) -> None:
        self.probes.on_change(change)
        if change.part in ("result", "cross", "text"):
            self.mark_stale()

    def redraw(self) -> None:
        results = self.results
        for name in self.names:
            # a model with no result has no row; a row already shown keeps its last picture while its
            # model works on a new text: hiding and showing every row at each Run relaid the tab out
            working = self.row_labels[name].isVisibleTo(self) and not self.session.models[name].finished
            shown = name in results or working
            for widget in (self.row_labels[name], *self.maps[name]):
                widget.setVisible(shown)
            if name in results:
                self._draw_model(name, results[name])
        done = [n for n in self.names if n in results]
        self.latency.set_values(done, [results[n].encoding.timings_ms["total"] for n in done], "ms")
        self.agreement.setText(self._agreement_html())

    def _draw_model(self, name: str, analysis: Analysis) -> None:
        enc = analysis.encoding
        words = enc.words[: analysis.shown_words]
        picked = [layer_at_depth(enc, d) for d in DEPTHS]
        for heat, layer in zip(self.maps[name], picked, strict=False):
            heat.set_matrix(analysis.word_sims[layer], words)
        sentences = self.maps[name][-1]
        if len(analysis.sentence_spans) > 1:
            labels = [str(i + 1) for i in range(len(analysis.sentence_spans))]
            sentences.set_matrix(analysis.sentence_sims[-1], labels)
        else:
            sentences.set_matrix(np.ones((1, 1), dtype=np.float32), ["1"])
        names = " / ".join(tr_msg(layer_label(enc.layer_names[i])) for i in picked)
        self.row_labels[name].setText(f"<b>{escape(name)}</b><br><small>{escape(names)}</small>")

    def _agreement_html(self) -> str:
        cross, failure = self.session.cross, self.session.cross_failure
        if failure is not None:  # the cross-model results failed: say so where they would be
            return f"<b>{escape(tr('The comparison across models failed'))}:</b> {escape(tr_msg(failure.message))}"
        if cross is None or cross.agreement is None:
            return ""  # fewer than two models so far
        head = "".join(f"<th>{escape(n)}</th>" for n in cross.models)
        rows = "".join(
            f"<tr><th>{escape(n)}</th>" + "".join(f"<td align='right'>{v:.2f}</td>" for v in row) + "</tr>"
            for n, row in zip(cross.models, cross.agreement, strict=True)
        )
        title = escape(tr("Agreement between models (Pearson r of their top-layer word similarities)"))
        notes = "".join(f"<br><small>{escape(tr_msg(n))}</small>" for n in cross.notes)
        return f"<b>{title}</b>{notes}<table cellspacing=6><tr><th></th>{head}</tr>{rows}</table>"

    def retranslate(self) -> None:
        self.intro.setText(
            tr(
                "Every model on the same words: word × word cosine similarity at the input layer, the middle "
                "and the top (tokens are averaged into words, so WordPiece, BPE and ELMo's whole words line up)."
            )
        )
        self.grid_box.setTitle(tr("Word × word similarity at comparable depth"))
        for label, text in zip(
            self.depth_labels, (tr("first layer"), tr("middle layer"), tr("last layer")), strict=True
        ):
            label.setText(text)
        self.sent_label.setText(tr("sentences (last layer)"))
        self.latency_box.setTitle(tr("Time for this text (ms)"))
        self.mark_stale()
