"""Saving a picture: one plot (pyqtgraph's own PNG and SVG exporters, from a right-click "Export…")
or a whole view, and the save dialog every export shares.

The dialog is a ``QFileDialog`` that adds the chosen format's suffix itself, so its own "replace
the file?" question also covers a name typed without one. Every file goes through a temporary
file (desktop/core/store/atomic.py): a failed export leaves the previous file whole.
"""

from __future__ import annotations

import weakref
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters as pg_exporters
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from desktop.core.store.atomic import replace_with, replaced
from desktop.qt.i18n import tr

PICTURE_FORMATS = {"png": "PNG (*.png)", "svg": "SVG (*.svg)"}


def ask_save_path(parent: QWidget, title: str, name: str, formats: dict[str, str]) -> Path | None:
    """A save dialog offering ``formats`` (suffix -> filter); the path carries the chosen suffix.
    Overwriting an existing file is confirmed by the dialog (never switched off here)."""
    dialog = QFileDialog(parent, title)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    filters = list(formats.values())
    dialog.setNameFilters(filters)
    suffixes = dict(zip(filters, formats, strict=True))
    dialog.setDefaultSuffix(next(iter(formats)))
    dialog.filterSelected.connect(lambda chosen: dialog.setDefaultSuffix(suffixes.get(chosen, "")))
    dialog.selectFile(name)
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def show_failure(parent: QWidget, path: Path, exc: OSError) -> None:
    """One line: which file, and why (the file that was there is still whole)."""
    QMessageBox.warning(parent, tr("Export"), f"{path}: {exc.strerror or exc}")


def export_plot(plot: pg.PlotWidget, path: Path) -> None:
    """The plot as drawn, through pyqtgraph's exporters: ``.svg`` as SVG, anything else as PNG
    (the plot's size). OSError if it cannot be written."""
    if path.suffix.lower() == ".svg":
        try:
            data = pg_exporters.SVGExporter(plot.scene()).export(toBytes=True)
        except ValueError:  # pyqtgraph 0.14 cannot parse the closed paths ("… Z") Qt 6.11 writes
            save_widget(plot, path)  # (pyqtgraph issue #3495): Qt's own SVG painter draws the plot
            return
        with replaced(path, "wb") as f:
            f.write(data)
        return
    image = pg_exporters.ImageExporter(plot.scene()).export(toBytes=True)
    replace_with(path, lambda tmp: image.save(str(tmp), "PNG"))


def plot_menu(plot: pg.PlotWidget) -> QMenu:
    """The plot's right-click menu, built when asked so that it is in the current language."""
    menu = QMenu(plot)
    menu.addAction(tr("Export…"), lambda: ask_export_plot(plot))
    return menu


def add_export_menu(plot: pg.PlotWidget) -> None:
    """Give a plot whose pyqtgraph menu is off a right-click menu with "Export…" (PNG or SVG)."""
    plot.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    # through a weak reference: a closure holding the plot, connected to the plot's own signal, is a
    # cycle through C++ that Python's collector cannot see, and every closed window's plots would stay
    held = weakref.ref(plot)
    plot.customContextMenuRequested.connect(lambda pos: _popup(held(), pos))


def _popup(plot: pg.PlotWidget | None, pos: QPoint) -> None:
    if plot is None:
        return
    menu = plot_menu(plot)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.popup(plot.mapToGlobal(pos))


def ask_export_plot(plot: pg.PlotWidget) -> None:
    path = ask_save_path(plot, tr("Export picture"), "plot.png", PICTURE_FORMATS)
    if path is None:
        return
    try:
        export_plot(plot, path)
    except OSError as exc:
        show_failure(plot, path, exc)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def save_widget(widget: QWidget, path: Path) -> None:
    """A whole view: ``.svg`` through Qt's SVG painter, anything else as a PNG of the widget."""
    if path.suffix.lower() != ".svg":
        replace_with(path, lambda tmp: widget.grab().save(str(tmp), "PNG"))
        return
    size = widget.size()
    replace_with(path, lambda tmp: _render_svg(widget, tmp, size))


def _render_svg(widget: QWidget, tmp: Path, size: QSize) -> bool:
    generator = QSvgGenerator()
    generator.setFileName(str(tmp))
    generator.setSize(size)
    generator.setResolution(widget.logicalDpiX())  # its physical size is the widget's on screen
    generator.setViewBox(QRect(QPoint(0, 0), size))
    generator.setTitle(widget.window().windowTitle())
    painter = QPainter()
    if not painter.begin(generator):
        return False
    try:
        QWidget.render(widget, painter, QPoint(0, 0))  # the widget's own, not QGraphicsView's scene render
    finally:
        ended = painter.end()
    return ended
