"""ELMo loaded by allennlp: a static char-CNN token layer under a 2-layer forward LSTM and a
2-layer backward LSTM, whose outputs are concatenated [forward ; backward]. The LSTMs run
through ``elmo_lstm`` (a batched forward with allennlp's numbers), each sentence on its own and
the sentences of a text, or of several texts, in one batch (``elmo_batch``)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import h5py
import numpy as np
import torch
from safetensors import SafetensorError
from safetensors.torch import load_file

from desktop.core.encoding import Encoding, Family, MaskKind, Window
from desktop.core.messages import Msg, msg
from desktop.core.models.allennlp_compat import allennlp_installed, load_elmo_modules
from desktop.core.models.base import (
    Guess,
    InputError,
    ModelAdapter,
    ModelError,
    Prediction,
    Run,
    SlotPrediction,
    StaticBaseline,
    Unavailable,
    check_text,
    elapsed_ms,
    slot_word,
)
from desktop.core.models.elmo_batch import SentencePlan, assemble, owner_window, plan_sentences, run_batched
from desktop.core.models.elmo_lstm import FastBiLm, LstmState, cells_without_random_init
from desktop.core.models.token_labels import unseen_character_words
from desktop.core.text.words import split_words

# allennlp's ELMoCharacterMapper keeps 50 characters per word, two of them begin/end markers.
MAX_WORD_BYTES = 48
# ELMo has no length limit, but its LSTM steps word by word: a longer sentence runs in
# overlapping windows so that memory stays bounded and a stale run can stop between windows.
WINDOW_WORDS = 256
# padded tokens per batch (<S> and </S> counted): at the original size, about 70 MB of gate
# inputs and 100 MB of char-CNN activations at most
BATCH_TOKENS = 512
_REQUIRED_OPTIONS = {"lstm": ("dim", "projection_dim", "n_layers"), "char_cnn": ("filters", "embedding")}
_REQUIRED_DATASETS = ("char_embed", "CNN", "RNN_0", "RNN_1")


def check_elmo_files(name: str, options: Path, weights: Path) -> dict:
    """Fail with the exact missing or broken file; return the parsed options."""
    for path, what in ((options, "options JSON"), (weights, "weights HDF5")):
        if not path.is_file():
            raise ModelError(name, f"{what} not found", path)
    try:
        opts = json.loads(options.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(name, f"options file is not valid JSON ({exc})", options) from exc
    for section, keys in _REQUIRED_OPTIONS.items():
        missing = [k for k in keys if k not in opts.get(section, {})]
        if missing:
            raise ModelError(name, f"options file lacks {section}.{', '.join(missing)}: not ELMo options", options)
    if opts["lstm"]["n_layers"] != 2:
        raise ModelError(
            name, f"ELMo here has 2 LSTM layers per direction, file says {opts['lstm']['n_layers']}", options
        )
    try:
        with h5py.File(weights, "r") as f:
            absent = [d for d in _REQUIRED_DATASETS if d not in f]
    except OSError as exc:
        raise ModelError(name, f"weights file is corrupt or truncated ({exc})", weights, "Download it again.") from exc
    if absent:
        raise ModelError(name, f"weights file lacks {', '.join(absent)}: not in ELMo's layout", weights)
    return opts


def softmax_files(weights: Path) -> tuple[Path, Path]:
    """Where a word-level LM softmax sits beside ``<stem>_weights.hdf5``: ``<stem>_softmax.safetensors``
    (weight ``[vocab, projection]``, bias ``[vocab]``) and ``<stem>_softmax_vocab.txt`` (one word a line).
    The original ELMo files carry no softmax; models trained by this project do."""
    stem = weights.name.removesuffix(".hdf5").removesuffix("_weights")
    return weights.with_name(f"{stem}_softmax.safetensors"), weights.with_name(f"{stem}_softmax_vocab.txt")


class ElmoAdapter(ModelAdapter):
    family = Family.ELMO
    mask_kind = MaskKind.BILSTM

    def __init__(self, name: str, options: Path, weights: Path) -> None:
        super().__init__(name)
        opts = check_elmo_files(name, options, weights)
        if not allennlp_installed():
            raise ModelError(name, "allennlp is not installed", hint="Run `make setup` (see README).")
        self.options_path, self.weights_path = options, weights
        self._allennlp = load_elmo_modules()
        try:
            with cells_without_random_init():
                self.bilm = self._allennlp.ElmoBiLm(str(options), str(weights), requires_grad=False).eval()
        except Exception as exc:  # allennlp raises KeyError/ValueError on a mismatched file
            raise ModelError(name, f"allennlp could not load it ({type(exc).__name__}: {exc})", weights) from exc
        self.fast = FastBiLm(self.bilm, inference=True)
        self._carried: LstmState | None = None  # run_words(reset=False) continues from here
        self.projection_dim = int(opts["lstm"]["projection_dim"])
        self._parameters = sum(p.numel() for p in self.bilm.parameters())
        self.softmax: tuple[torch.Tensor, torch.Tensor, list[str]] | None = self._load_softmax(weights)

    def _load_softmax(self, weights: Path) -> tuple[torch.Tensor, torch.Tensor, list[str]] | None:
        tensors_path, vocab_path = softmax_files(weights)
        if not tensors_path.is_file() or not vocab_path.is_file():
            return None
        try:
            tensors = load_file(str(tensors_path))
            words = vocab_path.read_text(encoding="utf-8").splitlines()
        except (OSError, SafetensorError, UnicodeDecodeError) as exc:
            raise ModelError(self.name, f"softmax file is unreadable ({exc})", tensors_path) from exc
        weight, bias = tensors.get("weight"), tensors.get("bias")
        if weight is None or bias is None or weight.shape != (len(words), self.projection_dim):
            raise ModelError(
                self.name, f"softmax does not fit {len(words)} words x {self.projection_dim}", tensors_path
            )
        return weight.float(), bias.float(), words

    def slot_support(self) -> Unavailable | None:
        return None if self.softmax is not None else Unavailable(msg("this checkpoint has no softmax"))

    def predict_slot(self, text: str, span: tuple[int, int], k: int = 5) -> SlotPrediction | Unavailable:
        """Word j's slot through each direction: the forward LSTM has read only the words before it,
        the backward LSTM only the words after it. Needs a checkpoint saved with its softmax."""
        if self.softmax is None:
            return Unavailable(msg("this checkpoint has no softmax"))
        words, j = slot_word(text, span)
        weight, bias, vocab = self.softmax
        # the run that gives word j its vector in ``encode``: its sentence, or its window of a long one
        sentence = next(s for s in plan_sentences(text, split_words(text)[1], WINDOW_WORDS) if s.start <= j < s.end)
        win = owner_window(sentence.windows, j)
        with self._lock:  # the top layer with <S> and </S>, where the softmax is
            top = torch.from_numpy(self._forward([words[win.start : win.end]])[0][-1, 0]).to(weight.device)
        p, at = self.projection_dim, j - win.start
        guesses = []
        for vector, context in (
            (top[at, :p], msg("left only (forward LSTM)")),  # the state at the token before word j
            (top[at + 2, p:], msg("right only (backward LSTM)")),  # the state at the token after it
        ):
            best = torch.topk(torch.softmax(vector @ weight.T + bias, -1), min(k, len(vocab)))
            guesses.append(Guess(context, Prediction([vocab[i] for i in best.indices.tolist()], best.values.tolist())))
        return SlotPrediction(self.name, words[j], tuple(span), guesses)

    def static_baseline(self, enc: Encoding, words: list[int]) -> StaticBaseline:
        """The char-CNN layer reads one word at a time: it is the baseline itself."""
        return StaticBaseline(enc.layer_names[0], None, first_contextual=1)

    def network(self) -> torch.nn.Module:
        return self.bilm

    def _move(self, device: str) -> None:
        """allennlp's modules move as any torch module; the fast path's stacked LSTM weights are then
        stacked again from the moved cells (whose parameters become views of them, as at load). The
        word softmax stays on the CPU: it reads the vectors ``_forward`` hands back there."""
        self.bilm.to(device)
        self.fast = FastBiLm(self.bilm, inference=True)  # weights are prepacked only on the CPU
        self._carried = None

    @property
    def parameters(self) -> int:
        return self._parameters

    @property
    def layer_names(self) -> list[str]:
        return ["char-CNN (static)", "LSTM 1", "LSTM 2"]

    def run_words(self, batch: list[list[str]], reset: bool = True) -> list[np.ndarray]:
        """All three layers ``[3, n_words, 2 * projection]`` for each sentence, run as one padded batch.

        ``reset=False`` starts each row from the LSTM state in which the previous ``run_words`` call
        left that row, as allennlp's stateful LSTM does (its reference outputs were made that way);
        the default starts fresh, so that the same words always give the same vectors.
        """
        state = None if reset else self._carried
        if state is not None and state[0].shape[1] != len(batch):
            raise ValueError(f"reset=False needs the previous batch size {state[0].shape[1]}, got {len(batch)}")
        layers, self._carried = self._forward(batch, state)
        return _without_boundaries(layers, batch)

    def _forward(self, batch: list[list[str]], state: LstmState | None = None) -> tuple[np.ndarray, LstmState]:
        """Every layer of the batch with ``<S>`` and ``</S>``, ``[3, batch, words + 2, dim]``."""
        with torch.inference_mode():
            layers, final = self.fast(self._allennlp.batch_to_ids(batch).to(self.device), state)
        return layers.float().cpu().numpy(), final

    def _encode(self, text: str) -> Encoding:
        return self._encode_texts([text])[0]

    def encode_many(self, texts: list[str]) -> list[Encoding]:
        """The texts' sentences in shared batches; a sentence that several texts hold runs once
        (the direction probe's variants differ in one sentence)."""
        for text in texts:
            check_text(text)
        with self._lock:
            return self._encode_texts(texts)

    def _encode_texts(self, texts: list[str]) -> list[Encoding]:
        """Encodings of ``texts``; the forward time is the batches' total shared among the texts."""
        t0 = time.perf_counter()
        plans = [_TextPlan.of(text) for text in texts]
        tokenize_ms = elapsed_ms(t0) / len(texts)
        t1 = time.perf_counter()
        runs = [tuple(p.words[w.start : w.end]) for p in plans for s in p.sentences for w in s.windows]
        outputs = run_batched(runs, BATCH_TOKENS, lambda batch: _without_boundaries(self._forward(batch)[0], batch))
        forward_ms = elapsed_ms(t1) / len(texts)
        encodings = []
        for p in plans:
            layers = assemble(p.sentences, p.words, outputs)
            run = Run(layers, p.windows, t0, tokenize_ms, forward_ms, p.notes(), direction_split=self.projection_dim)
            unknown = None if self.softmax is None else unseen_character_words(p.words, self.softmax[2])
            encodings.append(self._encoding(p.text, list(p.words), p.spans, run, unknown=unknown))
        return encodings


def _without_boundaries(layers: np.ndarray, batch: list[list[str]]) -> list[np.ndarray]:
    """Per sentence ``[layers, n_words, dim]``: ``<S>``, ``</S>`` and the padding dropped."""
    return [np.ascontiguousarray(layers[:, i, 1 : 1 + len(words)]) for i, words in enumerate(batch)]


@dataclass
class _TextPlan:
    """One text's words and how ELMo runs them: sentence by sentence, long ones in windows."""

    text: str
    words: list[str]
    spans: list[tuple[int, int]]
    sentences: list[SentencePlan]

    @classmethod
    def of(cls, text: str) -> _TextPlan:
        words, spans = split_words(text)
        if not words:
            raise InputError(msg("the text has no words for ELMo (only spaces or control characters)"))
        return cls(text, words, spans, plan_sentences(text, spans, WINDOW_WORDS))

    @property
    def windows(self) -> list[Window]:
        """The overlapping windows of the sentences that needed them; one window for the rest."""
        split = [w for s in self.sentences if len(s.windows) > 1 for w in s.windows]
        return split or [Window(0, len(self.words))]

    def notes(self) -> list[Msg]:
        notes = []
        long_words = [w for w in self.words if len(w.encode("utf-8")) > MAX_WORD_BYTES]
        if long_words:
            notes.append(
                msg(
                    "{n} word(s) longer than {limit} bytes: ELMo's character encoder reads only their first "
                    "{limit} bytes (e.g. {example}...)",
                    n=len(long_words),
                    limit=MAX_WORD_BYTES,
                    example=long_words[0][:20],
                )
            )
        if len(self.sentences) > 1:
            notes.append(
                msg(
                    "ELMo read the {n} sentences each on its own, between its own <S> and </S>: no word's "
                    "vector depends on another sentence",
                    n=len(self.sentences),
                )
            )
        windowed = [s for s in self.sentences if len(s.windows) > 1]
        if windowed:
            notes.append(
                msg(
                    "{n} sentence(s) longer than {size} words: run as {windows} overlapping windows and "
                    "stitched (ELMo's LSTM state starts fresh in each window)",
                    n=len(windowed),
                    size=WINDOW_WORDS,
                    windows=sum(len(s.windows) for s in windowed),
                )
            )
        return notes
