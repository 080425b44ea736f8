"""What one model made of one text, computed off the GUI thread in two stages.

Stage one (``analyse``): the encoding, every similarity matrix the views draw, the family's own
probes and the look-ahead check on the last word. Stage two (``deep_probes``): the probes that take
one extra run per word. Heatmaps are capped at ``MAX_SHOWN`` tokens/words: beyond that a picture
is unreadable and its memory grows with the square of the length; the cap is stated in ``notes``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from desktop.core.cancel import check_cancel
from desktop.core.encoding import Encoding
from desktop.core.measure.influence import FutureInfluence, future_influence
from desktop.core.measure.probes import (
    DirectionResult,
    PolysemyResult,
    default_slot,
    direction,
    find_repeated_word,
    polysemy,
)
from desktop.core.measure.projection import Projection, project
from desktop.core.measure.similarity import cosine_matrix, sentence_vectors, word_vectors
from desktop.core.messages import Msg, msg
from desktop.core.models.base import (
    Continuation,
    InputError,
    ModelAdapter,
    NextSentence,
    Unavailable,
    elapsed_ms,
)
from desktop.core.text.words import split_sentences

MAX_SHOWN = 200
TWO_SENTENCES = Unavailable(msg("type two sentences to see this"))  # the head is there; the text is short


@dataclass
class OwnProbes:
    """The family's own probes on the whole text; ``Unavailable`` says why a probe has no answer."""

    slot: Unavailable | None  # None: clicking a word asks the model to predict it
    next_sentence: NextSentence | Unavailable
    continuation: Continuation | Unavailable


@dataclass
class Analysis:
    encoding: Encoding
    token_sims: np.ndarray  # [layers, n, n] for the first n = min(tokens, MAX_SHOWN) tokens
    word_sims: np.ndarray  # [layers, w, w] for the first w = min(words, MAX_SHOWN) words
    sentence_spans: list[tuple[int, int]]
    sentence_sims: np.ndarray  # [layers, s, s]
    halves: dict[str, np.ndarray] | None  # ELMo: "forward"/"backward" -> [layers, n, n]
    own: OwnProbes
    influence: FutureInfluence | None  # how earlier words move when the last word changes
    default_word: int  # the word a view starts with: the repeated word's last use, else the last word
    analysis_ms: float
    notes: list[Msg] = field(default_factory=list)
    projection: Projection | Unavailable | None = None  # PCA of the words at every layer (a few ms)

    @property
    def shown_tokens(self) -> int:
        return int(self.token_sims.shape[1])

    @property
    def shown_words(self) -> int:
        return int(self.word_sims.shape[1])


def analyse(adapter: ModelAdapter, text: str, projection: bool = True) -> Analysis:
    """The text's encoding and what the views draw from it; ``projection=False`` for a front end
    that shows no projection (``compare``: PCA of every layer, and scikit-learn's import, were 1.5 s
    of its 20,000-character run)."""
    enc = adapter.encode(text)
    t0 = time.perf_counter()
    n = min(len(enc.tokens), MAX_SHOWN)
    w = min(len(enc.words), MAX_SHOWN)
    token_sims = np.stack([cosine_matrix(layer[:n]) for layer in enc.layers])
    word_layers, sentence_layers = [], []
    spans: list[tuple[int, int]] = []
    for i in range(len(enc.layer_names)):
        check_cancel()  # a long text takes a while per layer: a newer text should not wait for it
        vectors = word_vectors(enc, i)  # once per layer: both word and sentence similarity use them
        word_layers.append(cosine_matrix(vectors[:w]))
        spans, sentences = sentence_vectors(enc, vectors)
        sentence_layers.append(cosine_matrix(sentences[:MAX_SHOWN]))
    notes = []
    if n < len(enc.tokens):
        notes.append(msg("heatmaps show the first {n} of {total} tokens", n=n, total=len(enc.tokens)))
    if len(spans) > MAX_SHOWN:
        notes.append(msg("sentence similarity shows the first {n} of {total} sentences", n=MAX_SHOWN, total=len(spans)))
    influence = future_influence(adapter, enc)
    if influence is not None and influence.windowed:
        notes.append(
            msg(
                "the look-ahead check replaced the last word and re-ran only the {n} words before it "
                "(of {total}), on their own",
                n=influence.window_words,
                total=influence.total_words,
            )
        )
    return Analysis(
        encoding=enc,
        token_sims=token_sims,
        word_sims=np.stack(word_layers),
        sentence_spans=spans[:MAX_SHOWN],
        sentence_sims=np.stack(sentence_layers),
        halves=_halves(enc, n),
        own=own_probes(adapter, enc),
        influence=influence,
        default_word=min(default_slot(enc.words, text), w - 1) if w else 0,
        analysis_ms=elapsed_ms(t0),
        notes=notes,
        projection=project(adapter, enc) if projection else None,
    )


def _halves(enc: Encoding, n: int) -> dict[str, np.ndarray] | None:
    if enc.direction_split is None:
        return None
    k = enc.direction_split
    return {
        "forward": np.stack([cosine_matrix(layer[:n, :k]) for layer in enc.layers]),
        "backward": np.stack([cosine_matrix(layer[:n, k:]) for layer in enc.layers]),
    }


def own_probes(adapter: ModelAdapter, enc: Encoding) -> OwnProbes:
    spans = split_sentences(enc.text)
    nsp: NextSentence | Unavailable | None = adapter.next_sentence_support()
    if nsp is None and len(spans) < 2:
        nsp = TWO_SENTENCES
    elif nsp is None:
        (a0, a1), (b0, b1) = spans[:2]
        nsp = adapter.next_sentence(enc.text[a0:a1], enc.text[b0:b1])
    return OwnProbes(adapter.slot_support(), nsp, adapter.continuation(enc.text))


@dataclass
class DeepProbes:
    """The slower probes, computed after the first result is on screen: ``direction`` takes one
    extra run per word, ``polysemy`` needs a word used twice."""

    direction: DirectionResult | Unavailable
    polysemy: PolysemyResult | Unavailable
    probe_ms: float


def deep_probes(adapter: ModelAdapter, analysis: Analysis) -> DeepProbes:
    enc = analysis.encoding
    t0 = time.perf_counter()
    if len(enc.words) >= 2:
        dir_result: DirectionResult | Unavailable = direction(adapter, enc.text, enc)
    else:
        dir_result = Unavailable(msg("type at least two words to see this"))
    return DeepProbes(dir_result, polysemy_probe(adapter, enc), elapsed_ms(t0))


def polysemy_probe(adapter: ModelAdapter, enc: Encoding, word: str | None = None) -> PolysemyResult | Unavailable:
    """The polysemy probe for ``word`` (default: the longest repeated word), or why not."""
    word = word or find_repeated_word(enc.text)
    if word is None:
        return Unavailable(msg("no word occurs twice in this text"))
    try:
        return polysemy(adapter, enc.text, word, enc)
    except InputError as exc:  # e.g. the model's tokens do not separate the two uses
        return Unavailable(msg("polysemy: {why}", why=exc.text))
