"""What a claim's per-model measurement may read: the loaded model and its result on the text."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.analysis import Analysis, DeepProbes
from desktop.core.measure.linear_probe import ProbeResult
from desktop.core.models.base import ModelAdapter

ZERO = 1e-5  # a relative change this small is floating-point noise: the model did not look
SEEN = 1e-3  # a relative change this large is a real dependence


@dataclass(frozen=True)
class ModelInputs:
    adapter: ModelAdapter
    analysis: Analysis
    deep: DeepProbes | None  # None until the slow probes are in
    reference: ProbeResult | None = None  # the linear probe on the reference set (once per model, cached)

    @property
    def family(self) -> str:
        return self.adapter.family.value
