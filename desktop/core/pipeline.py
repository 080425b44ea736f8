"""One pipeline for every front end: what a model computes for a text, stage by stage.

The window shows each stage as it arrives; the CLI prints the last one. Each stage is a full
``ModelResult`` so that a view never has to merge partial results.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from desktop.core.analysis import Analysis, DeepProbes, analyse, deep_probes
from desktop.core.claims import NEEDS_REFERENCE, Measure, ModelInputs, measure_model
from desktop.core.claims.evidence import Evidence, all_evidence
from desktop.core.claims.heads import add_nsp_reference
from desktop.core.claims.reference import reference_language
from desktop.core.measure.linear_probe import Progress, linear_probe
from desktop.core.measure.nsp_reference import NspReference, nsp_reference
from desktop.core.measure.probing_data import reference_data
from desktop.core.messages import Msg, msg
from desktop.core.models.base import InputError, ModelAdapter, ModelError, Unavailable


@dataclass
class ModelResult:
    analysis: Analysis
    deep: DeepProbes | None  # None until the slow probes are in
    evidence: dict[str, Evidence]  # claim id -> evidence on this text
    claims: dict[str, Measure | Msg] | None = None  # the claims' measurements (they rerun the model)
    complete: bool = False  # the last stage: the claims that need the reference probe are in too


def stages(
    adapter: ModelAdapter, text: str, claims: bool = True, progress: Progress | None = None, projection: bool = True
) -> Iterator[ModelResult]:
    """The analysis (fast); the same with the slow probes; the claims measured on the text; the claims
    that need the reference sets (the part-of-speech probe: a minute once per model, then read from
    its cache; ``progress`` hears how far it is, and a cancelled one resumes with the next text; the
    NSP pairs: seconds, cached too)."""
    analysis = analyse(adapter, text, projection)
    yield ModelResult(analysis, None, all_evidence(analysis))
    deep = deep_probes(adapter, analysis)
    evidence = all_evidence(analysis, deep)
    yield ModelResult(analysis, deep, evidence, complete=not claims)
    if not claims:  # `compare` prints the analysis and the probes only; `claims` measures these
        return
    inputs = ModelInputs(adapter, analysis, deep)
    claims = measure_model(inputs)
    yield ModelResult(analysis, deep, evidence, claims)
    claims |= _reference_claims(inputs, progress)
    if "mlm-nsp" in claims:
        claims["mlm-nsp"] = add_nsp_reference(claims["mlm-nsp"], _nsp_reference(adapter, text))
    yield ModelResult(analysis, deep, evidence, claims, complete=True)


def _reference_claims(inputs: ModelInputs, progress: Progress | None) -> dict[str, Measure | Msg]:
    try:
        data = reference_data(reference_language(inputs.analysis.encoding.text))
        reference = linear_probe(inputs.adapter, data, progress)
    except (InputError, ModelError, ValueError) as exc:  # a model that cannot encode the reference set
        return {claim: msg("the reference probe failed: {why}", why=str(exc)) for claim in NEEDS_REFERENCE}
    return measure_model(replace(inputs, reference=reference), only=NEEDS_REFERENCE)


def _nsp_reference(adapter: ModelAdapter, text: str) -> NspReference | Unavailable:
    try:
        return nsp_reference(adapter, reference_language(text))
    except (InputError, ModelError) as exc:
        return Unavailable(msg("the NSP reference set failed: {why}", why=str(exc)))


def run_all(
    adapter: ModelAdapter, text: str, claims: bool = True, progress: Progress | None = None, projection: bool = True
) -> ModelResult:
    """Every stage, for a front end that shows only the end result."""
    *_, last = stages(adapter, text, claims, progress, projection)
    return last
