"""mini-GPT: a small ``GPT2LMHeadModel`` trained as a causal language model.

Each gloss becomes one document, its segments on separate lines, ended by ``<|endoftext|>``
(GPT-2's document separator). Documents are concatenated and cut into full blocks, so no
compute goes to padding; a block may start mid-document, as in GPT-2's own training.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import torch
from transformers import GPT2LMHeadModel

from desktop.training.corpus import Gloss, sentences
from desktop.training.loop import Batch, OptimConfig, count_words, shuffled_forever
from desktop.training.tokenizers_build import build_byte_bpe
from desktop.training.trainer import PretrainedTrainer, TransformerSize, size_fields


@dataclass
class GptSize(TransformerSize):
    max_length: int = 128  # positions, and the training block length
    batch_size: int = 8  # blocks per batch
    eval_max_tokens: int = 200_000
    optim: OptimConfig = field(default_factory=lambda: OptimConfig(peak_lr=1e-3))


def document(gloss: Gloss) -> str:
    return "\n".join(gloss.segments)


class GptTrainer(PretrainedTrainer):
    name = "gpt"
    model: GPT2LMHeadModel

    def __init__(self, size: GptSize, train: list[Gloss], seed: int) -> None:
        tokenizer = build_byte_bpe(sentences(train), size.vocab_size, size.max_length)
        eos = tokenizer.eos_token_id  # GPT-2's one separator: it opens and ends a document
        super().__init__(size, tokenizer, GPT2LMHeadModel, seed, bos_token_id=eos, eos_token_id=eos)

    def describe(self) -> dict[str, Any]:
        return {
            "architecture": "GPT2LMHeadModel (causal LM, tied output embedding)",
            "tokenizer": "byte-level BPE",
        } | size_fields(self.size)

    def _blocks(self, glosses: list[Gloss], order: Iterable[int]) -> Iterator[tuple[list[int], int]]:
        """Full blocks of ``max_length`` token ids, each with the corpus words that entered with it."""
        buffer: list[int] = []
        words = 0
        end = [self.tokenizer.eos_token_id]
        for i in order:
            text = document(glosses[i])
            buffer += self.tokenizer(text, verbose=False)["input_ids"] + end
            words += count_words(text)
            while len(buffer) >= self.size.max_length:
                yield buffer[: self.size.max_length], words
                buffer, words = buffer[self.size.max_length :], 0

    def batches(self, train: list[Gloss], seed: int) -> Iterator[Batch]:
        chunk: list[list[int]] = []
        words = 0
        for block, block_words in self._blocks(train, shuffled_forever(len(train), seed)):
            chunk.append(block)
            words += block_words
            if len(chunk) == self.size.batch_size:
                ids = torch.tensor(chunk)
                yield Batch(ids, words, ids.numel())
                chunk, words = [], 0

    def loss(self, inputs: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids=inputs, labels=inputs).loss

    @torch.inference_mode()
    def evaluate(self, held_out: list[Gloss]) -> dict[str, float]:
        """Mean loss per predicted token, its perplexity, and the perplexity per corpus word."""
        self.model.eval()
        ids: list[int] = []
        words = 0
        for gloss in held_out:
            text = document(gloss)
            ids += self.tokenizer(text, verbose=False)["input_ids"] + [self.tokenizer.eos_token_id]
            words += count_words(text)
            if len(ids) >= self.size.eval_max_tokens:
                break
        if len(ids) < 2:
            return {}
        length = self.size.max_length
        blocks = [ids[i : i + length] for i in range(0, len(ids), length)]
        full, last = blocks[:-1], blocks[-1]  # the last block may be shorter: it runs on its own
        groups = [full[i : i + self.size.batch_size] for i in range(0, len(full), self.size.batch_size)]
        if len(last) >= 2:
            groups.append([last])
        total, predicted = 0.0, 0
        for group in groups:
            batch = torch.tensor(group, device=self.device)
            n = batch.shape[0] * (batch.shape[1] - 1)
            total += float(self.model(input_ids=batch, labels=batch).loss) * n
            predicted += n
        loss = total / predicted
        return {
            "loss": loss,
            "perplexity": float(torch.tensor(loss).exp()),
            # the same log-likelihood per word of the text (each block's first token is not predicted)
            "word_perplexity": float(torch.tensor(total / words).exp()),
            "tokens": predicted,
            "words": words,
        }
