"""What is computed across models for one text: the word pickers, agreement and CKA.

Computed once per text in a worker (CKA over every (model, layer) pair is seconds of work for
full-size models), never in a view.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop.core.analysis import MAX_SHOWN, Analysis
from desktop.core.measure.probes import CkaResult, cka, default_slot, repeated_words
from desktop.core.measure.similarity import agreement
from desktop.core.messages import msg
from desktop.core.models.base import InputError, Unavailable
from desktop.core.text.words import split_words

MAX_REPEATED = 50


@dataclass
class CrossResults:
    text: str
    words: list[str]  # the text's words, the slots a user can pick
    repeated: list[str]  # words used twice or more, longest first: the polysemy picker
    default_slot: int
    models: list[str]  # the models the comparisons below cover, in order
    agreement: np.ndarray | None  # [models, models] Pearson r of top-layer word similarities
    cka: CkaResult | Unavailable


def cross_results(text: str, analyses: dict[str, Analysis]) -> CrossResults:
    """``analyses``: the models that have a result for ``text`` (others are still running or failed)."""
    all_words = split_words(text)[0]
    words = all_words[:MAX_SHOWN]  # a picker of the words the views show, not of a whole book
    names = [n for n, a in analyses.items() if a.encoding.text == text]
    results = [analyses[n] for n in names]
    agree = agreement([a.word_sims[-1] for a in results]) if len(results) >= 2 else None
    slot = min(max(default_slot(all_words, text), 0), len(words) - 1)
    return CrossResults(text, words, repeated_words(text)[:MAX_REPEATED], slot, names, agree, _cka(results))


def _cka(results: list[Analysis]) -> CkaResult | Unavailable:
    if len(results) < 2:
        return Unavailable(msg("needs two models with a result"))
    try:
        return cka([a.encoding for a in results])
    except InputError:
        return Unavailable(msg("CKA needs at least three words"))
