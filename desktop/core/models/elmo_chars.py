"""ELMo's static token layer (allennlp's char-CNN), each distinct token computed once and kept.

The char-CNN reads each token alone, so a token's vector does not depend on its sentence: "the",
"," and the sentence boundaries ``<S>`` and ``</S>`` need computing once, not once per use. The ten
sentences of ``scripts/bench_elmo.py`` hold 213 tokens with the boundaries, 131 of them distinct,
and the char-CNN was a fifth of ELMo's CPU time on them at the original size; a text typed again
after an edit, or the direction probe's variants, bring few new tokens.

Keeping the vectors also keeps them exact: computed in another batch, a token's vector can differ
in its last float32 bits (the products block their rows by the batch's size), and then the forward
LSTM's state before a word would seem to depend on the words after it. allennlp's module stays the
one that computes: it is handed the new tokens as one sentence.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import torch

BOUNDARIES = (b"<S>", b"</S>")  # the keys of the two boundary vectors (a token's key is its char ids)


class TokenVectors:
    """The char-CNN layer for batches of char ids, with the last ``capacity`` tokens' vectors kept: a
    text and its probes rarely hold more distinct tokens, and each kept one costs about 1 KB besides
    its floats (4,000 of the original ELMo's 512 floats: 12 MB). For inference only: kept vectors do
    not follow changes of the weights."""

    def __init__(self, embedder: torch.nn.Module, capacity: int = 4_000) -> None:
        self.embedder, self.capacity = embedder, capacity
        self._kept: OrderedDict[bytes, torch.Tensor] = OrderedDict()
        self._lock = threading.Lock()  # the adapter's callers hold its own lock; this one costs nothing

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()

    def __call__(self, char_ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """What allennlp's ``_ElmoCharacterEncoder`` returns for ``char_ids`` ``[batch, words, chars]``
        (rows padded with zero ids after their words): the mask ``[batch, words + 2]`` and the token
        vectors ``[batch, words + 2, dim]`` with ``<S>`` and ``</S>`` around each row, zeros on padding."""
        batch, words, _ = char_ids.shape
        present = (char_ids > 0).any(-1)
        distinct, inverse = torch.unique(char_ids[present], dim=0, return_inverse=True)
        with self._lock:
            table = self._vectors(distinct)  # <S>, the distinct tokens, </S>
        table = torch.cat([table, table.new_zeros(1, table.size(1))])  # and a zero row for padding
        lengths = present.sum(-1)
        index = torch.full((batch, words + 2), table.size(0) - 1, dtype=torch.long, device=char_ids.device)
        index[:, 0] = 0
        index[:, 1:-1][present] = inverse + 1
        index[torch.arange(batch, device=char_ids.device), lengths + 1] = distinct.size(0) + 1
        mask = torch.arange(words + 2, device=char_ids.device).unsqueeze(0) < (lengths + 2).unsqueeze(1)
        return mask, table[index]

    def _vectors(self, distinct: torch.Tensor) -> torch.Tensor:
        """``[<S>, each row of distinct, </S>]``, computing only the tokens not kept."""
        keys = [row.tobytes() for row in distinct.cpu().numpy().astype("int16")]  # char ids < 263
        missing = [i for i, key in enumerate(keys) if key not in self._kept]
        if missing or BOUNDARIES[0] not in self._kept:
            computed = self.embedder(distinct[missing].unsqueeze(0))["token_embedding"][0]
            new = [BOUNDARIES[0], *(keys[i] for i in missing), BOUNDARIES[1]]
            for key, vector in zip(new, computed, strict=True):
                self._kept.setdefault(key, vector.clone())  # a kept boundary stays as it was
        order = [BOUNDARIES[0], *keys, BOUNDARIES[1]]
        for key in order:
            self._kept.move_to_end(key)
        table = torch.stack([self._kept[key] for key in order])
        while len(self._kept) > self.capacity:
            self._kept.popitem(last=False)
        return table
