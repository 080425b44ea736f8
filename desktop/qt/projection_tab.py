"""The Projection tab: where the vectors of the text's words lie relative to each other (the picture of
TensorBoard's Embedding Projector), at a chosen layer and at the static layer side by side.

It draws ``analysis.projection`` (PCA of every layer, computed with the analysis) or the model's
``"projection"`` answer (UMAP of one layer, asked for as ``projection_requested`` when shown).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.export.tables import write_csv
from desktop.core.measure.projection import POINT_HEADER, Method, Point, Projection, point_rows, umap_available
from desktop.core.measure.senses import senses
from desktop.core.messages import Msg, layer_label
from desktop.core.models.base import Unavailable
from desktop.core.session import Change, Session
from desktop.core.store.atomic import replace_with
from desktop.qt.i18n import tr, tr_msg
from desktop.qt.lazy import DrawnWhenShown
from desktop.qt.paced import pacer
from desktop.qt.plots import PALETTE, menuless_view, quieten

GREY = "#bdbdbd"
TEXT_GREY = "#555555"  # the word beside a grey point
TEXT_DARK = "#222222"  # one label for uses of different colours
LABEL_EVERY_POINT_UP_TO = 60  # more points than this: only the coloured ones carry their word
MAX_LABELS = 120  # text items cost drawing time; past this a plot is a blur of words anyway
POINT_PX = 10
SAME_SPOT_PX = POINT_PX  # uses of one word whose dots touch share one label


class ProjectionPlot:
    """One scatter plot: the points, their words beside them, and a hover that reports the point under
    the mouse. Labels are placed again whenever the view's scale changes (see ``_place``)."""

    def __init__(self, plot: pg.PlotItem, on_hover: Callable[..., None]) -> None:
        self.plot = plot
        plot.hideAxis("left")
        plot.hideAxis("bottom")
        quieten(plot)
        plot.hideButtons()
        plot.setAspectLocked(True)  # a distance reads the same across and up
        plot.disableAutoRange()  # fitted to the points once per drawing (see ``draw``)
        self.scatter = pg.ScatterPlotItem(size=POINT_PX, hoverable=True, tip=None, hoverSize=POINT_PX + 4)
        self.scatter.sigHovered.connect(on_hover)
        plot.addItem(self.scatter)
        self.labels: list[pg.TextItem] = []  # a pool, reused from one drawing to the next
        self.font = QFont()
        self.font.setPointSizeF(8.0)
        self.title_pt = 10.0
        self._xy = np.zeros((0, 2))
        self._words: list[str] = []  # the text of each label in use, in the pool's order
        self._at: list[int] = []  # the point each label in use belongs to
        self._colours: list[str] = []  # each label's colour
        plot.getViewBox().sigTransformChanged.connect(self._place)

    def draw(self, xy: np.ndarray, colours: list[str], points: list[Point], labelled: list[bool], title: str) -> None:
        order = sorted(range(len(points)), key=lambda i: colours[i] != GREY)  # grey first: never over a colour
        pens = [pg.mkPen("#ffffff" if colours[i] == GREY else "#333333", width=0.6) for i in order]
        brushes = [pg.mkBrush(colours[i]) for i in order]
        self.scatter.setData(pos=np.asarray(xy)[order], brush=brushes, pen=pens, data=order)
        self._xy = np.asarray(xy, dtype=np.float64)
        self._at = [i for i, wanted in enumerate(labelled) if wanted][:MAX_LABELS]
        self._words = [points[i].word for i in self._at]
        self._colours = [TEXT_GREY if colours[i] == GREY else colours[i] for i in self._at]
        for k in range(len(self._at)):
            self._label(k).setPos(*self._xy[self._at[k]])
            self.labels[k].setFont(self.font)  # the zoom may have changed it
        for label in self.labels[len(self._at) :]:
            label.hide()
        self.plot.setTitle(escape(title), size=f"{self.title_pt:.1f}pt")
        self.plot.getViewBox().autoRange(padding=0.12, items=[self.scatter])
        self._place()

    def _label(self, i: int) -> pg.TextItem:
        while len(self.labels) <= i:
            label = pg.TextItem()
            label.setFont(self.font)
            self.plot.addItem(label, ignoreBounds=True)  # the view fits the points, not the words
            self.labels.append(label)
        return self.labels[i]

    def clear(self, title: str) -> None:
        self.scatter.setData(pos=[])
        self._at, self._words, self._colours = [], [], []
        for label in self.labels:
            label.hide()
        self.plot.setTitle(escape(title), size=f"{self.title_pt:.1f}pt")

    def _place(self) -> None:
        """Each label beside its point where it stays in the plot and covers no point and no label
        placed before it (see ``_free_side``), in pixels. Uses of a word that coincide on
        screen (as in the static layer) share one label, "bank ×2", dark when their colours differ."""
        if not self._at:
            return
        px, py = self.plot.getViewBox().viewPixelSize()  # data units per pixel
        if not (np.isfinite(px) and np.isfinite(py) and px > 0 and py > 0):
            return
        metrics = QFontMetricsF(self.font)
        centres = np.column_stack([self._xy[:, 0] / px, -self._xy[:, 1] / py])
        taken = np.column_stack([centres - POINT_PX / 2, centres + POINT_PX / 2])  # [x0, y0, x1, y1] per box
        (x0, x1), (y0, y1) = self.plot.getViewBox().viewRange()
        bounds = np.array([x0 / px, -y1 / py, x1 / px, -y0 / py])
        for k, members in self._groups(centres).items():
            label, c = self.labels[k], centres[self._at[k]]
            text = self._words[k] if len(members) == 1 else f"{self._words[k]} ×{len(members)}"
            mixed = len({self._colours[m] for m in members}) > 1
            label.setText(text, color=TEXT_DARK if mixed else self._colours[k])
            width = metrics.horizontalAdvance(text) + 4
            found = _free_side(c, width, metrics.height(), taken, bounds, self._colours[k] != TEXT_GREY)
            label.setVisible(found is not None)
            if found is not None:
                label.setAnchor(found[1])
                taken = np.vstack([taken, found[0]])

    def _groups(self, centres: np.ndarray) -> dict[int, list[int]]:
        """Label -> the labels it stands for: itself and the same word's labels within a few pixels
        (the others are hidden)."""
        groups: dict[int, list[int]] = {}
        for k, (i, word) in enumerate(zip(self._at, self._words, strict=True)):
            lead = next(
                (
                    j
                    for j in groups
                    if self._words[j].lower() == word.lower()
                    and np.abs(centres[i] - centres[self._at[j]]).max() < SAME_SPOT_PX
                ),
                None,
            )
            if lead is None:
                groups[k] = [k]
            else:
                groups[lead].append(k)
                self.labels[k].hide()
        return groups


