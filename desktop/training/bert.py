"""mini-BERT: a small ``BertForPreTraining`` trained with BERT's two objectives.

Masked LM: 15 % of the tokens are chosen; of those 80 % become [MASK], 10 % a random token,
10 % stay as they are. Next sentence prediction: sentence A is a segment of a WordNet gloss
that has a next segment (a definition followed by another definition or an example), sentence
B is that next segment (label 0, "is next") or, half of the time, a segment of another synset
(label 1). So A always comes from the 39 % of synsets with two or more segments, and the
single-segment glosses are seen only as random B sentences. Both heads are saved, so the
program's masked-word and next-sentence probes work on the exported model.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import torch
from transformers import BertForPreTraining

from desktop.training.bilingual import is_chinese
from desktop.training.corpus import Gloss, sentences
from desktop.training.loop import Batch, OptimConfig, count_words, shuffled_forever, to_device
from desktop.training.tokenizers_build import BERT_SPECIAL, build_wordpiece
from desktop.training.trainer import PretrainedTrainer, TransformerSize, size_fields

IS_NEXT, NOT_NEXT = 0, 1
EVAL_SEED = 20240601  # the held-out pairs and masks are the same whatever the training seed


@dataclass
class BertSize(TransformerSize):
    intermediate: int = 512
    max_length: int = 128
    batch_size: int = 32
    mask_prob: float = 0.15
    eval_max_pairs: int = 4000
    optim: OptimConfig = field(default_factory=lambda: OptimConfig(peak_lr=1e-3))


def mask_tokens(
    input_ids: torch.Tensor, candidates: torch.Tensor, mask_id: int, vocab_size: int, prob: float, gen: torch.Generator
) -> tuple[torch.Tensor, torch.Tensor]:
    """BERT's 80/10/10 masking; returns (inputs, labels) with -100 where nothing is predicted."""
    chosen = (torch.rand(input_ids.shape, generator=gen) < prob) & candidates
    if not chosen.any():  # a batch of very short pairs: predict at least one token
        chosen.view(-1)[candidates.view(-1).nonzero()[0]] = True
    labels = torch.where(chosen, input_ids, torch.full_like(input_ids, -100))
    roll = torch.rand(input_ids.shape, generator=gen)
    random_ids = torch.randint(len(BERT_SPECIAL), vocab_size, input_ids.shape, generator=gen)
    inputs = torch.where(chosen & (roll < 0.8), torch.full_like(input_ids, mask_id), input_ids)
    inputs = torch.where(chosen & (roll >= 0.8) & (roll < 0.9), random_ids, inputs)
    return inputs, labels


class SentencePairs:
    """(A, B, label) pairs: B follows A in the same gloss, or (half the time) comes from another synset
    of the same language (in a bilingual corpus a B in the other language would give the answer away)."""

    def __init__(self, glosses: list[Gloss]) -> None:
        self.language = [is_chinese(g) for g in glosses]
        self.segments: dict[bool, list[tuple[int, str]]] = {}
        for i, g in enumerate(glosses):
            self.segments.setdefault(self.language[i], []).extend((i, s) for s in g.segments)
        if any(len({i for i, _ in found}) < 2 for found in self.segments.values()):
            raise ValueError("next-sentence pairs need at least two synsets with text")

    def random_other(self, rng: random.Random, synset_index: int) -> str:
        segments = self.segments[self.language[synset_index]]
        while True:
            i, text = segments[rng.randrange(len(segments))]
            if i != synset_index:
                return text

    def pair(self, gloss_index: int, segments: tuple[str, ...], rng: random.Random) -> tuple[str, str, int]:
        k = rng.randrange(len(segments) - 1)
        if rng.random() < 0.5:
            return segments[k], segments[k + 1], IS_NEXT
        return segments[k], self.random_other(rng, gloss_index), NOT_NEXT


