"""How well a model predicts the tokens of the user's own text, with both sides or the left only.

Every content token of the text (the first ``MAX_TARGETS``) is a target. An encoder hides it
behind its mask token, either in place (both sides visible: what MLM pretraining asks) or at the
end of the text cut before it (left only: what generation asks). A decoder can only do the latter,
and one forward pass gives every position's left-only guess. The answers are checked against the
text itself, so the numbers can come out either way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: the window imports FillScore before torch is needed
    import torch

MAX_TARGETS = 48
CONTEXT = 128  # tokens of the text read: the targets are among its first MAX_TARGETS
BATCH = 16


@dataclass(frozen=True)
class FillScore:
    targets: int  # tokens scored
    top1: int
    top5: int
    skipped: int  # unknown-token targets, never counted as hits or misses

    @property
    def top1_rate(self) -> float:
        return self.top1 / self.targets if self.targets else float("nan")

    @property
    def top5_rate(self) -> float:
        return self.top5 / self.targets if self.targets else float("nan")


def _score(logits: torch.Tensor, targets: list[int], vocab: int) -> tuple[int, int]:
    import torch

    top = torch.topk(logits[:, :vocab].float(), 5, dim=-1).indices
    hits = top == torch.tensor(targets, device=logits.device)[:, None]
    return int(hits[:, 0].sum()), int(hits.any(dim=1).sum())


def _targets(ids: list[int], unknown: int | None, first: int) -> tuple[list[int], int]:
    chosen = [i for i in range(first, len(ids)) if ids[i] != unknown][:MAX_TARGETS]
    return chosen, sum(1 for i in ids[first:] if i == unknown)


def masked_fill(
    logits_of: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    ids: list[int],
    specials: tuple[list[int], list[int]],
    mask_id: int,
    unknown: int | None,
    vocab: int,
    left_only: bool,
    device: str = "cpu",
) -> FillScore:
    """An encoder's hit rates. ``logits_of(input_ids, attention_mask)`` -> ``[batch, seq, vocab]``,
    the inputs made on the model's ``device``."""
    import torch

    prefix, suffix = specials
    ids = ids[:CONTEXT]
    chosen, skipped = _targets(ids, unknown, 1 if left_only else 0)
    top1 = top5 = 0
    for start in range(0, len(chosen), BATCH):
        rows = []
        for t in chosen[start : start + BATCH]:
            body = [*ids[:t], mask_id, *([] if left_only else ids[t + 1 :])]
            rows.append((prefix + body + suffix, len(prefix) + t))
        width = max(len(r) for r, _ in rows)
        input_ids = torch.tensor([r + [0] * (width - len(r)) for r, _ in rows], device=device)
        keep = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r, _ in rows], device=device)
        logits = logits_of(input_ids, keep)
        picked = logits[torch.arange(len(rows), device=device), torch.tensor([p for _, p in rows], device=device)]
        a, b = _score(picked, [ids[t] for t in chosen[start : start + BATCH]], vocab)
        top1, top5 = top1 + a, top5 + b
    return FillScore(len(chosen), top1, top5, skipped)


def causal_fill(
    logits_of: Callable[[torch.Tensor], torch.Tensor],
    ids: list[int],
    unknown: int | None,
    vocab: int,
    first: int = 1,
    device: str = "cpu",
) -> FillScore:
    """A decoder's left-only hit rates: position t-1's output guesses token t (``first``: the first
    target, after any start token the model adds)."""
    import torch

    ids = ids[:CONTEXT]
    chosen, skipped = _targets(ids, unknown, max(first, 1))
    if not chosen:
        return FillScore(0, 0, 0, skipped)
    logits = logits_of(torch.tensor([ids[: chosen[-1] + 1]], device=device))[0]
    top1, top5 = _score(logits[[t - 1 for t in chosen]], [ids[t] for t in chosen], vocab)
    return FillScore(len(chosen), top1, top5, skipped)
