from __future__ import annotations

import random

import pytest

from desktop.core.encoding import overlapping_tokens
from desktop.core.text.words import split_sentences, split_words, token_word_ids


def test_words_english_with_inner_apostrophes_and_punctuation() -> None:
    words, spans = split_words("The animal didn't cross the well-known street.")
    assert words == ["The", "animal", "didn't", "cross", "the", "well-known", "street", "."]
    text = "The animal didn't cross the well-known street."
    assert [text[s:e] for s, e in spans] == words


def test_chinese_words_are_segmented_and_controls_separate() -> None:
    text = "我在银行\x00存钱。 שלום 😀\u200d我们在河岸边野餐"
    words, spans = split_words(text)
    assert words == ["我", "在", "银行", "存钱", "。", "שלום", "😀", "我们", "在", "河岸", "边", "野餐"]
    assert [text[s:e] for s, e in spans] == words


def test_whitespace_only_has_no_words() -> None:
    assert split_words(" \n\t\x00 ") == ([], [])


def test_sentences_split_on_final_punctuation_and_lines() -> None:
    text = "I went to the bank. It was closed!\n我去了银行。它关门了！“走吧。”他说。3.5 is a number"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "I went to the bank.",
        "It was closed!",
        "我去了银行。",
        "它关门了！",
        "“走吧。”",
        "他说。",
        "3.5 is a number",
    ]


def test_token_word_ids_by_largest_overlap() -> None:
    words = [(0, 3), (4, 9)]
    # " word" with its leading space (GPT-2 style), a piece inside a word, and a bare space
    assert token_word_ids([(0, 3), (3, 9), (5, 7), (3, 4)], words) == [0, 1, 1, None]


def _overlaps_one_by_one(spans: list[tuple[int, int]], words: list[tuple[int, int]]) -> list[list[int]]:
    return [[t for t, (ts, te) in enumerate(spans) if te > ws and ts < we] for ws, we in words]


@pytest.mark.parametrize("seed", range(30))
def test_overlapping_tokens_match_the_rule_read_one_pair_at_a_time(seed: int) -> None:
    """Random tokenizations in text order, with gaps, empty spans and tokens reaching over several
    words (a literal [MASK]): each word gets exactly the tokens that overlap it, in order."""
    rng = random.Random(seed)
    spans, pos = [], 0
    for _ in range(rng.randrange(0, 40)):
        pos += rng.choice([0, 0, 1, 2])
        length = rng.choice([0, 1, 1, 2, 3, 9])
        spans.append((pos, pos + length))
        pos += length if rng.random() < 0.8 else 0
    words, pos = [], 0
    for _ in range(rng.randrange(0, 20)):
        pos += rng.choice([0, 1, 2])
        length = rng.choice([1, 2, 4])
        words.append((pos, pos + length))
        pos += length
    starts, flat = overlapping_tokens(spans, words)
    got = [flat[starts[w] : starts[w + 1]].tolist() for w in range(len(words))]
    assert got == _overlaps_one_by_one(spans, words)
