"""How well each model and layer tells word senses apart, on WordNet sentences kept out of training.

Polysemy score: pairs of WordNet example sentences that use the same lemma, either in the same
synset (same sense) or in different synsets (different senses). For each layer, the cosine of
the lemma's two vectors should be higher for same-sense pairs; the score is the ROC AUC of that
separation (0.5 = chance; a static layer that gives a word one vector everywhere scores 0.5).
Only held-out synsets are used (the split the mini models were trained without).
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from sklearn.metrics import roc_auc_score

from desktop.core.models.base import ModelAdapter
from desktop.training.corpus import LemmaExample


@dataclass(frozen=True)
class SensePair:
    a: LemmaExample
    b: LemmaExample

    @property
    def same_sense(self) -> bool:
        return self.a.synset == self.b.synset


def sense_pairs(examples: list[LemmaExample], max_pairs: int = 600, seed: int = 0) -> list[SensePair]:
    """Same-sense and different-sense pairs of held-out examples sharing a lemma, balanced."""
    by_lemma: dict[str, list[LemmaExample]] = defaultdict(list)
    for ex in examples:
        if ex.held_out:
            by_lemma[ex.lemma.lower()].append(ex)
    same, different = [], []
    for group in by_lemma.values():
        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                if group[i].sentence != group[j].sentence:
                    (same if group[i].synset == group[j].synset else different).append(SensePair(group[i], group[j]))
    rng = random.Random(seed)
    n = min(len(same), len(different), max_pairs // 2)
    return rng.sample(same, n) + rng.sample(different, n)


def lemma_vectors(adapter: ModelAdapter, sentence: str, span: tuple[int, int]) -> np.ndarray:
    """``[layers, dim]``: the mean of the tokens that overlap the lemma's characters."""
    enc = adapter.encode(sentence)
    start, end = span
    tokens = [t for t, (s, e) in enumerate(enc.spans) if s < end and start < e]
    if not tokens:
        raise ValueError(f"{adapter.name}: no token covers {sentence[start:end]!r}")
    return enc.layers[:, tokens].mean(axis=1)


@dataclass
class PolysemyScore:
    model: str
    layer_names: list[str]
    auc: list[float]
    pairs: int
    same: int


def polysemy_score(adapter: ModelAdapter, pairs: list[SensePair]) -> PolysemyScore:
    cache: dict[tuple[str, tuple[int, int]], np.ndarray] = {}

    def vectors(ex: LemmaExample) -> np.ndarray:
        key = (ex.sentence, ex.span)
        if key not in cache:
            cache[key] = lemma_vectors(adapter, ex.sentence, ex.span)
        return cache[key]

    sims = []
    for pair in pairs:
        va, vb = vectors(pair.a), vectors(pair.b)
        norms = np.linalg.norm(va, axis=1) * np.linalg.norm(vb, axis=1)
        sims.append((va * vb).sum(axis=1) / np.where(norms > 0, norms, 1.0))
    labels = [p.same_sense for p in pairs]
    matrix = np.array(sims)  # [pairs, layers]
    layer_names = adapter.layer_names
    auc = [float(roc_auc_score(labels, matrix[:, k])) for k in range(len(layer_names))]
    return PolysemyScore(adapter.name, layer_names, auc, len(pairs), sum(labels))
