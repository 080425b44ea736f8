"""The article's claims, measured: each model's numbers on the text, then one verdict per claim.

``measure_model`` runs in the model's own worker (it may run the model again); ``judge`` is cheap
and reads only those numbers, so it runs wherever the models' results meet (the cross-model
worker, the CLI). ``evidence`` keeps the one-line evidence each model's tab shows per claim.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.cancel import check_cancel
from desktop.core.claims import continuations, direction, heads, polysemy, reference, structure
from desktop.core.claims.continuations import Scores, with_scores
from desktop.core.claims.inputs import ModelInputs
from desktop.core.claims.marks import Marks, applicable
from desktop.core.claims.record import ClaimRecord, Measure, ModelEntry, Verdict, load_specs
from desktop.core.messages import Msg, msg
from desktop.core.models.base import InputError, ModelError

__all__ = ["NEEDS_REFERENCE", "ClaimRecord", "Marks", "Measure", "ModelInputs", "Verdict", "judge", "measure_model"]


@dataclass(frozen=True)
class Rule:
    measure: Callable[[ModelInputs], Measure | Msg]
    judge: Callable[[dict[str, ModelEntry]], tuple[Verdict, Msg]]


RULES: dict[str, Rule] = {
    "extractor": Rule(structure.measure_extractor, structure.judge_extractor),
    "gpt-one-way": Rule(direction.measure_one_way, direction.judge_one_way),
    "elmo-two-one-way": Rule(direction.measure_halves, direction.judge_halves),
    "masks": Rule(direction.measure_masks, direction.judge_masks),
    "polysemy": Rule(polysemy.measure_polysemy, polysemy.judge_polysemy),
    "mlm-nsp": Rule(heads.measure_heads, heads.judge_heads),
    "bert-cost": Rule(structure.measure_cost, structure.judge_cost),
    "bert-not-generative": Rule(heads.measure_generation, heads.judge_generation),
    "transformer-stronger": Rule(reference.measure_layers, reference.judge_stronger),
    "elmo-depth": Rule(reference.measure_layers, reference.judge_depth),
    "fusion": Rule(reference.measure_fusion, reference.judge_fusion),
    "no-future": Rule(reference.measure_no_future, reference.judge_no_future),
}
NEEDS_REFERENCE = {"transformer-stronger", "elmo-depth", "fusion", "no-future"}


# the claims whose numbers depend on the model reading the words (not on its structure alone)
READS_THE_TEXT = {"polysemy", "mlm-nsp", "bert-not-generative", "no-future"}


def measure_model(inputs: ModelInputs, only: set[str] | None = None) -> dict[str, Measure | Msg]:
    """Every claim (or those in ``only``) that concerns this model's family, measured on its text."""
    found: dict[str, Measure | Msg] = {}
    for claim, spec in load_specs().items():
        rule = RULES.get(claim)
        if rule is None or inputs.family not in spec.families or (only is not None and claim not in only):
            continue
        check_cancel()
        try:
            warning = inputs.analysis.encoding.coverage_warning if claim in READS_THE_TEXT else None
            found[claim] = _caveat(rule.measure(inputs), warning)
        except (InputError, ModelError) as exc:  # e.g. the control text is too long for the model
            found[claim] = msg("could not measure: {why}", why=str(exc))
    return found


def _with_user_input(
    claim: str, name: str, measured: Measure | Msg, marks: Marks | None, scores: Scores | None
) -> Measure | Msg:
    if claim == "polysemy":
        return _marked(measured, marks)
    return with_scores(measured, name, scores) if claim == continuations.CLAIM else measured


def _marked(measured: Measure | Msg, marks: Marks | None) -> Measure | Msg:
    found = None if not marks or isinstance(measured, Msg) else applicable(marks, measured)
    if found is None:
        return measured
    if isinstance(found, Msg):  # the marks are for another count of uses: say so beside the cue words' grouping
        values = {**measured.values, "marks_not_used": found.english()}
        return Measure(values, msg("{summary} ({why})", summary=measured.summary, why=found))
    return polysemy.mark_senses(measured, found)


def _caveat(measured: Measure | Msg, warning: Msg | None) -> Measure | Msg:
    """A model that cannot read the text (too many unknown tokens) says so beside every number."""
    if warning is None or isinstance(measured, Msg):
        return measured
    values = {**measured.values, "coverage_warning": warning.english()}
    return Measure(values, msg("{summary} ⚠ {warning}", summary=measured.summary, warning=warning))


def judge(
    models: dict[str, tuple[str, dict[str, Measure | Msg]]], marks: Marks | None = None, scores: Scores | None = None
) -> list[ClaimRecord]:
    """One record per claim from ``model -> (family, measure_model's answer)``; ``marks``: the senses
    the user marked, which regroup the polysemy pairs; ``scores``: the continuations as other
    decoders scored them (``continuations.score_written`` per judging model)."""
    records = []
    for claim, spec in load_specs().items():
        entries = {
            name: ModelEntry(family, _with_user_input(claim, name, measured[claim], marks, scores))
            for name, (family, measured) in models.items()
            if claim in measured
        }
        verdict, reason = RULES[claim].judge(entries)
        measures = {n: e.measure for n, e in entries.items() if isinstance(e.measure, Measure)}
        missing = {n: e.measure for n, e in entries.items() if isinstance(e.measure, Msg)}
        records.append(ClaimRecord(spec, verdict, reason, list(measures), measures, missing))
    return records
