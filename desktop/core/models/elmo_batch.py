"""How ELMo reads texts: each sentence on its own, between its own ``<S>`` and ``</S>`` (as the
biLM reads sentences; the project's mini-ELMo was trained that way), a sentence longer than the
window in overlapping windows, and all these runs grouped into padded batches under a token
budget, so that many sentences share each step of the LSTM while memory stays bounded.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from desktop.core.cancel import check_cancel
from desktop.core.encoding import Window
from desktop.core.text.windowing import plan_windows, stitch
from desktop.core.text.words import split_sentences


@dataclass(frozen=True)
class SentencePlan:
    """One sentence of a text: its words ``[start, end)`` and the windows it runs in (text word indices)."""

    start: int
    end: int
    windows: list[Window]


def plan_sentences(text: str, word_spans: list[tuple[int, int]], window: int) -> list[SentencePlan]:
    """The text's sentences that hold words, each split into windows of at most ``window`` words."""
    starts = [s for s, _ in split_sentences(text)]
    owner = [max(bisect.bisect_right(starts, ws) - 1, 0) for ws, _ in word_spans]
    plans = []
    first = 0
    for i in range(1, len(owner) + 1):
        if i == len(owner) or owner[i] != owner[first]:
            windows = [Window(first + w.start, first + w.end) for w in plan_windows(i - first, window)]
            plans.append(SentencePlan(first, i, windows))
            first = i
    return plans


def owner_window(windows: list[Window], word: int) -> Window:
    """The window whose vector ``stitch`` keeps for ``word``: in an overlap, the first half goes to
    the earlier window."""
    for k, win in enumerate(windows[:-1]):
        if word < (windows[k + 1].start + win.end + 1) // 2:
            return win
    return windows[-1]


def token_batches(lengths: list[int], budget: int) -> list[list[int]]:
    """Indices of runs grouped into batches whose padded size (rows x longest row) stays within
    ``budget``; longest first, so that the rows of a batch have similar lengths."""
    batches: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lambda i: -lengths[i]):
        if batches and (len(batches[-1]) + 1) * lengths[batches[-1][0]] <= budget:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def run_batched(
    runs: list[tuple[str, ...]], budget: int, forward: Callable[[list[list[str]]], list[np.ndarray]]
) -> dict[tuple[str, ...], np.ndarray]:
    """Each distinct word sequence of ``runs`` once through ``forward`` (a batch of word lists to
    ``[layers, words, dim]`` each), in batches of at most ``budget`` padded tokens (``<S>`` and
    ``</S>`` counted). A cancelled request stops between two batches."""
    distinct = list(dict.fromkeys(runs))
    out: dict[tuple[str, ...], np.ndarray] = {}
    for batch in token_batches([len(words) + 2 for words in distinct], budget):
        check_cancel()
        for i, layers in zip(batch, forward([list(distinct[i]) for i in batch]), strict=True):
            out[distinct[i]] = layers
    return out


def assemble(plans: list[SentencePlan], words: list[str], outputs: dict[tuple[str, ...], np.ndarray]) -> np.ndarray:
    """The text's layers ``[layers, words, dim]``: each sentence's windows stitched, sentences in order."""
    parts = []
    for plan in plans:
        runs = [outputs[tuple(words[w.start : w.end])] for w in plan.windows]
        local = [Window(w.start - plan.start, w.end - plan.start) for w in plan.windows]
        parts.append(stitch(local, runs) if len(runs) > 1 else runs[0])
    return np.ascontiguousarray(np.concatenate(parts, axis=1), dtype=np.float32)
