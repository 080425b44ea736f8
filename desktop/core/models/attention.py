"""The attention mask a Transformer really applied, read from its attention weights.

Two texts of different lengths run as one right-padded batch with eager attention; a key that
gets exactly zero weight from a query in every layer and head was masked for that query. This is
what the model did, not what its config says: a look-ahead mask leaves a lower triangle, a
padding mask leaves every real key visible and the padded ones dark.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch


@dataclass(frozen=True)
class AppliedMask:
    texts: list[str]
    tokens: list[list[str]]  # each text's tokens, specials included, before padding
    visible: np.ndarray  # bool [batch, seq, seq]: query i gave key j nonzero weight somewhere

    def real(self, row: int) -> np.ndarray:
        """The square of real (not padding) positions of one text."""
        n = len(self.tokens[row])
        return self.visible[row, :n, :n]

    def padding_seen(self, row: int) -> bool:
        """Whether any real query of ``row`` gave weight to a padding key."""
        n = len(self.tokens[row])
        return bool(self.visible[row, :n, n:].any())


@contextmanager
def _eager(model: Any) -> Any:
    """SDPA kernels return no weights: switch to eager attention for one call, then back."""
    before = model.config._attn_implementation
    model.set_attn_implementation("eager")
    try:
        yield
    finally:
        model.set_attn_implementation(before)


def applied_mask(model: Any, tokenizer: Any, texts: list[str], device: str = "cpu") -> AppliedMask:
    rows = [tokenizer(t, add_special_tokens=True, truncation=True, max_length=64)["input_ids"] for t in texts]
    width = max(len(r) for r in rows)
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    ids = torch.tensor([r + [pad] * (width - len(r)) for r in rows], device=device)
    keep = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows], device=device)
    with _eager(model), torch.inference_mode():
        out = model(input_ids=ids, attention_mask=keep, output_attentions=True)
    weights = torch.stack(out.attentions)  # [layers, batch, heads, query, key]
    visible = (weights > 0).any(dim=0).any(dim=1).cpu().numpy()
    return AppliedMask(list(texts), [tokenizer.convert_ids_to_tokens(r) for r in rows], visible)
