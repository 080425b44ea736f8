"""The NSP reference set: shipped pairs, the head's accuracy cached per model, a verdict both ways."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.claims.heads import add_nsp_reference, judge_heads
from desktop.core.claims.record import Measure, ModelEntry, Verdict
from desktop.core.measure.nsp_reference import LANGUAGES, NspReference, nsp_data, nsp_reference, score
from desktop.core.messages import msg
from desktop.core.models.base import Unavailable


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reference_set_is_half_real_half_random(language: str) -> None:
    pairs = nsp_data(language).pairs
    real = [p for p in pairs if p.is_next]
    random = [p for p in pairs if not p.is_next]
    assert len(real) == len(random) >= 40
    own_second = {p.first: p.second for p in real}
    assert len(own_second) == len(real)  # every first sentence is a passage of its own
    assert all(own_second[p.first] != p.second for p in random)
    assert {p.second for p in random} == {p.second for p in real}  # the random seconds are the set's own


def test_scoring_reads_the_threshold_both_ways() -> None:
    found = score([0.9, 0.6, 0.2, 0.7], [True, True, False, False], "en")
    assert found.accuracy == 0.75 and found.pairs == 4
    assert found.mean_true == pytest.approx(0.75) and found.mean_random == pytest.approx(0.45)


def test_the_head_is_measured_once_then_read_back(adapters: dict, tmp_path: Path) -> None:
    first = nsp_reference(adapters["encoder"], "zh", cache_dir=tmp_path)
    assert isinstance(first, NspReference) and not first.from_cache and first.pairs == len(nsp_data("zh").pairs)
    again = nsp_reference(adapters["encoder"], "zh", cache_dir=tmp_path)
    assert isinstance(again, NspReference) and again.from_cache
    assert (again.accuracy, again.mean_true, again.mean_random) == (first.accuracy, first.mean_true, first.mean_random)
    assert isinstance(nsp_reference(adapters["decoder"], "zh", cache_dir=tmp_path), Unavailable)


def _heads(accuracy: float | None, pairs: int = 80) -> ModelEntry:
    rates = {"both_sides": {"targets": 40, "top5": 0.8}, "left_only": {"targets": 40, "top5": 0.2}}
    base = Measure(rates, msg("MLM"))
    if accuracy is None:
        return ModelEntry("encoder", add_nsp_reference(base, Unavailable(msg("no NSP head"))))
    reference = NspReference("en", pairs, accuracy, 0.7, 0.3)
    return ModelEntry("encoder", add_nsp_reference(base, reference))


def test_the_nsp_verdict_needs_more_than_chance() -> None:
    assert judge_heads({"bert": _heads(0.80)})[0] is Verdict.SHOWN  # 80 pairs: chance is 50 % ± 11 points
    assert judge_heads({"bert": _heads(0.58)})[0] is Verdict.NOT_SHOWN
    assert judge_heads({"bert": _heads(0.58, pairs=1000)})[0] is Verdict.SHOWN  # ± 3 points on 1000
    assert judge_heads({"bert": _heads(0.30)})[0] is Verdict.CONTRADICTED
    no_head = _heads(None)
    assert no_head.measure.values["nsp_reference"] is None  # type: ignore[union-attr]
    assert "no NSP head" in no_head.measure.summary.english()  # type: ignore[union-attr]
    assert judge_heads({"bert": no_head})[0] is Verdict.NOT_SHOWN
