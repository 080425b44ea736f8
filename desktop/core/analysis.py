"""Everything a model tab shows for one text, computed off the GUI thread in one go.

The window only indexes into these arrays; it never runs a model or a large matrix product.
Heatmaps are capped at ``MAX_SHOWN`` tokens/words: beyond that a picture is unreadable and
its memory grows with the square of the length. The cap is stated in ``notes``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from desktop.core.encoding import Encoding, Family
from desktop.core.measure.influence import FutureInfluence, future_influence
from desktop.core.measure.probes import DirectionResult, PolysemyResult, direction, find_repeated_word, polysemy
from desktop.core.measure.similarity import cosine_matrix, sentence_vectors, word_vectors
from desktop.core.models.base import InputError, ModelAdapter, elapsed_ms
from desktop.core.text.words import split_sentences, split_words

MAX_SHOWN = 200


@dataclass
class Analysis:
    encoding: Encoding
    token_sims: np.ndarray  # [layers, n, n] for the first n = min(tokens, MAX_SHOWN) tokens
    word_sims: np.ndarray  # [layers, w, w] for the first w = min(words, MAX_SHOWN) words
    sentence_spans: list[tuple[int, int]]
    sentence_sims: np.ndarray  # [layers, s, s]
    halves: dict[str, np.ndarray] | None  # ELMo: "forward"/"backward" -> [layers, n, n]
    probes: dict[str, Any]
    influence: FutureInfluence | None  # how earlier words move when the last word changes
    analysis_ms: float
    notes: list[str] = field(default_factory=list)

    @property
    def shown_tokens(self) -> int:
        return int(self.token_sims.shape[1])

    @property
    def shown_words(self) -> int:
        return int(self.word_sims.shape[1])


def analyse(adapter: ModelAdapter, text: str) -> Analysis:
    enc = adapter.encode(text)
    t0 = time.perf_counter()
    n = min(len(enc.tokens), MAX_SHOWN)
    w = min(len(enc.words), MAX_SHOWN)
    token_sims = np.stack([cosine_matrix(layer[:n]) for layer in enc.layers])
    word_layers, sentence_layers = [], []
    spans: list[tuple[int, int]] = []
    for i in range(len(enc.layer_names)):
        vectors = word_vectors(enc, i)  # once per layer: both word and sentence similarity use them
        word_layers.append(cosine_matrix(vectors[:w]))
        spans, sentences = sentence_vectors(enc, vectors)
        sentence_layers.append(cosine_matrix(sentences))
    halves = None
    if enc.direction_split is not None:
        k = enc.direction_split
        halves = {
            "forward": np.stack([cosine_matrix(layer[:n, :k]) for layer in enc.layers]),
            "backward": np.stack([cosine_matrix(layer[:n, k:]) for layer in enc.layers]),
        }
    notes = []
    if n < len(enc.tokens):
        notes.append(f"heatmaps show the first {n} of {len(enc.tokens)} tokens")
    return Analysis(
        encoding=enc,
        token_sims=token_sims,
        word_sims=np.stack(word_layers),
        sentence_spans=spans,
        sentence_sims=np.stack(sentence_layers),
        halves=halves,
        probes=text_probes(adapter, enc),
        influence=future_influence(adapter, enc),
        analysis_ms=elapsed_ms(t0),
        notes=notes,
    )


def text_probes(adapter: ModelAdapter, enc: Encoding) -> dict[str, Any]:
    """The family's own probe on the whole text (word-level probes are asked separately)."""
    from desktop.core.models.decoder import DecoderAdapter
    from desktop.core.models.encoder import EncoderAdapter

    probes: dict[str, Any] = {}
    if isinstance(adapter, DecoderAdapter):
        nxt = adapter.next_tokens(enc.text, k=5)
        probes["next_token"] = {"tokens": nxt.tokens, "probs": nxt.probs}
        probes["continuation"] = {"text": adapter.continuation(enc.text)}
    elif isinstance(adapter, EncoderAdapter):
        caps = adapter.capabilities
        probes["masked_fill"] = {"why_not": caps.missing.get("masked_fill", "")}
        spans = split_sentences(enc.text)
        if caps.next_sentence and len(spans) >= 2:
            (a0, a1), (b0, b1) = spans[0], spans[1]
            probes["next_sentence"] = {
                "first": enc.text[a0:a1],
                "second": enc.text[b0:b1],
                "probability": adapter.next_sentence_probability(enc.text[a0:a1], enc.text[b0:b1]),
            }
        elif not caps.next_sentence:
            probes["next_sentence"] = {"why_not": caps.missing["next_sentence"]}
    elif adapter.family is Family.ELMO:
        has_softmax = getattr(adapter, "softmax", None) is not None
        probes["word_prediction"] = {"why_not": "" if has_softmax else "this checkpoint has no softmax"}
    return probes


def fill_word(adapter: ModelAdapter, text: str, span: tuple[int, int], k: int = 5) -> dict[str, Any]:
    """What fits in one word's slot: an encoder masks it and uses both sides; ELMo asks each
    direction separately (where its checkpoint has a softmax)."""
    from desktop.core.models.encoder import EncoderAdapter

    if adapter.family is Family.ELMO:
        words, spans = split_words(text)
        j = spans.index(span)
        return {"word": words[j], "span": list(span), **adapter.predict_words(words, j, k)}  # type: ignore[attr-defined]
    if not isinstance(adapter, EncoderAdapter):
        raise TypeError(f"{adapter.name} has no word-slot probe")
    # the text may hold [MASK]s of its own: ours is the one after as many as precede the span
    index = text[: span[0]].count(adapter.tokenizer.mask_token)
    pred = adapter.fill_mask(adapter.mask_span(text, span), k=k)[index]
    return {"word": text[span[0] : span[1]], "span": list(span), "tokens": pred.tokens, "probs": pred.probs}


@dataclass
class DeepProbes:
    """The slower probes, computed after the first result is on screen: ``direction`` takes one
    extra run per word, ``polysemy`` needs a word used twice."""

    direction: DirectionResult | None
    polysemy: PolysemyResult | None
    probe_ms: float
    notes: list[str] = field(default_factory=list)


def deep_probes(adapter: ModelAdapter, analysis: Analysis) -> DeepProbes:
    enc = analysis.encoding
    t0 = time.perf_counter()
    notes = []
    dir_result = direction(adapter, enc.text, enc) if len(enc.words) >= 2 else None
    word = find_repeated_word(enc.text)
    poly = None
    if word is None:
        notes.append("polysemy: no word occurs twice in this text")
    else:
        try:
            poly = polysemy(adapter, enc.text, word, enc)
        except InputError as exc:  # e.g. the model's tokens do not separate the two uses
            notes.append(f"polysemy: {exc}")
    return DeepProbes(dir_result, poly, elapsed_ms(t0), notes)
