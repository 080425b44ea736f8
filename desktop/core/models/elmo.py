"""ELMo through allennlp's own modules: a static char-CNN token layer under a 2-layer forward
LSTM and a 2-layer backward LSTM, whose outputs are concatenated [forward ; backward]."""

from __future__ import annotations

import json
import time
from pathlib import Path

import h5py
import numpy as np
import torch
from safetensors import SafetensorError
from safetensors.torch import load_file

from desktop.core.encoding import Encoding, Family, MaskKind
from desktop.core.messages import msg
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
    elapsed_ms,
    slot_word,
)
from desktop.core.text.windowing import run_in_windows
from desktop.core.text.words import split_words

# allennlp's ELMoCharacterMapper keeps 50 characters per word, two of them begin/end markers.
MAX_WORD_BYTES = 48
# ELMo has no length limit, but its LSTM steps word by word in Python: long text runs in
# overlapping windows so that memory stays bounded and a stale run can stop between windows.
WINDOW_WORDS = 256
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
            self.bilm = self._allennlp.ElmoBiLm(str(options), str(weights), requires_grad=False).eval()
        except Exception as exc:  # allennlp raises KeyError/ValueError on a mismatched file
            raise ModelError(name, f"allennlp could not load it ({type(exc).__name__}: {exc})", weights) from exc
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
        with self._lock, torch.inference_mode():
            self.bilm._elmo_lstm.reset_states()
            top = self.bilm(self._allennlp.batch_to_ids([words]))["activations"][-1][0]  # with <S> and </S>
            p = self.projection_dim
            guesses = []
            for vector, context in (
                (top[j, :p], msg("left only (forward LSTM)")),  # the state at the token before word j
                (top[j + 2, p:], msg("right only (backward LSTM)")),  # the state at the token after it
            ):
                best = torch.topk(torch.softmax(vector.float() @ weight.T + bias, -1), min(k, len(vocab)))
                guesses.append(
                    Guess(context, Prediction([vocab[i] for i in best.indices.tolist()], best.values.tolist()))
                )
        return SlotPrediction(self.name, words[j], tuple(span), guesses)

    def static_baseline(self, enc: Encoding, words: list[int]) -> StaticBaseline:
        """The char-CNN layer reads one word at a time: it is the baseline itself."""
        return StaticBaseline(enc.layer_names[0], None, first_contextual=1)

    @property
    def parameters(self) -> int:
        return self._parameters

    @property
    def layer_names(self) -> list[str]:
        return ["char-CNN (static)", "LSTM 1", "LSTM 2"]

    def run_words(self, batch: list[list[str]], reset: bool = True) -> list[np.ndarray]:
        """All three layers ``[3, n_words, 2 * projection]`` for each sentence of the batch.

        allennlp's LSTM carries its state from one call to the next; ``reset`` (the default)
        clears it so that the same text always gives the same vectors.
        """
        if reset:
            self.bilm._elmo_lstm.reset_states()
        char_ids = self._allennlp.batch_to_ids(batch)
        with torch.inference_mode():
            out = self.bilm(char_ids)
        layers = []
        for activation in out["activations"]:
            stripped, _ = self._allennlp.remove_sentence_boundaries(activation, out["mask"])
            layers.append(stripped)
        stacked = torch.stack(layers, dim=1).float().numpy()  # [batch, 3, max_words, dim]
        return [np.ascontiguousarray(stacked[i, :, : len(words)]) for i, words in enumerate(batch)]

    def _encode(self, text: str) -> Encoding:
        t0 = time.perf_counter()
        words, spans = split_words(text)
        if not words:
            raise InputError(msg("the text has no words for ELMo (only spaces or control characters)"))
        notes = []
        long_words = [w for w in words if len(w.encode("utf-8")) > MAX_WORD_BYTES]
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
        tokenize_ms = elapsed_ms(t0)
        t1 = time.perf_counter()
        layers, windows = run_in_windows(
            len(words), WINDOW_WORDS, lambda win: self.run_words([words[win.start : win.end]])[0]
        )
        forward_ms = elapsed_ms(t1)
        if len(windows) > 1:
            notes.append(
                msg(
                    "{n} words: run as {windows} overlapping windows of up to {size} words and stitched "
                    "(ELMo's LSTM state starts fresh in each window)",
                    n=len(words),
                    windows=len(windows),
                    size=WINDOW_WORDS,
                )
            )
        run = Run(layers, windows, t0, tokenize_ms, forward_ms, notes, direction_split=self.projection_dim)
        return self._encoding(text, list(words), spans, run)
