"""BERT-style encoders (BERT, DistilBERT, RoBERTa, MiniLM): both sides visible at once."""

from __future__ import annotations

from pathlib import Path

import torch
from transformers import AutoConfig, AutoModel, AutoModelForPreTraining, AutoTokenizer
from transformers.models.auto.modeling_auto import MODEL_FOR_MASKED_LM_MAPPING_NAMES

from desktop.core.encoding import Family, MaskKind
from desktop.core.models.base import InputError, ModelError, Prediction, check_text
from desktop.core.models.transformer import TransformerAdapter, check_transformers_folder, load_pretrained

NOT_IN_CHECKPOINT = "not in this checkpoint: its weights have no {head} head"


class EncoderAdapter(TransformerAdapter):
    family = Family.ENCODER
    mask_kind = MaskKind.PADDING

    @classmethod
    def load(cls, name: str, folder: Path) -> EncoderAdapter:
        check_transformers_folder(name, folder)
        config = load_pretrained(name, AutoConfig, folder)
        if config.model_type not in MODEL_FOR_MASKED_LM_MAPPING_NAMES:
            raise ModelError(
                name,
                f"holds a '{config.model_type}' model, which is not a BERT-style encoder",
                folder,
                "Load it as another family (e.g. --model decoder=PATH).",
            )
        tokenizer = load_pretrained(name, AutoTokenizer, folder)
        if not tokenizer.is_fast:
            raise ModelError(name, "needs a fast tokenizer (tokenizer.json) for character offsets", folder)
        try:
            model, info = load_pretrained(name, AutoModelForPreTraining, folder, output_loading_info=True)
        except ModelError:
            model, info = load_pretrained(name, AutoModel, folder, output_loading_info=True)
        adapter = cls(name, folder, model, tokenizer)
        adapter._find_heads(info.get("missing_keys", []))
        return adapter

    def _find_heads(self, missing_keys: list[str]) -> None:
        """A head counts only if its weights came from the checkpoint, not from random init."""
        prefix = self.model.base_model_prefix + "."
        missing_head = [k for k in missing_keys if not k.startswith(prefix)]
        has_nsp_module = hasattr(getattr(self.model, "cls", None), "seq_relationship")
        nsp_missing = any("seq_relationship" in k for k in missing_head)
        mlm_missing = any("seq_relationship" not in k for k in missing_head)
        has_mlm_module = self.model.get_output_embeddings() is not None
        caps = self.capabilities
        caps.masked_fill = has_mlm_module and not mlm_missing
        caps.next_sentence = has_nsp_module and not nsp_missing
        if not caps.masked_fill:
            caps.missing["masked_fill"] = NOT_IN_CHECKPOINT.format(head="masked-language-model (MLM)")
        if not caps.next_sentence:
            caps.missing["next_sentence"] = NOT_IN_CHECKPOINT.format(head="next-sentence (NSP)")

    def _require(self, probe: str) -> None:
        if not getattr(self.capabilities, probe):
            raise ModelError(self.name, self.capabilities.missing[probe])

    def fill_mask(self, text: str, k: int = 5) -> list[Prediction]:
        """Top-k fillers for every mask token in ``text`` (use ``mask_span`` to make one)."""
        self._require("masked_fill")
        check_text(text)
        with self._lock, torch.inference_mode():
            enc = self.tokenizer(text, return_tensors="pt", truncation=True, max_length=self.max_length)
            positions = (enc["input_ids"][0] == self.tokenizer.mask_token_id).nonzero().flatten().tolist()
            if not positions:
                raise InputError(f"no {self.tokenizer.mask_token} in the text to fill")
            out = self.model(**enc)
            logits = getattr(out, "prediction_logits", None)
            logits = out.logits if logits is None else logits
            return [self._top_k(logits[0, p], k) for p in positions]

    def mask_span(self, text: str, span: tuple[int, int]) -> str:
        start, end = span
        return text[:start] + self.tokenizer.mask_token + text[end:]

    def next_sentence_probability(self, first: str, second: str) -> float:
        """P(second follows first) from the NSP head (index 0 = "is next" in BERT's convention)."""
        self._require("next_sentence")
        check_text(first)
        check_text(second)
        with self._lock, torch.inference_mode():
            enc = self.tokenizer(first, second, return_tensors="pt", truncation=True, max_length=self.max_length)
            logits = self.model(**enc).seq_relationship_logits[0]
            return float(torch.softmax(logits, -1)[0])
