"""The batched ELMo forward (desktop/core/models/elmo_lstm.py) against allennlp's own modules, and
the adapter's sentence batching against running each sentence, window or text on its own."""

from __future__ import annotations

import functools
import json
import math
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch
from tiny_models import ELMO_FIXTURE

from desktop.core.measure.probes import DIRECTION_BATCH, direction, predict
from desktop.core.models.allennlp_compat import load_elmo_modules
from desktop.core.models.base import ModelAdapter
from desktop.core.models.elmo import BATCH_TOKENS, WINDOW_WORDS, ElmoAdapter, softmax_files
from desktop.core.models.elmo_batch import token_batches
from desktop.core.models.elmo_hdf5 import ORIGINAL_OPTIONS
from desktop.core.models.elmo_lstm import BatchedElmoLstm
from desktop.core.models.packed import packing_works
from desktop.core.text.windowing import plan_windows, run_in_windows
from desktop.core.text.words import split_words

TOLERANCE = 1e-5  # max abs difference to allennlp, every layer
SAME = 5e-6  # the same computation in another batch: a few float32 steps apart (rows summed in another order)


@pytest.fixture(scope="module")
def allennlp():
    return load_elmo_modules()


@pytest.fixture(scope="module")
def elmo() -> ElmoAdapter:
    return ElmoAdapter("fixture", ELMO_FIXTURE / "options.json", ELMO_FIXTURE / "lm_weights.hdf5")


@pytest.fixture(scope="module")
def oracle(allennlp) -> torch.nn.Module:
    """allennlp's ``_ElmoBiLm`` loaded its own way (its LSTM cells initialised at random first)."""
    return allennlp.ElmoBiLm(str(ELMO_FIXTURE / "options.json"), str(ELMO_FIXTURE / "lm_weights.hdf5")).eval()


@pytest.fixture(scope="module")
def sentences() -> list[list[str]]:
    return json.loads((ELMO_FIXTURE / "sentences.json").read_text(encoding="utf-8"))


def test_loading_without_random_init_reads_every_weight_from_the_file(elmo: ElmoAdapter, oracle) -> None:
    ours, theirs = elmo.bilm.state_dict(), oracle.state_dict()
    assert ours.keys() == theirs.keys()
    assert all(torch.equal(ours[k], theirs[k]) for k in theirs)


def test_every_layer_equals_allennlp_on_the_reference_fixture(allennlp, oracle, elmo: ElmoAdapter, sentences) -> None:
    """Ten sentences of different lengths in one padded batch, against a separately loaded ``_ElmoBiLm``."""
    batch = [s.split() for s in sentences[1]]
    assert len({len(words) for words in batch}) >= 5
    char_ids = allennlp.batch_to_ids(batch)
    with torch.inference_mode():
        expected = oracle(char_ids)
        got, _ = elmo.fast(char_ids)
    assert got.shape[0] == len(expected["activations"]) == 3
    for k, layer in enumerate(expected["activations"]):
        assert (got[k] - layer).abs().max() <= TOLERANCE, f"layer {k}"
    assert not got[:, ~expected["mask"]].any(), "padding stays zero"
    assert all(elmo.fast.lstm.packed) == packing_works(), "the adapter runs on prepacked weights where it can"


def _full_size_lstm(allennlp) -> torch.nn.Module:
    """allennlp's ``ElmoLstm`` at the original size (4096 cells, projection 512, 2 layers, clips 3), with
    random weights strong enough that both clips act (allennlp's own initialisation takes 40 s here)."""
    from allennlp.modules.elmo_lstm import ElmoLstm
    from allennlp.modules.lstm_cell_with_projection import LstmCellWithProjection

    size = ORIGINAL_OPTIONS["lstm"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LstmCellWithProjection, "reset_parameters", lambda self: None)
        lstm = ElmoLstm(
            size["projection_dim"], size["projection_dim"], size["dim"], size["n_layers"],
            memory_cell_clip_value=size["cell_clip"], state_projection_clip_value=size["proj_clip"],
        ).eval()  # fmt: skip
    scale = {"input_linearity": 0.5, "state_linearity": 0.2, "state_projection": 4.0}
    generator = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for name, p in lstm.named_parameters():
            gain = next(v for k, v in scale.items() if k in name)
            if p.dim() == 2:
                p.copy_(torch.randn(p.shape, generator=generator) * gain / math.sqrt(p.shape[1]))
            else:  # the bias, with the forget gate held open so that memory grows past its clip
                p.copy_(torch.randn(p.shape, generator=generator))
                p[size["dim"] : 2 * size["dim"]] += 3.0
    return lstm


