"""The result contract: what every model adapter returns for one text.

Plots, probes, the CLI and export read only this object, so a new model family needs
nothing downstream as long as its adapter fills it in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from desktop.core.messages import Msg, msg

# More unknown tokens than this share and a model's numbers on the text mean little (issue 9).
UNKNOWN_SHARE_LIMIT = 0.05


class MaskKind(StrEnum):
    """How far a position can see, which is the article's main axis of comparison."""

    PADDING = "padding"  # Transformer encoder: both sides at once (BERT)
    LOOK_AHEAD = "look-ahead"  # Transformer decoder: left context only (GPT)
    BILSTM = "forward+backward LSTM"  # two one-way LSTMs, concatenated (ELMo)


class Family(StrEnum):
    ENCODER = "encoder"
    DECODER = "decoder"
    ELMO = "elmo"


@dataclass(frozen=True)
class Window:
    """A slice of the model's tokens ``[start, end)`` that was run on its own."""

    start: int
    end: int


@dataclass(frozen=True)
class Unknown:
    """The tokens a model cannot read, and what "cannot read" is for its tokenizer: an ``[UNK]`` id
    for WordPiece or Unigram, a lone byte of a character a byte-level BPE never merged, a word with
    a character ELMo's vocabulary never holds (desktop/core/models/token_labels.py has the rules)."""

    tokens: list[int]  # indices into ``Encoding.tokens``
    what: Msg  # completes "{n} of {total} tokens are ..."


@dataclass
class Encoding:
    """One model's view of one text.

    Only tokens that come from the text are kept (``[CLS]``/``[SEP]``/ELMo's sentence
    boundaries are what the model added, so they have no span and are dropped after the
    forward pass). A literal ``[MASK]`` typed by the user is text and is kept.
    """

    model_name: str
    family: Family
    mask_kind: MaskKind
    text: str
    tokens: list[str]
    spans: list[tuple[int, int]]  # [start, end) character offsets into ``text``
    word_ids: list[int | None]  # index into ``words``; None for a token covering no word
    words: list[str]
    word_spans: list[tuple[int, int]]
    layer_names: list[str]
    layers: np.ndarray  # float32 [n_layers, n_tokens, dim]
    parameters: int
    timings_ms: dict[str, float]
    # ELMo's LSTM layers are [forward ; backward]: the backward half starts at this index.
    direction_split: int | None = None
    windows: list[Window] = field(default_factory=list)  # >1 entry when input was windowed
    notes: list[Msg] = field(default_factory=list)  # anything truncated, dropped or windowed
    # each token as a reader reads it (a byte-level piece decoded); empty means the tokens themselves
    labels: list[str] = field(default_factory=list)
    unknown: Unknown | None = None  # None: this model cannot tell which tokens it does not know
    _word_tokens_cache: tuple[np.ndarray, np.ndarray] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        n = len(self.tokens)
        if self.layers.dtype != np.float32 or self.layers.ndim != 3:
            raise ValueError(
                f"layers must be float32 [layers, tokens, dim], got {self.layers.dtype} {self.layers.shape}"
            )
        if self.layers.shape[:2] != (len(self.layer_names), n):
            raise ValueError(
                f"layers shape {self.layers.shape} does not match {len(self.layer_names)} layers x {n} tokens"
            )
        self.labels = self.labels or list(self.tokens)
        if len(self.spans) != n or len(self.word_ids) != n or len(self.labels) != n:
            raise ValueError("tokens, labels, spans and word_ids must have the same length")

    @property
    def windowed(self) -> bool:
        return len(self.windows) > 1

    @property
    def dim(self) -> int:
        return int(self.layers.shape[2])

    @property
    def unknown_share(self) -> float:
        """The share of the tokens the model cannot read (0 when it cannot tell)."""
        return len(self.unknown.tokens) / len(self.tokens) if self.unknown and self.tokens else 0.0

    @property
    def coverage_warning(self) -> Msg | None:
        """Why this model's numbers on this text are not meaningful, when more than
        ``UNKNOWN_SHARE_LIMIT`` of its tokens are unknown to it; otherwise None."""
        if self.unknown is None or self.unknown_share <= UNKNOWN_SHARE_LIMIT:
            return None
        return msg(
            "{unknown} of {total} tokens are {what}, so this model's numbers on this text are not meaningful",
            unknown=len(self.unknown.tokens),
            total=len(self.tokens),
            what=self.unknown.what,
        )

    def tokens_of_word(self, word: int) -> list[int]:
        """Tokens whose span overlaps the word's span.

        By overlap rather than by ``word_ids`` so that a token spanning several words (a
        literal ``[MASK]`` is one token over the words "[", "MASK", "]") serves each of them.
        """
        starts, flat = self.word_tokens()
        return flat[starts[word] : starts[word + 1]].tolist()

    def uncovered_words(self) -> list[int]:
        """Words no token overlaps (a tokenizer that drops characters it cannot read)."""
        starts, _ = self.word_tokens()
        return np.flatnonzero(np.diff(starts) == 0).tolist()

    def word_tokens(self) -> tuple[np.ndarray, np.ndarray]:
        """Every word's tokens as two arrays (word w's are ``flat[starts[w]:starts[w + 1]]``):
        a list per word made millions of small objects for a long text, and the allocator kept
        the memory they had spread over after they were freed."""
        if self._word_tokens_cache is None:
            self._word_tokens_cache = overlapping_tokens(self.spans, self.word_spans)
        return self._word_tokens_cache


Spans = list[tuple[int, int]]


def overlapping_tokens(spans: Spans, word_spans: Spans) -> tuple[np.ndarray, np.ndarray]:
    """For each word span, the tokens whose span overlaps it, as ``(starts, flat)``: word w's
    tokens are ``flat[starts[w]:starts[w + 1]]``, in order. Token spans are in text order (a token
    may reach past later ones, so the search runs on the running maximum of the ends)."""
    tok = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    words = np.asarray(word_spans, dtype=np.int64).reshape(-1, 2)
    reach = np.maximum.accumulate(tok[:, 1]) if len(tok) else tok[:, 1]
    lo = np.searchsorted(reach, words[:, 0], side="right")
    hi = np.maximum(np.searchsorted(tok[:, 0], words[:, 1], side="left"), lo)
    counts = hi - lo
    owner = np.repeat(np.arange(len(words)), counts)  # each candidate's word
    candidate = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + np.repeat(lo, counts)
    keep = (tok[candidate, 1] > words[owner, 0]) & (tok[candidate, 0] < words[owner, 1])
    starts = np.zeros(len(words) + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner[keep], minlength=len(words)), out=starts[1:])
    return starts, candidate[keep]
