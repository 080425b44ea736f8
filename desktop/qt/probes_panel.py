"""The probes side by side (part of the Compare tab): who sees whom, polysemy, CKA, the same slot
through every model, next-sentence prediction; exportable as PNG, JSON and CSV. It draws the
session; CKA and the word pickers come computed in ``session.cross``."""

from __future__ import annotations

from html import escape
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.export.tables import write_csv, write_json
from desktop.core.measure.probes import CkaResult, DirectionResult, PolysemyResult
from desktop.core.messages import layer_label
from desktop.core.models.base import NextSentence, SlotPrediction, Unavailable
from desktop.core.session import Change, Session
from desktop.core.store.registry import ModelSpec
from desktop.qt.i18n import Retranslated, tr, tr_msg
from desktop.qt.layouts import boxed, labelled
from desktop.qt.lazy import DrawnWhenShown
from desktop.qt.plots import CHANGE_COLORMAP, Heatmap, change_levels
from desktop.qt.probe_export import csv_rows, probe_numbers, save_png
from desktop.qt.probe_text import plain_ranked
from desktop.qt.sense_marks import SenseMarks
from desktop.qt.zoom import sized

EMPTY = np.full((1, 1), np.nan, dtype=np.float32)


class ProbesPanel(Retranslated, DrawnWhenShown):
    predict_requested = Signal(int)  # word index of the slot to predict
    polysemy_requested = Signal(str)  # the repeated word the user picked ("" = automatic)

    def __init__(self, specs: list[ModelSpec], session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.specs = specs
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for box in (self._direction_box(), self._polysemy_box(), self._cka_box(), self._predict_box()):
            layout.addWidget(box)
        layout.addLayout(self._export_buttons())
        self.slot.activated.connect(lambda i: self.predict_requested.emit(int(self.slot.itemData(i))))
        self.polysemy_word.activated.connect(lambda i: self.polysemy_requested.emit(self.polysemy_word.itemData(i)))
        self.retranslate()

    # -- building -----------------------------------------------------------------------------
    def _direction_box(self) -> QGroupBox:
        self.direction_box = QGroupBox()
        grid = QGridLayout(self.direction_box)
        self.direction_maps: dict[tuple[str, str], Heatmap] = {}
        self.direction_titles: dict[tuple[str, str], QLabel] = {}
        # every model gets a place for each half too: shown where its vectors have halves (ELMo)
        parts = [(s.name, p) for s in self.specs for p in ("matrix", "forward", "backward")]
        for column, key in enumerate(parts):
            title = QLabel()
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            labels = "left" if column == 0 else "none"
            heat = Heatmap(colorbar=False, labels=labels, levels=(0.0, 1.0), colormap=CHANGE_COLORMAP)
            sized(heat, fixed_height=260)
            grid.addWidget(title, 0, column)
            grid.addWidget(heat, 1, column)
            self.direction_maps[key], self.direction_titles[key] = heat, title
        self.direction_text = QLabel()
        self.direction_text.setWordWrap(True)
        grid.addWidget(self.direction_text, 2, 0, 1, max(len(parts), 1))
        return self.direction_box

    def _polysemy_box(self) -> QGroupBox:
        self.polysemy_box = QGroupBox()
        self.polysemy = QTableWidget(len(self.specs), 4)
        sized(self.polysemy, minimum_height=40 + 30 * len(self.specs))
        self.polysemy_note = QLabel()
        self.polysemy_note.setWordWrap(True)
        self.polysemy_word = QComboBox()
        self.polysemy_word_label = QLabel()
        picker = labelled(self.polysemy_word_label, self.polysemy_word)
        self.sense_marks = SenseMarks()  # the user's senses: the controller hears them through its signal
        return boxed(self.polysemy_box, picker, self.polysemy_note, self.sense_marks, self.polysemy)

    def _cka_box(self) -> QGroupBox:
        self.cka_box = QGroupBox()
        self.cka_map = Heatmap(levels=(0.0, 1.0), colormap=CHANGE_COLORMAP, labels="left", label_chars=26)
        sized(self.cka_map, fixed_height=360)
        self.cka_note = QLabel()
        self.cka_note.setWordWrap(True)
        layout = QVBoxLayout(self.cka_box)
        layout.addWidget(self.cka_note)
        layout.addWidget(self.cka_map)
        return self.cka_box

    def _predict_box(self) -> QGroupBox:
        self.predict_box = QGroupBox()
        self.slot = QComboBox()
        self.slot_label = QLabel()
        self.predict_table = QTableWidget(len(self.specs), 3)
        sized(self.predict_table, minimum_height=40 + 30 * len(self.specs))
        self.nsp = QLabel()
        self.nsp.setWordWrap(True)
        layout = QVBoxLayout(self.predict_box)
        layout.addLayout(labelled(self.slot_label, self.slot))
        layout.addWidget(self.predict_table)
        layout.addWidget(self.nsp)
        return self.predict_box

    def _export_buttons(self) -> QHBoxLayout:
        self.save_png, self.save_json, self.save_csv = QPushButton(), QPushButton(), QPushButton()
        buttons = QHBoxLayout()
        buttons.addStretch()
        for button, kind in ((self.save_png, "png"), (self.save_json, "json"), (self.save_csv, "csv")):
            buttons.addWidget(button)
            button.clicked.connect(lambda _=False, kind=kind: self._ask_and_save(kind))
        return buttons

    # -- the session --------------------------------------------------------------------------
    def on_change(self, change: Change) -> None:
        if change.part == "text":
            self.slot.clear()
            self.polysemy_word.clear()
        if change.part in ("result", "cross", "predict", "polysemy", "text", "senses"):
            self.mark_stale()

    def redraw(self) -> None:
        results = self.session.results()
        # only models that ran have probes: a model that could not load says why in its own tab
        directions = self._directions()
        for (name, part), heat in self.direction_maps.items():
            shown = name in results and (part == "matrix" or self._has_halves(name, directions))
            shown |= heat.isVisibleTo(self) and not self.session.models[name].finished  # as the Compare rows
            heat.setVisible(shown)
            self.direction_titles[(name, part)].setVisible(shown)
        for r, spec in enumerate(self.specs):
            self.polysemy.setRowHidden(r, spec.name not in results)
            self.predict_table.setRowHidden(r, spec.name not in results)
        self._fill_pickers()
        self._draw_direction()
        self._draw_polysemy()
        self._draw_cka()
        self._draw_predictions()
        self._draw_nsp()

    def _fill_pickers(self) -> None:
        cross = self.session.cross
        if cross is None or self.slot.count():
            return
        for i, word in enumerate(cross.repeated):
            label = tr("{word} (picked automatically)").format(word=word) if i == 0 else word
            self.polysemy_word.addItem(label, "" if i == 0 else word)
        for i, word in enumerate(cross.words):
            self.slot.addItem(f"{i + 1}. {word}", i)
        self.slot.setCurrentIndex(min(self.session.slot_word, self.slot.count() - 1))
        self.polysemy_word.setCurrentIndex(max(self.polysemy_word.findData(self.session.polysemy_word), 0))

    def _has_halves(self, name: str, directions: dict[str, DirectionResult]) -> bool:
        found = directions.get(name)
        return found is not None and "forward" in found.layers[-1].parts()

    def _directions(self) -> dict[str, DirectionResult]:
        found = {n: r.deep.direction for n, r in self.session.results().items() if r.deep is not None}
        return {n: d for n, d in found.items() if isinstance(d, DirectionResult)}

    def _draw_direction(self) -> None:
        directions = self._directions()
        tops = {n: d.layers[-1].parts() for n, d in directions.items()}
        levels = change_levels(*(m for parts in tops.values() for m in parts.values()))
        for (name, part), heat in self.direction_maps.items():
            matrix = tops.get(name, {}).get(part)
            if matrix is None:
                heat.set_matrix(EMPTY, [""])
            else:
                heat.set_matrix(matrix, directions[name].words, levels)
        lines = [f"{n}: {d.layers[-1].peaks['matrix'][0]:.3f}" for n, d in directions.items()]
        self.direction_text.setText(
            tr("Largest change of an earlier word caused by a later one (above the diagonal), top layer: ")
            + ("; ".join(lines) if lines else tr("measuring…"))
        )

    def polysemy_result(self, name: str) -> PolysemyResult | Unavailable | None:
        """The picked word's answer where one was asked for, else the probe's own pick."""
        state = self.session.models[name]
        if self.session.polysemy_word:
            return state.answers.get("polysemy")
        return None if state.result is None or state.result.deep is None else state.result.deep.polysemy

    def _draw_polysemy(self) -> None:
        word, uses, rows = None, [], []
        for spec in self.specs:
            poly = self.polysemy_result(spec.name)
            cells = [spec.name, "", "", ""]
            if isinstance(poly, Unavailable):
                cells[1] = tr_msg(poly.reason)
            elif isinstance(poly, PolysemyResult):
                word, means, first = poly.word, poly.mean_similarity, poly.first_contextual
                uses = [occurrence["sentence"] for occurrence in poly.occurrences]
                cells[1:] = [
                    f"{means[poly.static_index]:.3f}",
                    f"{means[first]:.3f} ({tr_msg(layer_label(poly.layer_names[first]))})",
                    f"{means[-1]:.3f} ({tr_msg(layer_label(poly.layer_names[-1]))})",
                ]
            rows.append(cells)
        fill_table(self.polysemy, rows)
        self.sense_marks.show_uses(word or "", uses, self.session.senses.get((word or "").lower()))
        self.polysemy_note.setText(
            tr("Similarity between the uses of '{word}' (1.000 = the same vector in every use).").format(word=word)
            if word
            else tr("Type one word twice in different senses (e.g. 'bank') to see this.")
        )

    def cka_result(self) -> CkaResult | None:
        cross = self.session.cross
        return cross.cka if cross is not None and isinstance(cross.cka, CkaResult) else None

    def _draw_cka(self) -> None:
        found = self.cka_result()
        if found is None:
            self.cka_map.set_matrix(EMPTY, [""])
        else:
            self.cka_map.set_matrix(found.matrix, [tr_msg(label) for label in found.row_labels()])

    def _draw_predictions(self) -> None:
        rows = []
        for spec in self.specs:
            answer = self.session.models[spec.name].answers.get("predict")
            sees, ranked = [], []
            if isinstance(answer, Unavailable):
                ranked.append(tr_msg(answer.reason))
            elif isinstance(answer, SlotPrediction):
                sees = [tr_msg(g.context) for g in answer.guesses]
                ranked = [plain_ranked(g.prediction) for g in answer.guesses]
            rows.append([spec.name, " | ".join(sees), " | ".join(ranked)])
        fill_table(self.predict_table, rows)

    def _draw_nsp(self) -> None:
        found = {n: r.analysis.own.next_sentence for n, r in self.session.results().items()}
        lines = [f"<b>{escape(n)}</b>: {v.probability:.3f}" for n, v in found.items() if isinstance(v, NextSentence)]
        title = escape(tr("Next-sentence probability (sentence 2 follows sentence 1)"))
        why = escape(tr("needs two sentences and an encoder with its NSP head"))
        self.nsp.setText(f"{title}: " + ("; ".join(lines) if lines else why))

    # -- export -------------------------------------------------------------------------------
    def _ask_and_save(self, kind: str) -> None:
        filters = {"png": "PNG (*.png)", "json": "JSON (*.json)", "csv": "CSV (*.csv)"}
        path, _ = QFileDialog.getSaveFileName(self, tr("Save"), f"probes.{kind}", filters[kind])
        if not path:
            return
        try:
            self.export(Path(path), kind)
        except OSError as exc:  # one line, and the file that was there is still whole
            QMessageBox.warning(self, tr("Save"), f"{path}: {exc.strerror or exc}")

    def numbers(self) -> dict:
        names = [s.name for s in self.specs]
        return probe_numbers(
            self.session, self._directions(), {n: self.polysemy_result(n) for n in names}, self.cka_result()
        )

    def export(self, path: Path, kind: str) -> None:
        """Each kind goes through a temporary file that replaces ``path``: a failed save raises
        OSError and leaves the previous file whole."""
        if kind == "png":
            save_png(self, path)
        elif kind == "json":
            write_json(path, self.numbers())
        else:
            write_csv(path, self.csv_rows())

    def csv_rows(self) -> list[list]:
        """Every probe matrix, one cell a row (desktop/core/export/tables.py MATRIX_HEADER)."""
        names = [s.name for s in self.specs]
        polysemy = {n: p for n in names if isinstance(p := self.polysemy_result(n), PolysemyResult)}
        return csv_rows(self._directions(), polysemy, self.cka_result())

    # -- language -----------------------------------------------------------------------------
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
        self.slot.clear()
        self.polysemy_word.clear()
        self.mark_stale()


def fill_table(table: QTableWidget, rows: list[list[str]]) -> None:
    """Put ``rows`` in ``table`` and fit its columns, unless it already shows exactly these: the
    panel redraws for every answer that comes in, and refitting the columns relays the tab out."""
    if getattr(table, "shown_rows", None) == rows:
        return
    table.shown_rows = rows
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeColumnsToContents()