@pytest.mark.parametrize("pack_weights", [False, True], ids=["bmm", "prepacked"])
def test_full_size_random_weights_equal_allennlp(allennlp, pack_weights: bool) -> None:
    if pack_weights and not packing_works():
        pytest.skip("this torch cannot prepack weights for oneDNN")
    lstm = _full_size_lstm(allennlp)
    lengths = torch.tensor([6, 9, 2])
    mask = torch.arange(9).unsqueeze(0) < lengths.unsqueeze(1)
    inputs = torch.randn(3, 9, 512, generator=torch.Generator().manual_seed(1)) * mask.unsqueeze(-1)
    weight = lstm.backward_layers[1].state_projection.weight
    before = weight.detach().clone()
    with torch.inference_mode():
        expected = lstm(inputs, mask)
        hidden, memory = lstm._states
        fast = BatchedElmoLstm.from_allennlp(lstm, pack_weights)
        assert all(fast.packed) == pack_weights
        got, (got_hidden, got_memory) = fast(inputs, lengths)
        alone, _ = fast(inputs[1:2], lengths[1:2])  # one row takes the matrix-vector path
    for k in range(2):
        assert (got[k] - expected[k]).abs().max() <= TOLERANCE, f"LSTM layer {k + 1}"
        assert (alone[k, 0] - expected[k, 1]).abs().max() <= TOLERANCE, f"LSTM layer {k + 1}, one row"
    assert (got_hidden - hidden).abs().max() <= TOLERANCE and (got_memory - memory).abs().max() <= TOLERANCE
    assert (got_memory.abs() == 3).any() and (got[0].abs() == 3).any(), "both clips are exercised"
    assert not got[:, ~mask].any(), "padding stays zero"
    # allennlp's parameters are now views of the stacked tensors, with the values they had: held once
    assert weight.untyped_storage().data_ptr() == fast.layers[1].projection.untyped_storage().data_ptr()
    assert torch.equal(weight, before)


def test_float64_equals_allennlp_where_float32_rounding_grows(allennlp, tmp_path: Path, sentences) -> None:
    """Large random weights make the LSTM chaotic: in float32 allennlp then differs from itself by more
    than 1e-3 between a sentence alone and in a batch. In float64 the two forwards agree to 1e-9."""
    from desktop.core.models.elmo_hdf5 import random_elmo_tensors, write_elmo_files
    from desktop.core.models.elmo_lstm import FastBiLm

    options = json.loads((ELMO_FIXTURE / "options.json").read_text(encoding="utf-8"))
    paths = write_elmo_files(tmp_path, options, random_elmo_tensors(options, scale=0.5))
    bilm = allennlp.ElmoBiLm(str(paths[0]), str(paths[1])).eval()
    batch = [s.split() for s in sentences[0][:3]]
    char_ids = allennlp.batch_to_ids(batch)
    with torch.inference_mode():
        in_batch = bilm(char_ids)["activations"][-1][0]
        bilm._elmo_lstm.reset_states()
        alone = bilm(char_ids[:1, : len(batch[0]) + 2])["activations"][-1][0]
        assert (in_batch - alone).abs().max() > 1e-3, "float32 rounding grows on these weights"
        bilm.double()._elmo_lstm.reset_states()
        expected = bilm(char_ids)["activations"]
        got, _ = FastBiLm(bilm)(char_ids)
    assert got.dtype == torch.float64
    for k, layer in enumerate(expected):
        assert (got[k] - layer).abs().max() <= 1e-9, f"layer {k}"


def test_padding_changes_nothing(elmo: ElmoAdapter, sentences) -> None:
    batch = [s.split() for s in sentences[2][:6]]
    together = elmo.run_words(batch)
    for words, layers in zip(batch, together, strict=True):
        assert np.abs(layers - elmo.run_words([words])[0]).max() <= SAME


def test_a_text_runs_sentence_by_sentence(elmo: ElmoAdapter) -> None:
    pieces = ["The river bank was muddy.", "I deposited cash at the bank!", "我们在河岸边野餐。", "It closed"]
    enc = elmo.encode(" ".join(pieces[:2]) + "\n" + "".join(pieces[2:]))
    alone = np.concatenate([elmo.run_words([split_words(p)[0]])[0] for p in pieces], axis=1)
    assert enc.layers.shape == alone.shape
    assert np.abs(enc.layers - alone).max() <= SAME
    assert not enc.windowed and any("4 sentences" in n.english() for n in enc.notes)


def test_a_long_sentence_is_windowed_as_before(elmo: ElmoAdapter) -> None:
    """One sentence longer than the window: the same stitching of the same windows as one run each."""
    words = ("the river bank was wide and the bank held money " * 60).split()
    enc = elmo.encode(" ".join(words))
    before, windows = run_in_windows(len(words), WINDOW_WORDS, lambda w: elmo.run_words([words[w.start : w.end]])[0])
    assert enc.windows == windows == plan_windows(len(words), WINDOW_WORDS) and len(windows) > 2
    assert np.abs(enc.layers - before).max() <= SAME


