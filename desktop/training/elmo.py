"""mini-ELMo: allennlp's own ``_ElmoBiLm`` trained from scratch as two language models.

The network is allennlp's module itself (built from a random file in the official layout), so
what is trained is exactly what the program later loads. On top sits one word-level softmax
shared by both directions, as in the original ELMo: the forward LSTM's top layer at position t
predicts word t+1, the backward LSTM's predicts word t-1; the loss is the sum of the two.
allennlp's LSTM is stateful (it carries state from one call to the next), so the state is
reset before every batch: each sentence is read on its own, as the program reads it.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from desktop.core.models.allennlp_compat import load_elmo_modules
from desktop.core.models.elmo_hdf5 import random_elmo_tensors, write_elmo_files
from desktop.training.corpus import Gloss, sentences
from desktop.training.elmo_export import export_bilm, export_softmax
from desktop.training.loop import Batch, OptimConfig, corpus_words, shuffled_forever, to_device
from desktop.training.tokenizers_build import WordVocab
from desktop.training.trainer import Trainer, size_fields

IGNORE = -100
STEM = "elmo"


@dataclass
class ElmoSize:
    vocab_size: int = 8000  # softmax words, <S> </S> <UNK> included
    char_dim: int = 16
    filters: list[list[int]] = field(default_factory=lambda: [[1, 32], [2, 32], [3, 64], [4, 64], [5, 64]])
    n_highway: int = 1
    projection: int = 128
    cell: int = 256
    clip: float = 3.0  # cell and projection clipping, as in the original ELMo
    batch_size: int = 64  # sentences
    max_words: int = 64  # longer sentences are cut (WordNet has almost none)
    bucket_batches: int = 10  # sentences of this many batches are sorted by length together
    eval_max_sentences: int = 10_000
    init_scale: float = 0.1
    half: bool = False  # export the biLM and softmax in float16 (read back as float32)
    optim: OptimConfig = field(default_factory=lambda: OptimConfig(peak_lr=2e-3))


def elmo_options(size: ElmoSize) -> dict:
    """An options JSON in the original format (the keys allennlp and bilm-tf read)."""
    return {
        "lstm": {
            "use_skip_connections": True,
            "projection_dim": size.projection,
            "cell_clip": size.clip,
            "proj_clip": size.clip,
            "dim": size.cell,
            "n_layers": 2,
        },
        "char_cnn": {
            "activation": "relu",
            "filters": [list(f) for f in size.filters],
            "n_highway": size.n_highway,
            "embedding": {"dim": size.char_dim},
            "n_characters": 262,
            "max_characters_per_token": 50,
        },
    }


def build_bilm(options: dict, seed: int, init_scale: float) -> torch.nn.Module:
    """A trainable ``_ElmoBiLm``: random tensors written in the official layout, read by allennlp.

    The LSTM cells then get allennlp's own initialisation for training (block-orthogonal
    weights, forget-gate bias 1), which trains far better than small random numbers.
    """
    torch.manual_seed(seed)
    modules = load_elmo_modules()
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_elmo_files(Path(tmp), options, random_elmo_tensors(options, seed=seed, scale=init_scale))
        bilm = modules.ElmoBiLm(str(paths[0]), str(paths[1]), requires_grad=True)
    for cell in [*bilm._elmo_lstm.forward_layers, *bilm._elmo_lstm.backward_layers]:
        cell.reset_parameters()
    return bilm


class BiLmWithSoftmax(torch.nn.Module):
    """The biLM plus the shared softmax; returns the mean forward and backward LM losses."""

    def __init__(self, bilm: torch.nn.Module, projection: int, vocab_size: int) -> None:
        super().__init__()
        self.bilm = bilm
        self.projection = projection
        self.softmax = torch.nn.Linear(projection, vocab_size)

    def top_layer(self, char_ids: torch.Tensor) -> torch.Tensor:
        """``[batch, words + 2, 2 * projection]`` with <S> and </S>, from a fresh LSTM state."""
        self.bilm._elmo_lstm.reset_states()
        return self.bilm(char_ids)["activations"][-1]

    def forward(self, char_ids: torch.Tensor, targets: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        top = self.top_layer(char_ids)
        forward_half, backward_half = top[..., : self.projection], top[..., self.projection :]
        fwd_logits = self.softmax(forward_half[:, :-1])  # position t predicts word t+1
        fwd_loss = torch.nn.functional.cross_entropy(
            fwd_logits.flatten(0, 1), targets[:, 1:].flatten(), ignore_index=IGNORE
        )
        bwd_targets = targets[:, :-1].masked_fill(targets[:, 1:] == IGNORE, IGNORE)  # only real positions
        bwd_logits = self.softmax(backward_half[:, 1:])  # position t predicts word t-1
        bwd_loss = torch.nn.functional.cross_entropy(
            bwd_logits.flatten(0, 1), bwd_targets.flatten(), ignore_index=IGNORE
        )
        return fwd_loss, bwd_loss


class ElmoTrainer(Trainer):
    name = "elmo"

    def __init__(self, size: ElmoSize, train: list[Gloss], seed: int) -> None:
        self.size = size
        self.optim = size.optim
        self.vocab = WordVocab.build(sentences(train), size.vocab_size)
        self.options = elmo_options(size)
        self._allennlp = load_elmo_modules()
        bilm = build_bilm(self.options, seed, size.init_scale)
        self.model = BiLmWithSoftmax(bilm, size.projection, len(self.vocab))
        self.zero_padding_row()

    @property
    def bilm(self) -> torch.nn.Module:
        return self.model.bilm

    @property
    def vocab_size(self) -> int:
        return len(self.vocab)

    @property
    def exported_parameters(self) -> int:
        """The biLM alone: what the program loads (the softmax is saved beside it)."""
        return sum(p.numel() for p in self.bilm.parameters())

    def describe(self) -> dict[str, Any]:
        return {
            "architecture": "allennlp _ElmoBiLm (char-CNN + 2-layer forward and backward LSTM) + shared word softmax",
            "tokenizer": "words (desktop.core.text.words); characters in, words out",
            "biLM parameters (exported weights file)": self.exported_parameters,
        } | size_fields(self.size)

    def zero_padding_row(self) -> None:
        """Row 0 of the char embedding is allennlp's padding row, absent from the file: keep it 0."""
        with torch.no_grad():
            self.bilm._token_embedder._char_embedding_weights[0].zero_()

    def after_step(self) -> None:
        self.zero_padding_row()

    def _words(self, text: str) -> list[str]:
        return list(corpus_words(text)[: self.size.max_words])

    def _batch(self, word_lists: list[list[str]]) -> Batch:
        char_ids = self._allennlp.batch_to_ids(word_lists)
        targets = torch.full((len(word_lists), char_ids.shape[1] + 2), IGNORE, dtype=torch.long)
        for row, words in enumerate(word_lists):
            ids = self.vocab.ids(words)
            targets[row, : len(ids)] = torch.tensor(ids)
        n_words = sum(len(w) for w in word_lists)
        return Batch((char_ids, targets), n_words, n_words)

    def _sentences(self, glosses: list[Gloss], order: Iterable[int]) -> Iterator[list[str]]:
        for i in order:
            for text in glosses[i].segments:
                words = self._words(text)
                if words:
                    yield words

    def batches(self, train: list[Gloss], seed: int) -> Iterator[Batch]:
        """Sentences in seeded order; within a bucket of batches sorted by length (less padding)."""
        rng = random.Random(seed)
        bucket: list[list[str]] = []
        per_bucket = self.size.batch_size * self.size.bucket_batches
        for words in self._sentences(train, shuffled_forever(len(train), seed)):
            bucket.append(words)
            if len(bucket) == per_bucket:
                bucket.sort(key=len)
                groups = [bucket[i : i + self.size.batch_size] for i in range(0, per_bucket, self.size.batch_size)]
                rng.shuffle(groups)
                for group in groups:
                    yield self._batch(group)
                bucket = []

    def loss(self, inputs: tuple[torch.Tensor, torch.Tensor]) -> torch.Tensor:
        fwd, bwd = self.model(*inputs)
        return fwd + bwd

    @torch.inference_mode()
    def evaluate(self, held_out: list[Gloss]) -> dict[str, float]:
        """Per-word loss and perplexity of each direction (</S> and <S> predicted, <UNK> a word)."""
        self.model.eval()
        sents = list(self._sentences(held_out, range(len(held_out))))[: self.size.eval_max_sentences]
        sents.sort(key=len)
        totals = {"forward": 0.0, "backward": 0.0}
        predicted = unknown = 0
        for start in range(0, len(sents), self.size.batch_size):
            group = sents[start : start + self.size.batch_size]
            char_ids, targets = to_device(self._batch(group).inputs, self.device)
            n = int((targets[:, 1:] != IGNORE).sum())  # the same count for both directions
            fwd, bwd = self.model(char_ids, targets)
            totals["forward"] += float(fwd) * n
            totals["backward"] += float(bwd) * n
            predicted += n
            unknown += int((targets == self.vocab.unk_id).sum())
        if not predicted:
            return {}
        fwd_loss, bwd_loss = totals["forward"] / predicted, totals["backward"] / predicted
        return {
            "loss": (fwd_loss + bwd_loss) / 2,
            "perplexity": float(np.exp((fwd_loss + bwd_loss) / 2)),
            "forward_perplexity": float(np.exp(fwd_loss)),
            "backward_perplexity": float(np.exp(bwd_loss)),
            "predicted_per_direction": predicted,
            "unknown_rate": unknown / predicted,
        }

    @torch.inference_mode()
    def vectors(self, batch: list[list[str]]) -> list[np.ndarray]:
        """All three layers per sentence, exactly as ``ElmoAdapter.run_words`` returns them."""
        self.model.eval()
        self.bilm._elmo_lstm.reset_states()
        out = self.bilm(self._allennlp.batch_to_ids(batch))
        layers = [self._allennlp.remove_sentence_boundaries(a, out["mask"])[0] for a in out["activations"]]
        stacked = torch.stack(layers, dim=1).float().numpy()
        return [np.ascontiguousarray(stacked[i, :, : len(words)]) for i, words in enumerate(batch)]

    def export(self, out_dir: Path) -> list[Path]:
        self.model.eval()
        files = [*export_bilm(self.bilm, self.options, out_dir, STEM, half=self.size.half)]
        files += export_softmax(self.model.softmax, self.vocab.words, out_dir, STEM, half=self.size.half)
        return files