def _free_side(
    c: np.ndarray, w: float, h: float, taken: np.ndarray, bounds: np.ndarray, crowded_ok: bool
) -> tuple[np.ndarray, tuple[float, float]] | None:
    """A ``w`` x ``h`` box beside point ``c``, inside ``bounds`` (the plot), that overlaps none of
    ``taken`` — beside the point first, a line further up or down next — and the text anchor that
    puts a label there. When every place is taken: the first inside the plot if ``crowded_ok``
    (a coloured word, which must be read), else None (a grey word is left out; hovering names it)."""
    gap = POINT_PX / 2 + 1
    sides = [(gap, -h), (-w - gap, -h), (gap, 0.0), (-w - gap, 0.0)]  # up-right, up-left, down-right, down-left
    sides += [(gap, -2 * h), (-w - gap, -2 * h), (gap, h), (-w - gap, h)]
    boxes = [np.array([c[0] + dx, c[1] + dy, c[0] + dx + w, c[1] + dy + h]) for dx, dy in sides]
    inside = [b for b in boxes if (b[:2] >= bounds[:2]).all() and (b[2:] <= bounds[2:]).all()]
    free = [
        b
        for b in inside
        if not ((b[0] < taken[:, 2]) & (taken[:, 0] < b[2]) & (b[1] < taken[:, 3]) & (taken[:, 1] < b[3])).any()
    ]
    if not free and not crowded_ok:
        return None
    box = (free or inside or boxes)[0]
    return box, ((c[0] - box[0]) / w, (c[1] - box[1]) / h)


