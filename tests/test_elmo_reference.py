"""ELMo through the project's adapter against allennlp's own reference outputs
(tests/fixtures/elmo, from allennlp's test fixtures; see its NOTICE)."""

from __future__ import annotations

import json

import h5py
import numpy as np
import pytest
from tiny_models import ELMO_FIXTURE

from desktop.core.models.elmo import ElmoAdapter

TOLERANCE = 1e-5


@pytest.fixture(scope="module")
def sentences() -> list[list[str]]:
    return json.loads((ELMO_FIXTURE / "sentences.json").read_text(encoding="utf-8"))


def _reference(list_index: int, sentence: int) -> np.ndarray:
    with h5py.File(ELMO_FIXTURE / f"lm_embeddings_{list_index}.hdf5", "r") as f:
        fwd_bwd = f[str(sentence)][...]
    return np.concatenate([fwd_bwd[0], fwd_bwd[1]], axis=-1)


def test_top_layer_matches_every_token_of_all_30_sentences(sentences: list[list[str]]) -> None:
    """The reference was made statefully: sentence i of each list after sentences 0..i-1, in a
    batch of the three lists. Feeding the same way without resetting must reproduce it."""
    elmo = ElmoAdapter("fixture", ELMO_FIXTURE / "options.json", ELMO_FIXTURE / "lm_weights.hdf5")
    worst = 0.0
    n_tokens = 0
    for i in range(10):
        batch = [sentences[k][i].split() for k in range(3)]
        outputs = elmo.run_words(batch, reset=(i == 0))
        for k in range(3):
            diff = np.abs(outputs[k][2] - _reference(k, i)).max()
            worst = max(worst, float(diff))
            n_tokens += len(batch[k])
    assert n_tokens > 500
    assert worst <= TOLERANCE, f"max abs diff {worst:.2e}"


def test_runs_reset_state_so_first_sentences_match_alone(sentences: list[list[str]]) -> None:
    """By default every run starts from a clean LSTM state, whatever ran before."""
    elmo = ElmoAdapter("fixture", ELMO_FIXTURE / "options.json", ELMO_FIXTURE / "lm_weights.hdf5")
    elmo.encode("warm the state up with something else first")
    for k in range(3):
        (layers,) = elmo.run_words([sentences[k][0].split()])
        assert np.abs(layers[2] - _reference(k, 0)).max() <= TOLERANCE


def test_writer_round_trips_the_reference_weights(tmp_path) -> None:
    """Writing allennlp's fixture tensors in our layout gives a file allennlp reads identically."""
    from desktop.core.models.elmo_hdf5 import elmo_shapes, write_elmo_files

    options = json.loads((ELMO_FIXTURE / "options.json").read_text(encoding="utf-8"))
    with h5py.File(ELMO_FIXTURE / "lm_weights.hdf5", "r") as f:
        tensors = {name: f[name][...] for name in elmo_shapes(options)}
    opts_path, weights_path = write_elmo_files(tmp_path, options, tensors)
    ours = ElmoAdapter("written", opts_path, weights_path)
    theirs = ElmoAdapter("fixture", ELMO_FIXTURE / "options.json", ELMO_FIXTURE / "lm_weights.hdf5")
    text = "The river bank was wide ."
    np.testing.assert_array_equal(ours.encode(text).layers, theirs.encode(text).layers)


def test_random_elmo_of_another_size_loads(tmp_path) -> None:
    from desktop.core.models.elmo_hdf5 import random_elmo_tensors, write_elmo_files

    options = json.loads((ELMO_FIXTURE / "options.json").read_text(encoding="utf-8"))
    options["lstm"].update(dim=48, projection_dim=8)
    options["char_cnn"]["filters"] = [[1, 8], [2, 8], [3, 16]]
    elmo = ElmoAdapter("random", *write_elmo_files(tmp_path, options, random_elmo_tensors(options)))
    enc = elmo.encode("a tiny random ELMo in the official layout")
    assert enc.layers.shape == (3, 8, 16) and enc.direction_split == 8
