"""Held-out scores measured from a model's own files: what ``main.py evaluate`` reports.

Each function takes an adapter and plain texts (the caller chooses them: text the model never
trained on) and returns None where the model has no head for the measurement, so nothing here
reads a model card. The rules, stated once:

* MLM accuracy: 15 % of each text's tokens (at least one; never an unknown-token id) become the
  mask token together, chosen by a seed and the text, and the head's best guess must be the
  original token. All chosen tokens are masked (no 80/10/10): the score asks what the head infers.
* NSP accuracy: P(is next) > 0.5 must agree with the pair's label.
* Causal LM: each text alone after the end-of-text token (GPT-2's document separator), every
  token of the text predicted; token perplexity per token, word perplexity per program word
  (``split_words``: the same count for every tokenizer). Texts longer than the model's window
  are skipped (counted).
* ELMo: each text one sentence, ``<S> w1 .. wn </S>``; the forward LSTM predicts w1 .. </S>, the
  backward one <S> .. wn, through the shared softmax. A word outside the softmax vocabulary is
  the target ``<UNK>`` (bilm-tf's rule, the one the model cards state); its share is reported.
* Unknown-token rate: the adapter's own report (``Encoding.unknown``); None if it cannot tell.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import torch

from desktop.core.encoding import Unknown
from desktop.core.models.base import ModelAdapter
from desktop.core.models.decoder import DecoderAdapter
from desktop.core.models.elmo import ElmoAdapter
from desktop.core.models.encoder import EncoderAdapter
from desktop.core.models.token_labels import unseen_character_words
from desktop.core.models.transformer import TransformerAdapter
from desktop.core.text.words import split_words

MASK_RATE = 0.15
BATCH = 16


@dataclass(frozen=True)
class Accuracy:
    correct: int
    total: int

    @property
    def rate(self) -> float:
        return self.correct / self.total if self.total else float("nan")


@dataclass(frozen=True)
class Perplexity:
    """Summed negative log-likelihood (nats) over what was predicted, and how much that was."""

    nll: float
    tokens: int
    words: int
    skipped: int = 0  # texts left out (longer than the model's window)

    @property
    def token_perplexity(self) -> float:
        return math.exp(self.nll / self.tokens) if self.tokens else float("nan")

    @property
    def word_perplexity(self) -> float:
        return math.exp(self.nll / self.words) if self.words else float("nan")


def _has_mlm(adapter: ModelAdapter) -> bool:
    return isinstance(adapter, EncoderAdapter) and adapter.slot_support() is None


def _padded(rows: list[list[int]], pad: int, device: str) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(r) for r in rows)
    ids = torch.tensor([r + [pad] * (width - len(r)) for r in rows], device=device)
    mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows], device=device)
    return ids, mask


def _masked_rows(adapter: EncoderAdapter, text: str, seed: int) -> tuple[list[int], list[int], list[int]] | None:
    """(input row, masked positions in it, their original ids) for one text; None if nothing to mask."""
    tok = adapter.tokenize(text)
    ids = tok.ids[: adapter.max_length - len(tok.prefix) - len(tok.suffix)]
    candidates = [i for i, t in enumerate(ids) if t != adapter.tokenizer.unk_token_id]
    if not candidates:
        return None
    rng = random.Random(f"{seed}:{text}")
    chosen = sorted(rng.sample(candidates, max(1, round(MASK_RATE * len(candidates)))))
    row = list(ids)
    for i in chosen:
        row[i] = adapter.tokenizer.mask_token_id
    offset = len(tok.prefix)
    return tok.prefix + row + tok.suffix, [offset + i for i in chosen], [ids[i] for i in chosen]


def mlm_accuracy(adapter: ModelAdapter, texts: list[str], seed: int = 0) -> Accuracy | None:
    """Top-1 accuracy of the masked-LM head on 15 % of each text's tokens (rule in the module doc)."""
    if not isinstance(adapter, EncoderAdapter) or not _has_mlm(adapter):
        return None
    rows = [r for r in (_masked_rows(adapter, t, seed) for t in texts) if r is not None]
    pad = adapter.tokenizer.pad_token_id or 0
    correct = total = 0
    with torch.inference_mode():
        for start in range(0, len(rows), BATCH):
            group = rows[start : start + BATCH]
            ids, mask = _padded([r for r, _, _ in group], pad, adapter.device)
            logits = adapter._mlm_logits(ids, mask)
            for b, (_, positions, targets) in enumerate(group):
                guess = logits[b, positions, : len(adapter.tokenizer)].argmax(-1)
                correct += int((guess == torch.tensor(targets, device=guess.device)).sum())
                total += len(targets)
    return Accuracy(correct, total)


def nsp_accuracy(adapter: ModelAdapter, pairs: list[tuple[str, str, bool]]) -> Accuracy | None:
    """``pairs``: (first, second, second really follows first)."""
    if adapter.next_sentence_support() is not None:
        return None
    correct = 0
    for first, second, follows in pairs:
        answer = adapter.next_sentence(first, second)
        correct += int((answer.probability > 0.5) == follows)  # type: ignore[union-attr]
    return Accuracy(correct, len(pairs))


