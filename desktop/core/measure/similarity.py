"""Cosine similarity of tokens, words and sentences, and word-aligned comparison across models.

Pooling: a word's vector is the mean of the vectors of the tokens that overlap it; a sentence's
vector is the mean of its words' vectors (so a word cut into many pieces does not weigh more
than a whole word). Everything reads only the ``Encoding`` contract.
"""

from __future__ import annotations

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


def token_similarity(enc: Encoding, layer: int | str) -> np.ndarray:
    return cosine_matrix(enc.layers[layer_index(enc, layer)])


def word_vectors(enc: Encoding, layer: int | str) -> np.ndarray:
    """``[n_words, dim]``; a word no token covers gets a zero vector (see ``uncovered_words``)."""
    vectors = enc.layers[layer_index(enc, layer)]
    out = np.zeros((len(enc.words), enc.dim), dtype=np.float32)
    for w in range(len(enc.words)):
        toks = enc.tokens_of_word(w)
        if toks:
            out[w] = vectors[toks].mean(axis=0)
    return out


def word_similarity(enc: Encoding, layer: int | str) -> np.ndarray:
    return cosine_matrix(word_vectors(enc, layer))


def sentence_vectors(enc: Encoding, words: np.ndarray) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Sentence spans and their mean-of-words vectors ``[n_sentences, dim]``, from one layer's
    ``word_vectors`` (passed in, so that a caller who has them does not pool the tokens again)."""
    spans = split_sentences(enc.text)
    starts = np.array([s for s, _ in enc.word_spans], dtype=np.int64)
    out = np.zeros((len(spans), enc.dim), dtype=np.float32)
    for i, (s, e) in enumerate(spans):
        inside = (starts >= s) & (starts < e)
        if inside.any():
            out[i] = words[inside].mean(axis=0)
    return spans, out


def sentence_similarity(enc: Encoding, layer: int | str) -> tuple[list[tuple[int, int]], np.ndarray]:
    spans, vectors = sentence_vectors(enc, word_vectors(enc, layer))
    return spans, cosine_matrix(vectors)


def top_pairs(matrix: np.ndarray, labels: list[str], k: int = 5) -> list[tuple[str, str, float]]:
    """The ``k`` most similar pairs ``i < j`` of distinct labels (a token with itself says nothing)."""
    n = matrix.shape[0]
    rows, cols = np.triu_indices(n, k=1)
    order = np.argsort(-matrix[rows, cols], kind="stable")
    pairs = []
    for idx in order:
        i, j = int(rows[idx]), int(cols[idx])
        if labels[i] != labels[j]:
            pairs.append((labels[i], labels[j], float(matrix[i, j])))
            if len(pairs) == k:
                break
    return pairs


def model_agreement(encodings: list[Encoding], fraction: float = 1.0) -> np.ndarray:
    """``[models, models]``: Pearson correlation between the models' word×word similarity
    matrices at the same relative depth. Words come from one shared segmentation, so the
    matrices line up whatever each tokenizer did (representational similarity analysis)."""
    if len({tuple(e.words) for e in encodings}) > 1:
        raise ValueError("encodings must be of the same text")
    return agreement([word_similarity(e, layer_at_depth(e, fraction)) for e in encodings])


def agreement(matrices: list[np.ndarray]) -> np.ndarray:
    """Pearson correlation between square similarity matrices over the same items (upper triangles);
    NaN where fewer than 3 items make a correlation meaningless."""
    n = matrices[0].shape[0]
    if n < 3:
        return np.full((len(matrices), len(matrices)), np.nan, dtype=np.float32)
    rows, cols = np.triu_indices(n, k=1)
    return np.corrcoef(np.stack([m[rows, cols] for m in matrices])).astype(np.float32)
