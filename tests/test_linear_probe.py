"""The linear probe: it separates information from noise, its baselines are right, it caches per
model weights and data, and the shipped reference data lines up with the program's words."""

from __future__ import annotations

import json
import random
import zlib
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

from desktop.core.cancel import Cancelled, CancelToken, cancel_scope
from desktop.core.encoding import Encoding, Family, MaskKind
from desktop.core.measure.linear_probe import linear_probe, result_to_json, run_probe
from desktop.core.measure.probe_cache import model_fingerprint
from desktop.core.measure.probing_data import LANGUAGES, load_probe_data, reference_data
from desktop.core.models.base import ModelAdapter, Run, StaticBaseline
from desktop.core.text.words import split_words

TAGS = ("NOUN", "VERB", "ADJ")
WORDS = ["the", "bank", "river", "money", "cash", "street", "animal", "book", "park", "children", "picnic"]


def write_data(path: Path, rows: list[tuple[str, str, list[tuple[int, str, int]]]]) -> Path:
    """Rows of (split, text, [(word index, tag, next_dependent)]) as a probing data file."""
    with path.open("w", encoding="utf-8") as f:
        for split, text, labels in rows:
            _, spans = split_words(text)
            f.write(json.dumps({"split": split, "text": text, "labels": [[*spans[i], t, d] for i, t, d in labels]}))
            f.write("\n")
    return path


