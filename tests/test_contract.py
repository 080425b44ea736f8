"""Properties of the result contract, measured on real outputs of the three tiny models."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.core.encoding import Family, MaskKind

TEXTS = [
    "I deposited cash at the bank. We had a picnic on the river bank.",
    "我在银行存钱。我们在河岸边野餐。",
    "Emoji 😀 and שלום עולם, a literal [MASK] and <|endoftext|> too.",
]
FAMILIES = ["encoder", "decoder", "elmo"]


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("text", TEXTS)
def test_spans_index_back_into_the_text(adapters: dict, family: str, text: str) -> None:
    enc = adapters[family].encode(text)
    assert enc.tokens
    for token, (start, end) in zip(enc.tokens, enc.spans, strict=True):
        assert 0 <= start < end <= len(text)
        piece = text[start:end]
        if family == "elmo":
            assert piece == token
        elif family == "encoder" and token not in ("[UNK]",):
            assert piece.lower() == token.removeprefix("##").lower()
    if family == "decoder":  # byte-level BPE loses nothing: the spans tile the whole text
        covered = set()
        for start, end in enc.spans:
            covered.update(range(start, end))
        assert covered == set(range(len(text)))


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("text", TEXTS)
def test_word_alignment_covers_every_word(adapters: dict, family: str, text: str) -> None:
    enc = adapters[family].encode(text)
    assert enc.uncovered_words() == []
    for t, w in enumerate(enc.word_ids):
        if w is not None:
            ws, we = enc.word_spans[w]
            ts, te = enc.spans[t]
            assert ts < we and ws < te, "a token maps to a word it overlaps"


@pytest.mark.parametrize(
    "family, mask", [("encoder", MaskKind.PADDING), ("decoder", MaskKind.LOOK_AHEAD), ("elmo", MaskKind.BILSTM)]
)
def test_layers_are_float32_with_names(adapters: dict, family: str, mask: MaskKind) -> None:
    enc = adapters[family].encode(TEXTS[0])
    assert enc.mask_kind is mask and enc.family is Family(family)
    assert enc.layers.dtype == np.float32 and enc.layers.flags.c_contiguous
    assert enc.layers.shape == (len(enc.layer_names), len(enc.tokens), enc.dim)
    assert enc.parameters > 0
    assert set(enc.timings_ms) == {"tokenize", "forward", "total"}
    assert np.isfinite(enc.layers).all()


def test_elmo_layers_and_halves(adapters: dict) -> None:
    enc = adapters["elmo"].encode(TEXTS[0])
    assert enc.layer_names == ["char-CNN (static)", "LSTM 1", "LSTM 2"]
    half = enc.direction_split
    assert half == 16 and enc.dim == 32
    # the token layer is context-free: its two halves are the same vector
    np.testing.assert_array_equal(enc.layers[0, :, :half], enc.layers[0, :, half:])


@pytest.mark.parametrize("family", FAMILIES)
def test_same_text_gives_the_same_vectors(adapters: dict, family: str) -> None:
    first = adapters[family].encode(TEXTS[0]).layers
    adapters[family].encode("Something else entirely, to leave state behind.")
    np.testing.assert_array_equal(first, adapters[family].encode(TEXTS[0]).layers)


def _prefix_change(adapter, a: str, b: str, n_words: int) -> tuple[np.ndarray, np.ndarray]:
    """Vectors of the first ``n_words`` words' tokens for two texts sharing that prefix."""
    ea, eb = adapter.encode(a), adapter.encode(b)
    ta = [t for t, w in enumerate(ea.word_ids) if w is not None and w < n_words]
    tb = [t for t, w in enumerate(eb.word_ids) if w is not None and w < n_words]
    assert [ea.tokens[t] for t in ta] == [eb.tokens[t] for t in tb]
    return ea.layers[:, ta], eb.layers[:, tb]


PREFIX_A = "The animal didn't cross the street because it was too tired."
PREFIX_B = "The animal didn't cross the street because it was too wide."
SHARED_WORDS = 9  # "The animal didn't cross the street because it was"


