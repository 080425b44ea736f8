"""Claims about which side of a word a model can see: GPT one-way, ELMo two one-way halves, and
the masks behind them, measured on the user's text (each word replaced in turn; the attention
weights of a padded batch)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from desktop.core.claims.inputs import SEEN, ZERO, ModelInputs
from desktop.core.claims.record import Measure, ModelEntry, Verdict
from desktop.core.measure.probes import DirectionResult
from desktop.core.messages import Msg, msg
from desktop.core.models.base import Unavailable
from desktop.core.text.words import split_sentences, split_words

if TYPE_CHECKING:  # torch's import takes a second of the window's start
    from desktop.core.models.attention import AppliedMask

WAITING = msg("waiting for the direction probe (one extra run per word)")


def _direction(m: ModelInputs) -> DirectionResult | Msg:
    found = None if m.deep is None else m.deep.direction
    if found is None:
        return WAITING
    return found.reason if isinstance(found, Unavailable) else found


def _peaks(result: DirectionResult, part: str) -> tuple[float, float]:
    """(future, past): the largest change of a word caused by a later / an earlier word, over the
    contextual layers (the first layer mixes in no other word)."""
    found = [layer.peaks[part] for layer in result.layers[1:] if part in layer.parts()]
    return max(f for f, _ in found), max(p for _, p in found)


def measure_one_way(m: ModelInputs) -> Measure | Msg:
    result = _direction(m)
    if isinstance(result, Msg):
        return result
    future, past = _peaks(result, "matrix")
    return Measure(
        {"future": future, "past": past, "words": len(result.words)},
        msg(
            "{n} words replaced in turn: a later word moved an earlier one by up to {future:.4f}; "
            "an earlier word moved a later one by up to {past:.4f}.",
            n=len(result.words),
            future=future,
            past=past,
        ),
    )


def _split(entries: dict[str, ModelEntry]) -> tuple[dict[str, dict], dict[str, dict]]:
    measured = {n: e for n, e in entries.items() if isinstance(e.measure, Measure)}
    gpt = {n: e.measure.values for n, e in measured.items() if e.family == "decoder"}  # type: ignore[union-attr]
    other = {n: e.measure.values for n, e in measured.items() if e.family != "decoder"}  # type: ignore[union-attr]
    return gpt, other


def judge_one_way(entries: dict[str, ModelEntry]) -> tuple[Verdict, Msg]:
    gpt, other = _split(entries)
    if not gpt or not other:
        return Verdict.NOT_SHOWN, msg("needs a GPT-style model and a BERT or ELMo measured on this text")
    peeking = [n for n, v in gpt.items() if v["future"] > ZERO]
    blind = [n for n, v in other.items() if v["future"] < SEEN]
    if peeking or blind:
        return Verdict.CONTRADICTED, msg(
            "saw the future though one-way: {peeking}; did not though two-way: {blind}",
            peeking=", ".join(peeking) or "-",
            blind=", ".join(blind) or "-",
        )
    return Verdict.SHOWN, msg(
        "later words moved earlier ones by at most {gpt:.5f} in the GPT-style models and by at least {other:.3f} "
        "in the others",
        gpt=max(v["future"] for v in gpt.values()),
        other=min(v["future"] for v in other.values()),
    )


def measure_halves(m: ModelInputs) -> Measure | Msg:
    result = _direction(m)
    if isinstance(result, Msg):
        return result
    (fwd_future, fwd_past), (bwd_future, bwd_past) = _peaks(result, "forward"), _peaks(result, "backward")
    values = {"forward_future": fwd_future, "forward_past": fwd_past, "backward_future": bwd_future}
    values["backward_past"] = bwd_past
    return Measure(
        values,
        msg(
            "Forward half: moved by later words {ff:.4f}, by earlier words {fp:.4f}. Backward half: moved by "
            "earlier words {bp:.4f}, by later words {bf:.4f}.",
            ff=fwd_future,
            fp=fwd_past,
            bp=bwd_past,
            bf=bwd_future,
        ),
    )


def judge_halves(entries: dict[str, ModelEntry]) -> tuple[Verdict, Msg]:
    measured = {n: e.measure.values for n, e in entries.items() if isinstance(e.measure, Measure)}
    if not measured:
        return Verdict.NOT_SHOWN, msg("needs an ELMo measured on this text")
    crossing = [n for n, v in measured.items() if v["forward_future"] > SEEN or v["backward_past"] > SEEN]
    if crossing:
        return Verdict.CONTRADICTED, msg("a half saw the other side in: {models}", models=", ".join(crossing))
    clean = all(
        v["forward_future"] <= ZERO
        and v["backward_past"] <= ZERO
        and min(v["forward_past"], v["backward_future"]) >= SEEN
        for v in measured.values()
    )
    if not clean:
        return Verdict.NOT_SHOWN, msg("the changes are too small to tell the sides apart on this text")
    return Verdict.SHOWN, msg("each half is blind to one side (at most {zero:.5f}) and sees the other", zero=ZERO)


def mask_texts(text: str) -> list[str] | Msg:
    """Two pieces of the text of different lengths: its first two sentences, or its first sentence
    and that sentence's first half."""
    spans = [text[a:b].strip() for a, b in split_sentences(text)]
    spans = [s for s in spans if s]
    if len(spans) >= 2 and len(spans[0]) != len(spans[1]):
        return spans[:2]
    words, word_spans = split_words(spans[0] if spans else "")
    if len(words) < 2:
        return msg("type at least two words to see this")
    return [spans[0], spans[0][: word_spans[len(words) // 2 - 1][1]]]


def measure_masks(m: ModelInputs) -> Measure | Msg:
    texts = mask_texts(m.analysis.encoding.text)
    if isinstance(texts, Msg):
        return texts
    applied = m.adapter.applied_mask(texts)
    if isinstance(applied, Unavailable):
        return applied.reason
    values = _mask_values(applied)
    return Measure(values, _mask_summary(applied, values))


def _mask_values(applied: AppliedMask) -> dict:
    rows = range(len(applied.texts))
    return {
        "texts": applied.texts,
        "tokens": applied.tokens,
        "future_visible": any(bool(np.triu(applied.real(r), k=1).any()) for r in rows),
        "padding_visible": any(applied.padding_seen(r) for r in rows),
        "visible": [applied.visible[r].astype(int).tolist() for r in rows],
    }


def _mask_summary(applied: AppliedMask, values: dict) -> Msg:
    lengths = [len(t) for t in applied.tokens]
    return msg(
        "A batch of {a} and {b} tokens: a token gave weight to later tokens: {future}; to padding: {padding}.",
        a=lengths[0],
        b=lengths[1],
        future=msg("yes") if values["future_visible"] else msg("no"),
        padding=msg("yes") if values["padding_visible"] else msg("no"),
    )


def judge_masks(entries: dict[str, ModelEntry]) -> tuple[Verdict, Msg]:
    gpt, bert = _split(entries)
    if not gpt and not bert:
        return Verdict.NOT_SHOWN, msg("needs a Transformer measured on this text")
    wrong = [n for n, v in gpt.items() if v["future_visible"] or v["padding_visible"]]
    wrong += [n for n, v in bert.items() if not v["future_visible"] or v["padding_visible"]]
    if wrong:
        return Verdict.CONTRADICTED, msg("masks not as the article says in: {models}", models=", ".join(wrong))
    return Verdict.SHOWN, msg(
        "decoders: zero weight on every later token and on padding; encoders: weight on both sides, zero on padding"
    )
