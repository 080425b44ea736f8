"""The optimisation loop all three trainers share: same optimiser, schedule and stopping rule.

The budget is counted in corpus words (``desktop.core.text.words.split_words``), not in model tokens:
WordPiece, byte-level BPE and ELMo's whole words cut the same text into different numbers of
tokens, and "the same budget" must mean "the same text". The learning rate follows the fraction
of the budget consumed, so a run's schedule does not depend on how many tokens a batch holds.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import random
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from desktop.core.text.words import split_words
from desktop.training.checkpoint import Checkpointer, CheckpointPlan


@functools.lru_cache(maxsize=2_000_000)
def corpus_words(text: str) -> tuple[str, ...]:
    """The words of one segment; cached, since every epoch reads the same segments again (and
    jieba on the CPU would otherwise hold back a GPU run)."""
    return tuple(split_words(text)[0])


def count_words(text: str) -> int:
    return len(corpus_words(text))


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def to_device(inputs: Any, device: torch.device) -> Any:
    """A batch's tensors (a tensor, or a dict, tuple or list of them) on ``device``."""
    if isinstance(inputs, torch.Tensor):
        return inputs.to(device, non_blocking=True)
    if isinstance(inputs, Mapping):
        return {k: to_device(v, device) for k, v in inputs.items()}
    if isinstance(inputs, tuple | list):
        return type(inputs)(to_device(v, device) for v in inputs)
    return inputs


@dataclass
class Batch:
    """Model inputs plus what they cost: corpus words (the budget) and model tokens (reported)."""

    inputs: Any
    words: int
    tokens: int


@dataclass
class OptimConfig:
    peak_lr: float = 1e-3
    warmup: float = 0.05  # fraction of the budget spent warming up
    final_lr_ratio: float = 0.1  # linear decay to this fraction of the peak at the end of the budget
    weight_decay: float = 0.01
    clip_norm: float = 1.0


@dataclass
class LoopResult:
    """What a run of the loop did, and why it stopped."""

    losses: list[float] = field(default_factory=list)  # one a step
    words: int = 0
    tokens: int = 0
    seconds: float = 0.0
    stopped_by: str = "budget"  # "budget", "data", "time" or "max_steps"
    resumed_at: list[int] = field(default_factory=list)  # the steps at which the run continued from a checkpoint

    @property
    def steps(self) -> int:
        return len(self.losses)


def learning_rate(progress: float, cfg: OptimConfig) -> float:
    """Linear warm-up, then linear decay, as a function of the budget fraction consumed."""
    if progress < cfg.warmup:
        return cfg.peak_lr * max(progress / cfg.warmup, 0.01)
    rest = min(1.0, (progress - cfg.warmup) / max(1e-9, 1.0 - cfg.warmup))
    return cfg.peak_lr * (1.0 - (1.0 - cfg.final_lr_ratio) * rest)


def shuffled_forever(n: int, seed: int) -> Iterator[int]:
    """Indices 0..n-1 in a fresh seeded order every epoch, endlessly (the budget stops it)."""
    if n == 0:
        raise ValueError("no training text: the corpus is empty")
    rng = random.Random(seed)
    order = list(range(n))
    while True:
        rng.shuffle(order)
        yield from order


def _optimizer(model: torch.nn.Module, cfg: OptimConfig) -> tuple[list[torch.nn.Parameter], torch.optim.AdamW]:
    """AdamW with weight decay on the matrices only (not on biases and norms)."""
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in params if p.dim() >= 2]
    no_decay = [p for p in params if p.dim() < 2]
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": cfg.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=cfg.peak_lr,
    )
    return params, optimizer


def _resumed(saver: Checkpointer | None, batches: Iterator[Batch], log: Callable[[str], None] | None) -> LoopResult:
    """The counts of the run a checkpoint saved, with the batches it trained on skipped (the
    trainers draw them from their own seeded generators, so the next one is the one it would take)."""
    counts = saver.restore() if saver else None
    if counts is None:
        return LoopResult()
    result = LoopResult(**counts)
    result.resumed_at.append(result.steps)
    if log:
        log(f"resuming at step {result.steps} ({result.words} words) from {saver.plan.path}")
    for _ in range(result.steps):
        next(batches)
    saver.restore_random()
    return result


def _counts(result: LoopResult, seconds: float) -> dict[str, Any]:
    """The loop's counts as a checkpoint keeps them (``LoopResult(**counts)`` reads them back)."""
    return dataclasses.asdict(dataclasses.replace(result, seconds=seconds))


def _stop_reason(
    result: LoopResult, budget_words: int, max_steps: int | None, max_minutes: float | None, start: float
) -> str | None:
    if result.words >= budget_words:
        return "budget"
    if max_steps is not None and result.steps >= max_steps:
        return "max_steps"
    if max_minutes is not None and time.perf_counter() - start > 60 * max_minutes:
        return "time"
    return None


def train_loop(
    model: torch.nn.Module,
    batches: Iterable[Batch],
    loss_fn: Callable[[Any], torch.Tensor],
    budget_words: int,
    cfg: OptimConfig,
    *,
    max_minutes: float | None = None,
    max_steps: int | None = None,
    after_step: Callable[[], None] | None = None,
    log: Callable[[str], None] | None = None,
    log_every: int = 50,
    checkpoint: CheckpointPlan | None = None,
) -> LoopResult:
    """Take batches until ``budget_words`` corpus words have been trained on (or time/steps run out).

    With ``checkpoint``, a saved run continues from its last save, and this one saves on schedule
    and when it stops."""
    params, optimizer = _optimizer(model, cfg)
    saver = Checkpointer(checkpoint, model, optimizer) if checkpoint else None
    batches = iter(batches)
    result = _resumed(saver, batches, log)
    start, earlier, first_step = time.perf_counter(), result.seconds, result.steps
    model.train()
    for batch in batches:
        if stop := _stop_reason(result, budget_words, max_steps, max_minutes, start):
            result.stopped_by = stop
            break
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(result.words / budget_words, cfg)
        loss = loss_fn(batch.inputs)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, cfg.clip_norm)
        optimizer.step()
        if after_step is not None:
            after_step()
        value = float(loss.detach())
        if not math.isfinite(value):
            raise FloatingPointError(f"loss became {value} at step {result.steps + 1}")
        result.losses.append(value)
        result.words += batch.words
        result.tokens += batch.tokens
        elapsed = time.perf_counter() - start
        if log is not None and result.steps % log_every == 0:
            rate = (result.steps - first_step) / elapsed
            log(f"step {result.steps}  loss {value:.3f}  words {result.words}/{budget_words}  {rate:.2f} steps/s")
        if saver is not None and saver.due():
            saver.save(_counts(result, earlier + elapsed))
    else:
        result.stopped_by = "budget" if result.words >= budget_words else "data"
    result.seconds = earlier + time.perf_counter() - start
    if saver is not None:  # also at the budget: the caller removes it once the model is written
        saver.save(_counts(result, result.seconds))
    model.eval()
    return result
