from __future__ import annotations

import numpy as np

from desktop.core.analysis import MAX_SHOWN, analyse, fill_word


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
    assert "next_token" in analyse(adapters["decoder"], text).probes
    assert 0 < analyse(adapters["encoder"], text).probes["next_sentence"]["probability"] < 1


def test_heatmaps_are_capped_and_say_so(adapters: dict) -> None:
    a = analyse(adapters["decoder"], " ".join(["bank"] * 300))
    assert a.shown_tokens == MAX_SHOWN and a.notes


def test_fill_word_masks_the_clicked_word_even_after_a_typed_mask(adapters: dict) -> None:
    text = "a [MASK] here and the river bank"
    start = text.index("bank")
    out = fill_word(adapters["encoder"], text, (start, start + 4), k=3)
    assert out["word"] == "bank" and len(out["tokens"]) == 3
