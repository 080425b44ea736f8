"""The last few texts' finished results, so that a text seen again answers at once.

Going back to a lesson, undoing an edit or pressing Run twice asks for a text the models have
already answered; a snapshot of what the session held when that text was finished is restored
instead of running every model again. Only short texts are kept, and only a few of them: a
result holds every layer of every token, so the cache stays small by construction.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

MAX_TEXTS = 6
MAX_CHARS = 4000  # about 800 words: a result for this much text is a few MB per model


@dataclass(frozen=True)
class Snapshot:
    """What a finished text left in the session: complete results, word answers, cross results, claims."""

    results: dict[str, Any]  # model -> ModelResult (complete)
    answers: dict[str, dict[str, Any]]  # model -> kind -> answer
    selected: dict[str, int]  # model -> the word its tab showed
    cross: Any
    claims: Any
    claims_models: frozenset[str]
    slot_word: int


class RecentTexts:
    """A small least-recently-used store of snapshots, keyed by the exact text."""

    def __init__(self, max_texts: int = MAX_TEXTS, max_chars: int = MAX_CHARS) -> None:
        self.max_texts, self.max_chars = max_texts, max_chars
        self._kept: OrderedDict[str, Snapshot] = OrderedDict()

    def keep(self, text: str, snapshot: Snapshot) -> None:
        if len(text) > self.max_chars or self.max_texts <= 0:
            return
        self._kept[text] = snapshot
        self._kept.move_to_end(text)
        while len(self._kept) > self.max_texts:
            self._kept.popitem(last=False)

    def get(self, text: str) -> Snapshot | None:
        found = self._kept.get(text)
        if found is not None:
            self._kept.move_to_end(text)
        return found

    def __len__(self) -> int:
        return len(self._kept)
