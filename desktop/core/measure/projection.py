"""Where a text's word vectors lie relative to each other: a 2-D projection per layer (the picture of
TensorBoard's Embedding Projector or whatlies), with the static layer beside it.

The projection is fitted on the words of the text only (no reference corpus), so it shows how this
text's uses spread out, not where they sit in the model's whole space. Rows are scaled to length 1
first: the picture then shows the cosine geometry the other views measure, not the size of a few
large dimensions. PCA is exact and takes milliseconds, so every layer is projected with the
analysis; UMAP (``umap-learn``, optional) takes seconds and is computed on request, one layer at a
time. Both use a fixed seed: the same text gives the same picture. At most ``MAX_POINTS`` words are
projected (the uses of repeated words first); the result says how many of how many.
"""

from __future__ import annotations

import importlib.util
import warnings
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np

from desktop.core.cancel import check_cancel
from desktop.core.encoding import Encoding
from desktop.core.measure.probes import repeated_words
from desktop.core.measure.senses import sense_of, senses
from desktop.core.measure.similarity import unit_rows, word_vectors
from desktop.core.messages import Msg, msg
from desktop.core.models.base import InputError, ModelAdapter, Unavailable
from desktop.core.text.words import split_sentences

MAX_POINTS = 300  # a [300, dim] fit per layer; more labels than this cannot be read on one plot
SEED = 0
MIN_POINTS = {"PCA": 3, "UMAP": 5}  # UMAP needs a few neighbours per point
UMAP_NEIGHBOURS = 15


class Method(StrEnum):
    PCA = "PCA"
    UMAP = "UMAP"


@dataclass(frozen=True)
class Point:
    """One use of a word: what it is, where it is, and (for a word of the sense list) which sense."""

    word: str
    word_index: int
    sentence_index: int
    sentence: str
    sense: Msg | None  # the sense's gloss, where its cue words (and only its) are in the sentence


@dataclass(eq=False)  # one run's answer: equal only to itself (== on its arrays has no single truth)
class Projection:
    model: str
    method: Method
    points: list[Point]
    layer_names: list[str]  # the layers projected, in the model's order; the static one among them
    static_layer: str
    coords: dict[str, np.ndarray]  # layer -> [points, 2] float32, rows in the order of ``points``
    kept_variance: dict[str, float]  # PCA: the share of the variance the two axes keep, per layer
    total_words: int  # words that could have been points
    cap: int
    repeated: list[str]  # the text's repeated words (lower case), longest first
    notes: list[Msg] = field(default_factory=list)

    @property
    def contextual_layers(self) -> list[str]:
        return [name for name in self.layer_names if name != self.static_layer]


def umap_available() -> bool:
    """Whether ``umap-learn`` is installed (found without importing it: its import takes seconds)."""
    return importlib.util.find_spec("umap") is not None


def chosen_words(enc: Encoding, cap: int = MAX_POINTS) -> tuple[list[int], int]:
    """The words to project (in text order) and how many could have been: words of letters, digits
    or characters that some token covers. Over the cap, the repeated words' uses come first."""
    eligible = [i for i, w in enumerate(enc.words) if w[0].isalnum() and enc.tokens_of_word(i)]
    if len(eligible) <= cap:
        return eligible, len(eligible)
    repeated = set(repeated_words(enc.text))
    first = [i for i in eligible if enc.words[i].lower() in repeated]
    rest = [i for i in eligible if enc.words[i].lower() not in repeated]
    return sorted((first + rest)[:cap]), len(eligible)


def _points(enc: Encoding, indices: list[int]) -> list[Point]:
    sentences = split_sentences(enc.text)
    ends = [end for _, end in sentences]
    out = []
    for i in indices:
        k = min(int(np.searchsorted(ends, enc.word_spans[i][0], side="right")), len(sentences) - 1)
        sentence = enc.text[sentences[k][0] : sentences[k][1]].strip()
        found = sense_of(enc.words[i], sentence)
        gloss = None if found is None else Msg(senses()[enc.words[i].lower()][found].gloss)
        out.append(Point(enc.words[i], i, k, sentence, gloss))
    return out


