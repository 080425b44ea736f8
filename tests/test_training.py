"""Training code for the three mini models, on a tiny fake WordNet (no Debian package needed).

Each trainer runs a few dozen steps of a tiny model: enough to see the loss fall, the export
load through the program's own adapters, and a fixed seed give the same weights twice.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
import torch

from desktop.core.encoding import Family
from desktop.core.models import load_adapter
from desktop.core.store.registry import ModelSpec, resolve
from desktop.training import corpus
from desktop.training.checkpoint import CheckpointPlan
from desktop.training.corpus import (
    Gloss,
    is_held_out,
    lemma_examples,
    parse_data_line,
    read_glosses,
    split_gloss,
    split_train_held_out,
)
from desktop.training.loop import OptimConfig, seed_everything, train_loop
from desktop.training.run import PRESETS, RunOptions, main, make_trainer, train
from desktop.training.tokenizers_build import BOS, EOS, UNK, WordVocab, build_byte_bpe, build_wordpiece

HEADER = [
    "  1 This software and database is being provided to you, the LICENSEE, by  ",
    "  2 Princeton University under the following license.  By obtaining, using  ",
    '  3 THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON  ',
]
# (pos, lemmas, gloss) in WordNet's own notation
SYNSETS = [
    ("n", ["bank", "depository_financial_institution"],
     'a financial institution that accepts deposits and channels the money into lending activities; '
     '"he cashed a check at the bank"; "that bank holds the mortgage on my home"'),
    ("n", ["bank"],
     'sloping land (especially the slope beside a body of water); '
     '"they pulled the canoe up on the bank"; "he sat on the bank of the river and watched the currents"'),
    ("n", ["river"], 'a large natural stream of water (larger than a creek); "the river was navigable for 50 miles"'),
    ("n", ["money"], 'the most common medium of exchange; functions as legal tender; "we tried to collect the money"'),
    ("n", ["check", "cheque"], 'a written order directing a bank to pay money; "he paid all his bills by check"'),
    ("n", ["canoe"], "small and light boat; pointed at both ends; propelled with a paddle"),
    ("n", ["picnic"], 'any informal meal eaten outside or on an excursion; "we had a picnic by the river"'),
    ("n", ["current"], 'a steady flow of a fluid; "the current carried the canoe down the river"'),
    ("v", ["deposit", "bank"], 'put into a bank account; "She deposits her paycheck every month"'),
    ("v", ["paddle"], 'propel with a paddle; "paddle your own canoe"'),
    ("v", ["watch"], 'look attentively; "watch a basketball game"; "he watched the river for hours"'),
    ("v", ["cash"], 'exchange for cash; "I cashed the check as soon as it arrived"'),
    ("a", ["able(a)"], '(usually followed by `to\') having the necessary means or skill; "able to swim"; '
     '"she was able to program her computer"'),
    ("a", ["wide", "broad"], 'having great (or a certain) extent from one side to the other; "wide roads"; '
     '"a river two miles broad"'),
    ("a", ["muddy"], 'covered with mud; "the muddy bank of the river"'),
    ("a", ["tired"], 'depleted of strength or energy; "tired mothers with crying babies"'),
    ("r", ["slowly"], 'without speed; "he spoke slowly"; "go easy here--the road is slippery"'),
    ("r", ["often"], 'many times at short intervals; "we often met over a cup of coffee"'),
    ("n", ["meal"], "the food served and eaten at one time"),
    ("v", ["swim"], 'travel through water; "we had to swim for 20 minutes to reach the shore"'),
]  # fmt: skip
HELD_OUT_SYNSETS = [
    ("n", ["shore"], 'the land along the edge of a body of water; "we walked along the shore of the lake"'),
    ("v", ["lend"], 'give temporarily; "I will lend you my car"; "the bank lends money to people"'),
]
FILES = {"n": "data.noun", "v": "data.verb", "a": "data.adj", "r": "data.adv"}


def _data_line(offset: int, pos: str, lemmas: list[str], gloss: str) -> str:
    words = " ".join(f"{w} 0" for w in lemmas)
    return f"{offset:08d} 03 {pos} {len(lemmas):02x} {words} 000 | {gloss}  "


def write_fake_wordnet(folder: Path) -> Path:
    """The four data.* files in WordNet's format; two synsets land in the held-out split."""
    folder.mkdir(parents=True, exist_ok=True)
    lines: dict[str, list[str]] = {pos: list(HEADER) for pos in FILES}
    train_offsets = (o for o in itertools.count(1000) if not any(is_held_out(f"{o:08d}-{p}") for p in FILES))
    for pos, lemmas, gloss in SYNSETS:
        lines[pos].append(_data_line(next(train_offsets), pos, lemmas, gloss))
    for pos, lemmas, gloss in HELD_OUT_SYNSETS:
        offset = next(o for o in itertools.count(5000) if is_held_out(f"{o:08d}-{pos}"))
        lines[pos].append(_data_line(offset, pos, lemmas, gloss))
    for pos, name in FILES.items():
        (folder / name).write_text("\n".join(lines[pos]) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def wordnet_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fake_wordnet(tmp_path_factory.mktemp("wordnet"))


@pytest.fixture(scope="module")
def split(wordnet_dir: Path) -> tuple[list[Gloss], list[Gloss]]:
    return split_train_held_out(read_glosses(wordnet_dir))


# --- corpus ---------------------------------------------------------------------------------


def test_data_line_gives_lemmas_definitions_and_examples() -> None:
    line = _data_line(2098, "a", ["unable(p)", "not_able"], SYNSETS[12][2].replace("able", "unable"))
    gloss = parse_data_line(line, "a")
    assert gloss is not None and gloss.synset == "00002098-a"
    assert gloss.lemmas == ("unable", "not able")
    assert gloss.definitions == ("(usually followed by 'to') having the necessary means or skill",)
    assert gloss.examples == ("unable to swim", "she was unable to program her computer")
    assert gloss.segments == gloss.definitions + gloss.examples
    assert parse_data_line(HEADER[0], "n") is None


def test_gloss_split_handles_attributions_and_broken_quotes() -> None:
    defs, examples = split_gloss('sparing in consumption; "never of much consequence; to one"- John Galsworthy')
    assert defs == ["sparing in consumption"] and examples == ["never of much consequence; to one"]
    defs, examples = split_gloss('often used in combination; "long-toed; "five-toed"')
    assert defs == ["often used in combination"] and examples == ["long-toed", "five-toed"]


def test_read_glosses_skips_the_header_and_splits_held_out(split: tuple[list[Gloss], list[Gloss]]) -> None:
    train, held_out = split
    assert len(train) == len(SYNSETS) and len(held_out) == len(HELD_OUT_SYNSETS)
    assert all(not g.held_out for g in train) and all(g.held_out for g in held_out)
    assert {g.synset[-1] for g in train} == set(FILES)
    assert not any("LICENSEE" in s for s in corpus.sentences(train))


def test_held_out_split_is_about_five_percent_and_stable() -> None:
    ids = [f"{o:08d}-n" for o in range(10_000)]
    share = sum(map(is_held_out, ids)) / len(ids)
    assert 0.04 < share < 0.06
    assert is_held_out("00001035-n") and not is_held_out("00001000-n")  # crc32: the same on every run


def test_missing_wordnet_says_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="wordnet-base"):
        read_glosses(tmp_path)