def causal_perplexity(adapter: ModelAdapter, texts: list[str]) -> Perplexity | None:
    """Token and word perplexity of a decoder on each text read alone (rule in the module doc)."""
    if not isinstance(adapter, DecoderAdapter):
        return None
    t = adapter.tokenizer
    start_id = t.bos_token_id if t.bos_token_id is not None else t.eos_token_id
    nll, tokens, words, skipped = 0.0, 0, 0, 0
    with torch.inference_mode():
        for text in texts:
            ids = t(text, verbose=False)["input_ids"]
            if not ids or len(ids) + 1 > adapter.max_length:
                skipped += 1
                continue
            inputs = torch.tensor([[start_id, *ids]], device=adapter.device)
            logits = adapter.model(input_ids=inputs).logits[0, :-1, : len(t)].float()
            targets = torch.tensor(ids, device=logits.device)
            nll += float(torch.nn.functional.cross_entropy(logits, targets, reduction="sum"))
            tokens += len(ids)
            words += len(split_words(text)[0])
    return Perplexity(nll, tokens, words, skipped)


@dataclass(frozen=True)
class DirectionPerplexity:
    forward: Perplexity
    backward: Perplexity
    unknown_targets: int  # words predicted as <UNK> (per direction)


def elmo_perplexity(adapter: ModelAdapter, texts: list[str], max_words: int = 64) -> DirectionPerplexity | None:
    """Each LSTM direction's perplexity per word through ELMo's softmax (rule in the module doc)."""
    if not isinstance(adapter, ElmoAdapter) or adapter.softmax is None:
        return None
    weight, bias, vocab = adapter.softmax
    index = {w: i for i, w in enumerate(vocab)}
    bos, eos, unk = index.get("<S>"), index.get("</S>"), index.get("<UNK>")
    if bos is None or eos is None or unk is None:
        return None
    sentences = sorted((ws for ws in (split_words(t)[0][:max_words] for t in texts) if ws), key=len)
    p = adapter.projection_dim
    fwd = bwd = 0.0
    predicted = unknown = 0
    for start in range(0, len(sentences), BATCH):
        group = sentences[start : start + BATCH]
        # [batch, words + 2, 2p], <S> and </S> included; on the softmax's device (the CPU: elmo._move)
        top = torch.from_numpy(adapter._forward(group)[0][-1]).to(weight.device)
        for b, words in enumerate(group):
            ids = [index.get(w, unk) for w in words]
            targets = torch.tensor([bos, *ids, eos], device=weight.device)
            n = len(words) + 1
            f_logits = top[b, :n, :p] @ weight.T + bias  # position t predicts t + 1
            b_logits = top[b, 1 : n + 1, p:] @ weight.T + bias  # position t predicts t - 1
            fwd += float(torch.nn.functional.cross_entropy(f_logits, targets[1:], reduction="sum"))
            bwd += float(torch.nn.functional.cross_entropy(b_logits, targets[:-1], reduction="sum"))
            predicted += n
            unknown += ids.count(unk)
    return DirectionPerplexity(Perplexity(fwd, predicted, predicted), Perplexity(bwd, predicted, predicted), unknown)


def _unknown_report(adapter: ModelAdapter, text: str) -> tuple[Unknown | None, int]:
    """The ``Encoding.unknown`` that ``encode`` would give, and the token count, without the forward
    pass where the adapter's rule needs only the tokens (a Transformer's) or the words (ELMo's)."""
    if isinstance(adapter, TransformerAdapter):
        ids = adapter.tokenize(text).ids
        return adapter.readable(adapter.tokenizer.convert_ids_to_tokens(ids), ids)[1], len(ids)
    if isinstance(adapter, ElmoAdapter):
        words = split_words(text)[0]
        return (None if adapter.softmax is None else unseen_character_words(words, adapter.softmax[2])), len(words)
    enc = adapter.encode(text)
    return enc.unknown, len(enc.tokens)


def unknown_rate(adapter: ModelAdapter, texts: list[str]) -> Accuracy | None:
    """Unknown tokens over all tokens of the texts, as the adapter reports them (None: it cannot tell)."""
    unknown = total = 0
    for text in texts:
        report, n = _unknown_report(adapter, text)
        if report is None:
            return None
        unknown += len(report.tokens)
        total += n
    return Accuracy(unknown, total)


@dataclass(frozen=True)
class ClozeAnswer:
    sentence: str  # with the blank filled by the expected word
    answer: str
    hit: bool
    guesses: list[list[str]]  # the top 5 at each masked position


def cloze(adapter: ModelAdapter, sentence: str, answer: str, k: int = 5) -> ClozeAnswer | None:
    """Fill the ``___`` of ``sentence`` with the MLM head. The expected word's tokens are masked
    together (one mask per token: a two-character Chinese word is two masks); a hit needs every
    masked position to hold its own token among the head's top ``k``. An answer the tokenizer
    cannot read (an unknown token) is a miss."""
    if not isinstance(adapter, EncoderAdapter) or not _has_mlm(adapter):
        return None
    start = sentence.index("___")
    text = sentence[:start] + answer + sentence[start + 3 :]
    end = start + len(answer)
    tok = adapter.tokenize(text)
    positions = [i for i, (s, e) in enumerate(tok.spans) if s < end and start < e]
    targets = [tok.ids[i] for i in positions]
    row = [adapter.tokenizer.mask_token_id if i in positions else t for i, t in enumerate(tok.ids)]
    with torch.inference_mode():
        logits = adapter._mlm_logits(torch.tensor([tok.prefix + row + tok.suffix], device=adapter.device))[0].cpu()
    top = [logits[len(tok.prefix) + i, : len(adapter.tokenizer)].topk(k).indices.tolist() for i in positions]
    readable = adapter.tokenizer.unk_token_id not in targets
    hit = readable and bool(positions) and all(t in best for t, best in zip(targets, top, strict=True))
    guesses = [adapter.readable_tokens(best) for best in top]
    return ClozeAnswer(text, answer, hit, guesses)
