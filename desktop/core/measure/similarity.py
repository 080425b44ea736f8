"""Cosine similarity of tokens, words and sentences, and word-aligned comparison across models.

Pooling: a word's vector is the mean of the vectors of the tokens that overlap it; a sentence's
vector is the mean of its words' vectors (so a word cut into many pieces does not weigh more
than a whole word). Everything reads only the ``Encoding`` contract.

No ``n x n`` matrix over a whole long text is built here: ``cosine_matrix`` gets rows its caller
has capped, ``top_pairs`` goes a block of rows at a time, the agreement compares a sample of words.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from desktop.core.encoding import Encoding
from desktop.core.text.words import split_sentences


def cosine_matrix(vectors: np.ndarray) -> np.ndarray:
    """``[n, n]`` cosine similarities; a zero vector is 0-similar to everything but itself."""
    v = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    unit = np.divide(v, norms, out=np.zeros_like(v), where=norms > 0)
    sim = np.clip(unit @ unit.T, -1.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    return np.ascontiguousarray(sim, dtype=np.float32)


def layer_index(enc: Encoding, layer: int | str) -> int:
    """A layer by index (negative counts from the top) or by name."""
    if isinstance(layer, str):
        return enc.layer_names.index(layer)
    n = len(enc.layer_names)
    if not -n <= layer < n:
        raise IndexError(f"{enc.model_name} has {n} layers, asked for {layer}")
    return layer % n


def layer_at_depth(enc: Encoding, fraction: float) -> int:
    """The layer at a relative depth (0 = input embeddings, 1 = top), for comparing models
    whose layer counts differ."""
    return round(min(max(fraction, 0.0), 1.0) * (len(enc.layer_names) - 1))


def word_vectors(enc: Encoding, layer: int | str, words: Sequence[int] | None = None) -> np.ndarray:
    """``[n_words, dim]`` (or only the rows of ``words``, in that order); a word no token covers
    gets a zero vector (see ``uncovered_words``). One gather and one segmented sum for all the
    words, from the encoding's word-to-token arrays, with no Python step per word: this runs for
    every layer of every model, on texts of thousands of words."""
    vectors = enc.layers[layer_index(enc, layer)]
    starts, flat = enc.word_tokens()
    wanted = np.arange(len(enc.words))
    wanted = wanted if words is None else wanted[np.asarray(words, dtype=np.int64).reshape(-1)]  # -1: the last
    first, counts = starts[wanted], starts[wanted + 1] - starts[wanted]
    out = np.zeros((len(wanted), enc.dim), dtype=np.float32)
    covered = counts > 0
    if covered.any():
        offsets = np.cumsum(counts) - counts
        picked = flat if words is None else flat[np.repeat(first - offsets, counts) + np.arange(int(counts.sum()))]
        out[covered] = np.add.reduceat(vectors[picked], offsets[covered], axis=0) / counts[covered, None]
    return out


def sentence_vectors(enc: Encoding, words: np.ndarray) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Sentence spans and their mean-of-words vectors ``[n_sentences, dim]``, from one layer's
    ``word_vectors`` (passed in, so that a caller who has them does not pool the tokens again).
    A sentence's words are those that start inside it: a binary search each, as words are in order."""
    spans = split_sentences(enc.text)
    starts = np.array([s for s, _ in enc.word_spans], dtype=np.int64)
    bounds = np.searchsorted(starts, np.array(spans, dtype=np.int64).reshape(-1, 2), side="left")
    out = np.zeros((len(spans), enc.dim), dtype=np.float32)
    for i, (lo, hi) in enumerate(bounds):
        if hi > lo:
            out[i] = words[lo:hi].mean(axis=0)
    return spans, out


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Each row scaled to length 1 (a zero row stays zero), float32."""
    v = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return np.divide(v, norms, out=np.zeros_like(v), where=norms > 0)


def top_pairs(vectors: np.ndarray, labels: list[str], k: int = 5, block: int = 256) -> list[tuple[str, str, float]]:
    """The ``k`` most cosine-similar pairs ``i < j`` of rows with distinct labels (a token with
    itself says nothing), best first, ties in row order.

    Computed a block of rows at a time, keeping a running top ``k``: memory grows with
    ``block x n``, never ``n x n`` (the dot products still grow with ``n²``: callers cap ``n``).
    Once ``k`` pairs are kept, a block only offers the pairs above the worst of them, which is
    one comparison per pair instead of a partition of the whole block.
    """
    unit = unit_rows(vectors)
    ids = np.unique(np.asarray(labels, dtype=object), return_inverse=True)[1]
    n = len(labels)
    best = np.empty((0, 3))  # score, i, j
    for start in range(0, n - 1, block):
        stop = min(start + block, n)
        sims = np.clip(unit[start:stop] @ unit[start:].T, -1.0, 1.0)  # column c is row start + c
        rows, cols = np.arange(start, stop)[:, None], np.arange(start, n)[None, :]
        sims[(cols <= rows) | (ids[start:stop, None] == ids[None, start:])] = -np.inf
        flat = sims.ravel()
        floor = best[-1, 0] if len(best) == k else -np.inf  # a tie with it loses: its row came first
        take = np.flatnonzero(flat > floor)
        if take.size > k:  # keep the k best and every tie with the k-th, so that row order decides
            kth = np.partition(flat[take], take.size - k)[take.size - k]
            take = take[flat[take] >= kth]
        r, c = np.divmod(take, sims.shape[1])
        best = np.concatenate([best, np.column_stack([flat[take], start + r, start + c])])
        best = best[np.lexsort((best[:, 2], best[:, 1], -best[:, 0]))][:k]
    return [(labels[int(i)], labels[int(j)], float(score)) for score, i, j in best]


MAX_AGREEMENT_WORDS = 400  # a [400, 400] matrix per model: 79,800 pairs whatever the text's length


def spread_sample(n: int, cap: int) -> np.ndarray:
    """At most ``cap`` indices of ``range(n)``, spread evenly from the first to the last."""
    if n <= cap:
        return np.arange(n)
    return np.linspace(0, n - 1, cap).round().astype(np.int64)  # steps > 1 apart: no duplicates


def agreement_vectors(enc: Encoding, sample: np.ndarray, fraction: float = 1.0) -> np.ndarray:
    """The sampled words' vectors at a relative depth: all a model contributes to the agreement."""
    return word_vectors(enc, layer_at_depth(enc, fraction), sample)


def model_agreement(
    encodings: list[Encoding], fraction: float = 1.0, max_words: int = MAX_AGREEMENT_WORDS
) -> tuple[np.ndarray, np.ndarray]:
    """``[models, models]``: Pearson correlation between the models' word×word similarity
    matrices at the same relative depth, and the words it compared: all of them, or
    ``max_words`` spread over a longer text. Words come from one shared segmentation, so the
    matrices line up whatever each tokenizer did (representational similarity analysis)."""
    if len({tuple(e.words) for e in encodings}) > 1:
        raise ValueError("encodings must be of the same text")
    sample = spread_sample(len(encodings[0].words), max_words)
    return agreement([cosine_matrix(agreement_vectors(e, sample, fraction)) for e in encodings]), sample


def agreement(matrices: list[np.ndarray]) -> np.ndarray:
    """Pearson correlation between square similarity matrices over the same items (upper triangles);
    NaN where fewer than 3 items make a correlation meaningless."""
    n = matrices[0].shape[0]
    if n < 3:
        return np.full((len(matrices), len(matrices)), np.nan, dtype=np.float32)
    rows, cols = np.triu_indices(n, k=1)
    return np.corrcoef(np.stack([m[rows, cols] for m in matrices])).astype(np.float32)