def test_lemma_examples_find_the_lemma_and_its_inflections(split: tuple[list[Gloss], list[Gloss]]) -> None:
    examples = lemma_examples(split[0] + split[1])
    by_sentence = {e.sentence: e for e in examples}
    cashed = by_sentence["I cashed the check as soon as it arrived"]
    assert cashed.lemma == "cash" and cashed.sentence[slice(*cashed.span)] == "cashed"
    river_bank = by_sentence["they pulled the canoe up on the bank"]
    assert river_bank.lemma == "bank" and river_bank.synset.endswith("-n") and not river_bank.held_out
    assert by_sentence["the bank lends money to people"].held_out
    assert "able to swim" in by_sentence  # "able(a)": the position marker is not part of the lemma
    assert "go easy here--the road is slippery" not in by_sentence  # no lemma in it


# --- vocabularies ---------------------------------------------------------------------------


def test_wordpiece_vocabulary_is_deterministic_and_saves_tokenizer_json(tmp_path: Path, split) -> None:
    texts = list(corpus.sentences(split[0]))
    first, second = build_wordpiece(texts, 200, 64), build_wordpiece(texts, 200, 64)
    assert first.get_vocab() == second.get_vocab()
    assert first.convert_ids_to_tokens(list(range(5))) == ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    assert first.tokenize("The River Bank") == ["the", "river", "bank"]
    first.save_pretrained(tmp_path)
    assert (tmp_path / "tokenizer.json").is_file()