class BertTrainer(PretrainedTrainer):
    name = "bert"
    model: BertForPreTraining

    def __init__(self, size: BertSize, train: list[Gloss], seed: int) -> None:
        tokenizer = build_wordpiece(sentences(train), size.vocab_size, size.max_length)
        own = {"intermediate_size": size.intermediate, "pad_token_id": tokenizer.pad_token_id}
        super().__init__(size, tokenizer, BertForPreTraining, seed, **own)

    def describe(self) -> dict[str, Any]:
        return {
            "architecture": "BertForPreTraining (MLM + NSP heads)",
            "tokenizer": "WordPiece, lower-cased",
        } | size_fields(self.size)

    def _encode(self, pairs: list[tuple[str, str, int]], gen: torch.Generator) -> dict[str, torch.Tensor]:
        enc = self.tokenizer(
            [a for a, _, _ in pairs],
            [b for _, b, _ in pairs],
            truncation="longest_first",
            max_length=self.size.max_length,
            padding="longest",
            return_tensors="pt",
            return_special_tokens_mask=True,
        )
        candidates = enc["special_tokens_mask"] == 0
        input_ids, labels = mask_tokens(
            enc["input_ids"], candidates, self.tokenizer.mask_token_id, self.vocab_size, self.size.mask_prob, gen
        )
        return {
            "input_ids": input_ids,
            "token_type_ids": enc["token_type_ids"],
            "attention_mask": enc["attention_mask"],
            "labels": labels,
            "next_sentence_label": torch.tensor([label for _, _, label in pairs]),
        }

    @staticmethod
    def _pairs(glosses: list[Gloss], order: Iterable[int], rng: random.Random) -> Iterator[tuple[str, str, int]]:
        """A pair from each gloss of two or more segments, in the given order."""
        pairs = SentencePairs(glosses)
        for i in order:
            if len(glosses[i].segments) >= 2:
                yield pairs.pair(i, glosses[i].segments, rng)

    def batches(self, train: list[Gloss], seed: int) -> Iterator[Batch]:
        rng = random.Random(seed)
        gen = torch.Generator().manual_seed(seed)
        chunk: list[tuple[str, str, int]] = []
        for pair in self._pairs(train, shuffled_forever(len(train), seed), rng):
            chunk.append(pair)
            if len(chunk) == self.size.batch_size:
                inputs = self._encode(chunk, gen)
                words = sum(count_words(a) + count_words(b) for a, b, _ in chunk)
                yield Batch(inputs, words, int(inputs["attention_mask"].sum()))
                chunk = []

    def loss(self, inputs: dict[str, torch.Tensor]) -> torch.Tensor:
        """MLM + NSP, as ``BertForPreTraining`` computes it, but with the vocabulary projection
        run at the masked positions only (as BERT's own pre-training code does): about half
        the compute of a step goes to that projection when it runs on every token."""
        labels = inputs["labels"]
        encoded = self.model.bert(
            input_ids=inputs["input_ids"],
            token_type_ids=inputs["token_type_ids"],
            attention_mask=inputs["attention_mask"],
        )
        picked = labels != -100
        mlm_logits = self.model.cls.predictions(encoded.last_hidden_state[picked])
        nsp_logits = self.model.cls.seq_relationship(encoded.pooler_output)
        cross_entropy = torch.nn.functional.cross_entropy
        return cross_entropy(mlm_logits, labels[picked]) + cross_entropy(nsp_logits, inputs["next_sentence_label"])

    @torch.inference_mode()
    def evaluate(self, held_out: list[Gloss]) -> dict[str, float]:
        """MLM loss and accuracy over every chosen position (80/10/10 as in training), NSP accuracy."""
        rng = random.Random(EVAL_SEED)
        gen = torch.Generator().manual_seed(EVAL_SEED)
        pairs = list(self._pairs(held_out, range(len(held_out)), rng))[: self.size.eval_max_pairs]
        self.model.eval()
        mlm_sum = mlm_correct = mlm_n = nsp_sum = nsp_correct = 0.0
        for start in range(0, len(pairs), self.size.batch_size):
            inputs = to_device(self._encode(pairs[start : start + self.size.batch_size], gen), self.device)
            labels, nsp_labels = inputs.pop("labels"), inputs.pop("next_sentence_label")
            out = self.model(**inputs)
            picked = labels != -100
            logits = out.prediction_logits[picked]
            mlm_sum += float(torch.nn.functional.cross_entropy(logits, labels[picked], reduction="sum"))
            mlm_correct += float((logits.argmax(-1) == labels[picked]).sum())
            mlm_n += int(picked.sum())
            nsp_logits = out.seq_relationship_logits
            nsp_sum += float(torch.nn.functional.cross_entropy(nsp_logits, nsp_labels, reduction="sum"))
            nsp_correct += float((nsp_logits.argmax(-1) == nsp_labels).sum())
        if not pairs:
            return {}
        mlm_loss = mlm_sum / mlm_n
        return {
            "mlm_loss": mlm_loss,
            "mlm_perplexity": float(torch.tensor(mlm_loss).exp()),
            "mlm_accuracy": mlm_correct / mlm_n,
            "masked_tokens": int(mlm_n),
            "nsp_loss": nsp_sum / len(pairs),
            "nsp_accuracy": nsp_correct / len(pairs),
            "pairs": len(pairs),
        }
