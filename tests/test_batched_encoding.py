"""BERT and GPT encode several texts as padded batches (the corpus build's ``encode_many``): each
text's vectors must be those it gets alone, padding invisible (BERT: the attention mask; GPT: right
padding behind the causal mask), whatever the lengths in one batch."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.core.models import transformer
from desktop.core.models.base import ModelAdapter

TEXTS = [
    "We sat on the bank of the river.",
    "Bank!",
    "I deposited my whole salary at the bank on the corner of the street last Friday morning.",
    "春天公园里开满了花。",
    "A bat flew out.",
    " ".join(["the long river bank"] * 20),  # more tokens than the tiny models' 64 positions: windows
    "He swung the bat and hit the ball.",
]


@pytest.mark.parametrize("family", ["encoder", "decoder"])
@pytest.mark.parametrize("batch_tokens", [transformer.BATCH_TOKENS, 40])
def test_batches_give_the_vectors_of_one_by_one(adapters, family, batch_tokens, monkeypatch) -> None:
    adapter = adapters[family]
    monkeypatch.setattr(transformer, "BATCH_TOKENS", batch_tokens)
    widths: list[list[int]] = []
    forward = adapter._forward
    monkeypatch.setattr(adapter, "_forward", lambda rows: (widths.append([len(r) for r in rows]), forward(rows))[1])
    batched = adapter.encode_many(TEXTS)
    monkeypatch.undo()
    alone = ModelAdapter.encode_many(adapter, TEXTS)
    assert any(len(set(w)) > 1 for w in widths)  # a batch held texts of different lengths: padding ran
    if batch_tokens == 40:
        assert max(len(w) for w in widths) < len(TEXTS) - 1  # the six that fit were cut into several batches
    for one, other in zip(batched, alone, strict=True):
        assert one.tokens == other.tokens and one.words == other.words
        assert one.layers.dtype == np.float32 and one.layers.shape == other.layers.shape
        np.testing.assert_allclose(one.layers, other.layers, rtol=0, atol=1e-5)
        assert [(w.start, w.end) for w in one.windows] == [(w.start, w.end) for w in other.windows]
    assert len(batched[5].windows) > 1 and batched[5].notes  # the long text ran in windows, stitched as alone


def test_batches_are_sorted_by_length_and_bounded() -> None:
    lengths = [5, 30, 6, 29, 7]
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches = transformer._batches(order, lengths)
    assert [i for b in batches for i in b] == order
    assert all(len(b) * max(lengths[i] for i in b) <= transformer.BATCH_TOKENS for b in batches)
    assert transformer._batches(order, [transformer.BATCH_TOKENS] * 5) == [[i] for i in order]