def test_gpt_vectors_ignore_later_text(adapters: dict) -> None:
    a, b = _prefix_change(adapters["decoder"], PREFIX_A, PREFIX_B, SHARED_WORDS)
    assert np.abs(a - b).max() <= 1e-5, "look-ahead mask: later words cannot move earlier vectors"


def test_bert_vectors_see_later_text(adapters: dict) -> None:
    a, b = _prefix_change(adapters["encoder"], PREFIX_A, PREFIX_B, SHARED_WORDS)
    assert np.abs(a[0] - b[0]).max() <= 1e-5, "the embedding layer is context-free"
    for layer in range(1, a.shape[0]):
        assert np.abs(a[layer] - b[layer]).max() > 1e-4, f"layer {layer} should see the changed word"


def test_elmo_forward_half_ignores_later_text_backward_half_does_not(adapters: dict) -> None:
    a, b = _prefix_change(adapters["elmo"], PREFIX_A, PREFIX_B, SHARED_WORDS)
    half = 16
    np.testing.assert_array_equal(a[0], b[0])
    for layer in (1, 2):
        assert np.abs(a[layer, :, :half] - b[layer, :, :half]).max() <= 1e-5
        assert np.abs(a[layer, :, half:] - b[layer, :, half:]).max() > 1e-4


def test_long_text_is_windowed_and_said_so(adapters: dict) -> None:
    text = " ".join(["the river bank was wide and the bank held money"] * 20)
    enc = adapters["encoder"].encode(text)
    assert enc.windowed and len(enc.windows) > 1
    assert any("windows" in n.english() for n in enc.notes)
    assert len(enc.tokens) == enc.windows[-1].end > 64
    assert enc.uncovered_words() == []
    # the first tokens sit in the first window only, so they match a run on that window alone
    head = adapters["encoder"].encode(" ".join(text.split()[:20]))
    n = 10
    np.testing.assert_allclose(enc.layers[0, :n], head.layers[0, :n], atol=1e-5)


def test_short_text_is_not_windowed(adapters: dict) -> None:
    enc = adapters["decoder"].encode(TEXTS[0])
    assert not enc.windowed and enc.notes == []


def test_long_text_elmo_is_windowed_and_said_so(adapters: dict) -> None:
    text = " ".join(["the river bank was wide and the bank held money"] * 40)  # one long sentence
    enc = adapters["elmo"].encode(text)
    assert enc.windowed and any("windows" in n.english() for n in enc.notes)
    assert len(enc.tokens) == len(enc.words) == 400


def test_cancel_stops_a_windowed_run_between_windows(adapters: dict) -> None:
    from desktop.core.cancel import Cancelled, CancelToken, cancel_scope

    token = CancelToken()
    token.cancel()
    with cancel_scope(token), pytest.raises(Cancelled):
        adapters["encoder"].encode(" ".join(["the river bank was wide"] * 40))
    with cancel_scope(CancelToken()):  # another request's token is its own
        assert adapters["encoder"].encode(" ".join(["the river bank was wide"] * 40)).windowed


@pytest.mark.parametrize("family", ["encoder", "decoder"])
def test_encode_runs_the_body_alone_with_the_same_layers(adapters: dict, family: str) -> None:
    """The hidden layers come from the model's body: its LM head (a 250,000-word vocabulary in
    multilingual-e5: more work than all its layers) is not run for them, and nothing changes."""
    import torch

    adapter = adapters[family]
    calls: list[int] = []
    hook = adapter.model.get_output_embeddings().register_forward_hook(lambda *_: calls.append(1))
    try:
        enc = adapter.encode(TEXTS[0])
    finally:
        hook.remove()
    assert calls == [] and enc.layers.shape[0] == len(enc.layer_names)
    ids = torch.tensor([adapter.tokenize(TEXTS[0]).window(0, len(enc.tokens))])
    with torch.inference_mode():
        full = torch.stack(adapter.model(input_ids=ids, output_hidden_states=True).hidden_states)[:, 0].numpy()
    prefix = len(adapter.tokenize(TEXTS[0]).prefix)
    np.testing.assert_array_equal(enc.layers, full[:, prefix : prefix + len(enc.tokens)])
