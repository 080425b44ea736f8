"""The adapter interface every model family implements, and the errors they raise."""

from __future__ import annotations

import threading
import time
import unicodedata
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from desktop.core.cancel import check_cancel
from desktop.core.encoding import Encoding, Family, MaskKind, Unknown, Window
from desktop.core.messages import Msg, msg, plain
from desktop.core.text.words import split_words, token_word_ids

if TYPE_CHECKING:
    import torch

    from desktop.core.models.attention import AppliedMask
    from desktop.core.models.fill import FillScore


def as_msg(text: str | Msg) -> Msg:
    return text if isinstance(text, Msg) else plain(text)


class ModelError(Exception):
    """A model could not be loaded or run. Says which model, which file, and what to do; the
    window shows ``text`` and ``hint_text`` translated, the CLI their English."""

    def __init__(self, model: str, message: str | Msg, path: Path | str | None = None, hint: str | Msg = "") -> None:
        self.model = model
        self.text = as_msg(message)
        self.hint_text = as_msg(hint) if hint else None
        self.message = self.text.english()
        self.path = str(path) if path is not None else None
        self.hint = self.hint_text.english() if self.hint_text else ""
        where = f" ({self.path})" if self.path else ""
        tail = f" {self.hint}" if self.hint else ""
        super().__init__(f"model '{model}'{where}: {self.message}.{tail}")


class InputError(ValueError):
    """The text cannot be encoded (empty, whitespace only...). One clear line for the user."""

    def __init__(self, message: str | Msg) -> None:
        self.text = as_msg(message)
        super().__init__(self.text.english())


@dataclass
class Prediction:
    """Top-k candidates for one slot, best first."""

    tokens: list[str]
    probs: list[float]


@dataclass
class Run:
    """What one encode measured, before it becomes an ``Encoding``."""

    layers: np.ndarray
    windows: list[Window]
    started: float  # time.perf_counter() at the start
    tokenize_ms: float
    forward_ms: float
    notes: list[Msg]
    direction_split: int | None = None


@dataclass(frozen=True)
class Unavailable:
    """A probe this model or checkpoint cannot answer, and why (for the user)."""

    reason: Msg


@dataclass
class Guess:
    """One way a model fills a slot: what context it may use, and its top candidates."""

    context: Msg  # "both sides", "left only", ...
    prediction: Prediction


@dataclass
class SlotPrediction:
    """What a model puts in one word's slot (an encoder masks it; a decoder reads the left side;
    ELMo asks each LSTM direction separately)."""

    model: str
    word: str
    span: tuple[int, int]
    guesses: list[Guess]


@dataclass
class NextSentence:
    first: str
    second: str
    probability: float  # P(second follows first), from the NSP head


@dataclass
class Continuation:
    next_token: Prediction
    text: str  # greedy continuation


@dataclass
class StaticBaseline:
    """The word2vec-like view of a word's uses: one vector per use from a layer that mixes in no
    other word. ``first_contextual`` is the first encoding layer that does."""

    name: str
    vectors: np.ndarray | None  # [uses, dim]; None when the baseline is an encoding layer itself
    first_contextual: int


NO_SLOT = Unavailable(msg("this model has no word-slot probe"))
FAMILY_NAMES = {Family.ENCODER: msg("encoder"), Family.DECODER: msg("decoder"), Family.ELMO: msg("ELMo (biLSTM)")}


def check_text(text: str) -> str:
    """The text, if it has something to read: whitespace, NUL and other control characters alone are
    not a text (every model would fail on it in its own way)."""
    visible = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C") if isinstance(text, str) else ""
    if not visible.strip():
        raise InputError(msg("the text is empty: type or paste some text first"))
    return text


