"""Every claim of the article on one page: its verdict on the text, why, and each model's numbers;
below, the attention masks as the Transformers applied them. Draws ``Session.claims`` only."""

from __future__ import annotations

from html import escape

import numpy as np
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from desktop.core.claims import ClaimRecord
from desktop.core.session import Change, Session
from desktop.qt.finetune_panel import FineTunePanel
from desktop.qt.i18n import Retranslated, tr, tr_msg
from desktop.qt.knowledge_panel import VERDICT_COLOURS, verdict_label
from desktop.qt.layouts import scrolled
from desktop.qt.lazy import DrawnWhenShown
from desktop.qt.plots import Heatmap
from desktop.qt.zoom import sized

PAD = "·"  # a padding position's label


class ClaimsTab(Retranslated, DrawnWhenShown):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.progress = QLabel()  # the reference probe, while a model runs it for the first time
        self.progress.setWordWrap(True)
        self.table = QTextBrowser()
        self.finetune = FineTunePanel(session)  # on demand: its button starts it
        self._shown_html = ""
        self.masks_box = QGroupBox()
        self.masks_grid = QGridLayout(self.masks_box)
        self.maps: list[tuple[QLabel, Heatmap]] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 5)
        layout.addWidget(self.finetune)
        layout.addWidget(scrolled(self.masks_box), 3)  # the claims above keep their room at any zoom
        self.retranslate()

    def on_change(self, change: Change) -> None:
        if change.part in ("claims", "text"):
            self.mark_stale()
        elif change.part == "finetune" or (change.part == "status" and change.model is not None):
            self.finetune.redraw()  # a few labels: cheap enough to set at once, shown or not
        elif change.part == "reference":  # a label's text: cheap enough to set at once, shown or not
            self._show_progress()

    def _show_progress(self) -> None:
        running = [(n, s.reference) for n, s in self.session.models.items() if s.reference is not None]
        parts = [f"{name} {100 * done // max(total, 1)} %" for name, (done, total) in running]
        self.progress.setVisible(bool(parts))
        self.progress.setText(
            tr("Reference probe (once per model, then cached): {models}").format(models=", ".join(parts))
        )

    def redraw(self) -> None:
        records = self.session.claims or []
        html = self._html(records) if records else escape(tr("The claims are measured after every model's probes."))
        if html != self._shown_html:  # the same verdicts again: no new layout of the whole table
            self._shown_html = html
            self.table.setHtml(html)
        self._draw_masks(next((r for r in records if r.id == "masks"), None))

    def _html(self, records: list[ClaimRecord]) -> str:
        """One paragraph pair per claim, not a table row: Qt lays a table out in about twice the time
        (12 against 6 ms for the twelve claims), and the tab redraws it at every text."""
        parts = []
        for r in records:
            colour = VERDICT_COLOURS[r.verdict]
            models = "".join(
                f"<br>▸ <b>{escape(name)}</b>: {escape(tr_msg(m.summary))}" for name, m in r.measures.items()
            )
            missing = "".join(
                f"<br><span style='color:#888'>▸ {escape(name)}: {escape(tr_msg(why))}</span>"
                for name, why in r.missing.items()
            )
            parts.append(
                f"<p style='margin-top:12px;margin-bottom:2px'><b>{escape(tr(r.spec.claim))}</b> &nbsp; "
                f"<b style='color:{colour}'>[{escape(verdict_label(r.verdict))}]</b>"
                f"<br><small style='color:#555'>{escape(tr(r.spec.method))}</small></p>"
                f"<p style='margin-top:0;margin-left:20px'>{escape(tr_msg(r.reason))}{models}{missing}</p>"
            )
        return "".join(parts)

    def _draw_masks(self, record: ClaimRecord | None) -> None:
        """Each picture at a pacer turn of its own: showing a mask plot again (the number of sentences
        changed) resizes and relabels it, and the six of them in one turn held the GUI thread 13-31 ms."""
        batches = [] if record is None else list(record.measures.items())
        pictures = [(name, row, m.values) for name, m in batches for row in range(len(m.values["visible"]))]
        while len(self.maps) < len(pictures):
            label, heatmap = QLabel(), Heatmap(colorbar=False, levels=(0.0, 1.0), label_chars=6)
            sized(heatmap, minimum_width=180, minimum_height=180)
            label.setWordWrap(True)  # four side by side must not widen the window
            label.hide()
            heatmap.hide()
            k = len(self.maps)
            self.masks_grid.addWidget(label, 2 * (k // 4), k % 4)
            self.masks_grid.addWidget(heatmap, 2 * (k // 4) + 1, k % 4)
            self.maps.append((label, heatmap))
        for k, (label, heatmap) in enumerate(self.maps):
            if k < len(pictures):
                self.draw_part_later(f"mask {k}", lambda k=k, picture=pictures[k]: self._draw_mask(k, *picture))
            else:
                self.drop_part(f"mask {k}")
                label.hide()
                heatmap.hide()

    def _draw_mask(self, k: int, name: str, row: int, values: dict) -> None:
        label, heatmap = self.maps[k]
        matrix = np.asarray(values["visible"][row], dtype=np.float32)
        tokens = values["tokens"][row]
        label.setText(tr("{model}, sentence {n}: red = attended, blue = masked").format(model=name, n=row + 1))
        label.show()
        heatmap.show()
        heatmap.set_matrix(matrix, tokens + [PAD] * (len(matrix) - len(tokens)))

    def retranslate(self) -> None:
        self.intro.setText(
            tr(
                "Each claim of the article, measured on your text: a verdict that could have gone either way, "
                "the numbers behind it, and which models it compared."
            )
        )
        self._show_progress()
        self.masks_box.setTitle(
            tr("Attention masks as each Transformer applied them (two sentences, one padded batch)")
        )
        self.mark_stale()