def test_byte_bpe_and_word_vocabulary(split) -> None:
    texts = list(corpus.sentences(split[0]))
    bpe = build_byte_bpe(texts, 300, 32)
    assert bpe.get_vocab() == build_byte_bpe(texts, 300, 32).get_vocab()
    assert bpe.decode(bpe("the muddy bank, 河岸")["input_ids"]) == "the muddy bank, 河岸"
    vocab = WordVocab.build(texts, 20)
    assert vocab.words[:3] == [BOS, EOS, UNK] and len(vocab) == 20 and "the" in vocab.index
    assert vocab.ids(["the", "zebra"]) == [0, vocab.index["the"], vocab.unk_id, 1]


# --- trainers -------------------------------------------------------------------------------


def _train_steps(
    model: str, train: list[Gloss], steps: int, seed: int = 0, checkpoint: CheckpointPlan | None = None, budget=10**9
):
    seed_everything(seed)
    trainer = make_trainer(model, PRESETS["tiny"][model](), train, seed)
    result = train_loop(
        trainer.model,
        trainer.batches(train, seed),
        trainer.loss,
        budget_words=budget,
        cfg=OptimConfig(peak_lr=trainer.optim.peak_lr, warmup=0.0),
        max_steps=steps,
        after_step=trainer.after_step,
        checkpoint=checkpoint,
    )
    return trainer, result


@pytest.fixture(scope="module")
def trained(split) -> dict:
    """Each tiny model after 30 steps on the tiny repeated corpus."""
    return {model: _train_steps(model, split[0], 30) for model in ("bert", "gpt", "elmo")}


@pytest.mark.parametrize("model", ["bert", "gpt", "elmo"])
def test_loss_falls_over_30_steps(trained: dict, model: str) -> None:
    losses = trained[model][1].losses
    assert len(losses) == 30 and all(np.isfinite(losses))
    # BERT's loss is the noisiest (a few random masks per batch, and NSP starts at chance)
    assert np.mean(losses[-10:]) < 0.97 * np.mean(losses[:10]), losses


def test_bert_export_loads_with_both_heads(trained: dict, split, tmp_path: Path) -> None:
    from desktop.core.models.encoder import EncoderAdapter

    trainer = trained["bert"][0]
    trainer.export(tmp_path)
    bert = EncoderAdapter.load("mini-bert", tmp_path)
    assert bert.slot_support() is None and bert.next_sentence_support() is None
    assert bert.parameters == trainer.parameters
    (pred,) = bert.fill_mask("he cashed a check at the [MASK]", k=3)
    assert len(pred.tokens) == 3
    assert 0.0 < bert.next_sentence("sloping land", "they pulled the canoe up").probability < 1.0
    metrics = trainer.evaluate(split[1])
    assert 0.0 <= metrics["mlm_accuracy"] <= 1.0 and metrics["mlm_perplexity"] > 1.0


def test_gpt_export_loads_as_a_decoder(trained: dict, split, tmp_path: Path) -> None:
    from desktop.core.models.decoder import DecoderAdapter

    trainer = trained["gpt"][0]
    trainer.export(tmp_path)
    gpt = DecoderAdapter.load("mini-gpt", tmp_path)
    assert gpt.slot_support() is None and gpt.max_length == 32
    assert len(gpt.next_tokens("we had a picnic by the", k=5).tokens) == 5
    assert gpt.encode("the river bank").layers.shape[0] == 3
    metrics = trainer.evaluate(split[1])
    assert metrics["perplexity"] > 1.0 and metrics["word_perplexity"] >= metrics["perplexity"] > 1.0


