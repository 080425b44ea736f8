"""Rich text for a model's own probe, drawn from its typed results (no family switches: each
result says what it is)."""

from __future__ import annotations

from html import escape

from desktop.core.analysis import Analysis
from desktop.core.models.base import Continuation, NextSentence, Prediction, SlotPrediction, Unavailable
from desktop.core.session import ModelState
from desktop.qt.i18n import tr, tr_msg


def ranked(pred: Prediction) -> str:
    return ",  ".join(
        f"{escape(t)} <span style='color:#666'>{p:.2f}</span>" for t, p in zip(pred.tokens, pred.probs, strict=True)
    )


def plain_ranked(pred: Prediction) -> str:
    return ",  ".join(f"{t.strip() or repr(t)} {p:.2f}" for t, p in zip(pred.tokens, pred.probs, strict=True))


def _line(label: str, body: str) -> str:
    return f"<b>{escape(label)}:</b> {body}"


def slot_lines(analysis: Analysis, state: ModelState) -> list[str]:
    """The selected word's slot: the model's guesses, or why there are none (yet)."""
    if analysis.own.slot is not None:
        return [_line(tr("Word prediction"), escape(tr_msg(analysis.own.slot.reason)))]
    words = analysis.encoding.words
    word = words[state.selected_word] if state.selected_word < len(words) else ""
    answer = state.answers.get("slot")
    if isinstance(answer, Unavailable):
        return [_line(tr("Word prediction"), escape(tr_msg(answer.reason)))]
    if not isinstance(answer, SlotPrediction):
        return [escape(tr("Click a word: the model guesses it from the context it may use."))]
    return [
        _line(tr("'{word}' guessed from {context}").format(word=word, context=tr_msg(g.context)), ranked(g.prediction))
        for g in answer.guesses
    ]


def text_lines(analysis: Analysis) -> list[str]:
    """The probes on the whole text: a continuation, the next-sentence head."""
    lines = []
    cont, nsp = analysis.own.continuation, analysis.own.next_sentence
    if isinstance(cont, Continuation):
        lines.append(_line(tr("Next word, top 5"), ranked(cont.next_token)))
        lines.append(_line(tr("Greedy continuation"), "…" + escape(cont.text)))
    if isinstance(nsp, NextSentence):
        value = f"{nsp.probability:.2f} ({escape(tr('sentence 2 follows sentence 1'))})"
        lines.append(_line(tr("Next-sentence probability"), value))
    else:
        lines.append(_line(tr("Next-sentence prediction"), escape(tr_msg(nsp.reason))))
    return lines


def probe_html(analysis: Analysis, state: ModelState, halves_note: bool) -> str:
    lines = slot_lines(analysis, state) + text_lines(analysis)
    if halves_note:
        lines.append(
            escape(
                tr(
                    'ELMo\'s vectors are [forward ; backward]: the tab "Forward / backward halves" shows the '
                    "similarity of each half on its own. "
                    "The forward half has read only the words to the left, the backward half only those "
                    "to the right."
                )
            )
        )
    return "<br>".join(lines)
