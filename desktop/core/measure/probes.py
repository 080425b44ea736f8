"""The article's claims as measurements on the user's own text.

- direction: how much word i's vector changes when word j is replaced (who sees what);
- polysemy: one word's vectors across its occurrences, against the static layer's baseline;
- cka: linear CKA between every (model, layer) pair on the same words;
- predict: the same slot through every model (fill, next word, ELMo's two directions);
- nsp: next-sentence probability where the checkpoint has the head.

Each probe takes loaded adapters and returns plain data (JSON-ready via ``to_jsonable``).
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

import numpy as np

from desktop.core.cancel import check_cancel
from desktop.core.encoding import Encoding
from desktop.core.measure.influence import Column, compare_column, replace_word, word_layers
from desktop.core.measure.similarity import cosine_matrix, word_vectors
from desktop.core.messages import Msg, joined, layer_label, msg, plain
from desktop.core.models.base import InputError, ModelAdapter, NextSentence, SlotPrediction, Unavailable
from desktop.core.text.words import split_sentences, split_words

MAX_DIRECTION_WORDS = 40  # one extra forward pass per word: cap the cost on long text
DIRECTION_BATCH = 10  # variant texts per encode_many call: shared batches, bounded memory
MAX_USES = 20  # polysemy: the uses of a word compared pairwise


def triangle_peaks(m: np.ndarray) -> tuple[float, float]:
    """The largest change above the diagonal (an earlier word moved by a later one) and below it;
    NaN cells (not comparable) are skipped, and 0.0 stands for "no comparable cell"."""

    def peak(values: np.ndarray) -> float:
        finite = values[np.isfinite(values)]
        return float(finite.max()) if finite.size else 0.0

    return peak(m[np.triu_indices_from(m, k=1)]), peak(m[np.tril_indices_from(m, k=-1)])


# -- direction ---------------------------------------------------------------------------------


@dataclass
class DirectionLayer:
    name: str
    matrix: np.ndarray  # [i][j] = relative change of word i when word j is replaced
    forward: np.ndarray | None = None  # ELMo LSTM layers: the forward half only
    backward: np.ndarray | None = None

    def parts(self) -> dict[str, np.ndarray]:
        """ "matrix" and, for ELMo's LSTM layers, "forward" and "backward"."""
        found = {"matrix": self.matrix, "forward": self.forward, "backward": self.backward}
        return {k: v for k, v in found.items() if v is not None}

    @functools.cached_property
    def peaks(self) -> dict[str, tuple[float, float]]:
        """Per part: (largest change above the diagonal, below it). Kept once computed: the worker's
        evidence computes it, and views read it at every redraw."""
        return {k: triangle_peaks(v) for k, v in self.parts().items()}


@dataclass
class DirectionResult:
    model: str
    family: str
    words: list[str]
    replacements: list[str]  # what each word j was replaced by
    position_shift: list[bool]  # the replacement had another token count: later words moved position
    layers: list[DirectionLayer]
    rule: str = (
        "word j is replaced by a fixed word of the same script that is not in the text "
        "('table'/'chair', '书'/'桌', '?'/'!'); cell [i][j] = ||v_i' - v_i|| / ||v_i|| for word i's mean "
        "token vector; the diagonal (the replaced word itself) is NaN; NaN also where the replacement "
        "changed how another word was tokenized. Where the replacement has another number of tokens than "
        "the word (position_shift), the words after it sit at other positions, which moves their vectors "
        "even in the embedding layer: a position effect, not context"
    )
    notes: list[Msg] = field(default_factory=list)


def direction(adapter: ModelAdapter, text: str, enc: Encoding | None = None) -> DirectionResult:
    """Replace each word in turn and measure every word's change (one extra run per word).

    A longer text is measured on its first ``MAX_DIRECTION_WORDS`` words alone, so that the cost
    stays the same however long the text is (the note says so)."""
    enc = enc or adapter.encode(text)
    total = len(enc.words)
    if total > MAX_DIRECTION_WORDS:
        enc = adapter.encode(text[: enc.word_spans[MAX_DIRECTION_WORDS - 1][1]])
    n = len(enc.words)
    if n < 2:
        raise InputError(msg("the direction probe needs at least two words"))
    columns = _columns(adapter, enc, n)
    notes = []
    if any(np.isnan(np.delete(c.change, j, axis=1)).any() for j, c in enumerate(columns)):
        notes.append(msg("some replacements changed the tokens of a neighbouring word (left as NaN)"))
    if n < total:
        notes.append(msg("measured on the first {n} of {total} words alone (one extra run per word)", n=n, total=total))

    def stack(part: str) -> np.ndarray:  # columns -> [layers, i, j]
        return np.stack([getattr(c, part) for c in columns], axis=-1)

    full = stack("change")
    halves = enc.direction_split is not None
    layers = []
    for k, name in enumerate(enc.layer_names):
        layer = DirectionLayer(name, full[k])
        if halves and k > 0:  # the char-CNN layer has no directions
            layer.forward, layer.backward = stack("forward")[k], stack("backward")[k]
        layers.append(layer)
    replacements = [c.replacement for c in columns]
    shifts = [c.position_shift for c in columns]
    return DirectionResult(adapter.name, enc.family.value, enc.words[:n], replacements, shifts, layers, notes=notes)


