"""The generation claim's third opinion: continuations scored by a decoder that wrote neither text."""

from __future__ import annotations

import math
from itertools import islice

import pytest
from tiny_models import make_tiny_gpt2

from desktop.core.claims import Measure, Verdict, judge
from desktop.core.claims.continuations import score_all, score_written, written
from desktop.core.claims.heads import judge_generation
from desktop.core.claims.record import ModelEntry
from desktop.core.encoding import Family
from desktop.core.models import load_adapter
from desktop.core.models.base import Unavailable
from desktop.core.pipeline import stages
from desktop.core.store.registry import ModelSpec

TEXT = "I deposited cash at the bank. We had a picnic on the river bank."


@pytest.fixture(scope="module")
def second_gpt(tmp_path_factory: pytest.TempPathFactory):
    folder = make_tiny_gpt2(tmp_path_factory.mktemp("judge") / "tiny-gpt2-judge", seed=1)
    return load_adapter(ModelSpec("tiny-gpt2-judge", Family.DECODER, path=folder))


def test_a_decoder_scores_a_continuation_and_an_encoder_cannot(adapters: dict) -> None:
    loss, tokens = adapters["decoder"].continuation_loss(TEXT, " the bank was closed")
    assert math.isfinite(loss) and loss > 0 and tokens >= 4
    worse, _ = adapters["decoder"].continuation_loss(TEXT, " bank bank bank bank")
    assert worse != loss  # the score reads the continuation, not only the text
    assert isinstance(adapters["encoder"].continuation_loss(TEXT, " the bank"), Unavailable)


def test_no_model_judges_its_own_text(adapters: dict, second_gpt) -> None:
    found = {"tiny-gpt2": {"greedy": " a b c"}, "tiny-bert": {"greedy": "bank bank"}}
    assert set(score_written(adapters["decoder"], TEXT, found)) == {"tiny-bert"}
    assert set(score_written(second_gpt, TEXT, found)) == {"tiny-gpt2", "tiny-bert"}


def _on_the_text(adapter: object) -> dict:
    """The claims measured on the text (stage 3: the generation claim needs no reference set)."""
    return list(islice(stages(adapter, TEXT), 3))[-1].claims  # type: ignore[arg-type]


def test_the_verdict_reads_a_third_model_only_when_one_is_loaded(adapters: dict, second_gpt) -> None:
    measured = {a.name: (a.family.value, _on_the_text(a)) for a in (adapters["encoder"], adapters["decoder"])}
    assert set(written(measured)) == {"tiny-bert", "tiny-gpt2"}
    scores = score_all([adapters["decoder"]], TEXT, measured)
    alone = next(r for r in judge(measured, scores=scores) if r.id == "bert-not-generative")
    assert "no third model scored the continuations" in alone.reason.english()
    scores = score_all([adapters["decoder"], second_gpt], TEXT, measured)
    record = next(r for r in judge(measured, scores=scores) if r.id == "bert-not-generative")
    assert "under tiny-gpt2-judge" in record.reason.english()
    third = record.measures["tiny-gpt2"].values["third_model"]
    assert set(third) == {"tiny-gpt2-judge"} and {"greedy", "sampled"} <= set(third["tiny-gpt2-judge"])
    assert set(record.measures["tiny-bert"].values["third_model"]) == {"tiny-gpt2", "tiny-gpt2-judge"}


def _written(family: str, top5: float, perplexity: float | None) -> ModelEntry:
    values: dict = {"left_only": {"targets": 48, "top1": top5 / 2, "top5": top5}, "repeated_words": 0.1}
    if perplexity is not None:
        values["third_model"] = {"judge": {"greedy": {"perplexity": perplexity, "tokens": 10}}}
    return ModelEntry(family, Measure(values, None))  # type: ignore[arg-type]


def test_the_two_tests_must_agree() -> None:
    def verdict(gpt: tuple[float, float | None], bert: tuple[float, float | None]) -> Verdict:
        return judge_generation({"gpt": _written("decoder", *gpt), "bert": _written("encoder", *bert)})[0]

    assert verdict((0.40, 20.0), (0.10, 90.0)) is Verdict.SHOWN
    assert verdict((0.40, 20.0), (0.10, 25.0)) is Verdict.NOT_SHOWN  # 1.25x is within the 1.5x threshold
    assert verdict((0.40, 90.0), (0.10, 20.0)) is Verdict.NOT_SHOWN  # the third model disagrees
    assert verdict((0.10, 90.0), (0.40, 20.0)) is Verdict.CONTRADICTED
    assert verdict((0.40, None), (0.10, 90.0)) is Verdict.SHOWN  # no common judge: the fill test alone


def test_a_continuation_without_words_shows_no_repetition_figure() -> None:
    gpt, bert = _written("decoder", 0.40, 20.0), _written("encoder", 0.10, 90.0)
    reason = judge_generation({"gpt": gpt, "bert": bert})[1].english()
    assert "repeated words 10% and 10%" in reason
    bert.measure.values["repeated_words"] = math.nan  # it wrote punctuation only
    reason = judge_generation({"gpt": gpt, "bert": bert})[1].english()
    assert "repeated words" not in reason and "nan" not in reason


def test_no_rate_is_given_over_no_predictable_token(adapters: dict) -> None:
    """Korean in the tiny BERT: every token unknown, so there is no hit rate to show (as Chinese in the
    shipped English-only minis)."""
    from desktop.core.claims.heads import NOTHING_TO_PREDICT

    claims = list(islice(stages(adapters["encoder"], "안녕하세요 세계 좋은 아침입니다"), 3))[-1].claims
    assert claims["mlm-nsp"] == NOTHING_TO_PREDICT and claims["bert-not-generative"] == NOTHING_TO_PREDICT
