"""How much earlier words' vectors move when a later word is replaced.

This is the article's "who sees what" claim made measurable: under a look-ahead mask (GPT) the
change is exactly zero; an encoder with only a padding mask (BERT) changes; in ELMo the forward
LSTM half cannot change while the backward half does.

Replacement rule: the word is swapped for a fixed word of the same script that does not occur in
the text ("table"/"chair" for letters and digits, "书"/"桌" for CJK, "?"/"!" for symbols), so the
word segmentation of everything before it stays the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop.core.encoding import Encoding
from desktop.core.models.base import ModelAdapter
from desktop.core.similarity import word_vectors

_REPLACEMENTS = {"latin": ("table", "chair"), "cjk": ("书", "桌"), "symbol": ("?", "!")}


def replacement_for(word: str, text: str) -> str:
    if word[0].isalnum() and not ("\u3400" <= word[0] <= "\u9fff"):
        script = "latin"
    elif word[0].isalnum():
        script = "cjk"
    else:
        script = "symbol"
    first, second = _REPLACEMENTS[script]
    return first if first not in text and first != word else second


def replace_word(enc: Encoding, word: int) -> tuple[str, str]:
    """The text with word ``word`` swapped, and the replacement used."""
    start, end = enc.word_spans[word]
    new = replacement_for(enc.words[word], enc.text)
    return enc.text[:start] + new + enc.text[end:], new


def relative_change(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """Per row: ||after - before|| / ||before|| (0 where the vector is zero)."""
    norm = np.linalg.norm(before, axis=-1)
    diff = np.linalg.norm(after - before, axis=-1)
    return np.divide(diff, norm, out=np.zeros_like(diff), where=norm > 0)


@dataclass
class FutureInfluence:
    """Largest relative change of any earlier word, per layer, when ``word`` was replaced."""

    word: str
    replacement: str
    layer_names: list[str]
    change: np.ndarray  # [layers]
    forward: np.ndarray | None = None  # ELMo halves: [layers]
    backward: np.ndarray | None = None


def last_replaceable_word(enc: Encoding) -> int | None:
    """The last word made of letters, digits or CJK, with at least one word before it."""
    for w in range(len(enc.words) - 1, 0, -1):
        if enc.words[w][0].isalnum():
            return w
    return None


def future_influence(adapter: ModelAdapter, enc: Encoding, word: int | None = None) -> FutureInfluence | None:
    """Replace a later word (the last one by default) and measure every earlier word's change."""
    word = last_replaceable_word(enc) if word is None else word
    if word is None:
        return None
    text, new = replace_word(enc, word)
    other = adapter.encode(text)
    if other.words[:word] != enc.words[:word]:
        return None
    layers = range(len(enc.layer_names))
    before = np.stack([word_vectors(enc, i)[:word] for i in layers])
    after = np.stack([word_vectors(other, i)[:word] for i in layers])
    result = FutureInfluence(enc.words[word], new, enc.layer_names, relative_change(before, after).max(axis=1))
    if enc.direction_split is not None:
        k = enc.direction_split
        result.forward = relative_change(before[..., :k], after[..., :k]).max(axis=1)
        result.backward = relative_change(before[..., k:], after[..., k:]).max(axis=1)
    return result
