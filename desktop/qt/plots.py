"""pyqtgraph views: a labelled similarity heatmap, per-layer curves and a bar chart.

Items are created once and updated with ``setImage``/``setData``; images are C-contiguous
float32, row-major, with explicit levels, so that colours mean the same in every tab.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

pg.setConfigOptions(imageAxisOrder="row-major", antialias=True, background="w", foreground="k")

COSINE_LEVELS = (-1.0, 1.0)
COLORMAP = pg.colormap.get("CET-D1A")  # diverging: blue = opposite, white = unrelated, red = same direction
CHANGE_COLORMAP = pg.colormap.get("CET-L17")  # sequential: white = unchanged, dark = changed a lot
MAX_TICKS = 40  # rows: labels stack vertically
MAX_BOTTOM_TICKS = 12  # columns: labels sit side by side
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]


def _ticks(labels: list[str], max_ticks: int, max_chars: int) -> list[list[tuple[float, str]]]:
    """Every k-th label, shortened, so that horizontal labels do not run into each other."""
    step = max(1, int(np.ceil(len(labels) / max_ticks)))
    short = [
        (i + 0.5, lab if len(lab) <= max_chars else lab[: max_chars - 1] + "…")
        for i, lab in enumerate(labels)
        if i % step == 0
    ]
    return [short]


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
        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.invertY(True)
        self.plot.setAspectLocked(True)
        self.plot.getAxis("left").setWidth(7 * label_chars + 2)  # labels that do not fit are dropped
        self.image = pg.ImageItem()
        self.image.setColorMap(colormap)
        self.plot.addItem(self.image)
        self.colorbar = None
        if colorbar:
            self.colorbar = pg.ColorBarItem(values=levels, colorMap=colormap, interactive=False, width=12)
            self.colorbar.setImageItem(self.image, insert_in=self.plot.getPlotItem())
        self.hover = QLabel(" ")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.hover)
        self._labels: list[str] = []
        self._matrix = np.zeros((1, 1), dtype=np.float32)
        self.plot.scene().sigMouseMoved.connect(self._on_move)
        self.plot.scene().sigMouseClicked.connect(self._on_click)

    def set_matrix(self, matrix: np.ndarray, labels: list[str], levels: tuple[float, float] | None = None) -> None:
        """Show ``matrix`` (NaN cells are left blank) with fixed colour levels, so colours compare."""
        self._matrix = np.ascontiguousarray(matrix, dtype=np.float32)
        self._labels = labels
        if levels is not None and levels != self.levels:
            self.levels = levels
            if self.colorbar is not None:
                self.colorbar.setLevels(levels)
        self.image.setImage(self._matrix, levels=self.levels, autoLevels=False)
        n = len(labels)
        self.image.setRect(0, 0, n, n)
        left, bottom = self.plot.getAxis("left"), self.plot.getAxis("bottom")
        left.setTicks(_ticks(labels, MAX_TICKS, self._label_chars) if self._axis_labels != "none" else [[]])
        bottom.setTicks(_ticks(labels, MAX_BOTTOM_TICKS, 6) if self._axis_labels == "both" else [[]])
        self.plot.setRange(xRange=(0, n), yRange=(0, n), padding=0)

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
            self.hover.setText(f"{self._labels[r]}  ~  {self._labels[c]}:  {shown}")

    def _on_click(self, event) -> None:
        cell = self._cell(event.scenePos())
        if cell:
            self.cell_clicked.emit(cell[0])


class LayerCurves(pg.PlotWidget):
    """How one word's similarity to others changes from layer to layer.

    The curves and legend entries are made once and updated in place: re-creating plot items
    on every click or result cost up to 230 ms of GUI time (measured with scripts/bench_gui.py).
    """

    MAX_CURVES = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.setYRange(-0.2, 1.05)
        self.showGrid(x=True, y=True, alpha=0.3)
        self.legend = self.addLegend(offset=(-5, -5), labelTextSize="8pt")  # bottom right, under the curves
        self.items = []
        for i in range(self.MAX_CURVES):
            colour = PALETTE[i % len(PALETTE)]
            pen = pg.mkPen(colour, width=3 if i == 0 else 1.5)
            self.items.append(self.plot([], [], pen=pen, symbol="o", symbolSize=5, symbolBrush=colour, name=" "))
        self.setTitle(" ", size="9pt")  # create the title item now, not on the first result

    def set_curves(self, layer_names: list[str], curves: list[tuple[str, np.ndarray]], title: str) -> None:
        x = np.arange(len(layer_names))
        for i, item in enumerate(self.items):
            if i < len(curves):
                label, values = curves[i]
                item.setData(x, np.asarray(values, dtype=float))
                item.show()
                self.legend.items[i][1].setText(label)
            else:
                item.setData([], [])
                item.hide()
                self.legend.items[i][1].setText("")
        self.getAxis("bottom").setTicks([[(i, name) for i, name in enumerate(layer_names)]])
        self.setXRange(-0.3, len(layer_names) - 0.7, padding=0)
        self.setTitle(title, size="9pt")


class BarChart(pg.PlotWidget):
    """Latency (or any value) per model."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMenuEnabled(False)
        self.hideButtons()
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush="#4c72b0")
        self.addItem(self.bars)
        self.showGrid(y=True, alpha=0.3)

    def set_values(self, labels: list[str], values: list[float], unit: str) -> None:
        x = np.arange(len(labels))
        self.bars.setOpts(x=x, height=np.asarray(values, dtype=float), width=0.6)
        self.getAxis("bottom").setTicks([[(i, lab) for i, lab in enumerate(labels)]])
        self.setLabel("left", unit)
        self.setXRange(-0.6, max(len(labels) - 0.4, 0.6), padding=0)
        self.setYRange(0, max(values, default=1.0) * 1.15 or 1.0, padding=0)


def change_levels(*matrices: np.ndarray | None) -> tuple[float, float]:
    """Colour levels 0..max for change matrices (max at least 0.05, so that zero looks like zero)."""
    peaks = [float(np.nanmax(m)) for m in matrices if m is not None and np.isfinite(m).any()]
    return 0.0, max([0.05, *peaks])
