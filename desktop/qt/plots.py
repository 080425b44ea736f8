"""pyqtgraph views: a labelled similarity heatmap, per-layer curves and a bar chart.

Items are created once and updated with ``setImage``/``setData``; images are C-contiguous
float32, row-major, with explicit levels, so that colours mean the same in every tab.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.qt.paced import pacer
from desktop.qt.plot_export import add_export_menu

pg.setConfigOptions(imageAxisOrder="row-major", antialias=True, background="w", foreground="k")

COSINE_LEVELS = (-1.0, 1.0)
COLORMAP = pg.colormap.get("CET-D1A")  # diverging: blue = opposite, white = unrelated, red = same direction
CHANGE_COLORMAP = pg.colormap.get("CET-L17")  # sequential: white = unchanged, dark = changed a lot
COLUMN_CHARS = 6  # a column label longer than this many average characters is elided
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]


def thinned(
    labels: list[str],
    cell_px: float,
    metrics: QFontMetricsF,
    max_px: float,
    side_by_side: bool,
    from_first: bool = False,
) -> list[tuple[int, str]]:
    """Every k-th label, elided to the room it has, so that no two labels overlap at any font size.

    Stacked labels (rows) each need a line; side-by-side labels (columns) need their width and a
    gap, and start half a step in, so that the first one does not hang off the axis, unless the axis
    has room for it (``from_first``: a plot whose range leaves half a name's width at each end).
    """
    if not labels or cell_px <= 0:
        return []
    gap = metrics.averageCharWidth()
    widest = min(max(metrics.horizontalAdvance(s) for s in labels), max_px)
    need = widest + gap if side_by_side else metrics.height()
    step = max(1, math.ceil(need / cell_px))
    room = step * cell_px - gap if side_by_side else max_px
    shown = range(step // 2 if side_by_side and not from_first else 0, len(labels), step)
    for mode in (Qt.TextElideMode.ElideRight, Qt.TextElideMode.ElideMiddle):  # "model / layer 11": keep the end
        ticks = [(i, metrics.elidedText(labels[i], mode, room)) for i in shown]
        if len({text for _, text in ticks}) == len({labels[i] for i in shown}):
            break
    return ticks


def scaled_font(widget: QWidget) -> QFont:
    """A copy of the widget's font, which follows the application font and so the zoom."""
    return QFont(widget.font())


def follow_font(plot: pg.PlotItem, font: QFont) -> None:
    """pyqtgraph paints tick labels in a font of its own: give every axis the widget's."""
    for name in ("left", "bottom", "right", "top"):
        plot.getAxis(name).setTickFont(font)


def menuless_view() -> pg.ViewBox:
    """A view box without pyqtgraph's context menu, which is untranslated (ours has "Export…") and
    took ~4 ms a plot to build (cProfile)."""
    return pg.ViewBox(enableMenu=False)


class _NoSceneActivation(QObject):
    """Keeps a plot's scene from hearing that its view was shown or hidden. A scene that becomes
    active again tells every item, each item repaints itself for the active palette, and so a tab
    holding a plot was painted twice each time it was shown (measured: one paint with this
    filter, as for a tab without plots). The plots take no keyboard focus and draw with their own
    pens, so an active scene changes nothing on screen."""

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        return event.type() in (QEvent.Type.WindowActivate, QEvent.Type.WindowDeactivate)


_NO_ACTIVATION: list[_NoSceneActivation] = []


def _no_activation() -> _NoSceneActivation:
    """The one filter, made on first use (on the GUI thread, after the application)."""
    if not _NO_ACTIVATION:
        _NO_ACTIVATION.append(_NoSceneActivation())
    return _NO_ACTIVATION[0]


def quieten(plot: pg.PlotWidget | pg.PlotItem) -> None:
    """No pyqtgraph menu; no axis that looks for an SI prefix: each look sets the axis label's
    HTML and lays it out again, four times per axis while a plot is built and at every range
    change (our axes are cosines, layers and tokens: no units); and a scene that ignores its
    view being shown or hidden (``_NoSceneActivation``). With the menuless view box, a heatmap
    builds some 15 % faster; redrawing one was the same within the noise."""
    plot.setMenuEnabled(False)
    for name in ("left", "bottom", "right", "top"):
        plot.getAxis(name).enableAutoSIPrefix(False)
    plot.scene().installEventFilter(_no_activation())


class Heatmap(QWidget):
    """A square similarity matrix with the tokens (or words) on both axes.

    ``cell_clicked(row)`` reports the row of a clicked cell; hovering shows the pair and value.
    """

    cell_clicked = Signal(int)

    def __init__(
        self,
        parent: QWidget | None = None,
        colorbar: bool = True,
        labels: str = "both",
        levels: tuple[float, float] = COSINE_LEVELS,
        colormap: pg.ColorMap = COLORMAP,
        label_chars: int = 10,
    ) -> None:
        super().__init__(parent)
        self._label_chars = label_chars
        self._axis_labels = labels  # "both", "left" (rows only) or "none"
        self.levels = levels
        self._colormap, self._with_colorbar = colormap, colorbar
        self._plot: pg.PlotWidget | None = None  # built when first shown or drawn (see _build)
        self._image: pg.ImageItem | None = None
        self.colorbar: pg.ColorBarItem | None = None
        self.hover = QLabel(" ")
        self.hover.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # elided, never wider
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.hover)
        self._labels: list[str] = []
        self._matrix = np.zeros((1, 1), dtype=np.float32)
        self._dirty = False  # a matrix set but not yet painted (see set_matrix)
        self.drawn = 0  # pictures really set (a repeat is skipped): tests count redraws with it

    @property
    def plot(self) -> pg.PlotWidget:
        self.paint_now()
        return self._plot

    @property
    def image(self) -> pg.ImageItem:
        self.paint_now()
        return self._image

    def paint_now(self) -> None:
        """Build and paint now what is waiting in the pacer: for whoever reads the plot itself."""
        pacer().cancel(self)
        self._paint()  # builds the plot if it has none; paints only a matrix not yet painted

    def _build(self) -> None:
        """The pyqtgraph plot, made the first time it is shown or drawn: a window holds some sixty
        heatmaps, most of them on tabs not yet opened, and each plot costs ~20 ms of the start."""
        if self._plot is not None:
            return
        plot = self._plot = pg.PlotWidget(self, viewBox=menuless_view())
        quieten(plot)
        add_export_menu(plot)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.invertY(True)
        plot.setAspectLocked(True)
        image = self._image = pg.ImageItem()
        image.setColorMap(self._colormap)
        plot.addItem(image)
        if self._with_colorbar:
            self.colorbar = pg.ColorBarItem(values=self.levels, colorMap=self._colormap, interactive=False, width=12)
            self.colorbar.setImageItem(image, insert_in=plot.getPlotItem())
        self._layout.insertWidget(0, plot, 1)
        plot.scene().sigMouseMoved.connect(self._on_move)
        plot.scene().sigMouseClicked.connect(self._on_click)
        plot.getPlotItem().vb.sigResized.connect(self._on_view_resized)  # a method: no cycle keeps it alive
        self._layout.activate()  # its size now, as if it had been there from the start: the labels fit it
        self._follow_font()

    def showEvent(self, event: QShowEvent) -> None:
        if self._plot is None or self._dirty:  # built and painted a few per event-loop turn
            pacer().later(self, self._paint)
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        built = self._plot is not None and self._plot.getPlotItem() is not None  # zoomed, not closed
        if event.type() == QEvent.Type.FontChange and built:
            self._follow_font()
        super().changeEvent(event)

    def _follow_font(self) -> None:
        """Tick labels, the room the row labels need, and the colour bar's numbers in the widget's font."""
        font = scaled_font(self)
        follow_font(self._plot.getPlotItem(), font)
        metrics = QFontMetricsF(font)
        if self.colorbar is not None:
            self.colorbar.axis.setTickFont(font)
            self.colorbar.axis.setWidth(round(metrics.horizontalAdvance("-0.55") + metrics.averageCharWidth()))
        self._relabel()

    def _on_view_resized(self, _view: object) -> None:
        self._relabel()

    def _relabel(self) -> None:
        """Thin and elide the labels for the cells' size on screen (called on every resize and zoom)."""
        metrics = QFontMetricsF(scaled_font(self))
        left, bottom = self._plot.getAxis("left"), self._plot.getAxis("bottom")
        row_px = metrics.averageCharWidth() * self._label_chars
        if self._axis_labels == "none" or not self._labels:
            left.setWidth(round(metrics.averageCharWidth()))
        else:  # from every label, not the shown ones, so that the width never depends on the size
            widest = max(metrics.horizontalAdvance(s) for s in self._labels)
            left.setWidth(round(min(widest, row_px) + 2 * metrics.averageCharWidth()))
        vb = self._plot.getPlotItem().vb
        cell = min(vb.width(), vb.height()) / max(len(self._labels), 1)
        rows = thinned(self._labels, cell, metrics, row_px, side_by_side=False)
        columns = thinned(self._labels, cell, metrics, metrics.averageCharWidth() * COLUMN_CHARS, side_by_side=True)
        left.setTicks([[(i + 0.5, s) for i, s in rows]] if self._axis_labels != "none" else [[]])
        bottom.setTicks([[(i + 0.5, s) for i, s in columns]] if self._axis_labels == "both" else [[]])

    def set_matrix(self, matrix: np.ndarray, labels: list[str], levels: tuple[float, float] | None = None) -> None:
        """Show ``matrix`` (NaN cells are left blank) with fixed colour levels, so colours compare.

        The same picture again (a view redrawn for another part, or in another language) costs a
        comparison, not an image, a range and a relayout of the labels; new labels on the same
        picture (another language) only relabel it."""
        matrix = np.ascontiguousarray(matrix, dtype=np.float32)
        if (levels is None or levels == self.levels) and np.array_equal(matrix, self._matrix, equal_nan=True):
            if labels != self._labels:
                self._labels = list(labels)
                if self._plot is not None:
                    self._relabel()
            return
        self._matrix = matrix
        self._labels = list(labels)
        self.drawn += 1
        self.levels = levels or self.levels
        self._dirty = True
        if self.isVisible():  # painted a few per event-loop turn: a tab of heatmaps does not stall
            pacer().later(self, self._paint)  # off screen: when shown, or when the plot is asked for

    def _paint(self) -> None:
        self._build()
        if not self._dirty:
            return
        self._dirty = False
        if self.colorbar is not None:
            self.colorbar.setLevels(self.levels)
        self._image.setImage(self._matrix, levels=self.levels, autoLevels=False)
        n = len(self._labels)
        self._image.setRect(0, 0, n, n)
        self._plot.setRange(xRange=(0, n), yRange=(0, n), padding=0)
        self._relabel()

    def _cell(self, scene_pos: QPointF) -> tuple[int, int] | None:
        if not self.plot.sceneBoundingRect().contains(scene_pos) or not self._labels:
            return None
        point = self.plot.getPlotItem().vb.mapSceneToView(scene_pos)
        row, col = int(np.floor(point.y())), int(np.floor(point.x()))
        n = len(self._labels)
        return (row, col) if 0 <= row < n and 0 <= col < n else None

    def _on_move(self, scene_pos: QPointF) -> None:
        cell = self._cell(scene_pos)
        if cell:
            r, c = cell
            value = self._matrix[r, c]
            shown = "—" if np.isnan(value) else f"{value:.3f}"
            text = f"{self._labels[r]}  ~  {self._labels[c]}:  {shown}"
            self.hover.setText(
                self.hover.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, self.hover.width())
            )
            self.hover.setToolTip(text)
        self.plot.setToolTip(self._axis_label(scene_pos))

    def _axis_label(self, scene_pos: QPointF) -> str:
        """The whole label under the mouse on either axis (shown ones may be elided or thinned out)."""
        point = self.plot.getPlotItem().vb.mapSceneToView(scene_pos)
        for name, index in (("left", point.y()), ("bottom", point.x())):
            if self.plot.getAxis(name).sceneBoundingRect().contains(scene_pos) and 0 <= index < len(self._labels):
                return self._labels[int(index)]
        return ""

    def _on_click(self, event) -> None:
        cell = self._cell(event.scenePos())
        if cell:
            self.cell_clicked.emit(cell[0])


