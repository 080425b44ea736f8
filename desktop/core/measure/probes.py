"""The article's claims as measurements on the user's own text.

- direction: how much word i's vector changes when word j is replaced (who sees what);
- polysemy: one word's vectors across its occurrences, against the static layer's baseline;
- cka: linear CKA between every (model, layer) pair on the same words;
- predict: the same slot through every model (fill, next word, ELMo's two directions);
- nsp: next-sentence probability where the checkpoint has the head.

Each probe takes loaded adapters and returns plain data (JSON-ready via ``to_jsonable``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, is_dataclass
from typing import Any

import numpy as np

from desktop.core.encoding import Encoding, Family
from desktop.core.measure.influence import replacement_column, word_layers
from desktop.core.measure.similarity import cosine_matrix, word_vectors
from desktop.core.models.base import InputError, ModelAdapter
from desktop.core.text.words import split_sentences, split_words

MAX_DIRECTION_WORDS = 40  # one extra forward pass per word: cap the cost on long text
STATIC_BASELINE = "input token embeddings (no position)"

# -- direction ---------------------------------------------------------------------------------


@dataclass
class DirectionLayer:
    name: str
    matrix: np.ndarray  # [i][j] = relative change of word i when word j is replaced
    forward: np.ndarray | None = None  # ELMo LSTM layers: the forward half only
    backward: np.ndarray | None = None


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
    notes: list[str] = field(default_factory=list)


def direction(adapter: ModelAdapter, text: str, enc: Encoding | None = None) -> DirectionResult:
    """Replace each word in turn and measure every word's change (one extra run per word)."""
    enc = enc or adapter.encode(text)
    n = min(len(enc.words), MAX_DIRECTION_WORDS)
    if n < 2:
        raise InputError("the direction probe needs at least two words")
    before = word_layers(enc, n)
    columns = []
    for j in range(n):
        adapter.check_cancel()
        columns.append(replacement_column(adapter, enc, j, n, before))
    notes = []
    if any(np.isnan(np.delete(c.change, j, axis=1)).any() for j, c in enumerate(columns)):
        notes.append("some replacements changed the tokens of a neighbouring word (left as NaN)")
    if n < len(enc.words):
        notes.append(f"the first {n} of {len(enc.words)} words (one extra run per word)")

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
    positions = uses(enc.words, word)
    if len(positions) < 2:
        raise InputError(f"'{word}' does not occur at least twice in the text")
    sentences = split_sentences(text)
    occurrences = []
    for i in positions:
        start, end = enc.word_spans[i]
        sent = next(((s, e) for s, e in sentences if s <= start < e), (0, len(text)))
        occurrences.append({"word_index": i, "span": [start, end], "sentence": text[sent[0] : sent[1]].strip()})
    names = list(enc.layer_names)
    matrices = [cosine_matrix(word_vectors(enc, k)[positions]) for k in range(len(names))]
    if enc.family is Family.ELMO:
        static = [names[0]]  # the char-CNN layer sees one word at a time
    else:  # a Transformer's first hidden layer already adds positions: use its token table
        static = [STATIC_BASELINE]
        names.insert(0, STATIC_BASELINE)
        matrices.insert(0, _input_embedding_similarity(adapter, enc, positions))
    # a Transformer's "embeddings" output adds positions but no other words: context starts after it
    first_contextual = 1 if enc.family is Family.ELMO else 2
    return PolysemyResult(adapter.name, word, occurrences, names, matrices, static, first_contextual)


def _input_embedding_similarity(adapter: ModelAdapter, enc: Encoding, positions: list[int]) -> np.ndarray:
    """The word2vec-like baseline of a Transformer: its token-embedding table, before positions."""
    import torch

    model = adapter.model  # type: ignore[attr-defined]
    table = model.get_input_embeddings().weight.detach()
    ids = adapter.tokenizer.convert_tokens_to_ids  # type: ignore[attr-defined]
    vectors = []
    for i in positions:
        toks = [enc.tokens[t] for t in enc.tokens_of_word(i)]
        with torch.inference_mode():
            vectors.append(table[ids(toks)].float().mean(0).numpy())
    return cosine_matrix(np.stack(vectors))


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
    labels: list[str]  # "model / layer"
    matrix: np.ndarray
    words: int


def cka(encodings: list[Encoding]) -> CkaResult:
    if len({tuple(e.words) for e in encodings}) > 1:
        raise ValueError("encodings must be of the same text")
    if len(encodings[0].words) < 3:
        raise InputError("CKA needs at least three words")
    reps, labels = [], []
    for enc in encodings:
        for k, name in enumerate(enc.layer_names):
            reps.append(word_vectors(enc, k))
            labels.append(f"{enc.model_name} / {name}")
    n = len(reps)
    matrix = np.eye(n, dtype=np.float32)
    for a in range(n):
        for b in range(a + 1, n):
            matrix[a, b] = matrix[b, a] = linear_cka(reps[a], reps[b])
    return CkaResult(labels, matrix, len(encodings[0].words))


# -- predict and NSP ---------------------------------------------------------------------------


def predict(adapter: ModelAdapter, text: str, word: int, k: int = 5) -> dict[str, Any]:
    """What the model says about word ``word``'s slot, in its own way."""
    words, spans = split_words(text)
    if not 0 <= word < len(words):
        raise InputError(f"word {word} is out of range (the text has {len(words)} words)")
    start, end = spans[word]
    out: dict[str, Any] = {"model": adapter.name, "family": adapter.family.value, "word": words[word]}
    if adapter.family is Family.ENCODER:
        if not adapter.capabilities.masked_fill:
            out["unavailable"] = adapter.capabilities.missing["masked_fill"]
            return out
        masked = adapter.mask_span(text, (start, end))  # type: ignore[attr-defined]
        index = text[:start].count(adapter.tokenizer.mask_token)  # type: ignore[attr-defined]
        pred = adapter.fill_mask(masked, k=k)[index]  # type: ignore[attr-defined]
        out["masked_fill"] = {"context": "both sides", "tokens": pred.tokens, "probs": pred.probs}
    elif adapter.family is Family.DECODER:
        if start == 0:
            out["unavailable"] = "a decoder needs at least one word to the left of the slot"
            return out
        pred = adapter.next_tokens(text[:start].rstrip(), k=k)  # type: ignore[attr-defined]
        out["next_word"] = {"context": "left only", "tokens": pred.tokens, "probs": pred.probs}
    else:
        predictor = getattr(adapter, "predict_words", None)
        if predictor is None:
            out["unavailable"] = "this checkpoint has no softmax"
            return out
        out.update(predictor(words, word, k))
    return out


def nsp(adapter: ModelAdapter, first: str, second: str) -> dict[str, Any]:
    out: dict[str, Any] = {"model": adapter.name, "first": first, "second": second}
    if adapter.family is not Family.ENCODER or not adapter.capabilities.next_sentence:
        default = f"a {adapter.family.value} has no next-sentence head (BERT's NSP pretraining task)"
        out["unavailable"] = adapter.capabilities.missing.get("next_sentence", default)
        return out
    out["probability"] = adapter.next_sentence_probability(first, second)  # type: ignore[attr-defined]
    return out


# -- JSON --------------------------------------------------------------------------------------


def to_jsonable(value: Any) -> Any:
    """Dataclasses and arrays to plain lists/dicts; NaN to None (JSON has no NaN)."""
    if is_dataclass(value):
        return {k: to_jsonable(v) for k, v in asdict(value).items()}
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
