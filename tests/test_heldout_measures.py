"""`evaluate`'s measurements (desktop/core/measure/heldout.py), checked against the models' own numbers."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
import torch

from desktop.core.measure import heldout
from desktop.core.models.elmo import ElmoAdapter
from desktop.training.elmo_export import export_softmax

TEXTS = ["the bank of the river was muddy", "she paid the money into the bank", "we had a picnic by the river"]


def test_mlm_accuracy_is_deterministic_and_counts_fifteen_percent(adapters: dict) -> None:
    bert = adapters["encoder"]
    first, second = heldout.mlm_accuracy(bert, TEXTS), heldout.mlm_accuracy(bert, TEXTS)
    assert first == second
    expected = sum(max(1, round(0.15 * len(bert.tokenize(t).ids))) for t in TEXTS)
    assert first is not None and first.total == expected and 0 <= first.correct <= first.total
    assert heldout.mlm_accuracy(adapters["decoder"], TEXTS) is None
    assert heldout.mlm_accuracy(adapters["elmo"], TEXTS) is None


def test_masked_rows_never_mask_an_unknown_token(adapters: dict) -> None:
    bert = adapters["encoder"]
    text = "the bank 银行 river"  # the tiny vocabulary has no CJK: two [UNK]s
    row, positions, targets = heldout._masked_rows(bert, text, seed=0)
    assert bert.tokenizer.unk_token_id not in targets
    assert all(row[p] == bert.tokenizer.mask_token_id for p in positions)


def test_nsp_accuracy_agrees_with_the_head(adapters: dict) -> None:
    bert = adapters["encoder"]
    pairs = [(TEXTS[0], TEXTS[1], True), (TEXTS[1], TEXTS[2], False), (TEXTS[2], TEXTS[0], True)]
    score = heldout.nsp_accuracy(bert, pairs)
    manual = sum((bert.next_sentence(a, b).probability > 0.5) == label for a, b, label in pairs)
    assert score is not None and (score.correct, score.total) == (manual, 3)
    assert heldout.nsp_accuracy(adapters["decoder"], pairs) is None


def test_causal_perplexity_equals_the_models_own_loss(adapters: dict) -> None:
    gpt = adapters["decoder"]
    result = heldout.causal_perplexity(gpt, TEXTS)
    assert result is not None and result.skipped == 0
    total, tokens = 0.0, 0
    for text in TEXTS:
        ids = [gpt.tokenizer.eos_token_id, *gpt.tokenizer(text)["input_ids"]]
        with torch.inference_mode():
            loss = gpt.model(input_ids=torch.tensor([ids]), labels=torch.tensor([ids])).loss
        total += float(loss) * (len(ids) - 1)
        tokens += len(ids) - 1
    assert result.tokens == tokens
    assert result.token_perplexity == pytest.approx(math.exp(total / tokens), rel=1e-4)
    assert result.words == sum(len(t.split()) for t in TEXTS)
    assert heldout.causal_perplexity(adapters["encoder"], TEXTS) is None


def test_elmo_perplexity_of_a_uniform_softmax_is_the_vocabulary_size(adapters: dict, tmp_path: Path) -> None:
    assert heldout.elmo_perplexity(adapters["elmo"], TEXTS) is None  # the fixture has no softmax
    source = adapters["elmo"]
    folder = tmp_path / "elmo"
    shutil.copytree(Path(source.weights_path).parent, folder)
    words = ["<S>", "</S>", "<UNK>", "the", "bank", "river"]
    linear = torch.nn.Linear(source.projection_dim, len(words))
    torch.nn.init.zeros_(linear.weight)
    torch.nn.init.zeros_(linear.bias)
    export_softmax(linear, words, folder, stem=Path(source.weights_path).name.removesuffix("_weights.hdf5"))
    elmo = ElmoAdapter("uniform", folder / "options.json", folder / "lm_weights.hdf5")
    assert elmo.softmax is not None
    result = heldout.elmo_perplexity(elmo, TEXTS)
    assert result is not None
    assert result.forward.word_perplexity == pytest.approx(len(words), rel=1e-5)
    assert result.backward.word_perplexity == pytest.approx(len(words), rel=1e-5)
    assert result.forward.words == sum(len(t.split()) + 1 for t in TEXTS)  # each word and </S>
    known = {"the", "bank", "river"}
    assert result.unknown_targets == sum(w not in known for t in TEXTS for w in t.split())


@pytest.mark.parametrize("family", ["encoder", "decoder", "elmo"])
def test_unknown_report_without_the_forward_pass_is_the_encodings(adapters: dict, family: str) -> None:
    adapter = adapters[family]
    for text in ["the bank 银行 river", "plain words only", "é ü 中文"]:
        report, n = heldout._unknown_report(adapter, text)
        enc = adapter.encode(text)
        assert n == len(enc.tokens)
        assert (report is None) == (enc.unknown is None)
        if report is not None:
            assert report.tokens == enc.unknown.tokens


def test_cloze_masks_every_token_of_the_answer(adapters: dict) -> None:
    bert = adapters["encoder"]
    answer = heldout.cloze(bert, "we sat by the ___ all day", "riverbank")
    assert answer is not None and answer.sentence == "we sat by the riverbank all day"
    tok = bert.tokenize(answer.sentence)
    start = answer.sentence.index("riverbank")
    pieces = [i for i, (s, e) in enumerate(tok.spans) if s < start + 9 and start < e]
    assert len(answer.guesses) == len(pieces) and all(len(g) == 5 for g in answer.guesses)
    unknown = heldout.cloze(bert, "money in the ___ today", "银行")  # unknown characters: a miss
    assert unknown is not None and not unknown.hit
    assert heldout.cloze(adapters["decoder"], "in the ___ today", "bank") is None
