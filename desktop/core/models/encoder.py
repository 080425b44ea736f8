"""BERT-style encoders (BERT, DistilBERT, RoBERTa, MiniLM): both sides visible at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch
from transformers import AutoModel, AutoModelForPreTraining
from transformers.models.auto.modeling_auto import MODEL_FOR_MASKED_LM_MAPPING_NAMES

from desktop.core.encoding import Family, MaskKind
from desktop.core.messages import Msg, msg
from desktop.core.models.base import (
    Guess,
    InputError,
    ModelError,
    NextSentence,
    Prediction,
    SlotPrediction,
    Unavailable,
    check_text,
)
from desktop.core.models.fill import FillScore, masked_fill
from desktop.core.models.transformer import TransformerAdapter, checked_config, fast_tokenizer, load_pretrained


def _is_encoder(config: Any) -> bool:
    return config.model_type in MODEL_FOR_MASKED_LM_MAPPING_NAMES


class EncoderAdapter(TransformerAdapter):
    family = Family.ENCODER
    mask_kind = MaskKind.PADDING

    @classmethod
    def load(cls, name: str, folder: Path) -> EncoderAdapter:
        checked_config(name, folder, _is_encoder, msg("a BERT-style encoder"), "decoder")
        tokenizer = fast_tokenizer(name, folder)
        try:
            model, info = load_pretrained(name, AutoModelForPreTraining, folder, output_loading_info=True)
        except ModelError:
            model, info = load_pretrained(name, AutoModel, folder, output_loading_info=True)
        adapter = cls(name, folder, model, tokenizer)
        adapter._find_heads(info.get("missing_keys", []))
        adapter.initialised = frozenset(info.get("missing_keys", []))
        return adapter

    def _find_heads(self, missing_keys: list[str]) -> None:
        """A head counts only if its weights came from the checkpoint, not from random init."""
        prefix = self.model.base_model_prefix + "."
        missing_head = [k for k in missing_keys if not k.startswith(prefix)]
        has_nsp_module = hasattr(getattr(self.model, "cls", None), "seq_relationship")
        nsp_missing = any("seq_relationship" in k for k in missing_head)
        mlm_missing = any("seq_relationship" not in k for k in missing_head)
        has_mlm_module = self.model.get_output_embeddings() is not None
        self._no_mlm = (
            None if has_mlm_module and not mlm_missing else _not_in_checkpoint(msg("masked-language-model (MLM)"))
        )
        self._no_nsp = None if has_nsp_module and not nsp_missing else _not_in_checkpoint(msg("next-sentence (NSP)"))

    def slot_support(self) -> Unavailable | None:
        return self._no_mlm

    def predict_slot(self, text: str, span: tuple[int, int], k: int = 5) -> SlotPrediction | Unavailable:
        """Mask the word and fill it from both sides (the text may hold [MASK]s of its own: ours is
        the one after as many as precede the span)."""
        if self._no_mlm is not None:
            return self._no_mlm
        with self._lock, torch.inference_mode():
            tok = self.tokenize(self.mask_span(text, span))
            mask_id = self.tokenizer.mask_token_id
            slot = next(i for i, (a, _) in enumerate(tok.spans) if a == span[0] and tok.ids[i] == mask_id)
            room = self.max_length - len(tok.prefix) - len(tok.suffix)  # the slot as central as the text allows
            start = max(0, min(slot - room // 2, len(tok.ids) - room))
            logits = self._mlm_logits(self.ids_tensor([tok.window(start, start + room)]))
            pred = self._top_k(logits[0, len(tok.prefix) + slot - start], k)
        return SlotPrediction(self.name, text[span[0] : span[1]], tuple(span), [Guess(msg("both sides"), pred)])

    def _mlm_logits(self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None) -> torch.Tensor:
        out = self.model(input_ids=input_ids, attention_mask=attention_mask)
        logits = getattr(out, "prediction_logits", None)
        return out.logits if logits is None else logits

    def fill_rates(self, text: str, left_only: bool) -> FillScore | Unavailable:
        if self._no_mlm is not None:
            return self._no_mlm
        with self._lock, torch.inference_mode():
            tok = self.tokenize(text)
            t = self.tokenizer
            specials = (tok.prefix, tok.suffix)
            ids = tok.ids[: self.max_length - len(tok.prefix) - len(tok.suffix)]  # the model's length limit
            mask_id, unknown, device = t.mask_token_id, t.unk_token_id, self.device
            return masked_fill(self._mlm_logits, ids, specials, mask_id, unknown, len(t), left_only, device)

    def continue_text(self, text: str, n_tokens: int = 10, seed: int | None = None) -> str | Unavailable:
        """Generation the only way an encoder can: a [MASK] after the text, filled with its best
        token, then another — each step sees everything so far, nothing after."""
        if self._no_mlm is not None:
            return self._no_mlm
        with self._lock, torch.inference_mode():
            tok = self.tokenize(text)
            room = self.max_length - len(tok.prefix) - len(tok.suffix) - n_tokens - 1
            ids, new = tok.ids[-room:], []
            banned = torch.tensor(self.tokenizer.all_special_ids, device=self.device)
            for _ in range(n_tokens):
                row = tok.prefix + ids + new + [self.tokenizer.mask_token_id] + tok.suffix
                logits = self._mlm_logits(self.ids_tensor([row]))[0, len(tok.prefix) + len(ids) + len(new)]
                logits = logits[: len(self.tokenizer)].float().index_fill(0, banned, float("-inf"))
                new.append(int(logits.argmax()))
            return self.tokenizer.decode(new)

    def _require(self, missing: Unavailable | None) -> None:
        if missing is not None:
            raise ModelError(self.name, missing.reason.english())

    def fill_mask(self, text: str, k: int = 5) -> list[Prediction]:
        """Top-k fillers for every mask token in ``text`` (use ``mask_span`` to make one)."""
        self._require(self._no_mlm)
        check_text(text)
        with self._lock, torch.inference_mode():
            enc = self.tokenizer(text, return_tensors="pt", truncation=True, max_length=self.max_length)
            enc = enc.to(self.device)
            positions = (enc["input_ids"][0] == self.tokenizer.mask_token_id).nonzero().flatten().tolist()
            if not positions:
                raise InputError(f"no {self.tokenizer.mask_token} in the text to fill")
            logits = self._mlm_logits(enc["input_ids"])
            return [self._top_k(logits[0, p], k) for p in positions]

    def mask_span(self, text: str, span: tuple[int, int]) -> str:
        start, end = span
        return text[:start] + self.tokenizer.mask_token + text[end:]

    def next_sentence_support(self) -> Unavailable | None:
        return self._no_nsp

    def next_sentence(self, first: str, second: str) -> NextSentence | Unavailable:
        """P(second follows first) from the NSP head (index 0 = "is next" in BERT's convention)."""
        if self._no_nsp is not None:
            return self._no_nsp
        check_text(first)
        check_text(second)
        with self._lock, torch.inference_mode():
            enc = self.tokenizer(first, second, return_tensors="pt", truncation=True, max_length=self.max_length)
            logits = self.model(**enc.to(self.device)).seq_relationship_logits[0]
            return NextSentence(first, second, float(torch.softmax(logits, -1)[0]))


def _not_in_checkpoint(head: Msg) -> Unavailable:
    return Unavailable(msg("not in this checkpoint: its weights have no {head} head", head=head))
