"""Each family's own probe, and a clear answer when a checkpoint lacks the head."""

from __future__ import annotations

import math

import pytest

from desktop.core.encoding import Family
from desktop.core.models import load_adapter
from desktop.core.models.base import InputError, ModelError, Unavailable
from desktop.core.store.registry import ModelSpec


def test_bert_fill_mask_gives_a_distribution(adapters: dict) -> None:
    bert = adapters["encoder"]
    assert bert.slot_support() is None and bert.next_sentence_support() is None
    text = bert.mask_span("the river bank was wide", (10, 14))
    assert "[MASK]" in text
    (pred,) = bert.fill_mask(text, k=4)
    assert len(pred.tokens) == 4
    assert pred.probs == sorted(pred.probs, reverse=True)
    assert all(0 < p < 1 for p in pred.probs)


def test_bert_fill_mask_without_mask_is_an_input_error(adapters: dict) -> None:
    with pytest.raises(InputError):
        adapters["encoder"].fill_mask("no mask here")


def test_bert_nsp_is_a_probability(adapters: dict) -> None:
    p = adapters["encoder"].next_sentence("I went to the bank.", "It was closed.").probability
    assert 0.0 < p < 1.0 and math.isfinite(p)


def test_gpt_next_tokens_and_greedy_continuation_are_deterministic(adapters: dict) -> None:
    gpt = adapters["decoder"]
    pred = gpt.next_tokens("We had a picnic on the river", k=5)
    assert len(pred.tokens) == 5 and abs(sum(pred.probs)) <= 1.0
    first = gpt.greedy("We had a picnic on the river", n_tokens=6)
    assert first == gpt.greedy("We had a picnic on the river", n_tokens=6)
    assert gpt.continuation("We had a picnic on the river").next_token == pred
    assert len(gpt.tokenizer(first)["input_ids"]) >= 1


def test_encoder_without_heads_says_not_in_this_checkpoint(tiny_dir, tmp_path) -> None:
    """A BertModel checkpoint (like MiniLM) has no MLM/NSP weights: say so, don't use random ones."""
    from transformers import BertModel

    src = tiny_dir / "tiny-bert"
    folder = tmp_path / "bare-bert"
    BertModel.from_pretrained(src).save_pretrained(folder)
    for name in ("tokenizer.json", "tokenizer_config.json"):
        (folder / name).write_bytes((src / name).read_bytes())
    bare = load_adapter(ModelSpec("bare", Family.ENCODER, path=folder))
    for missing in (bare.slot_support(), bare.predict_slot("the bank was wide", (4, 8)), bare.next_sentence("a", "b")):
        assert isinstance(missing, Unavailable) and "not in this checkpoint" in missing.reason.english()
    with pytest.raises(ModelError, match="not in this checkpoint"):
        bare.fill_mask("the [MASK] was wide")
    assert bare.encode("the bank was wide").layers.shape[0] == 3


def test_fill_past_the_length_limit_reads_the_window_around_the_slot(adapters: dict) -> None:
    """A word beyond the model's maximum length is filled from the tokens around it, not refused,
    and a [MASK] typed earlier in the text does not get in the way."""
    bert = adapters["encoder"]
    filler = " ".join(["the river was wide"] * (bert.max_length // 2))
    text = f"a [MASK] first. {filler} and then the bank held money"
    start = text.rindex("bank")
    assert len(bert.tokenizer(text)["input_ids"]) > bert.max_length
    near = bert.predict_slot(text, (start, start + 4), k=3)
    alone = bert.predict_slot(
        text[text.index("and then") :], (start - text.index("and then"), start - text.index("and then") + 4), k=3
    )
    assert near.word == "bank" and len(near.guesses[0].prediction.tokens) == 3
    assert near.guesses[0].prediction != alone.guesses[0].prediction, "the window holds more context than the sentence"
