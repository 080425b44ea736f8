"""All models side by side: word-aligned heatmaps at comparable depth, sentence similarities,
latencies, and how much the models agree."""

from __future__ import annotations

from html import escape

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.core.analysis import Analysis, DeepProbes
from desktop.core.measure.similarity import agreement, layer_at_depth
from desktop.core.store.registry import ModelSpec
from desktop.qt.i18n import tr
from desktop.qt.plots import BarChart, Heatmap
from desktop.qt.probes_panel import ProbesPanel

DEPTHS = (0.0, 0.5, 1.0)


class CompareTab(QWidget):
    def __init__(self, specs: list[ModelSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        model_names = [s.name for s in specs]
        self.names = model_names
        self.results: dict[str, Analysis] = {}
        self._stale: set[str] = set()
        self.grid_box = QGroupBox()
        grid = QGridLayout(self.grid_box)
        self.depth_labels = [QLabel() for _ in DEPTHS]
        for c, label in enumerate(self.depth_labels):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(label, 0, c + 1)
        self.sent_label = QLabel()
        self.sent_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(self.sent_label, 0, len(DEPTHS) + 1)
        self.row_labels: dict[str, QLabel] = {}
        self.maps: dict[str, list[Heatmap]] = {}
        for r, name in enumerate(model_names, start=1):
            label = QLabel()
            label.setWordWrap(True)
            label.setMinimumWidth(110)
            self.row_labels[name] = label
            grid.addWidget(label, r, 0)
            self.maps[name] = []
            for c in range(len(DEPTHS) + 1):
                heat = Heatmap(colorbar=False, labels="left" if c in (0, len(DEPTHS)) else "none")
                heat.setFixedHeight(250)
                self.maps[name].append(heat)
                grid.addWidget(heat, r, c + 1)
        self.latency_box = QGroupBox()
        self.latency = BarChart()
        self.latency.setMinimumHeight(160)
        QVBoxLayout(self.latency_box).addWidget(self.latency)
        self.agreement = QLabel()
        self.agreement.setTextFormat(Qt.TextFormat.RichText)
        self.agreement.setWordWrap(True)

        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        layout.addWidget(self.grid_box)
        layout.addWidget(self.latency_box)
        layout.addWidget(self.agreement)
        self.probes = ProbesPanel(specs)
        layout.addWidget(self.probes)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        QVBoxLayout(self).addWidget(scroll)
        self.retranslate()

    def set_result(self, name: str, analysis: Analysis) -> None:
        """Keep the result; draw only while the tab is on screen (see ModelTab.set_analysis)."""
        self.results[name] = analysis
        self._stale.add(name)
        self.probes.set_result(name, analysis)
        if self.isVisible():
            self._redraw()

    def set_deep(self, name: str, deep: DeepProbes) -> None:
        self.probes.set_deep(name, deep)

    def set_prediction(self, name: str, result: dict) -> None:
        self.probes.set_prediction(name, result)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._redraw()

    def _redraw(self) -> None:
        for name in self._stale:
            self._draw_model(name, self.results[name])
        if self._stale:
            self.retranslate()
        self._stale.clear()

    def _draw_model(self, name: str, analysis: Analysis) -> None:
        enc = analysis.encoding
        words = enc.words[: analysis.shown_words]
        for heat, depth in zip(self.maps[name], DEPTHS, strict=False):
            heat.set_matrix(analysis.word_sims[layer_at_depth(enc, depth)], words)
        sentences = self.maps[name][-1]
        if len(analysis.sentence_spans) > 1:
            labels = [str(i + 1) for i in range(len(analysis.sentence_spans))]
            sentences.set_matrix(analysis.sentence_sims[-1], labels)
        else:
            sentences.set_matrix(np.ones((1, 1), dtype=np.float32), ["1"])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
        for name, label in self.row_labels.items():
            a = self.results.get(name)
            for widget in (label, *self.maps[name]):  # a model that could not load has no row
                widget.setVisible(a is not None)
            layers = ""
            if a is not None:
                enc = a.encoding
                picked = [enc.layer_names[layer_at_depth(enc, d)] for d in DEPTHS]
                layers = "<br><small>" + escape(" / ".join(picked)) + "</small>"
            label.setText(f"<b>{escape(name)}</b>{layers}")
        self.latency_box.setTitle(tr("Time for this text (ms)"))
        done = [n for n in self.names if n in self.results]
        self.latency.set_values(done, [self.results[n].encoding.timings_ms["total"] for n in done], "ms")
        self.agreement.setText(self._agreement_html(done))

    def _agreement_html(self, done: list[str]) -> str:
        results = [self.results[n] for n in done]
        if len(done) < 2 or len({tuple(r.encoding.words) for r in results}) > 1:
            return ""  # fewer than two models, or results of different texts still arriving
        m = agreement([r.word_sims[-1] for r in results])
        head = "".join(f"<th>{escape(n)}</th>" for n in done)
        rows = "".join(
            f"<tr><th>{escape(n)}</th>" + "".join(f"<td align='right'>{v:.2f}</td>" for v in row) + "</tr>"
            for n, row in zip(done, m, strict=True)
        )
        title = escape(tr("Agreement between models (Pearson r of their top-layer word similarities)"))
        return f"<b>{title}</b><table cellspacing=6><tr><th></th>{head}</tr>{rows}</table>"
