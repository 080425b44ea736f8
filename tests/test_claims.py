"""The claims' measurements and verdicts: each verdict follows the numbers, both ways."""

from __future__ import annotations

import json

import pytest

from desktop.core.claims import ClaimRecord, Measure, Verdict, judge
from desktop.core.claims.direction import judge_one_way, mask_texts
from desktop.core.claims.heads import judge_generation
from desktop.core.claims.inputs import beyond_noise
from desktop.core.claims.polysemy import sense_of, senses
from desktop.core.claims.record import ModelEntry, load_specs
from desktop.core.claims.reference import judge_depth, judge_stronger, reference_language
from desktop.core.claims.structure import module_census
from desktop.core.pipeline import run_all
from desktop.core.text.words import split_words

TEXT = "I deposited cash at the bank. We had a picnic on the river bank."


@pytest.fixture(scope="module")
def records(adapters: dict) -> list[ClaimRecord]:
    measured = {}
    for adapter in adapters.values():
        measured[adapter.name] = (adapter.family.value, run_all(adapter, TEXT).claims)
    return judge(measured)


def test_every_claim_of_the_issue_has_a_record(records: list[ClaimRecord]) -> None:
    assert [r.id for r in records] == list(load_specs())
    for r in records:
        json.dumps(r.to_json())  # the CLI writes it as it is


def test_the_masks_and_directions_read_from_the_tiny_models(records: list[ClaimRecord]) -> None:
    by_id = {r.id: r for r in records}
    for claim in ("extractor", "gpt-one-way", "elmo-two-one-way", "masks"):
        assert by_id[claim].verdict is Verdict.SHOWN, by_id[claim].reason.english()
    masks = by_id["masks"].measures
    decoder = next(m for n, m in masks.items() if "gpt" in n)
    assert decoder.values["future_visible"] is False and decoder.values["padding_visible"] is False
    assert all(m.values["future_visible"] for n, m in masks.items() if "bert" in n)


def test_the_census_counts_what_the_weights_hold(adapters: dict) -> None:
    assert module_census(adapters["elmo"].network())["lstm_layers"] == 4  # 2 layers x 2 directions
    assert module_census(adapters["elmo"].network())["attention_blocks"] == 0
    bert = module_census(adapters["encoder"].network())
    assert bert["lstm_layers"] == 0 and bert["attention_blocks"] == adapters["encoder"].n_layers


def _entry(family: str, future: float) -> ModelEntry:
    return ModelEntry(family, Measure({"future": future, "past": 0.5, "words": 5}, None))  # type: ignore[arg-type]


def test_a_one_way_verdict_can_go_either_way() -> None:
    assert judge_one_way({"g": _entry("decoder", 0.0), "b": _entry("encoder", 0.3)})[0] is Verdict.SHOWN
    assert judge_one_way({"g": _entry("decoder", 0.2), "b": _entry("encoder", 0.3)})[0] is Verdict.CONTRADICTED
    assert judge_one_way({"g": _entry("decoder", 0.0), "b": _entry("encoder", 0.0)})[0] is Verdict.CONTRADICTED
    assert judge_one_way({"b": _entry("encoder", 0.3)})[0] is Verdict.NOT_SHOWN


def test_mask_texts_are_two_lengths() -> None:
    a, b = mask_texts("One two three four.")  # one sentence: it and its first half
    assert a != b and a.startswith(b)
    assert mask_texts("Word.") != ["Word.", "Word."]


def test_senses_are_labelled_by_cues_and_every_example_holds_its_word() -> None:
    assert sense_of("bank", "I deposited cash at the bank.") == 0
    assert sense_of("bank", "We had a picnic on the river bank.") == 1
    assert sense_of("bank", "The bank.") is None
    for word, found in senses().items():
        assert len(found) == 2
        for sense in found:
            for example in sense.examples:
                assert word in [w.lower() for w in split_words(example)[0]], example
    assert sum(1 for w in senses() if not w.isascii()) >= 8  # the Chinese half of the set


def _layers(family: str, curve: list[float]) -> ModelEntry:
    best = max(range(len(curve)), key=curve.__getitem__)
    values = {"accuracy": curve, "best": curve[best], "best_layer": best, "parameters": 1, "test_words": 400}
    return ModelEntry(family, Measure(values, None))  # type: ignore[arg-type]


def test_the_probe_verdicts_need_more_than_noise() -> None:
    assert beyond_noise(0.80, 0.70, 400) and not beyond_noise(0.72, 0.70, 400)
    assert not beyond_noise(0.80, 0.70, 20)  # twenty words cannot tell ten points apart
    stronger = {"bert": _layers("encoder", [0.5, 0.6, 0.7, 0.8, 0.85]), "elmo": _layers("elmo", [0.5, 0.7, 0.72])}
    assert judge_stronger(stronger)[0] is Verdict.SHOWN
    assert judge_depth(stronger)[0] is Verdict.SHOWN
    weaker = {"bert": _layers("encoder", [0.5, 0.6, 0.7, 0.7]), "elmo": _layers("elmo", [0.5, 0.85, 0.89])}
    assert judge_stronger(weaker)[0] is Verdict.CONTRADICTED
    assert judge_depth(weaker)[0] is Verdict.CONTRADICTED
    tied = {"bert": _layers("encoder", [0.5, 0.7, 0.8]), "elmo": _layers("elmo", [0.5, 0.79, 0.8])}
    assert judge_stronger(tied)[0] is Verdict.NOT_SHOWN
    assert judge_stronger({"bert": stronger["bert"]})[0] is Verdict.NOT_SHOWN


def test_the_reference_language_follows_the_text() -> None:
    assert reference_language("我去银行存钱。") == "zh"
    assert reference_language("I went to the bank.") == "en"
    assert reference_language("Hello 你") == "en"


def _fill(family: str, top5: float, targets: int) -> ModelEntry:
    values = {"left_only": {"targets": targets, "top1": top5 / 2, "top5": top5}}
    return ModelEntry(family, Measure(values, None))  # type: ignore[arg-type]


def test_generation_needs_more_tokens_than_noise() -> None:
    few = {"gpt": _fill("decoder", 0.21, 17), "bert": _fill("encoder", 0.18, 17)}
    assert judge_generation(few)[0] is Verdict.NOT_SHOWN  # three points on 17 tokens is noise
    many = {"gpt": _fill("decoder", 0.40, 48), "bert": _fill("encoder", 0.10, 48)}
    assert judge_generation(many)[0] is Verdict.SHOWN
    reversed_ = {"gpt": _fill("decoder", 0.10, 48), "bert": _fill("encoder", 0.40, 48)}
    assert judge_generation(reversed_)[0] is Verdict.CONTRADICTED


def test_sizes_far_apart_are_not_compared() -> None:
    big = _layers("encoder", [0.5, 0.9])
    big = ModelEntry("encoder", Measure({**big.measure.values, "parameters": 100}, None))  # type: ignore[union-attr,arg-type]
    assert judge_stronger({"big": big, "elmo": _layers("elmo", [0.5, 0.6])})[0] is Verdict.NOT_SHOWN