def random_rows(n: int, seed: int = 0) -> list[tuple[str, str, list[tuple[int, str, int]]]]:
    """``n`` four-word sentences, every word tagged at random (imbalanced, so the majority is a real bar)."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(4))
        tags = rng.choices(TAGS, weights=(5, 3, 2), k=4)
        rows.append(("test" if i % 3 == 0 else "train", text, [(w, t, int(w == 3)) for w, t in enumerate(tags)]))
    return rows


class LabelAdapter(ModelAdapter):
    """A fake model with two layers: "noise" (random vectors) and "labels" (the word's gold tag,
    one-hot, plus noise). The probe must find the tag in the second and not in the first."""

    family = Family.ENCODER
    mask_kind = MaskKind.PADDING

    def __init__(self, path: Path) -> None:
        super().__init__("label-adapter")
        self.gold: dict[tuple[str, tuple[int, int]], str] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            self.gold |= {(row["text"], (s, e)): tag for s, e, tag, _ in row["labels"]}
        self.weights = torch.nn.Linear(2, 2)
        self.encoded = 0

    @property
    def parameters(self) -> int:
        return 6

    @property
    def layer_names(self) -> list[str]:
        return ["noise", "labels"]

    def _encode(self, text: str) -> Encoding:
        self.encoded += 1
        words, spans = split_words(text)
        rng = np.random.default_rng(zlib.crc32(text.encode()))
        noise = rng.normal(size=(len(words), 8))
        labels = np.zeros((len(words), 8))
        for w, span in enumerate(spans):
            tag = self.gold.get((text, span))
            if tag is not None:
                labels[w, TAGS.index(tag)] = 1.0
        layers = np.stack([noise, labels + 0.1 * rng.normal(size=labels.shape)]).astype(np.float32)
        return self._encoding(text, words, spans, Run(layers, [], 0.0, 0.0, 0.0, []))

    def static_baseline(self, enc: Encoding, words: list[int]) -> StaticBaseline:
        return StaticBaseline("noise", None, first_contextual=1)

    def network(self) -> torch.nn.Module:
        return self.weights


def test_probe_finds_the_label_and_not_in_noise(tmp_path: Path) -> None:
    path = write_data(tmp_path / "random.jsonl", random_rows(60))
    result = run_probe(LabelAdapter(path), load_probe_data(path))
    noise, labels = result.layers
    assert labels.score.accuracy >= 0.95
    assert noise.score.accuracy <= result.majority.accuracy + 0.15
    assert result.best().name == "labels"
    assert result.static.name == "noise" and result.static.score == noise.score  # the static view is that layer
    assert noise.forward is None and noise.backward is None


def test_majority_baseline_and_counts(tmp_path: Path) -> None:
    rows = [
        ("train", "bank river money", [(0, "NOUN", 0), (1, "NOUN", 0), (2, "NOUN", 0)]),
        ("train", "cash street", [(0, "VERB", 0)]),
        ("test", "book park children picnic", [(0, "NOUN", 1), (1, "VERB", 1), (2, "VERB", 0), (3, "VERB", 0)]),
    ]
    path = write_data(tmp_path / "counts.jsonl", rows)
    result = run_probe(LabelAdapter(path), load_probe_data(path))
    assert (result.n_train, result.n_test, result.n_next_dependent) == (4, 4, 2)
    assert result.majority.accuracy == pytest.approx(0.25)  # NOUN is the training majority: 1 of 4 test words
    assert result.majority.next_dependent == pytest.approx(0.5)


def test_data_without_test_words_is_refused(tmp_path: Path) -> None:
    path = write_data(tmp_path / "d.jsonl", [row for row in random_rows(6) if row[0] == "train"])
    with pytest.raises(ValueError, match="needs test words"):
        run_probe(LabelAdapter(path), load_probe_data(path))


def test_second_call_reads_the_cache_without_encoding(
    tmp_path: Path, adapters: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_data(tmp_path / "tiny.jsonl", random_rows(12))
    data = load_probe_data(path)
    adapter = adapters["encoder"]
    seen: list[tuple[int, int]] = []
    first = linear_probe(adapter, data, progress=lambda d, t: seen.append((d, t)), cache_dir=tmp_path / "cache")
    fits = len(adapter.layer_names) + 1  # each layer, then the token-embedding table
    assert not first.from_cache and seen[-1][0] == seen[-1][1] == len(data.sentences) + fits
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    def refuse(text: str | list[str]) -> Encoding:
        raise AssertionError("a cached probe must not encode")

    monkeypatch.setattr(adapter, "encode", refuse)
    monkeypatch.setattr(adapter, "encode_many", refuse)
    second = linear_probe(adapter, data, cache_dir=tmp_path / "cache")
    assert second.from_cache and result_to_json(second) == result_to_json(first)
    other = load_probe_data(write_data(tmp_path / "other.jsonl", random_rows(12, seed=1)))
    with pytest.raises(AssertionError, match="must not encode"):  # other data: another key
        linear_probe(adapter, other, cache_dir=tmp_path / "cache")


def test_elmo_layers_are_probed_per_half(tmp_path: Path, adapters: dict) -> None:
    path = write_data(tmp_path / "tiny.jsonl", random_rows(9))
    result = run_probe(adapters["elmo"], load_probe_data(path))
    static, *lstm = result.layers
    assert static.forward is None and result.static.name == static.name
    assert lstm and all(layer.forward is not None and layer.backward is not None for layer in lstm)


def test_fingerprint_follows_the_weights(tmp_path: Path) -> None:
    adapter = LabelAdapter(write_data(tmp_path / "d.jsonl", random_rows(3)))
    before = model_fingerprint(adapter)
    assert model_fingerprint(adapter) == before
    with torch.no_grad():
        adapter.weights.weight.add_(1.0)
    assert model_fingerprint(adapter) != before


def test_cancel_stops_the_probe_and_stores_nothing(tmp_path: Path) -> None:
    path = write_data(tmp_path / "d.jsonl", random_rows(6))
    adapter = LabelAdapter(path)
    token = CancelToken()
    token.cancel()
    with cancel_scope(token), pytest.raises(Cancelled):
        linear_probe(adapter, load_probe_data(path), cache_dir=tmp_path / "cache")
    assert adapter.encoded == 0 and not list(tmp_path.glob("cache/**/*.json"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_reference_data_lines_up_with_the_program_words(language: str) -> None:
    data = reference_data(language)
    assert data.dropped == 0  # every shipped label falls on one of the program's words
    assert len(data.tags(test=False)) >= 1500 and len(data.tags(test=True)) >= 400
    assert 10 <= sum(data.next_dependent()) < len(data.next_dependent()) / 2
    for sentence in data.sentences[:50]:
        words, _ = split_words(sentence.text)
        assert all(0 <= w < len(words) for w in sentence.words)


def test_a_cancelled_probe_resumes_where_it_stopped(tmp_path: Path) -> None:
    path = write_data(tmp_path / "d.jsonl", random_rows(60))  # 60 sentences: 4 batches of 16
    data = load_probe_data(path)
    adapter = LabelAdapter(path)
    token = CancelToken()

    def cancel_after_two_batches(done: int, total: int) -> None:
        if done >= 32:
            token.cancel()

    with cancel_scope(token), pytest.raises(Cancelled):
        linear_probe(adapter, data, progress=cancel_after_two_batches, cache_dir=tmp_path / "cache")
    assert adapter.encoded == 32
    seen: list[int] = []
    resumed = linear_probe(adapter, data, progress=lambda d, t: seen.append(d), cache_dir=tmp_path / "cache")
    assert adapter.encoded == 60, "the second run encodes only the sentences the first did not"
    assert seen[0] == 48, "its progress starts where the first run stopped"
    fresh = run_probe(LabelAdapter(path), data)
    untimed = [result_to_json(replace(r, seconds=0.0)) for r in (resumed, fresh)]  # the one field that may differ
    assert untimed[0] == untimed[1]


def test_fingerprint_of_a_checkpoint_without_heads_is_the_same_at_every_load(tmp_path: Path) -> None:
    """MiniLM and e5 ship the encoder only: the heads transformers adds are random at each load and
    must not enter the cache key (every window start recomputed their reference probe)."""
    from tiny_models import make_tiny_bert
    from transformers import BertModel

    from desktop.core.encoding import Family
    from desktop.core.models import load_adapter
    from desktop.core.store.registry import ModelSpec

    folder = make_tiny_bert(tmp_path / "bert")
    BertModel.from_pretrained(str(folder)).save_pretrained(folder)  # the encoder alone, as MiniLM ships
    spec = ModelSpec("headless", Family.ENCODER, path=folder)
    first, second = load_adapter(spec), load_adapter(spec)
    assert first.initialised and first.initialised == second.initialised
    assert model_fingerprint(first) == model_fingerprint(second)
