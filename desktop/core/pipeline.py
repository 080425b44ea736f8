"""One pipeline for every front end: what a model computes for a text, stage by stage.

The window shows each stage as it arrives; the CLI prints the last one. Each stage is a full
``ModelResult`` so that a view never has to merge partial results.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from desktop.core.analysis import Analysis, DeepProbes, analyse, deep_probes
from desktop.core.claims import Evidence, all_evidence
from desktop.core.models.base import ModelAdapter


@dataclass
class ModelResult:
    analysis: Analysis
    deep: DeepProbes | None  # None until the slow probes are in
    evidence: dict[str, Evidence]  # claim id -> evidence on this text


def stages(adapter: ModelAdapter, text: str) -> Iterator[ModelResult]:
    """First the analysis (fast), then the same with the slow probes."""
    analysis = analyse(adapter, text)
    yield ModelResult(analysis, None, all_evidence(analysis))
    deep = deep_probes(adapter, analysis)
    yield ModelResult(analysis, deep, all_evidence(analysis, deep))


def run_all(adapter: ModelAdapter, text: str) -> ModelResult:
    """Every stage, for a front end that shows only the end result."""
    *_, last = stages(adapter, text)
    return last