def test_elmo_export_gives_the_trained_vectors(trained: dict, split, tmp_path: Path) -> None:
    """The exported HDF5, read by allennlp through the program's adapter, is the trained network."""
    from desktop.core.models.elmo import ElmoAdapter
    from desktop.training.elmo_export import read_softmax

    trainer = trained["elmo"][0]
    files = trainer.export(tmp_path)
    assert sorted(p.suffix for p in files) == [".hdf5", ".json", ".safetensors", ".txt"]
    elmo = ElmoAdapter("mini-elmo", tmp_path / "elmo_options.json", tmp_path / "elmo_weights.hdf5")
    batch = [["he", "sat", "on", "the", "bank", "of", "the", "river"], ["Muddy", "banks", "!"]]
    ours, theirs = trainer.vectors(batch), elmo.run_words(batch)
    for a, b in zip(ours, theirs, strict=True):
        assert a.shape == b.shape
        assert np.abs(a - b).max() <= 1e-5
    assert elmo.parameters == trainer.exported_parameters
    # the folder still holds exactly one options *.json and one weights *.hdf5 for the registry
    spec = ModelSpec("mini-elmo", Family.ELMO, path=tmp_path)
    assert resolve(spec).available and load_adapter(spec).encode("the muddy bank").layers.shape[0] == 3
    weight, bias, words = read_softmax(tmp_path)
    np.testing.assert_array_equal(weight, trainer.model.softmax.weight.detach().numpy())
    assert words == trainer.vocab.words and bias.shape == (len(words),)
    metrics = trainer.evaluate(split[1])
    assert metrics["forward_perplexity"] > 1.0 and metrics["backward_perplexity"] > 1.0


def test_random_elmo_round_trips_through_the_official_layout(tmp_path: Path) -> None:
    """Export then reload gives every parameter back bit for bit, except the forget-gate bias,
    where the layout's "bias - 1" costs at most one float32 rounding near 1.0."""
    from desktop.core.models.allennlp_compat import load_elmo_modules
    from desktop.training.elmo import build_bilm, elmo_options
    from desktop.training.elmo_export import FORGET_BIAS_TOLERANCE, export_bilm

    options = elmo_options(PRESETS["tiny"]["elmo"]())
    original = build_bilm(options, seed=3, init_scale=0.5)
    with torch.no_grad():
        original._token_embedder._char_embedding_weights[0].zero_()
        for p in original.parameters():  # any values, not only what the initialisers produce
            p.add_(torch.randn_like(p) * 0.3)
        original._token_embedder._char_embedding_weights[0].zero_()
    reloaded = load_elmo_modules().ElmoBiLm(*map(str, export_bilm(original, options, tmp_path)))
    theirs = dict(reloaded.named_parameters())
    forget = slice(options["lstm"]["dim"], 2 * options["lstm"]["dim"])
    for name, ours in original.named_parameters():
        if name.endswith("state_linearity.bias"):
            assert torch.equal(ours[: forget.start], theirs[name][: forget.start])
            assert torch.equal(ours[forget.stop :], theirs[name][forget.stop :])
            assert (ours[forget] - theirs[name][forget]).abs().max() <= FORGET_BIAS_TOLERANCE
        else:
            assert torch.equal(ours, theirs[name]), name


@pytest.mark.parametrize("model", ["bert", "gpt", "elmo"])
def test_same_seed_same_weights_other_seed_other_weights(split, model: str) -> None:
    (a, ra), (b, rb) = _train_steps(model, split[0], 4, seed=7), _train_steps(model, split[0], 4, seed=7)
    assert ra.losses == rb.losses
    for (name, pa), pb in zip(a.model.state_dict().items(), b.model.state_dict().values(), strict=True):
        assert torch.equal(pa, pb), name
    assert _train_steps(model, split[0], 4, seed=8)[1].losses != ra.losses


