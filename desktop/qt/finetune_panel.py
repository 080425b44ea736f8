"""Feature-based vs fine-tuning, for teachers: the usage difference the article builds on (ELMo's
vectors are used as features, GPT and BERT are fine-tuned), measured on the part-of-speech set.
Started by its button only; draws ``ModelState.finetune`` and ``finetune_steps``."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.encoding import Family
from desktop.core.measure.finetune_rows import FineTuneRow
from desktop.core.messages import layer_label
from desktop.core.models.base import FAMILY_NAMES
from desktop.core.session import Failure, Session
from desktop.qt.i18n import Retranslated, tr, tr_msg

MINUTES_PER_MODEL = 1  # a mini model's first run, measured 25-60 s on 2 shared cores; then cached


class FineTunePanel(Retranslated, QGroupBox):
    run_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.button = QPushButton()
        self.button.clicked.connect(self._clicked)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = QLabel()
        self.table.setTextFormat(Qt.TextFormat.RichText)
        self.table.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (self.explain, self.button, self.status, self.table):
            layout.addWidget(widget)
        self.retranslate()

    def running(self) -> bool:
        return any(s.finetune_steps is not None for s in self.session.models.values())

    def _clicked(self) -> None:
        (self.cancel_requested if self.running() else self.run_requested).emit()

    def redraw(self) -> None:
        states = self.session.models.values()
        if self.running():
            self.button.setText(tr("Cancel the fine-tuning comparison"))
        else:
            minutes = MINUTES_PER_MODEL * len(self.session.runnable())
            self.button.setText(tr("Run the fine-tuning comparison (about {n} min the first time)").format(n=minutes))
        steps = [(s.name, s.finetune_steps) for s in states if s.finetune_steps is not None]
        self.status.setVisible(bool(steps))
        self.status.setText(
            tr("Fine-tuning (once per model, then cached): {models}").format(
                models=", ".join(f"{name} {100 * done // max(total, 1)} %" for name, (done, total) in steps)
            )
        )
        rows = [s.finetune for s in states if isinstance(s.finetune, FineTuneRow)]
        failed = [(s.name, s.finetune) for s in states if isinstance(s.finetune, Failure)]
        self.table.setVisible(bool(rows or failed))
        self.table.setText(self._html(rows, failed))

    def _html(self, rows: list[FineTuneRow], failed: list[tuple[str, Failure]]) -> str:
        heads = [
            tr("Model"),
            tr("Feature-based: frozen vectors + linear head (best layer)"),
            tr("Top layer, frozen"),
            tr("Fine-tuned: whole model + linear head"),
            tr("Always the commonest tag"),
            tr("Weights trained (head / fine-tuning)"),
        ]
        cells = "".join(f"<th>{escape(h)}</th>" for h in heads)
        html = [f"<table cellspacing=0 cellpadding=3 border=1 width='100%'><tr>{cells}</tr>"]
        for family in dict.fromkeys(r.family for r in rows):
            html.append(f"<tr><td colspan=6><b>{escape(tr_msg(FAMILY_NAMES[Family(family)]))}</b></td></tr>")
            for r in (r for r in rows if r.family == family):
                layer = escape(tr_msg(layer_label(r.feature_layer)))  # the raw name stays the cache's key
                html.append(
                    f"<tr><td>{escape(r.model)}</td><td>{r.feature_accuracy:.3f} ({layer})</td>"
                    f"<td>{r.feature_top:.3f}</td><td><b>{r.finetuned_accuracy:.3f}</b></td><td>{r.majority:.3f}</td>"
                    f"<td>{r.feature_parameters:,} / {r.trainable_parameters:,}</td></tr>"
                )
        html.append("</table>")
        if rows:
            r = rows[0]
            note = tr(
                "Test accuracy on {test} words of the part-of-speech set ({language}), trained on {train}: the same "
                "split for both. Fine-tuning: {steps} steps of {batch} sentences, AdamW at {lr} ({head} for the "
                "head), each word read at its first token."
            )
            values = {"test": r.n_test, "language": self._language(r.language), "train": r.n_train, "steps": r.steps}
            note = note.format(**values, batch=r.batch, lr=r.lr, head=r.head_lr)
            html.append(f"<p>{escape(note)}</p>")
        html += [f"<p style='color:#a33'>{escape(name)}: {escape(tr_msg(f.message))}</p>" for name, f in failed]
        return "".join(html)

    @staticmethod
    def _language(code: str) -> str:
        return {"en": tr("English"), "zh": tr("Chinese")}.get(code, code)

    def retranslate(self) -> None:
        self.setTitle(tr("Feature-based vs fine-tuning (for teachers)"))
        self.explain.setText(
            tr(
                "ELMo is used as features: its vectors stay frozen and only a task model on top is trained. "
                "GPT and BERT are fine-tuned: every weight is trained on the task. Both ways, on the same "
                "part-of-speech words, for each loaded model. Other work on a model waits while it fine-tunes."
            )
        )
        self.redraw()
