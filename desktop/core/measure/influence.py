"""How much earlier words' vectors move when a later word is replaced.

This is the article's "who sees what" claim made measurable: under a look-ahead mask (GPT) the
change is exactly zero; an encoder with only a padding mask (BERT) changes; in ELMo the forward
LSTM half cannot change while the backward half does.

Replacement rule: the word is swapped for a fixed word of the same script that does not occur in
the text ("table"/"chair" for letters and digits, "书"/"桌" for CJK, "?"/"!" for symbols), so the
word segmentation of everything before it stays the same.

On a long text the check runs on a window, the last ``FUTURE_WINDOW`` words before the replaced one
and what follows it, encoded on its own (twice: as it is and replaced) instead of the whole text
again: its cost stays that of a sentence or two however long the text. The result says how many
words it saw; a text that fits in the window gives the same numbers as the whole text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop.core.encoding import Encoding
from desktop.core.measure.similarity import word_vectors
from desktop.core.models.base import ModelAdapter

FUTURE_WINDOW = 64  # words before the replaced word: about one 128-token window of the mini models
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
    window_words: int = 0  # the words before ``word`` that the measurement saw (its window)
    total_words: int = 0  # the words before ``word`` in the whole text

    @property
    def windowed(self) -> bool:
        return self.window_words < self.total_words


def last_replaceable_word(enc: Encoding) -> int | None:
    """The last word made of letters, digits or CJK, with at least one word before it."""
    for w in range(len(enc.words) - 1, 0, -1):
        if enc.words[w][0].isalnum():
            return w
    return None


@dataclass
class Column:
    """What replacing word j does to words 0..n-1: relative change per layer, ``[layers, n]``.

    NaN for word j itself and for any word whose tokens the replacement changed (with byte-level
    BPE on text without spaces, a neighbour can merge differently: that is not context).
    """

    replacement: str
    position_shift: bool  # the replacement has another token count: later words moved position
    change: np.ndarray
    forward: np.ndarray | None = None  # ELMo: the forward half only
    backward: np.ndarray | None = None


def word_layers(enc: Encoding, n: int, words: list[int] | None = None) -> np.ndarray:
    """Words' vectors at every layer, ``[layers, n, dim]``: the first ``n``, or the given ones."""
    picked = list(range(n)) if words is None else words
    return np.stack([word_vectors(enc, k, picked) for k in range(len(enc.layer_names))])


def matching_words(enc: Encoding, other: Encoding, j: int) -> list[int | None]:
    """For each of ``enc``'s words, the same word in ``other`` (the text with word j replaced):
    same characters at the same place, shifted after j by the replacement's length. None where
    the replacement changed the segmentation or the tokens of that word (with jieba's Chinese
    words or byte-level BPE a neighbour can merge differently: that is not context)."""
    shift = len(other.text) - len(enc.text)
    where = {span: k for k, span in enumerate(other.word_spans)}
    found: list[int | None] = []
    for i, (start, end) in enumerate(enc.word_spans):
        delta = shift if i > j else 0
        k = where.get((start + delta, end + delta)) if i != j else None
        same = k is not None and other.words[k] == enc.words[i] and _same_tokens(enc, other, i, k)
        found.append(k if same else None)
    return found


def replacement_column(adapter: ModelAdapter, enc: Encoding, j: int, n: int, before: np.ndarray) -> Column:
    new_text, new = replace_word(enc, j)
    return compare_column(enc, adapter.encode(new_text), j, n, before, new)


def compare_column(enc: Encoding, other: Encoding, j: int, n: int, before: np.ndarray, new: str) -> Column:
    """The column of word j from ``other``, the encoding of the text with word j replaced by ``new``;
    ``before`` holds ``word_layers(enc, n)``."""
    matched = matching_words(enc, other, j)[:n]
    comparable = np.array([k is not None for k in matched])
    after = word_layers(other, n, [k if k is not None else 0 for k in matched])
    column = Column(new, len(other.tokens) != len(enc.tokens), _masked(relative_change(before, after), comparable))
    if enc.direction_split is not None:
        k = enc.direction_split
        column.forward = _masked(relative_change(before[..., :k], after[..., :k]), comparable)
        column.backward = _masked(relative_change(before[..., k:], after[..., k:]), comparable)
    return column


def _masked(change: np.ndarray, keep: np.ndarray) -> np.ndarray:
    out = np.full(change.shape, np.nan, dtype=np.float32)
    out[:, keep] = change[:, keep]
    return out


def _same_tokens(a: Encoding, b: Encoding, word: int, other_word: int) -> bool:
    return [a.tokens[t] for t in a.tokens_of_word(word)] == [b.tokens[t] for t in b.tokens_of_word(other_word)]


def future_influence(adapter: ModelAdapter, enc: Encoding, window: int = FUTURE_WINDOW) -> FutureInfluence | None:
    """Replace the last word and measure how much every earlier word's vector moves: on the whole
    text if at most ``window`` words come before that word, else on the text from ``window`` words
    before it, encoded on its own."""
    j = last_replaceable_word(enc)
    if j is None:
        return None
    total = j
    if j > window:
        enc = adapter.encode(enc.text[enc.word_spans[j - window][0] :])
        j = last_replaceable_word(enc)
        if j is None:
            return None
    col = replacement_column(adapter, enc, j, j, word_layers(enc, j))
    if np.isnan(col.change).all():
        return None

    def worst(m: np.ndarray | None) -> np.ndarray | None:
        return None if m is None else np.nan_to_num(np.nanmax(m, axis=1))

    return FutureInfluence(
        enc.words[j],
        col.replacement,
        enc.layer_names,
        worst(col.change),
        worst(col.forward),
        worst(col.backward),
        window_words=j,
        total_words=total,
    )
