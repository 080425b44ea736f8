"""Feature-based vs fine-tuning: the model the window holds is never trained, the copy is, the
training loop learns an easy task, a second call comes from the cache, and a cancel stops it."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch

from desktop.core.cancel import Cancelled, CancelToken, cancel_scope
from desktop.core.measure import finetune
from desktop.core.measure.finetune import FineTuneRow, Settings, Step, Tagger, compare, tagger_for
from desktop.core.measure.probing_data import LabelledSentence, ProbeData, load_probe_data
from desktop.core.text.words import split_words

# an easy task: each word always has the same tag, so a model that can tell its words apart learns it
LEXICON = {"bank": "NOUN", "river": "NOUN", "money": "NOUN", "book": "NOUN", "cross": "VERB", "play": "VERB"}
LEXICON |= {"hold": "VERB", "reads": "VERB", "wide": "ADJ", "muddy": "ADJ", "tired": "ADJ"}
FEW = Settings(steps=4, batch=4)


def write_lexicon_data(path: Path, n: int = 60, seed: int = 0) -> ProbeData:
    """``n`` four-word sentences of the lexicon's words, every word labelled with its tag."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            text = " ".join(rng.choice(list(LEXICON)) for _ in range(4))
            words, spans = split_words(text)
            labels = [[*span, LEXICON[w], 0] for w, span in zip(words, spans, strict=True)]
            split = "test" if i % 4 == 0 else "train"
            f.write(f'{{"split": "{split}", "text": "{text}", "labels": {labels}}}\n'.replace("'", '"'))
    return load_probe_data(path, "lexicon")


@pytest.fixture(autouse=True)
def one_thread() -> Iterator[None]:
    """Matrices this small train fastest on one thread; on a busy machine two threads waited on each
    other (a tiny BERT's backward pass took 0.3 s instead of milliseconds)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture
def lexicon(tmp_path: Path) -> ProbeData:
    return write_lexicon_data(tmp_path / "lexicon.jsonl")


def weights(module: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in module.state_dict().items()}


@pytest.mark.parametrize("family", ["encoder", "decoder", "elmo"])
def test_fine_tuning_trains_a_copy_and_leaves_the_loaded_model_alone(
    adapters: dict, lexicon: ProbeData, family: str
) -> None:
    adapter = adapters[family]
    before = weights(adapter.network())
    vectors_before = adapter.encode("the river bank was muddy").layers
    tagger = tagger_for(adapter)
    copied = [t.detach().clone() for t in tagger.body]
    *steps, head = finetune.train_steps(tagger, lexicon, FEW)
    assert isinstance(head, torch.nn.Linear) and steps[-1] == Step(FEW.steps, FEW.steps)
    after = weights(adapter.network())
    assert all(torch.equal(before[k], after[k]) for k in before)
    assert (adapter.encode("the river bank was muddy").layers == vectors_before).all()
    reached = [t.grad is not None for t in tagger.body]
    assert sum(reached) >= len(reached) - 2  # all but BERT's pooler (weight and bias), which tagging never runs
    assert all(not torch.equal(a, b) for a, b, r in zip(copied, tagger.body, reached, strict=True) if r)


class RandomTagger(Tagger):
    """Vectors that say nothing about the word: what a head can get from features without information."""

    def __init__(self) -> None:
        self.dim, self.device = 32, "cpu"
        self.body = [torch.nn.Parameter(torch.zeros(1))]
        self.generator = torch.Generator().manual_seed(0)

    def vectors(self, sentences: list[LabelledSentence]) -> torch.Tensor:
        n = sum(len(s.words) for s in sentences)
        return torch.randn(n, self.dim, generator=self.generator) + 0 * self.body[0]

    def train(self, on: bool) -> None:
        pass


def test_fine_tuning_learns_an_easy_task_that_random_features_cannot(adapters: dict, lexicon: ProbeData) -> None:
    settings = Settings(steps=40, batch=8, lr=1e-3, head_lr=1e-2)
    scores = {}
    for name, tagger in (("tuned", tagger_for(adapters["encoder"])), ("random", RandomTagger())):
        *_, head = finetune.train_steps(tagger, lexicon, settings)
        scores[name] = finetune.test_accuracy(tagger, head, lexicon, settings.batch)
    assert scores["tuned"] >= 0.9
    assert scores["random"] < 0.6  # three tags, the largest 4/11 of the words
    assert scores["tuned"] > scores["random"] + 0.3


def test_the_row_is_cached_per_model_and_settings(
    adapters: dict, lexicon: ProbeData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = list(compare(adapters["decoder"], lexicon, FEW, tmp_path))
    row = first[-1]
    assert isinstance(row, FineTuneRow) and not row.from_cache
    assert [type(v) for v in first[:-1]] == [Step] and row.steps == FEW.steps
    assert 0.0 <= row.finetuned_accuracy <= 1.0 and row.n_test == len(lexicon.tags(test=True))
    assert row.trainable_parameters > 100 * row.feature_parameters > 0

    def no_training(*args: object) -> None:
        raise AssertionError("a cached row must not train again")

    monkeypatch.setattr(finetune, "run_fine_tuning", no_training)
    again = list(compare(adapters["decoder"], lexicon, FEW, tmp_path))
    assert again == [FineTuneRow(**{**row.__dict__, "from_cache": True})]
    with pytest.raises(AssertionError, match="must not train"):  # other settings: another entry
        list(compare(adapters["decoder"], lexicon, Settings(steps=5, batch=4), tmp_path))


def test_a_cancel_stops_the_training_and_stores_nothing(adapters: dict, lexicon: ProbeData, tmp_path: Path) -> None:
    token = CancelToken()
    seen = []
    with cancel_scope(token), pytest.raises(Cancelled):
        for value in compare(adapters["elmo"], lexicon, Settings(steps=40, batch=4), tmp_path):
            seen.append(value)
            token.cancel()  # after the first progress report
    assert seen == [Step(finetune.PROGRESS_EVERY, 40)]
    assert not list((tmp_path / "finetune").glob("*.json"))


def test_the_command_prints_one_table_per_family(capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli.errors import EXIT_USAGE
    from desktop.cli.finetune_cmd import table_lines
    from desktop.cli.main import run

    row = FineTuneRow("m-1", "encoder", "en", "layer 2", 0.7, 0.65, 0.8, 0.3, 4, 4, 1e-4, 1e-3, 1.0, 900, 30, 9, 3)
    rows = [row, FineTuneRow(**{**row.__dict__, "model": "m-2", "family": "elmo", "finetuned_accuracy": 0.55})]
    lines = table_lines(rows)
    assert [line for line in lines if line.startswith("==")] == ["== encoder", "== elmo"]
    assert "0.700 (layer 2)" in lines[2] and "0.800" in lines[2] and "30 /" in lines[2]
    assert "0.550" in lines[5] and lines[-1].startswith("en: 9 training words, 3 test words; fine-tuning: 4 steps")
    assert run(["finetune-table", "--steps", "0"]) == EXIT_USAGE  # refused before any model loads
    assert "--steps and --batch must be at least 1" in capsys.readouterr().err