class FontFollowingPlot(pg.PlotWidget):
    """A plot whose labels follow the widget's font (and so the zoom), redrawn on every resize."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, viewBox=menuless_view())
        quieten(self)
        add_export_menu(self)
        self.hideButtons()
        self.getPlotItem().vb.sigResized.connect(self._on_view_resized)  # a method: no cycle keeps it alive

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange and self.getPlotItem() is not None:  # zoomed, not closed
            self.follow_font()
        super().changeEvent(event)

    def _on_view_resized(self, _view: object) -> None:
        self.follow_font()

    def follow_font(self) -> None:
        follow_font(self.getPlotItem(), scaled_font(self))


class SideLegend(pg.LegendItem):
    """A legend in a cell of the plot's own layout, beside the curves and never over them.

    pyqtgraph's legend floats over the view box and moves itself to a corner when its text changes;
    here the layout places it, so a new size only asks the layout for room, and it cannot be dragged
    back over the data."""

    def __init__(self) -> None:
        super().__init__(offset=None)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.layout.setContentsMargins(8, 0, 0, 0)  # its height: its rows alone (see LayerCurves._fit_legend)

    def updateSize(self) -> None:
        self.updateGeometry()

    def mouseDragEvent(self, ev: object) -> None:
        ev.ignore()

    def set_entry(self, i: int, text: str) -> None:
        """Entry i's label; an entry without one (fewer curves than entries) takes no room."""
        sample, label = self.items[i]
        label.setText(text)
        sample.setVisible(bool(text))
        label.setVisible(bool(text))