def test_encode_many_runs_each_distinct_sentence_once(elmo: ElmoAdapter, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["The bank was closed. We walked home.", "The bank was open. We walked home.", "We walked home."]
    rows: list[int] = []
    forward = elmo._forward
    monkeypatch.setattr(elmo, "_forward", lambda batch, state=None: (rows.append(len(batch)), forward(batch, state))[1])
    many = elmo.encode_many(texts)
    assert sum(rows) == 3, "'We walked home.' runs once for the three texts"
    monkeypatch.undo()
    for text, enc in zip(texts, many, strict=True):
        one = elmo.encode(text)
        assert enc.words == one.words and np.abs(enc.layers - one.layers).max() <= SAME


def test_batches_keep_to_the_token_budget() -> None:
    lengths = [5, 300, 40, 40, 41, 7, 258, 12, 3]
    batches = token_batches(lengths, BATCH_TOKENS)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert all(len(b) * max(lengths[i] for i in b) <= BATCH_TOKENS for b in batches)
    assert len(batches) < len(lengths)


def test_direction_probe_batched_gives_the_numbers_of_one_text_at_a_time(elmo: ElmoAdapter, monkeypatch) -> None:
    text = "The animal didn't cross the street. It was too tired, and the river bank was far away."
    calls: list[int] = []
    batched_encode = elmo._encode_texts
    monkeypatch.setattr(elmo, "_encode_texts", lambda texts: (calls.append(len(texts)), batched_encode(texts))[1])
    batched = direction(elmo, text)
    n = len(batched.words)
    assert calls[1:] == [min(DIRECTION_BATCH, n - i) for i in range(0, n, DIRECTION_BATCH)]
    monkeypatch.setattr(elmo, "encode_many", functools.partial(ModelAdapter.encode_many, elmo))
    looped = direction(elmo, text)
    assert batched.replacements == looped.replacements
    for a, b in zip(batched.layers, looped.layers, strict=True):
        assert a.parts().keys() == b.parts().keys()
        for part, matrix in a.parts().items():
            np.testing.assert_allclose(matrix, b.parts()[part], rtol=0, atol=SAME, equal_nan=True, err_msg=part)


def _with_softmax(folder: Path) -> ElmoAdapter:
    weights = folder / "lm_weights.hdf5"
    shutil.copy(ELMO_FIXTURE / "lm_weights.hdf5", weights)
    shutil.copy(ELMO_FIXTURE / "options.json", folder / "options.json")
    vocab = ["<S>", "</S>", "<UNK>", "the", "river", "bank", "money", "was", "wide", "."]
    tensors_path, vocab_path = softmax_files(weights)
    rng = np.random.default_rng(0)
    tensors = {"weight": rng.standard_normal((len(vocab), 16)), "bias": rng.standard_normal(len(vocab))}
    from safetensors.numpy import save_file

    save_file({k: v.astype(np.float32) for k, v in tensors.items()}, str(tensors_path))
    vocab_path.write_text("\n".join(vocab) + "\n", encoding="utf-8")
    return ElmoAdapter("with-softmax", folder / "options.json", weights)


def test_word_prediction_reads_the_word_in_its_own_sentence(tmp_path: Path) -> None:
    """The forward guess for word j is the softmax of the vector ``encode`` gives word j - 1 in its sentence."""
    elmo = _with_softmax(tmp_path)
    text = "The money was wide. the river bank was wide."
    j = split_words(text)[0].index("bank")
    second = text[text.index("the river") :]
    in_text, alone = predict(elmo, text, j, k=3), predict(elmo, second, split_words(second)[0].index("bank"), k=3)
    assert [g.prediction for g in in_text.guesses] == [g.prediction for g in alone.guesses]
    weight, bias, vocab = elmo.softmax
    top = torch.from_numpy(elmo.encode(text).layers[2, j - 1, :16])
    probs = torch.softmax(top @ weight.T + bias, -1)
    forward = in_text.guesses[0].prediction
    np.testing.assert_allclose(forward.probs, [float(probs[vocab.index(w)]) for w in forward.tokens], atol=1e-6)


def test_the_char_cnn_runs_once_per_distinct_token_with_allennlps_values(allennlp, elmo: ElmoAdapter) -> None:
    from desktop.core.models.elmo_chars import TokenVectors

    batch = [["the", "bank", "the", "bank", "."], ["the", "river", "."], ["银行", "the"]]
    char_ids = allennlp.batch_to_ids(batch)
    vectors, calls = TokenVectors(elmo.fast.token_embedder, capacity=7), []
    hook = elmo.fast.token_embedder.register_forward_hook(lambda _m, args, _out: calls.append(args[0].shape[1]))
    try:
        with torch.inference_mode():
            expected = elmo.fast.token_embedder(char_ids)
            mask, tokens = vectors(char_ids)
            again = vectors(allennlp.batch_to_ids([["the", "muddy", "river"]]))[1]
    finally:
        hook.remove()
    assert calls[1:] == [5, 1], "the, bank, ., river, 银行: each once; then only muddy"
    assert torch.equal(mask, expected["mask"])
    assert (tokens[mask] - expected["token_embedding"][mask]).abs().max() <= SAME
    assert not tokens[~mask].any(), "padding is zero"
    assert torch.equal(again[0, [0, 1, 3, 4]], tokens[1, [0, 1, 2, 4]]), "kept vectors come back exactly"
    assert len(vectors._kept) == 7, "the least recently used token made room"
    dot, the = (allennlp.batch_to_ids([[w]])[0, 0].numpy().astype("int16").tobytes() for w in (".", "the"))
    assert dot not in vectors._kept and the in vectors._kept, "'.', unused since, made room; 'the' stays"
