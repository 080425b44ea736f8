"""The pros-and-cons panel beside each result: the article's claims, each with its verdict and this
model's measurement (``Session.claims``, judged in a worker), or until those are in, the first line
of evidence computed with the ``ModelResult``."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.core.claims import ClaimRecord, Verdict
from desktop.core.measure.knowledge import Claim, FamilyKnowledge
from desktop.core.messages import layer_label
from desktop.core.pipeline import ModelResult
from desktop.qt.i18n import tr, tr_msg
from desktop.qt.zoom import sized

VERDICT_COLOURS = {Verdict.SHOWN: "#1b7f3b", Verdict.NOT_SHOWN: "#888888", Verdict.CONTRADICTED: "#b03a2e"}


def verdict_label(verdict: Verdict) -> str:
    return {
        Verdict.SHOWN: tr("shown"),
        Verdict.NOT_SHOWN: tr("not shown on this text"),
        Verdict.CONTRADICTED: tr("contradicted"),
    }[verdict]


class KnowledgePanel(QTextBrowser):
    def __init__(self, knowledge: FamilyKnowledge, model: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.knowledge = knowledge
        self.model = model
        self.result: ModelResult | None = None
        self.records: dict[str, ClaimRecord] = {}
        self._html = ""
        self._stale = False  # a change heard while off screen: laid out when shown
        self.setOpenExternalLinks(False)
        sized(self, minimum_width=300)
        self.render()

    def set_result(self, result: ModelResult | None) -> None:
        self.result = result
        self.render()

    def set_claims(self, records: list[ClaimRecord] | None) -> None:
        self.records = {r.id: r for r in records or [] if self.model in r.models or self.model in r.missing}
        self.render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.render()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._render_now()
        super().showEvent(event)

    def render(self) -> None:
        """Lay the panel out again, now if on screen, else when shown: every model's panel hears every
        claims change and every language switch, and laying one out costs ~15 ms of the GUI thread.
        (``DrawnWhenShown`` does this for views, but it is a QWidget, and mixing it into a QTextBrowser
        crashes PySide.)"""
        self._stale = True
        if self.isVisible() or not self._html:  # the first one at once: the panel has a size to take
            self._render_now()

    def _render_now(self) -> None:
        self._stale = False
        k = self.knowledge
        facet_titles = {
            "extractor": tr("Feature extractor"),
            "direction": tr("One or two directions"),
            "mask": tr("Mask"),
            "pretraining": tr("Pretraining tasks"),
        }
        parts = [f"<h3>{escape(tr(k.title))} — {escape(tr('what the article says'))}</h3>"]
        parts += [f"<p><b>{escape(facet_titles[f])}:</b> {escape(tr(text))}</p>" for f, text in k.facets.items()]
        for heading, claims, colour in ((tr("Strengths"), k.pros, "#1b7f3b"), (tr("Weaknesses"), k.cons, "#b03a2e")):
            parts.append(f"<h4 style='color:{colour}'>{escape(heading)}</h4><ul>")
            parts += [self._claim_html(claim) for claim in claims]
            parts.append("</ul>")
        parts += self._facts_html()
        html = "".join(parts)
        if html != self._html:  # every tab hears every claims change: lay out only what changed
            self._html = html
            self.setHtml(html)

    def _claim_html(self, claim: Claim) -> str:
        html = f"<li>{escape(tr(claim.text))}"
        record = self.records.get(claim.claim)
        if record is not None:
            return html + self._record_html(record) + "</li>"
        evidence = None if self.result is None else self.result.evidence.get(claim.claim)
        if evidence is not None and evidence.text is not None:
            style = "color:#333" if evidence.shown else "color:#888;font-style:italic"
            label = tr("On your text") if evidence.shown else tr("To see it")
            html += f"<br><span style='{style}'>▸ {escape(label)}: {escape(tr_msg(evidence.text))}</span>"
        return html + "</li>"

    def _record_html(self, record: ClaimRecord) -> str:
        measure = record.measures.get(self.model)
        mine = measure.summary if measure is not None else record.missing.get(self.model)
        colour, label = VERDICT_COLOURS[record.verdict], verdict_label(record.verdict)
        html = f"<br><b style='color:{colour}'>[{escape(label)}]</b> {escape(tr_msg(record.reason))}"
        if mine is not None:
            html += f"<br><span style='color:#333'>▸ {escape(tr('This model'))}: {escape(tr_msg(mine))}</span>"
        return html

    def _facts_html(self) -> list[str]:
        if self.result is None:
            return []
        analysis = self.result.analysis
        enc = analysis.encoding
        layers = ", ".join(tr_msg(layer_label(n)) for n in enc.layer_names)
        facts = [
            (tr("Parameters"), f"{enc.parameters:,}"),
            (tr("Layers"), f"{len(enc.layer_names)} ({layers})"),
            (tr("Dimensions"), str(enc.dim)),
            (tr("Tokens"), str(len(enc.tokens))),
            (tr("Latency"), f"{enc.timings_ms['total']:.0f} ms"),
        ]
        items = [f"<li><b>{escape(name)}:</b> {escape(value)}</li>" for name, value in facts]
        items += [f"<li>{escape(tr_msg(note))}</li>" for note in enc.notes + analysis.notes]
        return [f"<h4>{escape(tr('Measured on this input'))}</h4><ul>", *items, "</ul>"]
