"""The probes side by side (part of the Compare tab): who sees whom, polysemy, CKA, the same slot
through every model, next-sentence prediction; exportable as PNG, JSON and CSV."""

from __future__ import annotations

import csv
import json
from html import escape
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.analysis import Analysis, DeepProbes
from desktop.core.encoding import Family
from desktop.core.measure.probes import CkaResult, PolysemyResult, cka, default_slot, repeated_words, to_jsonable
from desktop.core.store.registry import ModelSpec
from desktop.qt.i18n import tr
from desktop.qt.plots import CHANGE_COLORMAP, Heatmap, change_levels


class ProbesPanel(QWidget):
    predict_requested = Signal(int)  # word index of the slot to predict
    polysemy_requested = Signal(str)  # the repeated word the user picked

    def __init__(self, specs: list[ModelSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.specs = specs
        self.results: dict[str, Analysis] = {}
        self.deep: dict[str, DeepProbes] = {}
        self.predictions: dict[str, dict[str, Any]] = {}
        self.picked_polysemy: dict[str, Any] = {}  # model -> PolysemyResult (or why not) for a picked word
        self.cka_result: CkaResult | None = None
        self._stale = False

        self.direction_box = QGroupBox()
        grid = QGridLayout(self.direction_box)
        self.direction_maps: dict[tuple[str, str], Heatmap] = {}
        self.direction_titles: dict[tuple[str, str], QLabel] = {}
        column = 0
        for spec in specs:
            parts = ["matrix", "forward", "backward"] if spec.family is Family.ELMO else ["matrix"]
            for part in parts:
                title = QLabel()
                title.setAlignment(Qt.AlignmentFlag.AlignCenter)
                heat = Heatmap(
                    colorbar=False,
                    labels="left" if column == 0 else "none",
                    levels=(0.0, 1.0),
                    colormap=CHANGE_COLORMAP,
                )
                heat.setFixedHeight(260)
                grid.addWidget(title, 0, column)
                grid.addWidget(heat, 1, column)
                self.direction_maps[(spec.name, part)] = heat
                self.direction_titles[(spec.name, part)] = title
                column += 1
        self.direction_text = QLabel()
        self.direction_text.setWordWrap(True)
        grid.addWidget(self.direction_text, 2, 0, 1, max(column, 1))

        self.polysemy_box = QGroupBox()
        self.polysemy = QTableWidget(len(specs), 4)
        self.polysemy.setMinimumHeight(40 + 30 * len(specs))
        self.polysemy_note = QLabel()
        self.polysemy_note.setWordWrap(True)
        self.polysemy_word = QComboBox()
        self.polysemy_word_label = QLabel()
        pb = QVBoxLayout(self.polysemy_box)
        word_row = QHBoxLayout()
        word_row.addWidget(self.polysemy_word_label)
        word_row.addWidget(self.polysemy_word, 1)
        pb.addLayout(word_row)
        pb.addWidget(self.polysemy_note)
        pb.addWidget(self.polysemy)

        self.cka_box = QGroupBox()
        self.cka_map = Heatmap(levels=(0.0, 1.0), colormap=CHANGE_COLORMAP, labels="left", label_chars=26)
        self.cka_map.setFixedHeight(360)
        self.cka_note = QLabel()
        self.cka_note.setWordWrap(True)
        cb = QVBoxLayout(self.cka_box)
        cb.addWidget(self.cka_note)
        cb.addWidget(self.cka_map)

        self.predict_box = QGroupBox()
        self.slot = QComboBox()
        self.slot_label = QLabel()
        self.predict_table = QTableWidget(len(specs), 3)
        self.predict_table.setMinimumHeight(40 + 30 * len(specs))
        self.nsp = QLabel()
        self.nsp.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.slot_label)
        row.addWidget(self.slot, 1)
        qb = QVBoxLayout(self.predict_box)
        qb.addLayout(row)
        qb.addWidget(self.predict_table)
        qb.addWidget(self.nsp)

        self.save_png = QPushButton()
        self.save_json = QPushButton()
        self.save_csv = QPushButton()
        buttons = QHBoxLayout()
        buttons.addStretch()
        for b in (self.save_png, self.save_json, self.save_csv):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.direction_box, self.polysemy_box, self.cka_box, self.predict_box):
            layout.addWidget(w)
        layout.addLayout(buttons)

        self.slot.activated.connect(lambda i: self.predict_requested.emit(self.slot.itemData(i)))
        self.polysemy_word.activated.connect(self._pick_polysemy_word)
        self.save_png.clicked.connect(lambda: self._ask_and_save("png"))
        self.save_json.clicked.connect(lambda: self._ask_and_save("json"))
        self.save_csv.clicked.connect(lambda: self._ask_and_save("csv"))
        self.retranslate()

    # -- inputs -------------------------------------------------------------------------------
    def set_result(self, name: str, analysis: Analysis) -> None:
        text_changed = any(a.encoding.text != analysis.encoding.text for a in self.results.values())
        if text_changed:
            self.deep.clear()
            self.predictions.clear()
            self.picked_polysemy.clear()
            self.results = {n: a for n, a in self.results.items() if a.encoding.text == analysis.encoding.text}
        self.results[name] = analysis
        self._stale = True
        if text_changed or self.slot.count() == 0:
            self._fill_slots(analysis)
            self.predict_requested.emit(self.slot_word)
        if self.isVisible():
            self.redraw()

    def set_deep(self, name: str, deep: DeepProbes) -> None:
        self.deep[name] = deep
        self._stale = True
        if self.isVisible():
            self.redraw()

    def set_prediction(self, name: str, result: dict[str, Any]) -> None:
        self.predictions[name] = result
        self._draw_predictions()

    def set_polysemy(self, name: str, result: Any) -> None:
        self.picked_polysemy[name] = result
        self._draw_polysemy()

    def _pick_polysemy_word(self, index: int) -> None:
        self.picked_polysemy.clear()
        if index > 0:  # item 0: the word the probe picks by itself
            self.polysemy_requested.emit(self.polysemy_word.itemData(index))
        self._draw_polysemy()

    def _fill_slots(self, analysis: Analysis) -> None:
        enc = analysis.encoding
        self.polysemy_word.clear()
        for i, word in enumerate(repeated_words(enc.text)):
            label = tr("{word} (picked automatically)").format(word=word) if i == 0 else word
            self.polysemy_word.addItem(label, word)
        self.slot.clear()
        for i, word in enumerate(enc.words[: analysis.shown_words]):
            self.slot.addItem(f"{i + 1}. {word}", i)
        self.slot.setCurrentIndex(max(default_slot(enc.words[: analysis.shown_words], enc.text), 0))

    @property
    def slot_word(self) -> int:
        # an empty combo's data is an invalid QVariant: never read it (see desktop/qt/__init__.py)
        return int(self.slot.currentData()) if self.slot.count() else 0

    # -- drawing ------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.redraw()

    def redraw(self) -> None:
        self._stale = False
        # only models that ran have probes: a model that could not load says why in its own tab
        for (name, _part), heat in self.direction_maps.items():
            shown = name in self.results
            heat.setVisible(shown)
            self.direction_titles[(name, _part)].setVisible(shown)
        for r, spec in enumerate(self.specs):
            self.polysemy.setRowHidden(r, spec.name not in self.results)
            self.predict_table.setRowHidden(r, spec.name not in self.results)
        self._draw_direction()
        self._draw_polysemy()
        self._draw_cka()
        self._draw_predictions()
        self._draw_nsp()

    def _direction_parts(self, name: str) -> dict[str, np.ndarray]:
        deep = self.deep.get(name)
        if deep is None or deep.direction is None:
            return {}
        top = deep.direction.layers[-1]
        return {
            k: v
            for k, v in (("matrix", top.matrix), ("forward", top.forward), ("backward", top.backward))
            if v is not None
        }

    def _draw_direction(self) -> None:
        parts = {name: self._direction_parts(name) for name in (s.name for s in self.specs)}
        levels = change_levels(*(m for p in parts.values() for m in p.values()))
        lines = []
        for (name, part), heat in self.direction_maps.items():
            matrix = parts[name].get(part)
            words = self.deep[name].direction.words if matrix is not None else [""]
            heat.set_matrix(matrix if matrix is not None else np.full((1, 1), np.nan, dtype=np.float32), words, levels)
            if part == "matrix" and matrix is not None:
                upper = matrix[np.triu_indices_from(matrix, k=1)]
                top = float(np.nanmax(upper)) if np.isfinite(upper).any() else 0.0
                lines.append(f"{name}: {top:.3f}")
        self.direction_text.setText(
            tr("Largest change of an earlier word caused by a later one (above the diagonal), top layer: ")
            + ("; ".join(lines) if lines else tr("measuring…"))
        )

    def _draw_polysemy(self) -> None:
        word = None
        for r, spec in enumerate(self.specs):
            deep = self.deep.get(spec.name)
            picked = self.picked_polysemy.get(spec.name)
            poly = (
                picked if isinstance(picked, PolysemyResult) else (None if picked else deep.polysemy if deep else None)
            )
            cells = [spec.name, "", "", ""]
            if isinstance(picked, dict):
                cells[1] = picked.get("unavailable", "")
            if poly is not None:
                word = poly.word
                sims = [_mean_off_diagonal(m) for m in poly.matrices]
                static = poly.layer_names.index(poly.static_layers[0])
                first = poly.first_contextual
                cells[1:] = [
                    f"{sims[static]:.3f}",
                    f"{sims[first]:.3f} ({poly.layer_names[first]})",
                    f"{sims[-1]:.3f} ({poly.layer_names[-1]})",
                ]
            elif deep is not None and deep.notes:
                cells[1] = "; ".join(deep.notes)
            for c, value in enumerate(cells):
                self.polysemy.setItem(r, c, QTableWidgetItem(value))
        self.polysemy.resizeColumnsToContents()
        self.polysemy_note.setText(
            tr("Similarity between the uses of '{word}' (1.000 = the same vector in every use).").format(word=word)
            if word
            else tr("Type one word twice in different senses (e.g. 'bank') to see this.")
        )

    def _draw_cka(self) -> None:
        texts = {a.encoding.text for a in self.results.values()}
        ready = len(self.results) >= 2 and len(texts) == 1
        self.cka_result = None
        if ready:
            try:
                self.cka_result = cka([a.encoding for a in self.results.values()])
            except ValueError:  # fewer than three words
                self.cka_result = None
        if self.cka_result is None:
            self.cka_map.set_matrix(np.full((1, 1), np.nan, dtype=np.float32), [""])
            return
        self.cka_map.set_matrix(self.cka_result.matrix, self.cka_result.labels)

    def _draw_predictions(self) -> None:
        for r, spec in enumerate(self.specs):
            result = self.predictions.get(spec.name, {})
            sees, ranked = [], [result["unavailable"]] if "unavailable" in result else []
            for key in ("masked_fill", "next_word", "forward_next", "backward_previous"):
                if key in result:  # ELMo has two: one per direction
                    sees.append(result[key]["context"])
                    pairs = zip(result[key]["tokens"], result[key]["probs"], strict=True)
                    ranked.append(",  ".join(f"{t.strip() or repr(t)} {p:.2f}" for t, p in pairs))
            for c, value in enumerate((spec.name, " | ".join(sees), " | ".join(ranked))):
                self.predict_table.setItem(r, c, QTableWidgetItem(value))
        self.predict_table.resizeColumnsToContents()

    def _draw_nsp(self) -> None:
        lines = []
        for name, a in self.results.items():
            nsp = a.probes.get("next_sentence", {})
            if "probability" in nsp:
                lines.append(f"<b>{escape(name)}</b>: {nsp['probability']:.3f}")
        title = escape(tr("Next-sentence probability (sentence 2 follows sentence 1)"))
        self.nsp.setText(
            f"{title}: "
            + ("; ".join(lines) if lines else escape(tr("needs two sentences and an encoder with its NSP head")))
        )

    # -- export -------------------------------------------------------------------------------
    def _ask_and_save(self, kind: str) -> None:
        filters = {"png": "PNG (*.png)", "json": "JSON (*.json)", "csv": "CSV (*.csv)"}
        path, _ = QFileDialog.getSaveFileName(self, tr("Save"), f"probes.{kind}", filters[kind])
        if path:
            self.export(Path(path), kind)

    def export(self, path: Path, kind: str) -> None:
        if kind == "png":
            self.grab().save(str(path))
        elif kind == "json":
            path.write_text(json.dumps(self.numbers(), ensure_ascii=False), encoding="utf-8")
        else:
            with path.open("w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f)
                writer.writerow(["probe", "model", "layer", "part", "row", "column", "value"])
                writer.writerows(self._csv_rows())

    def numbers(self) -> dict[str, Any]:
        text = next(iter(self.results.values())).encoding.text if self.results else ""
        return to_jsonable(
            {
                "text": text,
                "direction": {n: d.direction for n, d in self.deep.items() if d.direction is not None},
                "polysemy": {n: d.polysemy for n, d in self.deep.items() if d.polysemy is not None}
                | {n: p for n, p in self.picked_polysemy.items() if isinstance(p, PolysemyResult)},
                "cka": self.cka_result,
                "predict": self.predictions,
            }
        )

    def _csv_rows(self) -> list[list[Any]]:
        rows: list[list[Any]] = []
        for name, deep in self.deep.items():
            if deep.direction is not None:
                words = deep.direction.words
                for layer in deep.direction.layers:
                    for part in ("matrix", "forward", "backward"):
                        m = getattr(layer, part)
                        if m is not None:
                            rows += _matrix_rows("direction", name, layer.name, part, m, words, words)
            if deep.polysemy is not None:
                uses = [str(i + 1) for i in range(len(deep.polysemy.occurrences))]
                for layer, m in zip(deep.polysemy.layer_names, deep.polysemy.matrices, strict=True):
                    rows += _matrix_rows("polysemy", name, layer, deep.polysemy.word, m, uses, uses)
        if self.cka_result is not None:
            labels = self.cka_result.labels
            rows += _matrix_rows("cka", "all", "", "", self.cka_result.matrix, labels, labels)
        return rows

    # -- language -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.direction_box.setTitle(tr("Who sees whom: change of the row word when the column word is replaced"))
        part_names = {"matrix": "", "forward": tr(" forward half"), "backward": tr(" backward half")}
        for (name, part), title in self.direction_titles.items():
            title.setText(f"{name}{part_names[part]}")
        self.polysemy_box.setTitle(tr("Polysemy: one word, several uses"))
        self.polysemy.setHorizontalHeaderLabels(
            [tr("model"), tr("static layer (word2vec-like)"), tr("first contextual layer"), tr("last layer")]
        )
        self.cka_box.setTitle(tr("Where the models agree: linear CKA between every (model, layer)"))
        self.cka_note.setText(tr("1 = the two layers arrange your words the same way (up to rotation and scale)."))
        self.predict_box.setTitle(tr("The same slot through every model"))
        self.slot_label.setText(tr("Word to predict:"))
        self.polysemy_word_label.setText(tr("Word used twice:"))
        self.predict_table.setHorizontalHeaderLabels([tr("model"), tr("context it may use"), tr("top 5")])
        self.save_png.setText(tr("Save picture…"))
        self.save_json.setText(tr("Save numbers (JSON)…"))
        self.save_csv.setText(tr("Save numbers (CSV)…"))
        if self.results:
            self.redraw()


def _mean_off_diagonal(m: np.ndarray) -> float:
    n = m.shape[0]
    return float((m.sum() - np.trace(m)) / (n * n - n)) if n > 1 else float("nan")


def _matrix_rows(probe: str, model: str, layer: str, part: str, m: np.ndarray, rows: list[str], cols: list[str]):
    return [
        [probe, model, layer, part, rows[i], cols[j], "" if np.isnan(m[i, j]) else f"{m[i, j]:.6f}"]
        for i in range(m.shape[0])
        for j in range(m.shape[1])
    ]