class LayerCurves(FontFollowingPlot):
    """How one word's similarity to others changes from layer to layer.

    The curves and legend entries are made once and updated in place: re-creating plot items
    on every click or result cost up to 230 ms of GUI time (measured with scripts/bench_gui.py).
    """

    MAX_CURVES = 6
    LEGEND_SCALE = 0.9  # the legend a little smaller than the axes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setYRange(-0.2, 1.05)
        self.showGrid(x=True, y=True, alpha=0.3)
        self.legend = SideLegend()
        layout, title = self.getPlotItem().layout, self.getPlotItem().titleLabel
        layout.addItem(self.legend, 2, 3)  # the view box's row, right of the curves
        layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignTop)
        layout.removeItem(title)
        layout.addItem(title, 0, 1, 1, 3)  # the title over the curves and the legend: as wide as before
        self.items = []
        for i in range(self.MAX_CURVES):
            colour = PALETTE[i % len(PALETTE)]
            pen = pg.mkPen(colour, width=3 if i == 0 else 1.5)
            self.items.append(self.plot([], [], pen=pen, symbol="o", symbolSize=5, symbolBrush=colour))
            self.legend.addItem(self.items[-1], " ")
        self._title = " "  # the title item is made now, not on the first result
        self._layer_names: list[str] = []
        self.follow_font()

    def set_curves(self, layer_names: list[str], curves: list[tuple[str, np.ndarray]], title: str) -> None:
        x = np.arange(len(layer_names))
        for i, item in enumerate(self.items):
            if i < len(curves):
                label, values = curves[i]
                item.setData(x, np.asarray(values, dtype=float))
                item.show()
            else:
                item.setData([], [])
                item.hide()
                label = ""
            self.legend.set_entry(i, label)
        self._layer_names, self._title = layer_names, title
        self.follow_font()

    def _fit_legend(self, font: QFont, room: float) -> None:
        """The legend in the widget's font, in as many columns as it needs to be no taller than the
        curves beside it (``room`` pixels: the plot less its title and layer names, which a legend's
        own height cannot change)."""
        self.legend.setLabelTextSize(f"{font.pointSizeF() * self.LEGEND_SCALE:.1f}pt")
        for _sample, label in self.legend.items:
            label.setText(label.text)
        rows = [max(s.height(), label.minimumHeight()) for s, label in self.legend.items if label.isVisible()]
        columns = 1
        if sum(rows) > room:  # a Chinese label's line is a little taller than a Latin one's
            columns = min(3, math.ceil(len(rows) / max(1, int(room / max(rows)))))
        if columns != self.legend.columnCount:
            self.legend.setColumnCount(columns)
            # the plot was held at the taller legend's minimum height, past the widget's bottom, where
            # the layer names were cut off; the view fits it to itself only when the widget resizes
            self.getPlotItem().setGeometry(QRectF(self.viewport().rect()))

    def follow_font(self) -> None:
        """Ticks, legend and title in the widget's font; layer names thinned and the title elided to fit."""
        super().follow_font()
        font = scaled_font(self)
        metrics = QFontMetricsF(font)
        title = metrics.elidedText(self._title, Qt.TextElideMode.ElideRight, max(self.width() - 20, 40))
        self.setTitle(title, size=f"{font.pointSizeF():.1f}pt")
        self.setToolTip(self._title if title != self._title else "")
        height = round(metrics.height() * 1.4)
        self.getPlotItem().titleLabel.setMaximumHeight(height)
        self.getPlotItem().layout.setRowFixedHeight(0, height)
        self._fit_legend(font, self.getPlotItem().height() - height - self.getAxis("bottom").height())
        self._fit_layer_names(metrics)

    def _fit_layer_names(self, metrics: QFontMetricsF) -> None:
        """The layer names under their points, thinned to fit, with room at both ends for the first and
        the last name (pyqtgraph hides a name that sticks out of the axis)."""
        n, width = len(self._layer_names), self.getPlotItem().vb.width()
        if n == 0:
            return
        half = max(metrics.horizontalAdvance(s) for s in self._layer_names) / 2
        margin = min(max(0.3, half * (n - 1) / max(width - 2 * half, 1.0)), 1.0)  # in layers
        self.setXRange(-margin, n - 1 + margin, padding=0)
        per_layer = width / (n - 1 + 2 * margin)
        # whole names on every k-th layer rather than "…" on each: a name may take a third of the axis
        ticks = thinned(
            self._layer_names, per_layer, metrics, max(per_layer, width / 3), side_by_side=True, from_first=True
        )
        self.getAxis("bottom").setTicks([ticks])


