"""Rendering the window for the HTML report: each model tab's plots, the Compare views and the
claims' masks as PNGs, handed with the claim records to desktop/core/export/report.py.

Views draw only while shown (desktop/qt/lazy.py), and a hidden tab has no size of its own: each tab
is brought to the front in turn, drawn, grabbed at its size on screen, and the tab the user had is
shown again afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyqtgraph as pg
import pyqtgraph.exporters as pg_exporters
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QWidget

from desktop.core.export.report import Figure, Section, Table, build_report
from desktop.qt.i18n import tr, tr_msg
from desktop.qt.lazy import DrawnWhenShown
from desktop.qt.model_tab import ModelTab
from desktop.qt.plot_export import png_bytes

if TYPE_CHECKING:
    from desktop.qt.main_window import MainWindow


def plot_figure(caption: str, plot: pg.PlotWidget) -> Figure:
    """A plot through pyqtgraph's PNG exporter (the size it has on screen)."""
    return Figure(caption, png_bytes(pg_exporters.ImageExporter(plot.scene()).export(toBytes=True)))


def widget_figure(caption: str, widget: QWidget) -> Figure:
    """A group of views (a grid, a table) as the widget draws it."""
    return Figure(caption, png_bytes(widget.grab().toImage()))


def _front(window: MainWindow, view: DrawnWhenShown) -> None:
    """Show a tab and let it lay out and draw, so that its plots have their real size."""
    window.tabs.setCurrentWidget(view)
    QApplication.processEvents()
    view.ensure_drawn()
    QApplication.processEvents()


def _plain(rich: str) -> str:
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


def model_section(window: MainWindow, name: str, tab: ModelTab) -> Section:
    section = Section(name if tab.spec.display == name else f"{tab.spec.display} ({name})")
    state = tab.state
    if state.failure is not None and tab.analysis is None:
        section.notes.append(f"{tr('This model could not run')}: {tr_msg(state.failure.message)}")
        return section
    if tab.analysis is None:
        section.notes.append(tr("No result yet for this text."))
        return section
    _front(window, tab)
    layer = tab.layer.currentText()
    page = tab.views.currentIndex()
    for index, heatmap in ((0, tab.heatmap), (1, tab.direction)):
        tab.views.setCurrentIndex(index)
        QApplication.processEvents()
        section.figures.append(plot_figure(f"{tab.views.tabText(index)} — {layer}", heatmap.plot))
    tab.views.setCurrentIndex(page)
    section.notes.append(tab.direction_note.text())
    section.figures.append(plot_figure(tab.curves_box.title(), tab.curves))
    if tab.sentences.isVisible():
        section.figures.append(plot_figure(f"{tab.sentences_box.title()} — {layer}", tab.sentences.plot))
    if tab.views.isTabVisible(tab.HALVES):
        tab.views.setCurrentIndex(tab.HALVES)
        QApplication.processEvents()
        for label, heatmap in zip(tab.halves_labels, tab.halves, strict=True):
            section.figures.append(plot_figure(f"{label.text()} — {layer}", heatmap.plot))
        tab.views.setCurrentIndex(page)
    section.notes.append(_plain(tab.probe.text()))
    return section


def compare_section(window: MainWindow) -> Section:
    compare = window.compare
    _front(window, compare)
    compare.probes.ensure_drawn()
    QApplication.processEvents()
    section = Section(window.tabs.tabText(window.tabs.indexOf(compare)))
    section.figures.append(widget_figure(compare.grid_box.title(), compare.grid_box))
    section.figures.append(plot_figure(compare.latency_box.title(), compare.latency))
    cross = window.session.cross
    if cross is not None and cross.agreement is not None:
        rows = [[n, *(f"{v:.2f}" for v in row)] for n, row in zip(cross.models, cross.agreement, strict=True)]
        title = tr("Agreement between models (Pearson r of their top-layer word similarities)")
        section.tables.append(Table(title, ["", *cross.models], rows))
    probes = compare.probes
    for box in (probes.direction_box, probes.polysemy_box, probes.predict_box):
        section.figures.append(widget_figure(box.title(), box))
    section.figures.append(plot_figure(probes.cka_box.title(), probes.cka_map.plot))
    return section


def masks_section(window: MainWindow) -> Section | None:
    claims = window.claims_tab
    _front(window, claims)
    shown = [(label.text(), heatmap) for label, heatmap in claims.maps if heatmap.isVisible()]
    if not shown:
        return None
    section = Section(claims.masks_box.title())
    section.figures += [plot_figure(text, heatmap.plot) for text, heatmap in shown]
    return section


def other_sections(window: MainWindow) -> list[Section]:
    """Any other tab a feature added (one picture of the whole tab, as it draws itself)."""
    known = {*window.model_tabs.values(), window.compare, window.claims_tab}
    sections = []
    for index in range(window.tabs.count()):
        view = window.tabs.widget(index)
        if view in known:
            continue
        window.tabs.setCurrentWidget(view)
        QApplication.processEvents()
        if isinstance(view, DrawnWhenShown):
            view.ensure_drawn()
        title = window.tabs.tabText(index).replace("&", "")
        sections.append(Section(title, [widget_figure(title, view)]))
    return sections


def render_report(window: MainWindow) -> str:
    """The whole report of the window's current text, in its current language."""
    previous = window.tabs.currentWidget()
    try:
        tabs = {name: tab for name, tab in window.model_tabs.items() if window.tabs.indexOf(tab) >= 0}
        sections = [model_section(window, name, tab) for name, tab in tabs.items()]
        sections.append(compare_section(window))
        masks = masks_section(window)
        if masks is not None:
            sections.append(masks)
        sections += other_sections(window)
    finally:
        window.tabs.setCurrentWidget(previous)
    session = window.session
    return build_report(
        session.text, sections, session.claims or [], tr, window.language.language, complete=session.finished
    )
