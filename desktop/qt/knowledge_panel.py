"""The pros-and-cons panel beside each result: the article's claims, each with its live evidence."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.core.analysis import Analysis, DeepProbes
from desktop.core.claims import evidence_for
from desktop.core.measure.knowledge import FamilyKnowledge
from desktop.qt.i18n import LanguageManager, tr


class KnowledgePanel(QTextBrowser):
    def __init__(self, knowledge: FamilyKnowledge, language: LanguageManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.knowledge = knowledge
        self.language = language
        self.analysis: Analysis | None = None
        self.deep: DeepProbes | None = None
        self.setOpenExternalLinks(False)
        self.setMinimumWidth(300)
        self.render()

    def set_analysis(self, analysis: Analysis | None, deep: DeepProbes | None = None) -> None:
        self.analysis = analysis
        self.deep = deep
        self.render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.render()
        super().changeEvent(event)

    def render(self) -> None:
        lang = self.language.language
        k = self.knowledge
        facet_titles = {
            "extractor": tr("Feature extractor"),
            "direction": tr("One or two directions"),
            "mask": tr("Mask"),
            "pretraining": tr("Pretraining tasks"),
        }
        parts = [f"<h3>{escape(k.title[lang])} — {escape(tr('what the article says'))}</h3>"]
        parts += [f"<p><b>{escape(facet_titles[f])}:</b> {escape(text[lang])}</p>" for f, text in k.facets.items()]
        for heading, claims, colour in ((tr("Strengths"), k.pros, "#1b7f3b"), (tr("Weaknesses"), k.cons, "#b03a2e")):
            parts.append(f"<h4 style='color:{colour}'>{escape(heading)}</h4><ul>")
            for claim in claims:
                parts.append(f"<li>{escape(claim.text[lang])}")
                if self.analysis is not None:
                    ev = evidence_for(claim.claim, self.analysis, self.deep)
                    if ev.text[lang]:
                        style = "color:#333" if ev.shown else "color:#888;font-style:italic"
                        label = tr("On your text") if ev.shown else tr("To see it")
                        parts.append(f"<br><span style='{style}'>▸ {escape(label)}: {escape(ev.text[lang])}</span>")
                parts.append("</li>")
            parts.append("</ul>")
        if self.analysis is not None:
            enc = self.analysis.encoding
            parts.append(f"<h4>{escape(tr('Measured on this input'))}</h4><ul>")
            facts = [
                (tr("Parameters"), f"{enc.parameters:,}"),
                (tr("Layers"), f"{len(enc.layer_names)} ({', '.join(enc.layer_names)})"),
                (tr("Dimensions"), str(enc.dim)),
                (tr("Tokens"), str(len(enc.tokens))),
                (tr("Latency"), f"{enc.timings_ms['total']:.0f} ms"),
            ]
            parts += [f"<li><b>{escape(name)}:</b> {escape(value)}</li>" for name, value in facts]
            parts += [f"<li>{escape(note)}</li>" for note in enc.notes + self.analysis.notes]
            parts.append("</ul>")
        self.setHtml("".join(parts))