class ModelAdapter(ABC):
    """One loaded model. ``encode`` is safe to call from one worker thread at a time per adapter;
    a lock makes a second caller wait instead of corrupting the tokenizer's state."""

    family: Family
    mask_kind: MaskKind

    def __init__(self, name: str) -> None:
        self.name = name
        self._lock = threading.Lock()
        self.device = "cpu"  # where the weights are and the inputs go; results come back as CPU numpy
        # weights the checkpoint did not hold (a head it lacks, randomly initialised at each load):
        # no result reads them, and a cache key must not either
        self.initialised: frozenset[str] = frozenset()

    def to(self, device: str) -> ModelAdapter:
        """Move the weights to ``device`` ("cpu", "cuda:0": see ``device.choose_device``); every
        tensor the adapter makes from then on is made there. Returns the adapter."""
        if device != self.device:
            with self._lock:
                self._move(device)
                self.device = device
        return self

    def _move(self, device: str) -> None:
        """Put the family's weights on ``device`` (each family that can run elsewhere overrides this)."""
        raise ModelError(self.name, msg("this model cannot run on {device}", device=device))

    @property
    @abstractmethod
    def parameters(self) -> int: ...

    @property
    @abstractmethod
    def layer_names(self) -> list[str]: ...

    def encode(self, text: str) -> Encoding:
        check_text(text)
        with self._lock:
            return self._encode(text)

    def encode_many(self, texts: list[str]) -> list[Encoding]:
        """``encode`` of each text, in order; a family that can run several texts as one batch
        overrides this (ELMo). A cancelled request stops between two texts."""
        encodings = []
        for text in texts:
            check_cancel()
            encodings.append(self.encode(text))
        return encodings

    @abstractmethod
    def _encode(self, text: str) -> Encoding: ...

    def _encoding(
        self,
        text: str,
        tokens: list[str],
        spans: list[tuple[int, int]],
        run: Run,
        labels: list[str] | None = None,
        unknown: Unknown | None = None,
    ) -> Encoding:
        """The contract from one run: tokens aligned to the shared words, the model's facts, and
        (where the adapter can tell) the tokens' readable labels and which of them it cannot read."""
        words, word_spans = split_words(text)
        return Encoding(
            model_name=self.name,
            family=self.family,
            mask_kind=self.mask_kind,
            text=text,
            tokens=tokens,
            spans=spans,
            word_ids=token_word_ids(spans, word_spans),
            words=words,
            word_spans=word_spans,
            layer_names=self.layer_names,
            layers=run.layers,
            parameters=self.parameters,
            timings_ms={"tokenize": run.tokenize_ms, "forward": run.forward_ms, "total": elapsed_ms(run.started)},
            direction_split=run.direction_split,
            windows=run.windows,
            notes=run.notes,
            labels=labels or [],
            unknown=unknown,
        )

    # -- the family's own probes: each family overrides what its heads can answer --------------
    def slot_support(self) -> Unavailable | None:
        """None when ``predict_slot`` can answer on this checkpoint."""
        return NO_SLOT

    def predict_slot(self, text: str, span: tuple[int, int], k: int = 5) -> SlotPrediction | Unavailable:
        """What fits in the word at ``span`` of ``text``, by the family's own head."""
        return NO_SLOT

    def next_sentence_support(self) -> Unavailable | None:
        """None when ``next_sentence`` can answer on this checkpoint."""
        family = FAMILY_NAMES[self.family]
        return Unavailable(msg("this {family} has no next-sentence head (BERT's NSP pretraining task)", family=family))

    def next_sentence(self, first: str, second: str) -> NextSentence | Unavailable:
        missing = self.next_sentence_support()
        assert missing is not None, "a family with the head overrides next_sentence"
        return missing

    def continuation(self, text: str) -> Continuation | Unavailable:
        family = FAMILY_NAMES[self.family]
        return Unavailable(msg("this {family} has no left-to-right head to continue the text", family=family))

    @abstractmethod
    def static_baseline(self, enc: Encoding, words: list[int]) -> StaticBaseline:
        """The no-context view of the given words, for the polysemy probe."""

    @abstractmethod
    def network(self) -> torch.nn.Module:
        """The loaded torch modules, for reading the architecture from the weights themselves."""

    def fill_rates(self, text: str, left_only: bool) -> FillScore | Unavailable:
        """How often the model's head puts each token of ``text`` in its top 1 / top 5, seeing both
        sides of it or only the left (see ``desktop.core.models.fill``)."""
        return NO_SLOT

    def continue_text(self, text: str, n_tokens: int = 10, seed: int | None = None) -> str | Unavailable:
        """``n_tokens`` more tokens after the text, best first (``seed``: sampled with that seed)."""
        family = FAMILY_NAMES[self.family]
        return Unavailable(msg("this {family} has no head that can write text", family=family))

    def continuation_loss(self, text: str, continuation: str) -> tuple[float, int] | Unavailable:
        """(mean negative log-likelihood per token, tokens) of ``continuation`` right after ``text``,
        by a left-to-right head: how a third model scores another model's writing."""
        family = FAMILY_NAMES[self.family]
        return Unavailable(msg("this {family} has no left-to-right head to score a text", family=family))

    def applied_mask(self, texts: list[str]) -> AppliedMask | Unavailable:
        """The attention mask the model applied to ``texts`` run as one padded batch."""
        return Unavailable(msg("no attention layers: nothing is masked, the LSTMs read in one direction each"))


def slot_word(text: str, span: tuple[int, int]) -> tuple[list[str], int]:
    """The text's words and the index of the word at ``span`` (an ``InputError`` if none is)."""
    words, spans = split_words(text)
    if tuple(span) not in spans:
        raise InputError(msg("no word of the text starts and ends at {start}-{end}", start=span[0], end=span[1]))
    return words, spans.index(tuple(span))


def elapsed_ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000.0
