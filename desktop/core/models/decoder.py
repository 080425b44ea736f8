"""GPT-style decoders: causal language models that see only the left context."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch
from transformers import AutoModelForCausalLM
from transformers.models.auto.modeling_auto import MODEL_FOR_CAUSAL_LM_MAPPING_NAMES

from desktop.core.encoding import Family, MaskKind
from desktop.core.messages import msg
from desktop.core.models.base import (
    Continuation,
    Guess,
    ModelError,
    Prediction,
    SlotPrediction,
    Unavailable,
    check_text,
)
from desktop.core.models.fill import FillScore, causal_fill
from desktop.core.models.transformer import TransformerAdapter, checked_config, fast_tokenizer, load_pretrained

_DECODER_ARCH_SUFFIXES = ("ForCausalLM", "LMHeadModel")


def _is_decoder(config: Any) -> bool:
    archs = config.architectures or []
    return config.model_type in MODEL_FOR_CAUSAL_LM_MAPPING_NAMES and (
        not archs or any(a.endswith(_DECODER_ARCH_SUFFIXES) for a in archs)
    )


class DecoderAdapter(TransformerAdapter):
    family = Family.DECODER
    mask_kind = MaskKind.LOOK_AHEAD

    @classmethod
    def load(cls, name: str, folder: Path) -> DecoderAdapter:
        checked_config(name, folder, _is_decoder, msg("a causal (GPT-style) language model"), "encoder")
        tokenizer = fast_tokenizer(name, folder)
        return cls(name, folder, load_pretrained(name, AutoModelForCausalLM, folder), tokenizer)

    def readable_tokens(self, ids: list[int]) -> list[str]:
        """Byte-level BPE pieces as text ('Ġriver' -> ' river'; a partial character shows as �)."""
        return [self.tokenizer.decode([i]) for i in ids]

    def _context_ids(self, text: str) -> torch.Tensor:
        """The last ``max_length`` tokens of the text: what the model can condition on."""
        check_text(text)
        ids = self.tokenizer(text, return_tensors="pt")["input_ids"][:, -self.max_length :]
        if ids.shape[1] == 0:
            raise ModelError(self.name, "its tokenizer kept nothing of this text")
        return ids.to(self.device)

    def next_tokens(self, text: str, k: int = 5) -> Prediction:
        with self._lock, torch.inference_mode():
            logits = self.model(input_ids=self._context_ids(text)).logits[0, -1]
            return self._top_k(logits, k)

    def slot_support(self) -> Unavailable | None:
        return None

    def predict_slot(self, text: str, span: tuple[int, int], k: int = 5) -> SlotPrediction | Unavailable:
        """The next word after the text left of the slot: all a look-ahead mask lets it read."""
        if not text[: span[0]].strip():
            return Unavailable(msg("a decoder needs at least one word to the left of the slot"))
        pred = self.next_tokens(text[: span[0]].rstrip(), k=k)
        return SlotPrediction(self.name, text[span[0] : span[1]], tuple(span), [Guess(msg("left only"), pred)])

    def continuation(self, text: str) -> Continuation:
        return Continuation(self.next_tokens(text, k=5), self.greedy(text))

    def fill_rates(self, text: str, left_only: bool) -> FillScore | Unavailable:
        if not left_only:
            return Unavailable(msg("a look-ahead mask hides everything right of a token: a decoder sees the left only"))
        with self._lock, torch.inference_mode():
            tok = self.tokenize(text)
            t = self.tokenizer
            ids = (tok.prefix + tok.ids)[: self.max_length]
            logits_of = lambda x: self.model(input_ids=x).logits  # noqa: E731
            return causal_fill(logits_of, ids, t.unk_token_id, len(t), len(tok.prefix), self.device)

    def continue_text(self, text: str, n_tokens: int = 10, seed: int | None = None) -> str:
        """Exactly ``n_tokens`` (no stopping at the end-of-text token), like the encoder's loop."""
        if seed is None:
            return self.greedy(text, n_tokens, at_least=n_tokens)
        with torch.random.fork_rng():  # a fixed seed here must not reseed anyone else's draws
            torch.manual_seed(seed)
            return self.greedy(text, n_tokens, sample=True, at_least=n_tokens)

    def continuation_loss(self, text: str, continuation: str) -> tuple[float, int] | Unavailable:
        """The continuation's tokens scored after the text's (the text cut from the left to fit)."""
        check_text(continuation)
        with self._lock, torch.inference_mode():
            added = self.tokenizer(continuation, return_tensors="pt")["input_ids"].to(self.device)
            if added.shape[1] >= self.max_length:
                added = added[:, : self.max_length - 1]
            context = self._context_ids(text)[:, -(self.max_length - added.shape[1]) :]
            ids = torch.cat([context, added], dim=1)
            logits = self.model(input_ids=ids).logits[0, context.shape[1] - 1 : -1].float()
            loss = torch.nn.functional.cross_entropy(logits, ids[0, context.shape[1] :])
            return float(loss), int(added.shape[1])

    def greedy(self, text: str, n_tokens: int = 12, sample: bool = False, at_least: int = 0) -> str:
        """Greedy continuation: deterministic, so a class sees the same output every time."""
        with self._lock, torch.inference_mode():
            ids = self._context_ids(text)
            room = self.max_length - ids.shape[1]
            ids = ids[:, max(0, n_tokens - room) :]
            pad = self.tokenizer.pad_token_id
            pad = self.tokenizer.eos_token_id if pad is None else pad
            out = self.model.generate(
                input_ids=ids,
                attention_mask=torch.ones_like(ids),
                max_new_tokens=n_tokens,
                do_sample=sample,
                min_new_tokens=at_least,
                pad_token_id=pad,
            )
            return self.tokenizer.decode(out[0, ids.shape[1] :])
