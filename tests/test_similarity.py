"""Similarity without n x n: the blockwise top pairs, the sentence pooling and the sampled
agreement give what the whole matrices would, at a cost that does not grow with n squared."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from desktop.core.measure.similarity import (
    cosine_matrix,
    model_agreement,
    sentence_vectors,
    spread_sample,
    top_pairs,
    word_vectors,
)


def _all_pairs(vectors: np.ndarray, labels: list[str], k: int) -> list[tuple[str, str, float]]:
    """The reference: every pair of the full matrix, sorted."""
    sims = cosine_matrix(vectors)
    rows, cols = np.triu_indices(len(labels), k=1)
    order = np.argsort(-sims[rows, cols], kind="stable")
    pairs = [(int(rows[i]), int(cols[i])) for i in order if labels[rows[i]] != labels[cols[i]]]
    return [(labels[i], labels[j], float(sims[i, j])) for i, j in pairs[:k]]


@pytest.mark.parametrize(("n", "block"), [(2, 256), (37, 5), (300, 64), (300, 300)])
def test_top_pairs_by_blocks_equal_the_full_matrix(n: int, block: int) -> None:
    rng = np.random.default_rng(n)
    vectors = rng.standard_normal((n, 8)).astype(np.float32)
    vectors[n // 2] = vectors[0] * 3  # a perfect pair...
    labels = [f"w{i % 11}" for i in range(n)]
    labels[n // 2] = labels[0] if n > 2 else "other"  # ...that says nothing when the labels match
    got = top_pairs(vectors, labels, k=6, block=block)
    want = _all_pairs(vectors, labels, k=6)
    assert [(a, b) for a, b, _ in got] == [(a, b) for a, b, _ in want]
    assert np.allclose([s for *_, s in got], [s for *_, s in want], atol=1e-5)


@pytest.mark.parametrize("block", [1, 7, 64, 500])
def test_top_pairs_break_ties_in_row_order_across_blocks(block: int) -> None:
    """Each row a scaled axis of 3-D space: every pair's cosine is exactly 1, 0 or -1, so which
    of the many equal pairs are kept is decided by row order alone, in every block as in the
    full matrix."""
    rng = np.random.default_rng(block)
    vectors = np.eye(3, dtype=np.float32)[rng.integers(0, 3, 400)] * rng.choice([-2.0, 1.0, 3.0], (400, 1))
    labels = [f"w{i}" for i in rng.integers(0, 150, 400)]
    got = top_pairs(vectors, labels, k=7, block=block)
    want = _all_pairs(vectors, labels, k=7)
    assert [(a, b) for a, b, _ in got] == [(a, b) for a, b, _ in want]


def test_top_pairs_never_builds_the_whole_matrix() -> None:
    n = 3000  # the full float32 matrix would be 36 MB; a block of 128 rows and its indices, 6 MB
    vectors = np.random.default_rng(0).standard_normal((n, 16)).astype(np.float32)
    tracemalloc.start()  # numpy reports its buffers to tracemalloc
    try:
        pairs = top_pairs(vectors, [str(i) for i in range(n)], k=3, block=128)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(pairs) == 3 and peak < n * n * 4 / 4


def test_top_pairs_with_one_label_everywhere_is_empty() -> None:
    assert top_pairs(np.ones((5, 3), dtype=np.float32), ["a"] * 5) == []


def test_sentence_vectors_pool_the_words_that_start_inside(adapters: dict) -> None:
    text = "One bank here. Two banks there! And a third, longer sentence about the river bank."
    enc = adapters["encoder"].encode(text)
    words = word_vectors(enc, -1)
    spans, got = sentence_vectors(enc, words)
    assert len(spans) == 3
    starts = np.array([s for s, _ in enc.word_spans])
    for (s, e), row in zip(spans, got, strict=True):
        assert np.allclose(row, words[(starts >= s) & (starts < e)].mean(axis=0))


def test_spread_sample_covers_the_text_without_repeats() -> None:
    assert spread_sample(10, 400).tolist() == list(range(10))
    sample = spread_sample(100_003, 400)
    assert len(sample) == len(set(sample.tolist())) == 400
    assert sample[0] == 0 and sample[-1] == 100_002


def test_agreement_of_a_long_text_is_on_a_stated_sample(adapters: dict) -> None:
    text = " ".join(f"the bank {i} by the river" for i in range(60))
    encodings = [adapters[f].encode(text) for f in ("encoder", "decoder", "elmo")]
    full, every = model_agreement(encodings)
    sampled, sample = model_agreement(encodings, max_words=50)
    assert len(every) == len(encodings[0].words) and len(sample) == 50
    assert full.shape == sampled.shape == (3, 3) and np.allclose(np.diag(sampled), 1.0)
    by_hand = [cosine_matrix(word_vectors(e, -1)[sample]) for e in encodings]
    rows, cols = np.triu_indices(50, k=1)
    assert np.isclose(sampled[0, 1], np.corrcoef(by_hand[0][rows, cols], by_hand[1][rows, cols])[0, 1], atol=1e-5)


def test_cross_results_reuse_the_words_and_state_the_agreement_sample(adapters: dict, monkeypatch) -> None:
    import desktop.core.cross as cross
    from desktop.core.analysis import analyse

    text = " ".join(f"Bank {i} stood by the river." for i in range(70))  # 490 words and stops
    analyses = {f: analyse(adapters[f], text) for f in ("encoder", "elmo")}
    monkeypatch.setattr(cross, "split_words", lambda _text: pytest.fail("split the text again"))
    result = cross.cross_results(text, analyses)
    assert result.words == analyses["encoder"].encoding.words[:200] and result.agreement.shape == (2, 2)
    (note,) = result.notes
    assert (
        note.english()
        == f"agreement compares 400 of {len(analyses['elmo'].encoding.words)} words, spread evenly over the text"
    )
