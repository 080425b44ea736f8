"""What ``run.train`` needs from each of the three trainers, so that one driver trains them all."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import torch

from desktop.training.corpus import Gloss
from desktop.training.loop import Batch, OptimConfig


class Trainer(ABC):
    """One model, its vocabulary, its batches from the shared corpus, its evaluation and its export."""

    name: str  # "bert", "gpt" or "elmo"
    model: torch.nn.Module  # everything that is trained (for ELMo: the biLM plus its softmax)
    optim: OptimConfig

    @abstractmethod
    def batches(self, train: list[Gloss], seed: int) -> Iterator[Batch]:
        """Endless training batches drawn from ``train`` in a seeded order."""

    @abstractmethod
    def loss(self, inputs: Any) -> torch.Tensor: ...

    @abstractmethod
    def evaluate(self, held_out: list[Gloss]) -> dict[str, float]:
        """Held-out metrics; deterministic (fixed masking/pairing seed, no dropout)."""

    @abstractmethod
    def export(self, out_dir: Path) -> list[Path]:
        """Write the files the program's adapter loads; return them."""

    @property
    @abstractmethod
    def vocab_size(self) -> int: ...

    @property
    def parameters(self) -> int:
        """Every trained parameter, shared (tied) tensors counted once."""
        return sum(p.numel() for p in self.model.parameters())

    def after_step(self) -> None:  # noqa: B027  (a hook: most trainers need nothing here)
        """Called after each optimiser step (ELMo keeps its padding row at zero)."""

    def describe(self) -> dict[str, Any]:
        """The architecture, for the model card."""
        return {}