class ProjectionTab(DrawnWhenShown):
    projection_requested = Signal(str, str)  # model, layer: a UMAP projection is wanted

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._asked: tuple[int, str, str] | None = None  # (revision, model, layer) of the last UMAP request
        self.shown: Projection | None = None  # what the plots show now
        self.layer_shown = ""
        self._drawn: tuple | None = None  # (projection, layer, colour choice, language) on screen
        self._language = 0  # counts language changes: titles and legend are drawn again after one
        self._picked = ""  # the model the user chose in the model box
        self._hovered: Point | None = None  # the point last under the mouse
        self._legend_entries: list[tuple[str, str]] = []  # (colour, text) of the legend on screen
        self.intro, self.info, self.hover = QLabel(), QLabel(), QLabel(" ")
        for label in (self.intro, self.info, self.hover):
            label.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.hover.setFixedHeight(2 * self.hover.fontMetrics().lineSpacing() + 4)  # no jump under the mouse
        self.canvas = pg.GraphicsLayoutWidget()
        self.plots = [
            ProjectionPlot(self.canvas.addPlot(row=0, col=c, viewBox=menuless_view()), self._on_hover) for c in (0, 1)
        ]
        self.legend_column = pg.GraphicsWidget()  # the legend's place, right of the plots (in the picture too)
        self.canvas.addItem(self.legend_column, row=0, col=2)
        self.legend = pg.LegendItem(labelTextSize="9pt")
        self.legend.setParentItem(self.legend_column)
        self.legend.setPos(0, 40)  # fixed in its column: an anchor (pyqtgraph's) met a deleted column at close
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self._pickers())
        layout.addWidget(self.info)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.hover)
        self.retranslate()

    def _pickers(self) -> QHBoxLayout:
        self.model_box, self.layer_box, self.method_box, self.colour_box = (QComboBox() for _ in range(4))
        self.pick_labels = [QLabel() for _ in range(4)]
        for method in Method:
            self.method_box.addItem(method.value, method.value)
        self.umap_ready = umap_available()
        self.method_box.model().item(1).setEnabled(self.umap_ready)  # shown, greyed, with why in its tooltip
        self.colour_box.addItems(["", ""])
        self.export_button = QToolButton()
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self)
        self.export_actions = {kind: self.export_menu.addAction("") for kind in ("png", "svg", "csv")}
        for kind, action in self.export_actions.items():
            action.triggered.connect(lambda _=False, kind=kind: self._ask_export(kind))
        self.export_button.setMenu(self.export_menu)
        row = QHBoxLayout()
        for label, box in zip(
            self.pick_labels, (self.model_box, self.layer_box, self.method_box, self.colour_box), strict=True
        ):
            row.addWidget(label)
            row.addWidget(box)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # items come later
            box.currentIndexChanged.connect(self.redraw_at_once)
        row.addStretch()
        row.addWidget(self.export_button)
        self.model_box.activated.connect(self._pick_model)
        return row

    def on_change(self, change: Change) -> None:
        if change.part in ("text", "result", "projection", "status"):
            self.mark_stale()

    # -- drawing ------------------------------------------------------------------------------
    def redraw(self) -> None:
        self._fill_models()
        name = self.model_box.currentData() if self.model_box.count() else ""  # never an empty box's data
        state = self.session.models.get(name) if name else None
        pca = state.result.analysis.projection if state is not None and state.result is not None else None
        if not isinstance(pca, Projection):
            reason = tr("The projection appears when a model has analysed the text.")
            self._show_nothing(tr_msg(pca.reason) if isinstance(pca, Unavailable) else reason)
            return
        self._fill_layers(pca)
        layer = self.layer_box.currentData()
        found = pca if self.method_box.currentData() == Method.PCA else self._umap(name, layer)
        if not isinstance(found, Projection):
            self._show_nothing(tr_msg(found.reason) if isinstance(found, Unavailable) else self._waiting(layer))
            return
        self._draw(found, layer, state.result.analysis.encoding.coverage_warning)

    def _umap(self, name: str, layer: str) -> Projection | Unavailable | None:
        """The UMAP answer for this layer, or None after asking for it (once per text, model and layer)."""
        answer = self.session.models[name].answers.get("projection")
        key = (self.session.revision, name, layer)
        if isinstance(answer, Projection) and layer in answer.coords:
            return answer
        if isinstance(answer, Unavailable) and self._asked == key:
            return answer
        if self._asked != key:
            self._asked = key
            self.projection_requested.emit(name, layer)
        return None

    def _waiting(self, layer: str) -> str:
        return tr("Computing UMAP for {layer}… (the first run in a session also compiles UMAP: about 20 s)").format(
            layer=tr_msg(layer_label(layer))
        )

    def _pick_model(self, index: int) -> None:
        self._picked = self.model_box.itemData(index)

    def _fill_models(self) -> None:
        """The models with a result, in the window's order; the one the user picked stays picked,
        else the first (whichever model happened to answer first does not decide)."""
        names = [n for n, s in self.session.models.items() if s.result is not None]
        if names == [self.model_box.itemData(i) for i in range(self.model_box.count())]:
            return
        self.model_box.blockSignals(True)
        self.model_box.clear()
        for n in names:
            self.model_box.addItem(n, n)
        self.model_box.setCurrentIndex(names.index(self._picked) if self._picked in names else 0)
        self.model_box.blockSignals(False)

    def _fill_layers(self, found: Projection) -> None:
        layers = found.contextual_layers
        current = self.layer_box.currentData() if self.layer_box.count() else ""
        shown = [self.layer_box.itemData(i) for i in range(self.layer_box.count())]
        self.layer_box.blockSignals(True)
        if layers != shown:
            self.layer_box.clear()
            for layer in layers:
                self.layer_box.addItem(tr_msg(layer_label(layer)), layer)
        self.layer_box.setCurrentIndex(layers.index(current) if current in layers else len(layers) - 1)
        self.layer_box.blockSignals(False)

    def _show_nothing(self, why: str) -> None:
        self.shown, self.layer_shown, self._drawn = None, "", None
        self.info.setText(escape(why))
        for plot in self.plots:
            plot.clear(" ")
        self.drop_part("legend")
        self._draw_legend([])
        self._hovered = None
        self._show_hover()

    def _follow_font(self) -> None:
        """The plots' words, titles and legend sized from the tab's font (it follows the zoom)."""
        size = QFontInfo(self.font()).pointSizeF()
        for plot in self.plots:
            plot.font.setPointSizeF(size * 0.9)
            plot.title_pt = size * 1.1
        self.legend.opts["labelTextSize"] = f"{size:.1f}pt"

    def _draw(self, found: Projection, layer: str, warning: Msg | None) -> None:
        """Draw unless this very picture is on screen: later stages of a result (the probes, the
        claims) leave the projection as it was, and a redraw would undo the user's zoom."""
        drawn = (found, layer, self.colour_box.currentIndex(), self._language)
        if self._drawn == drawn:
            return
        self._drawn = drawn
        self.shown, self.layer_shown = found, layer
        self._follow_font()
        colours, entries = self._colours(found)
        coloured = [c != GREY for c in colours]
        labelled = [c or len(found.points) <= LABEL_EVERY_POINT_UP_TO for c in coloured]
        self.plots[0].draw(found.coords[layer], colours, found.points, labelled, self._title(found, layer))
        static = found.coords[found.static_layer]
        title = tr("Static layer: {layer}").format(layer=tr_msg(layer_label(found.static_layer)))
        # at the pacer's next turn: the two labelled plots in one turn held a switch to this tab
        pacer().later(self.plots[1].plot, lambda: self.plots[1].draw(static, colours, found.points, labelled, title))
        self.draw_part_later("legend", lambda: self._draw_legend(entries))  # ~20 ms for ten: a turn of its own
        self.info.setText(self._info_html(found, colours, warning))

    def _title(self, found: Projection, layer: str) -> str:
        name = tr_msg(layer_label(layer))
        if layer not in found.kept_variance:
            return tr("{layer} ({method})").format(layer=name, method=found.method.value)
        return tr("{layer} ({method}, {share:.0%} of the variance)").format(
            layer=name, method=found.method.value, share=found.kept_variance[layer]
        )

    def _colours(self, found: Projection) -> tuple[list[str], list[tuple[str, str]]]:
        """A colour per point and the legend's (colour, text) entries: by repeated word, or by sense."""
        by_sense = self.colour_box.currentIndex() == 1
        keys: list[tuple[str, str]] = []  # (key, legend text), in order of first appearance
        if by_sense:
            for p in found.points:
                if p.sense is not None and (p.word.lower(), p.sense.text) not in [k for k, _ in keys]:
                    keys.append(((p.word.lower(), p.sense.text), f"{p.word}: {tr_msg(p.sense)}"))
        else:
            keys = [((w, ""), w) for w in found.repeated]
        palette = {key: PALETTE[i] for i, (key, _) in enumerate(keys[: len(PALETTE)])}
        point_keys = [(p.word.lower(), p.sense.text if by_sense and p.sense else "") for p in found.points]
        colours = [palette.get(k, GREY) for k in point_keys]
        entries = [(palette[k], text) for k, text in keys if k in palette]
        if GREY in colours:
            entries.append((GREY, tr("sense not known") if by_sense else tr("words used once")))
        return colours, entries

    def _draw_legend(self, entries: list[tuple[str, str]]) -> None:
        if entries == self._legend_entries:  # another layer or model of the same text: the same words
            return
        self._legend_entries = entries
        self.legend.clear()
        for colour, text in entries:
            sample = pg.ScatterPlotItem(size=10, brush=pg.mkBrush(colour), pen=pg.mkPen("#333333", width=0.6))
            self.legend.addItem(sample, escape(text))
        width = self.legend.boundingRect().width() + 8 if entries else 0
        self.legend_column.setMinimumWidth(0)  # a minimum above the old maximum would be cut to it
        self.legend_column.setMaximumWidth(width)
        self.legend_column.setMinimumWidth(width)

    def _info_html(self, found: Projection, colours: list[str], warning: Msg | None) -> str:
        fitted = tr("{method} of {model}'s vectors, fitted on the {n} words of this text.").format(
            method=found.method.value, model=found.model, n=len(found.points)
        )
        parts = [fitted, *(tr_msg(n) for n in found.notes)]
        if found.kept_variance:
            parts.append(tr("The percentage is the share of the variance the two axes keep."))
        if self.colour_box.currentIndex() == 1 and all(c == GREY for c in colours):
            listed = ", ".join(senses())
            parts.append(tr("No word of this text is in the sense list ({words}).").format(words=listed))
        if not self.umap_ready:
            parts.append(tr("UMAP: install umap-learn to use it."))
        html = " ".join(escape(p) for p in parts)
        if warning is not None:  # e.g. Chinese through an English vocabulary: one [UNK] point for every word
            html = f"<b style='color:#b03a2e'>{escape(tr_msg(warning))}.</b> {html}"
        return html

    def _on_hover(self, _item, points, _event) -> None:
        if self.shown is not None and len(points) > 0:
            self._hovered = self.shown.points[int(points[0].data())]
            self._show_hover()

    def _show_hover(self) -> None:
        """The hovered point's word, sentence and sense, under the plots and as their tooltip."""
        point = self._hovered
        if point is None:
            self.hover.setText(tr("Point at a dot to see its sentence."))
            return
        text = tr("“{word}” (word {i}, sentence {k}): {sentence}").format(
            word=point.word, i=point.word_index + 1, k=point.sentence_index + 1, sentence=point.sentence
        )
        if point.sense is not None:
            text += " — " + tr("sense: {gloss}").format(gloss=tr_msg(point.sense))
        self.hover.setText(text)
        for plot in self.plots:
            plot.plot.getViewBox().setToolTip(text)

    # -- export -------------------------------------------------------------------------------
    def _ask_export(self, kind: str) -> None:
        if self.shown is None:
            return
        filters = {"png": tr("PNG image (*.png)"), "svg": tr("SVG image (*.svg)"), "csv": tr("CSV table (*.csv)")}
        path, _ = QFileDialog.getSaveFileName(self, tr("Export the projection"), f"projection.{kind}", filters[kind])
        if path:
            try:
                self.export(kind, Path(path))
            except OSError as exc:
                self.hover.setText(tr("Cannot write {name}: {why}").format(name=Path(path).name, why=exc))

    def export(self, kind: str, path: Path) -> None:
        """The two plots and the legend as a picture, or the points of both layers as CSV rows."""
        if self.shown is None:
            raise OSError(tr("nothing is drawn yet"))
        if kind == "csv":
            rows = point_rows(self.shown, [self.layer_shown, self.shown.static_layer])
            write_csv(path, rows, POINT_HEADER)
            return
        self.ensure_drawn()  # the static plot and the legend, when their turns have not come yet
        if kind == "png":
            image = ImageExporter(self.canvas.scene()).export(toBytes=True)
            replace_with(path, lambda tmp: image.save(str(tmp), "PNG"))
            return
        replace_with(path, lambda tmp: self._render_svg(tmp))

    def _render_svg(self, tmp: Path) -> bool:
        """The plots through Qt's SVG painter (pyqtgraph's SVG exporter fails on these text items)."""
        generator = QSvgGenerator()
        generator.setFileName(str(tmp))
        generator.setSize(self.canvas.size())
        generator.setViewBox(QRect(QPoint(0, 0), self.canvas.size()))
        painter = QPainter()
        if not painter.begin(generator):
            return False
        try:
            QWidget.render(self.canvas, painter, QPoint(0, 0))
        finally:
            ended = painter.end()
        return ended

    # -- language -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:  # presenter mode's zoom: the plots' text follows
            self._drawn = None
            self.mark_stale()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.intro.setText(
            tr(
                "Where the vectors of the text's words lie relative to each other, flattened to two dimensions: "
                "at the chosen layer (left) and at the static layer (right), where every use of a word has the "
                "same vector. Uses of one word that move apart on the left were told apart by their context."
            )
        )
        for label, text in zip(
            self.pick_labels, (tr("Model:"), tr("Layer:"), tr("Method:"), tr("Colour by:")), strict=True
        ):
            label.setText(text)
        self.colour_box.setItemText(0, tr("repeated words"))
        self.colour_box.setItemText(1, tr("senses (where known)"))
        why = "" if self.umap_ready else tr("install umap-learn to use UMAP")
        self.method_box.setItemData(1, why, Qt.ItemDataRole.ToolTipRole)
        self.export_button.setText(tr("Export"))
        self._show_hover()
        self._language += 1
        self.export_actions["png"].setText(tr("Picture (PNG)…"))
        self.export_actions["svg"].setText(tr("Picture (SVG)…"))
        self.export_actions["csv"].setText(tr("Points (CSV)…"))
        for i in range(self.layer_box.count()):  # translated layer names
            self.layer_box.setItemText(i, tr_msg(layer_label(self.layer_box.itemData(i))))
        self.mark_stale()
