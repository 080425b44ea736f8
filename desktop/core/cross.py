"""What is computed across models for one text: the word pickers, agreement and CKA.

Computed once per text in a worker (CKA over every (model, layer) pair is seconds of work for
full-size models), never in a view.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from desktop.core.analysis import MAX_SHOWN, Analysis
from desktop.core.measure.probes import CkaResult, cka, default_slot, repeated_words
from desktop.core.measure.similarity import model_agreement
from desktop.core.messages import Msg, msg
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
    notes: list[Msg] = field(default_factory=list)  # what was sampled or capped


def agreement_note(compared: int, total: int) -> Msg | None:
    """Says so when the agreement compared a sample of the words, not all of them."""
    if compared >= total:
        return None
    return msg("agreement compares {n} of {total} words, spread evenly over the text", n=compared, total=total)


def cross_results(text: str, analyses: dict[str, Analysis]) -> CrossResults:
    """``analyses``: the models that have a result for ``text`` (others are still running or failed).
    The words are the ones every encoding already carries (one shared segmentation)."""
    names = [n for n, a in analyses.items() if a.encoding.text == text]
    results = [analyses[n] for n in names]
    all_words = results[0].encoding.words if results else split_words(text)[0]
    words = all_words[:MAX_SHOWN]  # a picker of the words the views show, not of a whole book
    slot = results[0].default_word if results else min(max(default_slot(all_words, text), 0), len(words) - 1)
    agree, note = None, None
    if len(results) >= 2:
        agree, sample = model_agreement([a.encoding for a in results])
        note = agreement_note(len(sample), len(all_words))
    repeated = repeated_words(text)[:MAX_REPEATED]
    return CrossResults(text, words, repeated, slot, names, agree, _cka(results), [note] if note else [])


def _cka(results: list[Analysis]) -> CkaResult | Unavailable:
    if len(results) < 2:
        return Unavailable(msg("needs two models with a result"))
    try:
        return cka([a.encoding for a in results])
    except InputError:
        return Unavailable(msg("CKA needs at least three words"))