def _columns(adapter: ModelAdapter, enc: Encoding, n: int) -> list[Column]:
    """One column per replaced word; the variant texts go to the adapter ``DIRECTION_BATCH`` at a
    time, so that a family that batches texts (ELMo) runs them together."""
    before = word_layers(enc, n)
    columns = []
    for first in range(0, n, DIRECTION_BATCH):
        check_cancel()
        chunk = range(first, min(first + DIRECTION_BATCH, n))
        variants = [replace_word(enc, j) for j in chunk]
        others = adapter.encode_many([text for text, _ in variants])
        columns += [
            compare_column(enc, other, j, n, before, new)
            for j, other, (_, new) in zip(chunk, others, variants, strict=True)
        ]
    return columns


# -- polysemy ----------------------------------------------------------------------------------


@dataclass
class PolysemyResult:
    model: str
    word: str
    occurrences: list[dict[str, Any]]  # word index, character span, and its sentence
    layer_names: list[str]
    matrices: list[np.ndarray]  # per layer [k, k] cosine between the occurrences' vectors
    static_layers: list[str]  # layers that give every occurrence the same vector (word2vec-like)
    first_contextual: int  # index of the first layer that mixes in other words
    notes: list[Msg] = field(default_factory=list)
    mean_similarity: list[float] = field(default_factory=list)  # per layer, over every pair of uses

    def __post_init__(self) -> None:
        self.mean_similarity = [_mean_off_diagonal(m) for m in self.matrices]

    @property
    def static_index(self) -> int:
        return self.layer_names.index(self.static_layers[0])


def _mean_off_diagonal(m: np.ndarray) -> float:
    n = m.shape[0]
    return float((m.sum() - np.trace(m)) / (n * n - n)) if n > 1 else float("nan")


def repeated_words(text: str) -> list[str]:
    """Words (letters, digits or CJK; lower-cased) used at least twice: longest first, ties earliest."""
    words, _ = split_words(text)
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for i, w in enumerate(words):
        if w[0].isalnum():
            counts[w.lower()] = counts.get(w.lower(), 0) + 1
            first.setdefault(w.lower(), i)
    return sorted((w for w, c in counts.items() if c > 1), key=lambda w: (-len(w), first[w]))


def find_repeated_word(text: str) -> str | None:
    """The word the polysemy probe picks when the user does not: the longest repeated one."""
    found = repeated_words(text)
    return found[0] if found else None


def uses(words: list[str], word: str) -> list[int]:
    """Indices where ``word`` occurs among ``words``, case-insensitively."""
    return [i for i, w in enumerate(words) if w.lower() == word.lower()]


def default_slot(words: list[str], text: str) -> int:
    """The slot the predict probe starts with: the last use of the repeated word (the one polysemy
    follows), else the last word."""
    repeated = find_repeated_word(text)
    found = uses(words, repeated) if repeated else []
    return found[-1] if found else len(words) - 1


def polysemy(adapter: ModelAdapter, text: str, word: str | None = None, enc: Encoding | None = None) -> PolysemyResult:
    word = word or find_repeated_word(text)
    if word is None:
        raise InputError("no word occurs twice: type one word in several sentences, or name it with --word")
    enc = enc or adapter.encode(text)
    found = uses(enc.words, word)
    if len(found) < 2:
        raise InputError(msg("'{word}' does not occur at least twice in the text", word=word))
    positions = found[:MAX_USES]  # a [uses, uses] matrix per layer: bounded however long the text
    notes = (
        []
        if len(found) == len(positions)
        else [msg("the first {n} of {total} uses", n=len(positions), total=len(found))]
    )
    sentences = split_sentences(text)
    starts = [s for s, _ in sentences]
    occurrences = []
    for i in positions:
        start, end = enc.word_spans[i]
        k = bisect.bisect_right(starts, start) - 1  # the sentence that holds the use
        sent = sentences[k] if k >= 0 and start < sentences[k][1] else (0, len(text))
        occurrences.append({"word_index": i, "span": [start, end], "sentence": text[sent[0] : sent[1]].strip()})
    names = list(enc.layer_names)
    matrices = [cosine_matrix(word_vectors(enc, k, positions)) for k in range(len(names))]
    baseline = adapter.static_baseline(enc, positions)
    first_contextual = baseline.first_contextual
    if baseline.vectors is not None:  # a baseline outside the encoding's layers goes first
        names.insert(0, baseline.name)
        matrices.insert(0, cosine_matrix(baseline.vectors))
        first_contextual += 1
    return PolysemyResult(adapter.name, word, occurrences, names, matrices, [baseline.name], first_contextual, notes)


