"""The probes' mathematical properties on the tiny models."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.core.measure.probes import (
    cka,
    direction,
    find_repeated_word,
    gram_cka,
    linear_cka,
    nsp,
    pairwise_cka,
    polysemy,
    predict,
    repeated_words,
    to_jsonable,
)
from desktop.core.models.base import InputError, Unavailable

TEXT = "The animal didn't cross the street because it was too tired."
POLYSEMY = "I deposited cash at the bank. We had a picnic on the river bank."
ZERO = 1e-5


def _upper(m: np.ndarray) -> np.ndarray:
    return m[np.triu_indices_from(m, k=1)]


def _lower(m: np.ndarray) -> np.ndarray:
    return m[np.tril_indices_from(m, k=-1)]


def test_gpt_direction_is_exactly_zero_above_the_diagonal(adapters: dict) -> None:
    result = direction(adapters["decoder"], TEXT)
    for layer in result.layers:
        assert np.nanmax(_upper(layer.matrix)) <= ZERO, layer.name
    assert np.nanmin(_lower(result.layers[-1].matrix)) > 1e-4
    assert np.isnan(np.diag(result.layers[0].matrix)).all()


def test_bert_direction_is_full_from_the_first_transformer_layer(adapters: dict) -> None:
    result = direction(adapters["encoder"], TEXT)
    embeddings = result.layers[0].matrix  # no context at all: only position shifts move it
    assert np.nanmax(_upper(embeddings)) <= ZERO
    kept = [j for j, shifted in enumerate(result.position_shift) if not shifted]
    assert kept and np.nanmax(embeddings[:, kept]) <= ZERO
    assert any(result.position_shift), "didn't -> table changes the token count in this vocabulary"
    for layer in result.layers[1:]:
        off = np.concatenate([_upper(layer.matrix), _lower(layer.matrix)])
        assert np.nanmin(off) > 1e-4, layer.name


def test_elmo_halves_are_triangular_and_their_concatenation_full(adapters: dict) -> None:
    result = direction(adapters["elmo"], TEXT)
    assert np.nanmax(result.layers[0].matrix) <= ZERO and result.layers[0].forward is None
    for layer in result.layers[1:]:
        assert np.nanmax(_upper(layer.forward)) <= ZERO  # forward LSTM: earlier words ignore later ones
        assert np.nanmin(_lower(layer.forward)) > 1e-6
        assert np.nanmax(_lower(layer.backward)) <= ZERO  # backward LSTM: later words ignore earlier ones
        assert np.nanmin(_upper(layer.backward)) > 1e-6
        assert np.nanmin(np.concatenate([_upper(layer.matrix), _lower(layer.matrix)])) > 1e-6


def test_direction_json_shape(adapters: dict) -> None:
    data = to_jsonable(direction(adapters["elmo"], "the river bank"))
    assert data["words"] == ["the", "river", "bank"]
    assert data["layers"][1]["name"] == "LSTM 1" and len(data["layers"][1]["forward"]) == 3
    assert data["layers"][0]["matrix"][0][0] is None  # NaN -> null


def test_repeated_word_found_in_english_and_chinese() -> None:
    assert find_repeated_word(POLYSEMY) == "bank"
    assert find_repeated_word("我在银行存钱。他在银行工作。") == "银行"  # a word, not a character
    assert find_repeated_word("我在银行存钱。我们在河边。") == "在"  # 我 and 我们 are different words
    assert find_repeated_word("no repeats here") is None
    assert repeated_words(POLYSEMY) == ["bank", "the"]


@pytest.mark.parametrize("family", ["encoder", "decoder", "elmo"])
def test_polysemy_static_baseline_is_identical_across_uses(adapters: dict, family: str) -> None:
    result = polysemy(adapters[family], POLYSEMY)
    assert result.word == "bank" and len(result.occurrences) == 2
    assert result.occurrences[1]["sentence"] == "We had a picnic on the river bank."
    static = result.layer_names.index(result.static_layers[0])
    np.testing.assert_allclose(result.matrices[static], 1.0, atol=1e-5)
    assert result.matrices[-1][0, 1] < 1.0 - 1e-4, "the top layer is contextual"


def test_polysemy_with_no_repeat_is_an_input_error(adapters: dict) -> None:
    with pytest.raises(InputError):
        polysemy(adapters["elmo"], "nothing repeats")


def test_cka_with_itself_is_one_and_rotation_invariant() -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((30, 8))
    q, _ = np.linalg.qr(rng.standard_normal((8, 8)))
    assert linear_cka(x, x) == pytest.approx(1.0)
    assert linear_cka(x, x @ q) == pytest.approx(1.0)
    assert linear_cka(x, 3.0 * x) == pytest.approx(1.0)
    assert linear_cka(x, rng.standard_normal((30, 5))) < 0.9


def test_cka_through_gram_matrices_equals_it_pair_by_pair() -> None:
    """Short texts take the Gram-matrix route; it must give every pair's linear CKA, a rotated copy,
    a representation of another width and one with no variance (NaN, as pair by pair) included."""
    rng = np.random.default_rng(1)
    reps = [rng.standard_normal((12, d)) for d in (8, 16, 16, 40)]
    reps.append(reps[1] @ np.linalg.qr(rng.standard_normal((16, 16)))[0])
    reps.append(np.ones((12, 8)))
    expected = pairwise_cka(reps)
    np.testing.assert_allclose(gram_cka(reps), expected, rtol=1e-5, atol=1e-6)
    assert gram_cka(reps)[1, 4] == pytest.approx(1.0, abs=1e-5) and np.isnan(expected[0, 5])


def test_cka_across_models(adapters: dict) -> None:
    encs = [adapters[f].encode(POLYSEMY) for f in ("encoder", "decoder", "elmo")]
    result = cka(encs)
    assert len(result.labels) == 3 + 3 + 3
    assert [label.english() for label in result.row_labels()] == result.labels  # the window's, translated
    np.testing.assert_allclose(np.diag(result.matrix), 1.0)
    assert np.allclose(result.matrix, result.matrix.T)
    assert ((result.matrix >= -1e-6) & (result.matrix <= 1 + 1e-6)).all()


def test_predict_each_family(adapters: dict) -> None:
    bank = 5
    assert predict(adapters["encoder"], POLYSEMY, bank).guesses[0].context.english() == "both sides"
    assert predict(adapters["decoder"], POLYSEMY, bank).guesses[0].context.english() == "left only"
    assert predict(adapters["elmo"], POLYSEMY, bank).reason.english() == "this checkpoint has no softmax"
    assert isinstance(predict(adapters["decoder"], POLYSEMY, 0), Unavailable)


def test_nsp_only_where_the_head_is(adapters: dict) -> None:
    assert 0 < nsp(adapters["encoder"], "I went to the bank. It was closed.").probability < 1
    assert "no next-sentence head" in nsp(adapters["decoder"], "I went to the bank. It was closed.").reason.english()


def test_elmo_with_a_softmax_predicts_each_direction_from_its_own_side(tmp_path) -> None:
    import shutil

    from safetensors.numpy import save_file
    from tiny_models import ELMO_FIXTURE

    from desktop.core.models.elmo import ElmoAdapter, softmax_files

    weights = tmp_path / "lm_weights.hdf5"
    shutil.copy(ELMO_FIXTURE / "lm_weights.hdf5", weights)
    shutil.copy(ELMO_FIXTURE / "options.json", tmp_path / "options.json")
    vocab = ["<S>", "</S>", "<UNK>", "the", "river", "bank", "money", "was", "wide"]
    rng = np.random.default_rng(0)
    tensors_path, vocab_path = softmax_files(weights)
    save_file(
        {
            "weight": rng.standard_normal((len(vocab), 16)).astype(np.float32),
            "bias": np.zeros(len(vocab), dtype=np.float32),
        },
        str(tensors_path),
    )
    vocab_path.write_text("\n".join(vocab) + "\n", encoding="utf-8")
    elmo = ElmoAdapter("with-softmax", tmp_path / "options.json", weights)
    a = predict(elmo, "the river bank was wide", 2, k=3)
    b = predict(elmo, "the river bank held money", 2, k=3)  # other words after the slot
    c = predict(elmo, "a muddy bank was wide", 2, k=3)  # other words before it
    (a_fwd, a_bwd), (b_fwd, b_bwd), (c_fwd, c_bwd) = (x.guesses for x in (a, b, c))
    assert a_fwd.context.english().startswith("left only") and a_bwd.context.english().startswith("right only")
    assert a_fwd == b_fwd and a_bwd != b_bwd
    assert a_bwd == c_bwd and a_fwd != c_fwd
    assert set(a_fwd.prediction.tokens) <= set(vocab)
