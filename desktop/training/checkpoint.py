"""Resumable training: the loop's state, saved every few minutes and when the loop stops.

Without a GPU, the bilingual trio at the shipped budget takes hours of both cores of a laptop,
longer than one sitting. A run started again with the same checkpoint file continues where the
last one saved: the weights, the optimiser's moments, the steps' losses and counts, and the global
random state (dropout) come back, and the batches are replayed up to that step (each trainer draws
them from its own seeded generators), so the finished model is the one an uninterrupted run makes.
The checkpoint goes only once the model and its card are written (``desktop.training.run``): a
run killed while it evaluates or exports finishes from it.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch


@dataclass(frozen=True)
class CheckpointPlan:
    """Where the loop's state goes, how often, and what it belongs to (a checkpoint of another
    model, corpus, seed, budget or thread count is refused rather than silently continued)."""

    path: Path
    fingerprint: str
    every_minutes: float = 10.0


class Checkpointer:
    """Saves the loop's state on schedule; restores it at the start of a run when there is one."""

    def __init__(self, plan: CheckpointPlan, model: torch.nn.Module, optimizer: torch.optim.Optimizer) -> None:
        self.plan, self.model, self.optimizer = plan, model, optimizer
        self._last = time.perf_counter()
        self._random: tuple[torch.Tensor, Any] | None = None  # what ``restore`` read, set after the replay

    def restore(self) -> dict[str, Any] | None:
        """The saved counts (``LoopResult``'s fields), after loading the weights and the optimiser;
        None when there is nothing to resume."""
        if not self.plan.path.is_file():
            return None
        state = torch.load(self.plan.path, map_location="cpu", weights_only=True)  # tensors and plain values only
        if state["fingerprint"] != self.plan.fingerprint:
            raise ValueError(
                f"{self.plan.path} belongs to another run ({state['fingerprint']}; this one is "
                f"{self.plan.fingerprint}): remove it or choose another --checkpoint"
            )
        self.model.load_state_dict(state["model"])
        self.optimizer.load_state_dict(state["optimizer"])
        self._random = (state["torch_rng"], state["cuda_rng"])
        return state["counts"]

    def restore_random(self) -> None:
        """The global random state as saved: after the batches are replayed, so that whatever drew
        from it while they were made again does not shift the draws of the steps to come."""
        assert self._random is not None, "restore() first"
        torch_rng, cuda_rng = self._random
        torch.set_rng_state(torch_rng)
        if cuda_rng is not None and torch.cuda.is_available():
            torch.cuda.set_rng_state_all(cuda_rng)

    def due(self) -> bool:
        return time.perf_counter() - self._last >= 60 * self.plan.every_minutes

    def save(self, counts: dict[str, Any]) -> None:
        """Write atomically: a run killed while saving leaves the previous checkpoint whole."""
        state = {
            "fingerprint": self.plan.fingerprint,
            "model": self.model.state_dict(),
            "optimizer": self.optimizer.state_dict(),
            "torch_rng": torch.get_rng_state(),
            "cuda_rng": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else None,
            "counts": counts,
        }
        self.plan.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.plan.path.with_name(self.plan.path.name + ".partial")
        torch.save(state, partial)
        os.replace(partial, self.plan.path)
        self._last = time.perf_counter()