class BarChart(FontFollowingPlot):
    """Latency (or any value) per model."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush="#4c72b0")
        self.addItem(self.bars)
        self.showGrid(y=True, alpha=0.3)
        self._unit = ""
        self._shown: tuple | None = None  # the labels, values and unit on screen
        self.follow_font()

    def set_values(self, labels: list[str], values: list[float], unit: str) -> None:
        """The bars, unless these very bars are shown (the Compare tab redraws for every answer)."""
        shown = (list(labels), [float(v) for v in values], unit)
        if shown == self._shown:
            return
        self._shown = shown
        x = np.arange(len(labels))
        self.bars.setOpts(x=x, height=np.asarray(values, dtype=float), width=0.6)
        self.getAxis("bottom").setTicks([[(i, lab) for i, lab in enumerate(labels)]])
        self._unit = unit
        self.follow_font()
        self.setXRange(-0.6, max(len(labels) - 0.4, 0.6), padding=0)
        self.setYRange(0, max(values, default=1.0) * 1.15 or 1.0, padding=0)

    def follow_font(self) -> None:
        super().follow_font()
        if self._unit:
            self.setLabel("left", self._unit, **{"font-size": f"{scaled_font(self).pointSizeF():.1f}pt"})


def change_levels(*matrices: np.ndarray | None) -> tuple[float, float]:
    """Colour levels 0..max for change matrices (max at least 0.05, so that zero looks like zero)."""
    peaks = [float(np.nanmax(m)) for m in matrices if m is not None and np.isfinite(m).any()]
    return 0.0, max([0.05, *peaks])
