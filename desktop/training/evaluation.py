"""What ``main.py evaluate`` measures for one model and language (``measure``), and the polysemy score.

``measure`` runs the held-out measurements of desktop/core/measure/heldout.py on one language's
held-out set (desktop/training/heldout_sets.py).

How well each model and layer tells word senses apart, on WordNet sentences kept out of training.

Polysemy score: pairs of WordNet example sentences that use the same lemma, either in the same
synset (same sense) or in different synsets (different senses). For each layer, the cosine of
the lemma's two vectors should be higher for same-sense pairs; the score is the ROC AUC of that
separation (0.5 = chance; a static layer that gives a word one vector everywhere scores 0.5).
Only held-out synsets are used (the split the mini models were trained without).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.metrics import roc_auc_score

from desktop.core.measure import heldout
from desktop.core.models.base import ModelAdapter
from desktop.training.corpus import LemmaExample

if TYPE_CHECKING:
    from desktop.training.heldout_sets import LanguageSet


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


def _rate(value: heldout.Accuracy | None) -> float | None:
    return None if value is None else value.rate


def _perplexities(adapter: ModelAdapter, sentences: list[str]) -> dict[str, float | int | None]:
    """Token and word perplexity of a decoder; each direction's of an ELMo with its softmax."""
    causal = heldout.causal_perplexity(adapter, sentences)
    elmo = heldout.elmo_perplexity(adapter, sentences)
    return {
        "token_perplexity": causal.token_perplexity if causal else None,
        "word_perplexity": causal.word_perplexity if causal else None,
        "texts_too_long": causal.skipped if causal else None,
        "forward_perplexity": elmo.forward.word_perplexity if elmo else None,
        "backward_perplexity": elmo.backward.word_perplexity if elmo else None,
        "unknown_target_rate": elmo.unknown_targets / elmo.forward.words if elmo and elmo.forward.words else None,
    }


def _cloze(adapter: ModelAdapter, items: list[tuple[str, str]]) -> dict[str, Any] | None:
    answers = [heldout.cloze(adapter, sentence, answer) for sentence, answer in items]
    found = [a for a in answers if a is not None]
    if not found:
        return None
    return {
        "top5": sum(a.hit for a in found),
        "of": len(found),
        "items": [{"sentence": a.sentence, "answer": a.answer, "hit": a.hit, "top5": a.guesses} for a in found],
    }


def measure(adapter: ModelAdapter, data: LanguageSet, progress: Callable[[str], None]) -> dict[str, Any]:
    """Every held-out number of one model on one language (None where the model has no such head)."""
    step = f"{adapter.name} [{data.language}]"
    progress(f"{step}: masked LM and next sentence")
    row: dict[str, Any] = {
        "mlm_accuracy": _rate(heldout.mlm_accuracy(adapter, data.sentences)),
        "nsp_accuracy": _rate(heldout.nsp_accuracy(adapter, data.pairs)),
    }
    progress(f"{step}: perplexity")
    row |= _perplexities(adapter, data.sentences)
    progress(f"{step}: unknown tokens")
    row["unknown_rate"] = _rate(heldout.unknown_rate(adapter, data.sentences))
    row["cloze"] = _cloze(adapter, data.cloze)
    progress(f"{step}: polysemy ({len(data.senses)} sense pairs)")
    score = polysemy_score(adapter, data.senses) if data.senses else None
    row["polysemy"] = None if score is None else {"layers": score.layer_names, "auc": score.auc, "pairs": score.pairs}
    return row
