"""Tokens a reader can read, and an honest warning when a model cannot read the text (issue 9).

Byte-level BPE pieces are shown as the characters they make up, a piece holding part of one
marked with its share; [UNK] tokens, lone bytes and unseen characters are counted as unknown,
and more than 5 % of them makes the Encoding say its numbers are not meaningful."""

from __future__ import annotations

import re

import pytest
from transformers.convert_slow_tokenizer import bytes_to_unicode

from desktop.core.encoding import UNKNOWN_SHARE_LIMIT
from desktop.core.models import load_adapter
from desktop.core.models.token_labels import byte_level_labels, lone_bytes, unseen_character_words, visible
from desktop.core.store.registry import load_registry

CHINESE = "我在银行存钱。我们在河岸边野餐。"
ENGLISH = "I deposited cash at the bank. We had a picnic on the river bank."
FRACTION = re.compile("[½⅓⅔¼¾]")
_CHAR_OF = bytes_to_unicode()


def pieces(*parts: bytes) -> list[str]:
    """Byte-level pieces as a GPT-2 tokenizer spells them, from the bytes each holds."""
    return ["".join(_CHAR_OF[b] for b in part) for part in parts]


def test_a_character_cut_into_pieces_shows_in_each_with_its_share() -> None:
    yin = "银".encode()
    wo_zai = "我在".encode()
    labels = byte_level_labels(pieces(wo_zai[:4], wo_zai[4:] + yin[:1], yin[1:], b" bank"))
    assert labels == ["我在⅓", "在⅔银⅓", "银⅔", "␣bank"]
    emoji = "😀".encode()
    assert byte_level_labels(pieces(*(emoji[i : i + 1] for i in range(4)))) == ["😀¼"] * 4


def test_lone_bytes_are_unknown_and_merged_pieces_are_not() -> None:
    yin = "银".encode()
    assert lone_bytes(pieces(yin[:1], yin[1:2], yin[2:], b"a")) == [0, 1, 2]
    assert lone_bytes(pieces(yin[:2], yin[2:] + b"a")) == []  # merges that cut a character were learned


def test_whitespace_shows() -> None:
    assert visible(" a\nb\tc\x00") == "␣a↵b⇥c\\x00"


def test_chinese_through_a_byte_level_gpt2_reads_as_characters(adapters) -> None:
    enc = adapters["decoder"].encode(CHINESE)
    assert all(FRACTION.sub("", label) == enc.text[s:e] for label, (s, e) in zip(enc.labels, enc.spans, strict=True))
    assert any(FRACTION.search(label) for label in enc.labels), "the tiny BPE cuts some character"
    assert enc.tokens != enc.labels  # the pieces themselves are byte stand-ins ("æĪĳ")
    assert enc.unknown is not None and enc.unknown.tokens == []  # it saw this text: every piece is merged


def test_a_script_the_tiny_gpt2_never_saw_is_unknown(adapters) -> None:
    enc = adapters["decoder"].encode("猫和狗")  # none of these is in its training text
    assert enc.labels == ["猫⅓"] * 3 + ["和⅓"] * 3 + ["狗⅓"] * 3
    assert enc.unknown.tokens == list(range(9)) and enc.coverage_warning is not None


@pytest.fixture(scope="module")
def mini_bert():
    return load_adapter({s.name: s for s in load_registry()}["mini-bert"])


def test_the_shipped_mini_bert_reads_chinese_one_character_a_token(mini_bert) -> None:
    enc = mini_bert.encode(CHINESE)
    assert enc.tokens == [c for c in CHINESE]  # WordPiece with every CJK character a token
    assert enc.unknown.tokens == [] and enc.coverage_warning is None


def test_mini_bert_on_english_has_no_warning(mini_bert) -> None:
    enc = mini_bert.encode(ENGLISH)
    assert enc.unknown.tokens == [] and enc.coverage_warning is None


def test_characters_a_wordpiece_never_saw_are_unknown_and_it_says_so(adapters) -> None:
    enc = adapters["encoder"].encode("猫狗鸟鱼")  # not in the tiny BERT's vocabulary
    assert enc.tokens == ["[UNK]"] * 4 and enc.labels == enc.tokens
    assert len(enc.unknown.tokens) == 4 and enc.unknown_share == 1.0
    warning = enc.coverage_warning.english()
    assert warning.startswith("4 of 4 tokens are unknown to its vocabulary ([UNK])") and "not meaningful" in warning


def test_the_warning_starts_above_five_percent(adapters) -> None:
    bert = adapters["encoder"]
    text = " ".join(["the river bank"] * 7) + " 猫"  # 21 known tokens and one [UNK]: 4.5 %
    enc = bert.encode(text)
    assert len(enc.unknown.tokens) == 1 and enc.unknown_share <= UNKNOWN_SHARE_LIMIT and enc.coverage_warning is None
    assert bert.encode("the river bank 猫").coverage_warning is not None  # 1 of 4


def test_elmo_counts_words_of_characters_its_vocabulary_never_holds() -> None:
    found = unseen_character_words(["bank", "quokka", "银行", "café"], ["the", "bank", "quick", "ok", "a"])
    assert found.tokens == [2, 3]  # "quokka" is rare but its letters are known


def test_elmo_without_a_vocabulary_cannot_tell(adapters) -> None:
    enc = adapters["elmo"].encode(CHINESE)  # allennlp's test weights carry no softmax
    assert enc.unknown is None and enc.coverage_warning is None