def fit(vectors: np.ndarray, method: Method) -> tuple[np.ndarray, float | None]:
    """``[n, 2]`` coordinates of the rows, and for PCA the share of the variance the two axes keep."""
    unit = unit_rows(vectors).astype(np.float64)
    if float(unit.var(axis=0).sum()) < 1e-12:  # every row the same: one point, nothing to spread
        return np.zeros((len(unit), 2), dtype=np.float32), 0.0 if method is Method.PCA else None
    if method is Method.PCA:
        from sklearn.decomposition import PCA  # here: scikit-learn takes a second to import, the window none

        pca = PCA(n_components=2, svd_solver="arpack", random_state=SEED)  # the top two only: 4x faster
        return pca.fit_transform(unit).astype(np.float32), float(pca.explained_variance_ratio_.sum())
    return _umap(unit), None


def _umap(unit: np.ndarray) -> np.ndarray:
    """UMAP of the distinct rows, each copy put where its row went: UMAP would spread identical
    vectors (every use of a word in a static layer) apart, as if context had moved them."""
    import umap

    distinct, inverse = np.unique(unit, axis=0, return_inverse=True)
    if len(distinct) < MIN_POINTS["UMAP"]:
        raise InputError(
            msg("UMAP needs at least {n} different vectors; this layer has {k}", n=MIN_POINTS["UMAP"], k=len(distinct))
        )
    reducer = umap.UMAP(
        n_components=2,
        n_neighbors=min(UMAP_NEIGHBOURS, len(distinct) - 1),
        metric="cosine",
        init="pca",  # the default spectral start fails on a small, disconnected neighbour graph
        random_state=SEED,
        n_jobs=1,
    )
    with warnings.catch_warnings():  # it warns that a seed turns off its parallelism: wanted here
        warnings.simplefilter("ignore")
        return reducer.fit_transform(distinct).astype(np.float32)[inverse.reshape(-1)]


def _layers(adapter: ModelAdapter, enc: Encoding, indices: list[int]) -> tuple[list[str], str, np.ndarray | None]:
    """Every layer's name in order (the static one included), the static one's name, and its
    vectors where the static layer is not one of the encoding's layers."""
    baseline = adapter.static_baseline(enc, indices)
    if baseline.vectors is None:  # ELMo: the char-CNN is the encoding's first layer
        return list(enc.layer_names), baseline.name, None
    return [baseline.name, *enc.layer_names], baseline.name, baseline.vectors


def project(
    adapter: ModelAdapter,
    enc: Encoding,
    method: Method = Method.PCA,
    layers: list[str] | None = None,
    cap: int = MAX_POINTS,
) -> Projection | Unavailable:
    """The text's words projected to 2-D at ``layers`` (default: every layer) and at the static layer."""
    if method is Method.UMAP and not umap_available():
        return Unavailable(msg("UMAP needs the umap-learn package (pip install umap-learn)"))
    indices, total = chosen_words(enc, cap)
    if len(indices) < MIN_POINTS[method]:
        return Unavailable(
            msg("type at least {n} words to see a {method} projection", n=MIN_POINTS[method], method=method)
        )
    names, static, static_vectors = _layers(adapter, enc, indices)
    wanted = [n for n in names if n == static or layers is None or n in layers]
    coords, kept = {}, {}
    for name in wanted:
        check_cancel()  # UMAP takes seconds a layer: a newer request should not wait for it
        vectors = static_vectors if name == static and static_vectors is not None else word_vectors(enc, name, indices)
        try:
            coords[name], share = fit(vectors, method)
        except InputError as exc:  # too few distinct vectors for UMAP
            return Unavailable(exc.text)
        if share is not None:
            kept[name] = share
    notes = []
    if len(indices) < total:
        notes.append(msg("{n} of {total} words are shown (the repeated words first)", n=len(indices), total=total))
    points = _points(enc, indices)
    return Projection(
        adapter.name, method, points, wanted, static, coords, kept, total, cap, repeated_words(enc.text), notes
    )


POINT_HEADER = ["model", "method", "layer", "word", "word_index", "sentence_index", "sense", "x", "y", "sentence"]


def point_rows(found: Projection, layers: list[str]) -> list[list[Any]]:
    """One CSV row per point and layer (``POINT_HEADER``), for the layers asked that were projected."""
    return [
        [
            found.model,
            found.method.value,
            layer,
            p.word,
            p.word_index,
            p.sentence_index,
            "" if p.sense is None else p.sense.english(),
            f"{x:.6f}",
            f"{y:.6f}",
            p.sentence,
        ]
        for layer in layers
        if layer in found.coords
        for p, (x, y) in zip(found.points, found.coords[layer].tolist(), strict=True)
    ]