# -- CKA ---------------------------------------------------------------------------------------


def linear_cka(x: np.ndarray, y: np.ndarray) -> float:
    """Linear CKA (Kornblith et al., 2019) between two representations of the same n items."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    x = x - x.mean(axis=0)
    y = y - y.mean(axis=0)
    cross = np.linalg.norm(y.T @ x, "fro") ** 2
    norm = np.linalg.norm(x.T @ x, "fro") * np.linalg.norm(y.T @ y, "fro")
    return float(cross / norm) if norm > 0 else float("nan")


@dataclass
class CkaResult:
    labels: list[str]  # "model / layer" in English: the rows' names in the exports and the JSON
    matrix: np.ndarray
    words: int
    rows: list[tuple[str, str]]  # (model, layer name) of each row

    def row_labels(self) -> list[Msg]:
        """The rows' names for the window: the layer's name translated, the model's as it is."""
        return [joined([plain(model), layer_label(layer)], " / ") for model, layer in self.rows]


def cka(encodings: list[Encoding]) -> CkaResult:
    if len({tuple(e.words) for e in encodings}) > 1:
        raise ValueError("encodings must be of the same text")
    if len(encodings[0].words) < 3:
        raise InputError("CKA needs at least three words")
    reps, rows = [], []
    for enc in encodings:
        for k, name in enumerate(enc.layer_names):
            reps.append(word_vectors(enc, k))
            rows.append((enc.model_name, name))
    words = len(encodings[0].words)
    matrix = gram_cka(reps) if words <= GRAM_CKA_WORDS else pairwise_cka(reps)
    return CkaResult([f"{model} / {layer}" for model, layer in rows], matrix, words, rows)


GRAM_CKA_WORDS = 256  # up to here the words' Gram matrices (n x n each) are cheaper than the features'


def pairwise_cka(reps: list[np.ndarray]) -> np.ndarray:
    """CKA of every pair of representations, one pair at a time in feature space (d x d products)."""
    n = len(reps)
    matrix = np.eye(n, dtype=np.float32)
    for a in range(n):
        for b in range(a + 1, n):
            matrix[a, b] = matrix[b, a] = linear_cka(reps[a], reps[b])
    return matrix


def gram_cka(reps: list[np.ndarray]) -> np.ndarray:
    """The same as ``pairwise_cka`` through each representation's centred Gram matrix K = X Xᵀ:
    ||YᵀX||² = <K_x, K_y> and ||XᵀX|| = ||K_x||, so every pair is one product of the flattened
    Gram matrices. For a short text (n words, d dimensions, n << d) this is n² numbers a pair instead
    of three d x d products: 0.5 s of the cross-model worker's CPU per text with the default models."""
    grams = []
    for x in reps:
        x = np.asarray(x, dtype=np.float64)
        x = x - x.mean(axis=0)
        grams.append((x @ x.T).ravel())
    stacked = np.stack(grams)
    inner = stacked @ stacked.T
    norms = np.sqrt(np.diag(inner))
    scale = np.outer(norms, norms)
    with np.errstate(invalid="ignore", divide="ignore"):
        matrix = np.where(scale > 0, inner / scale, np.nan)  # no variance: NaN, as pair by pair
    np.fill_diagonal(matrix, 1.0)
    return matrix.astype(np.float32)


# -- predict and NSP ---------------------------------------------------------------------------


def predict(adapter: ModelAdapter, text: str, word: int, k: int = 5) -> SlotPrediction | Unavailable:
    """What the model says about word ``word``'s slot, in its own way."""
    words, spans = split_words(text)
    if not 0 <= word < len(words):
        raise InputError(f"word {word} is out of range (the text has {len(words)} words)")
    return adapter.predict_slot(text, spans[word], k)


def nsp(adapter: ModelAdapter, text: str) -> NextSentence | Unavailable:
    """The first two sentences of the text through the NSP head."""
    spans = split_sentences(text)
    if len(spans) < 2:
        raise InputError("nsp needs two sentences (end the first with . ! ? or a line break)")
    (a0, a1), (b0, b1) = spans[:2]
    return adapter.next_sentence(text[a0:a1], text[b0:b1])


# -- JSON --------------------------------------------------------------------------------------


def to_jsonable(value: Any) -> Any:
    """Dataclasses and arrays to plain lists/dicts; NaN to None (JSON has no NaN)."""
    if isinstance(value, Unavailable):
        return {"unavailable": value.reason.english()}
    if isinstance(value, Msg):
        return value.english()
    if is_dataclass(value):  # field by field: asdict would turn nested messages into dicts first
        return {f.name: to_jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, np.ndarray):
        return to_jsonable(value.tolist())
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, np.floating):
        return to_jsonable(float(value))
    return value
