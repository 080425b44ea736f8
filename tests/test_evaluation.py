"""The WordNet polysemy score: pairs, AUC per layer, and the model-card metrics it prints."""

from __future__ import annotations

import pytest

from desktop.training.corpus import LemmaExample
from desktop.training.evaluation import polysemy_score, sense_pairs
from desktop.training.model_card import CARD_NAME, read_held_out_metrics


def _ex(synset: str, sentence: str, held_out: bool = True) -> LemmaExample:
    start = sentence.index("bank")
    return LemmaExample("bank", synset, sentence, (start, start + 4), held_out)


EXAMPLES = [
    _ex("1-n", "he sat on the bank of the river"),
    _ex("1-n", "the river bank was muddy"),
    _ex("1-n", "fish swam near the bank"),
    _ex("2-n", "the bank lends money"),
    _ex("2-n", "she works at a bank in town"),
    _ex("3-n", "a trained sentence about the bank", held_out=False),
]


def test_pairs_are_balanced_and_held_out_only() -> None:
    pairs = sense_pairs(EXAMPLES, max_pairs=100)
    same = [p for p in pairs if p.same_sense]
    assert len(same) == len(pairs) - len(same) == 4  # 3 + 1 same-sense pairs exist; 6 different, sampled to 4
    assert all(p.a.held_out and p.b.held_out for p in pairs)


def test_static_layer_cannot_separate_senses(adapters: dict) -> None:
    score = polysemy_score(adapters["elmo"], sense_pairs(EXAMPLES))
    assert score.layer_names[0] == "char-CNN (static)"
    assert score.auc[0] == pytest.approx(0.5)  # one vector for 'bank' everywhere: every pair ties
    assert all(0.0 <= a <= 1.0 for a in score.auc) and score.pairs == 8 and score.same == 4


def test_held_out_metrics_are_read_from_the_model_card(tmp_path) -> None:
    (tmp_path / CARD_NAME).write_text(
        "# mini\n\n## Held-out evaluation\n\nOn 5 synsets.\n\n| | |\n|---|---|\n| loss | 4.2 |\n"
        "| perplexity | 66.7 |\n\n## Reproduce\n\n| not | this |\n",
        encoding="utf-8",
    )
    assert read_held_out_metrics(tmp_path) == {"loss": "4.2", "perplexity": "66.7"}
    assert read_held_out_metrics(tmp_path / "nowhere") == {}
