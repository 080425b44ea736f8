from __future__ import annotations

import numpy as np

from desktop.core.analysis import MAX_SHOWN, analyse
from desktop.core.models.base import Continuation, NextSentence, SlotPrediction, Unavailable


def test_analysis_shapes_for_each_family(adapters: dict) -> None:
    text = "I deposited cash at the bank. We had a picnic on the river bank."
    for family, adapter in adapters.items():
        a = analyse(adapter, text)
        n_layers = len(a.encoding.layer_names)
        assert a.token_sims.shape == (n_layers, len(a.encoding.tokens), len(a.encoding.tokens))
        assert a.word_sims.shape == (n_layers, 16, 16)
        assert a.sentence_sims.shape == (n_layers, 2, 2) and len(a.sentence_spans) == 2
        assert np.allclose(np.diagonal(a.token_sims, axis1=1, axis2=2), 1.0)
        assert (a.halves is not None) == (family == "elmo")
    gpt, bert, elmo = (analyse(adapters[f], text).own for f in ("decoder", "encoder", "elmo"))
    assert isinstance(gpt.continuation, Continuation) and isinstance(gpt.next_sentence, Unavailable)
    assert isinstance(bert.next_sentence, NextSentence) and 0 < bert.next_sentence.probability < 1
    assert isinstance(bert.continuation, Unavailable) and "left-to-right" in bert.continuation.reason.english()
    assert gpt.slot is None and bert.slot is None and "no softmax" in elmo.slot.reason.english()


def test_heatmaps_are_capped_and_say_so(adapters: dict) -> None:
    a = analyse(adapters["decoder"], " ".join(["bank"] * 300))
    assert a.shown_tokens == MAX_SHOWN and a.notes


def test_slot_masks_the_clicked_word_even_after_a_typed_mask(adapters: dict) -> None:
    text = "a [MASK] here and the river bank"
    start = text.index("bank")
    out = adapters["encoder"].predict_slot(text, (start, start + 4), k=3)
    assert isinstance(out, SlotPrediction) and out.word == "bank"
    (guess,) = out.guesses
    assert guess.context.english() == "both sides" and len(guess.prediction.tokens) == 3


def test_each_family_fills_a_slot_from_the_context_it_may_use(adapters: dict) -> None:
    text = "I deposited cash at the bank today"
    span = (text.index("bank"), text.index("bank") + 4)
    contexts = {
        family: [g.context.english() for g in adapters[family].predict_slot(text, span).guesses]
        for family in ("encoder", "decoder")
    }
    assert contexts == {"encoder": ["both sides"], "decoder": ["left only"]}  # ELMo: tests/test_probes.py
    first = adapters["decoder"].predict_slot(text, (0, 1))
    assert isinstance(first, Unavailable) and "left of the slot" in first.reason.english()
