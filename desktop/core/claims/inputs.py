"""What a claim's per-model measurement may read: the loaded model and its result on the text."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from desktop.core.analysis import Analysis, DeepProbes
from desktop.core.measure.linear_probe import ProbeResult
from desktop.core.models.base import ModelAdapter, Unavailable
from desktop.core.models.fill import FillScore

ZERO = 1e-5  # a relative change this small is floating-point noise: the model did not look
SEEN = 1e-3  # a relative change this large is a real dependence


@dataclass(frozen=True)
class ModelInputs:
    adapter: ModelAdapter
    analysis: Analysis
    deep: DeepProbes | None  # None until the slow probes are in
    reference: ProbeResult | None = None  # the linear probe on the reference set (once per model, cached)

    @cached_property
    def left_fill(self) -> FillScore | Unavailable:
        """Every token guessed from the left only: read by two claims (MLM and generation), run once."""
        return self.adapter.fill_rates(self.analysis.encoding.text, left_only=True)

    @property
    def family(self) -> str:
        return self.adapter.family.value


def beyond_noise(a: float, b: float, n: int) -> bool:
    """Whether accuracy ``a`` is above ``b`` by more than two standard errors of their difference
    on ``n`` test words (a few hundred words leave a couple of points of noise; 48 leave ten)."""
    spread = math.sqrt((a * (1 - a) + b * (1 - b)) / max(n, 1))
    return a - b > 2 * spread