@pytest.mark.parametrize("model", ["bert", "gpt", "elmo"])
def test_a_run_stopped_and_resumed_ends_as_an_uninterrupted_one(split, model: str, tmp_path: Path) -> None:
    """Dropout's random state, the optimiser's moments, the schedule and the batches' order all come
    back: 3 steps, a fresh process's worth of setup, then 5 more equal 8 steps in one go."""
    budget = 4_000  # words: the schedule runs on the budget's fraction, so it must carry over too
    straight, rs = _train_steps(model, split[0], 8, seed=7, budget=budget)
    plan = CheckpointPlan(tmp_path / "run.ckpt", f"tiny {model}", every_minutes=1e9)
    _, first = _train_steps(model, split[0], 3, seed=7, checkpoint=plan, budget=budget)
    assert first.stopped_by == "max_steps" and plan.path.is_file() and first.resumed_at == []
    resumed, rr = _train_steps(model, split[0], 8, seed=7, checkpoint=plan, budget=budget)
    assert rr.resumed_at == [3] and rr.losses == rs.losses and rr.words == rs.words
    for (name, pa), pb in zip(straight.model.state_dict().items(), resumed.model.state_dict().values(), strict=True):
        assert torch.equal(pa, pb), name
    with pytest.raises(ValueError, match="belongs to another run"):
        _train_steps(model, split[0], 9, seed=7, checkpoint=CheckpointPlan(plan.path, f"tiny {model}, other seed"))
    _, done = _train_steps(model, split[0], None, seed=7, checkpoint=plan, budget=rs.words + 1)
    assert done.stopped_by == "budget" and done.resumed_at == [3, 8] and plan.path.is_file()
    _, again = _train_steps(model, split[0], None, seed=7, checkpoint=plan, budget=rs.words + 1)
    assert again.steps == done.steps and again.resumed_at == [3, 8, done.steps]  # killed before the export


# --- entry point ----------------------------------------------------------------------------


def test_train_writes_model_and_card_and_cli_runs(wordnet_dir: Path, tmp_path: Path, capsys) -> None:
    from desktop.core.models.decoder import DecoderAdapter

    out = tmp_path / "mini-gpt"
    result = train("gpt", out, RunOptions(token_budget=600, corpus_dir=wordnet_dir, seed=1, preset="tiny"))
    assert result["words_seen"] >= 600 and result["stopped_by"] == "budget" and result["steps"] > 0
    assert 0 < result["size_bytes"] < 15_000_000
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "held-out" in card.lower() and "--token-budget 600 --seed 1" in card and "perplexity" in card
    assert json.loads((out / "config.json").read_text(encoding="utf-8"))["n_embd"] == 32
    DecoderAdapter.load("mini-gpt", out)

    assert main(["--model", "gpt", "--out", str(out), "--token-budget", "300", "--corpus-dir", str(wordnet_dir),
                 "--preset", "tiny"]) == 0  # fmt: skip
    assert "held-out loss" in capsys.readouterr().out
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["--model", "bert", "--out", str(tmp_path / "busy"), "--token-budget", "10",
                 "--corpus-dir", str(wordnet_dir)]) == 2  # fmt: skip


def test_the_command_again_continues_from_its_checkpoint(wordnet_dir: Path, tmp_path: Path) -> None:
    out, ckpt = tmp_path / "mini-bert", tmp_path / "state" / "bert.ckpt"
    args = ["--model", "bert", "--out", str(out), "--token-budget", "600", "--corpus-dir", str(wordnet_dir),
            "--preset", "tiny", "--checkpoint", str(ckpt)]  # fmt: skip
    assert main([*args, "--max-steps", "2"]) == 0 and ckpt.is_file()
    assert main(args) == 0 and not ckpt.exists()
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "| resumed from a checkpoint at steps | 2 |" in card and "| stopped by | budget |" in card
    assert "--checkpoint" not in card  # the card's command makes the same model without one
    assert f"--threads {torch.get_num_threads()}" in card  # another count rounds differently


def test_a_checkpoint_is_refused_under_another_thread_count(wordnet_dir: Path, tmp_path: Path, capsys) -> None:
    """2 threads round the same steps differently from 1: a resume under another count is refused."""
    ckpt = tmp_path / "bert.ckpt"
    args = ["--model", "bert", "--out", str(tmp_path / "out"), "--token-budget", "600", "--corpus-dir",
            str(wordnet_dir), "--preset", "tiny", "--checkpoint", str(ckpt), "--max-steps", "2"]  # fmt: skip
    threads = torch.get_num_threads()
    try:
        torch.set_num_threads(1)
        assert main(args) == 0 and ckpt.is_file()
        torch.set_num_threads(2)
        assert main(args) == 2 and "belongs to another run" in capsys.readouterr().err
    finally:
        torch.set_num_threads(threads)
