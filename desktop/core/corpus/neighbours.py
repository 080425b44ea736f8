"""The corpus view's question: which uses of this word across the corpus are closest to this one?

The word's vector is taken exactly as the build took the corpus's (``encode_rows``), in the
chosen layer and in the static view, and each is looked up in that layer's index: contextual
layers should bring back uses in the same sense, the static view every use of the same form.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from desktop.core.corpus.build import is_built
from desktop.core.corpus.index import Hit, LayerIndex, unit
from desktop.core.corpus.sources import SourceError
from desktop.core.corpus.store import Corpus, open_corpus
from desktop.core.corpus.vectors import DEPTHS, STATIC, ModelStore, StoredLayer, encode_rows, open_model
from desktop.core.measure.probes import uses
from desktop.core.messages import msg
from desktop.core.models.base import ModelAdapter
from desktop.core.text.words import split_words


@dataclass(frozen=True)
class Use:
    """One use of a word in the corpus."""

    score: float  # cosine with the query's use
    sentence_id: int
    sentence: str
    word: str
    span: tuple[int, int]  # [start, end) of the word in the sentence


@dataclass
class LayerNeighbours:
    key: str
    name: str
    uses: list[Use]
    search_ms: float  # the search and the exact ranking: not the encoding, not reading the sentences


@dataclass
class Neighbours:
    model: str
    word: str
    layers: list[LayerNeighbours] = field(default_factory=list)  # the chosen layer, then the static view


class CorpusSearch:
    """An opened corpus and the indexes already loaded (loading is the slow part of a first query)."""

    def __init__(self, folder: Path) -> None:
        corpus = open_corpus(folder)
        if corpus is None:
            raise SourceError(msg("no corpus in {folder}: run `python main.py corpus build` first", folder=str(folder)))
        self.corpus: Corpus = corpus
        self._indexes: dict[tuple[str, str], LayerIndex] = {}

    def store(self, model: str) -> ModelStore:
        store = open_model(self.corpus.folder, model)
        if not is_built(store, self.corpus):
            raise SourceError(
                msg(
                    "{model} is not built in this corpus: run `python main.py corpus build --models {model}`",
                    model=model,
                )
            )
        assert store is not None
        return store

    def index(self, store: ModelStore, key: str) -> LayerIndex:
        if not store.indexed:
            raise SourceError(
                msg(
                    "{model} was built in {folder} without an index (as the window's corpus is, or with "
                    "--no-index), which the nearest uses of any word need: build it with `python main.py corpus "
                    "build` without --no-index, or leave out --any-word",
                    model=store.model,
                    folder=str(self.corpus.folder),
                )
            )
        if (store.model, key) not in self._indexes:
            self._indexes[store.model, key] = LayerIndex(store.folder, key, store.vectors(key))
        return self._indexes[store.model, key]

    def search(
        self, store: ModelStore, layer: StoredLayer, vector: np.ndarray, k: int, word: str | None
    ) -> LayerNeighbours:
        """The k nearest uses of ``word`` (exact cosine over its uses), or of any word (None: the index)."""
        index = None if word is not None else self.index(store, layer.key)
        t0 = time.perf_counter()
        if index is not None:
            hits = index.search(vector, k)
        else:
            hits = nearest_rows(store.vectors(layer.key), self.corpus.uses_of(word or ""), vector, k)
        search_ms = (time.perf_counter() - t0) * 1000
        return LayerNeighbours(layer.key, layer.name, [self.use(hit.row, hit.score) for hit in hits], search_ms)

    def use(self, row: int, score: float) -> Use:
        sentence_id, position, word = self.corpus.word(row)
        sentence = self.corpus.sentences(sentence_id, sentence_id + 1)[0]
        span = split_words(sentence)[1][position]
        return Use(score, sentence_id, sentence, word, span)


def nearest_rows(vectors: np.ndarray, rows: np.ndarray, vector: np.ndarray, k: int) -> list[Hit]:
    """The k of ``rows`` nearest to ``vector`` by exact cosine. A word's uses are hundreds, but "the"
    has tens of thousands: scores are dot products divided by the rows' lengths (no normalised copy
    of the rows), and only the best k are sorted (ties in row order, as a stable sort keeps them)."""
    if not len(rows):
        return []
    query = unit(vector.reshape(1, -1))[0]
    block = np.asarray(vectors[rows], dtype=np.float32)
    lengths = np.sqrt(np.einsum("ij,ij->i", block, block))
    scores = np.divide(block @ query, lengths, out=np.zeros(len(rows), np.float32), where=lengths > 0)
    if len(scores) > k:
        kth = np.partition(-scores, k - 1)[k - 1]  # every score at least the k-th best, ties included
        candidates = np.flatnonzero(-scores <= kth)
    else:
        candidates = np.arange(len(scores))
    best = candidates[np.argsort(-scores[candidates], kind="stable")][:k]
    return [Hit(int(rows[i]), float(scores[i])) for i in best]


def chosen_layer(store: ModelStore, layer: str) -> StoredLayer:
    """``layer`` (static, first/middle/last, an index) among the stored layers."""
    contextual = [stored for stored in store.plan if stored.key != STATIC]
    if layer == STATIC or not contextual:
        return store.plan[0]
    if layer in DEPTHS:
        return contextual[round(DEPTHS[layer] * (len(contextual) - 1))]
    for stored in store.plan:
        if stored.key == layer or stored.name == layer:
            return stored
    built = ", ".join(stored.key for stored in store.plan)
    raise SourceError(
        msg("{model} has no stored layer {layer} (stored: {built})", model=store.model, layer=layer, built=built)
    )


def word_position(text: str, word: str) -> int:
    """``word`` as a position of the text's words, or its first use there."""
    words = split_words(text)[0]
    if word.lstrip("-").isdigit() and -len(words) <= int(word) < len(words):
        return int(word) % len(words)
    found = uses(words, word)
    if not found:
        raise SourceError(msg("'{word}' is not a word of the text", word=word))
    return found[0]


def neighbours(
    search: CorpusSearch, adapter: ModelAdapter, text: str, word: str, layer: str, k: int, any_word: bool = False
) -> Neighbours:
    """The k corpus uses of ``word`` nearest to its use in ``text`` (``any_word``: uses of any word,
    from the index), in ``layer`` and in the static view."""
    store = search.store(adapter.name)
    position = word_position(text, word)
    wanted = [chosen_layer(store, layer), store.plan[0]]
    wanted = list(dict.fromkeys(wanted))
    vectors = encode_rows(adapter, [text], [np.array([position])], wanted)
    found = Neighbours(adapter.name, split_words(text)[0][position])
    for stored in wanted:
        vector = vectors[stored.key][0].astype(np.float32)
        found.layers.append(search.search(store, stored, vector, k, None if any_word else found.word))
    return found
