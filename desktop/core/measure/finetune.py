"""Feature-based vs fine-tuning on the part-of-speech task the linear probe uses.

The article's usage difference: ELMo's vectors are taken as they are and a task model is trained
on top (feature-based); GPT and BERT are trained further, every weight, on the task (fine-tuning).
Both are measured here on the same sentences and the same train/test split as the linear probe
(``probing_data``): the feature-based number is the probe's (frozen vectors, a linear classifier),
the fine-tuned number comes from a copy of the whole model plus a linear token-classification head
trained with AdamW for a fixed number of steps, each word labelled on its first token. The copy is
made inside the job, so the model the window shows is never changed. Training takes about a minute
per mini model, so results are cached on disk per model fingerprint, data and settings.
"""

from __future__ import annotations

import copy
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch

from desktop.core.cancel import check_cancel
from desktop.core.measure.finetune_rows import FineTuneRow, Settings, Step
from desktop.core.measure.linear_probe import linear_probe
from desktop.core.measure.probe_cache import cache_path, model_fingerprint, read_entry, user_cache_dir, write_entry
from desktop.core.measure.probing_data import LabelledSentence, ProbeData
from desktop.core.models.base import ModelAdapter
from desktop.core.text.words import split_words, token_word_ids

if TYPE_CHECKING:  # the families' modules import transformers and h5py: not before a model is loaded
    from desktop.core.models.elmo import ElmoAdapter
    from desktop.core.models.transformer import TransformerAdapter

FINETUNE_VERSION = 2  # bump when the training changes: old cache entries are ignored
PROGRESS_EVERY = 10  # steps between progress reports (and between the compute budget's turns)


class Tagger:
    """A trainable copy of one family's network: a batch of sentences in, each labelled word's top-layer
    vector (at its first token) out. Subclasses hold the copy; the loaded adapter is only read."""

    dim: int
    body: list[torch.Tensor]  # the weights fine-tuning trains
    device: str  # where the adapter's weights, and so the copy's, are

    def vectors(self, sentences: list[LabelledSentence]) -> torch.Tensor:
        raise NotImplementedError

    def train(self, on: bool) -> None:
        raise NotImplementedError


class TransformerTagger(Tagger):
    """BERT or GPT: the base model (no LM head: it plays no part in tagging), every weight trainable."""

    def __init__(self, adapter: TransformerAdapter) -> None:
        self.adapter, self.device = adapter, adapter.device
        self.model = copy.deepcopy(adapter.network().base_model).float()
        self.body = [p.requires_grad_(True) for p in self.model.parameters()]
        self.dim = int(self.model.config.hidden_size)
        self.limit = adapter.max_length

    def _inputs(self, sentence: LabelledSentence) -> tuple[list[int], list[int]]:
        tok = self.adapter.tokenize(sentence.text)
        ids = tok.window(0, len(tok.ids))[: self.limit]
        owner = token_word_ids(tok.spans, split_words(sentence.text)[1])
        first = {w: len(tok.prefix) + i for i, w in reversed(list(enumerate(owner))) if w is not None}
        # a word the tokenizer kept nothing of (control characters alone) reads the first position
        return ids, [min(first.get(w, len(tok.prefix)), len(ids) - 1) for w in sentence.words]

    def vectors(self, sentences: list[LabelledSentence]) -> torch.Tensor:
        inputs = [self._inputs(s) for s in sentences]
        width = max(len(ids) for ids, _ in inputs)
        ids = torch.zeros(len(inputs), width, dtype=torch.long, device=self.device)
        mask = torch.zeros(len(inputs), width, dtype=torch.long, device=self.device)
        for row, (tokens, _) in enumerate(inputs):
            ids[row, : len(tokens)] = torch.tensor(tokens, device=self.device)
            mask[row, : len(tokens)] = 1
        hidden = self.model(input_ids=ids, attention_mask=mask).last_hidden_state
        rows = torch.tensor([row for row, (_, at) in enumerate(inputs) for _ in at], device=self.device)
        cols = torch.tensor([col for _, at in inputs for col in at], device=self.device)
        return hidden[rows, cols]

    def train(self, on: bool) -> None:
        self.model.train(on)


class ElmoTagger(Tagger):
    """ELMo's char-CNN and both LSTMs, trainable: the batched LSTM of ``elmo_lstm`` over a copy of the
    biLM, with its stacked weights made leaves that autograd follows (allennlp's stateful LSTM would
    carry its state from one batch into the next). The head reads the top layer [forward ; backward].
    Each line of the probing set runs as one sequence (``encode`` would split a line of two sentences)."""

    def __init__(self, adapter: ElmoAdapter) -> None:
        from desktop.core.models.elmo_lstm import FastBiLm

        self.batch_to_ids, self.device = adapter._allennlp.batch_to_ids, adapter.device
        self.bilm = copy.deepcopy(adapter.network())
        self.fast = FastBiLm(self.bilm)
        stacked = [getattr(layer, f.name) for layer in self.fast.lstm.layers for f in fields(layer)]
        embedder = list(self.fast.token_embedder.parameters())
        self.body = [t.requires_grad_(True) for t in stacked + embedder]
        self.dim = 2 * adapter.projection_dim

    def vectors(self, sentences: list[LabelledSentence]) -> torch.Tensor:
        words = [split_words(s.text)[0] for s in sentences]
        layers, _ = self.fast(self.batch_to_ids(words).to(self.device))
        rows = torch.tensor([row for row, s in enumerate(sentences) for _ in s.words], device=self.device)
        cols = torch.tensor([1 + w for s in sentences for w in s.words], device=self.device)  # after <S>
        return layers[-1][rows, cols]

    def train(self, on: bool) -> None:
        self.bilm.train(on)


def tagger_for(adapter: ModelAdapter) -> Tagger:
    from desktop.core.models.elmo import ElmoAdapter
    from desktop.core.models.transformer import TransformerAdapter

    if isinstance(adapter, TransformerAdapter):
        return TransformerTagger(adapter)
    if isinstance(adapter, ElmoAdapter):
        return ElmoTagger(adapter)
    raise ValueError(f"fine-tuning is not implemented for {type(adapter).__name__}")


def _tag_ids(data: ProbeData) -> dict[str, int]:
    return {tag: i for i, tag in enumerate(sorted({t for s in data.sentences for t in s.tags}))}


def train_steps(tagger: Tagger, data: ProbeData, settings: Settings) -> Iterator[Step | torch.nn.Linear]:
    """AdamW on the body and a new linear head, ``settings.batch`` training sentences a step, drawn
    in a shuffled order with the run's seed; ``check_cancel`` every step. Yields a ``Step`` every
    ``PROGRESS_EVERY`` steps, then the trained head."""
    torch.manual_seed(settings.seed)
    order = random.Random(settings.seed)
    train = [s for s in data.sentences if not s.test]
    tags = _tag_ids(data)
    head = torch.nn.Linear(tagger.dim, len(tags)).to(tagger.device)
    optimiser = torch.optim.AdamW(
        [{"params": tagger.body, "lr": settings.lr}, {"params": list(head.parameters()), "lr": settings.head_lr}]
    )
    tagger.train(True)
    pool: list[LabelledSentence] = []
    for step in range(1, settings.steps + 1):
        check_cancel()
        if len(pool) < settings.batch:
            pool += order.sample(train, len(train))
        batch, pool = pool[: settings.batch], pool[settings.batch :]
        gold = torch.tensor([tags[t] for s in batch for t in s.tags], device=tagger.device)
        loss = torch.nn.functional.cross_entropy(head(tagger.vectors(batch)), gold)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        if step % PROGRESS_EVERY == 0 or step == settings.steps:
            yield Step(step, settings.steps)
    tagger.train(False)
    yield head


def test_accuracy(tagger: Tagger, head: torch.nn.Linear, data: ProbeData, batch: int) -> float:
    """The share of test words whose tag the trained model and head get right."""
    tags = _tag_ids(data)
    test = [s for s in data.sentences if s.test]
    hits = total = 0
    with torch.no_grad():
        for start in range(0, len(test), batch):
            check_cancel()
            chunk = test[start : start + batch]
            gold = torch.tensor([tags[t] for s in chunk for t in s.tags], device=tagger.device)
            hits += int((head(tagger.vectors(chunk)).argmax(-1) == gold).sum())
            total += len(gold)
    return hits / max(total, 1)


def run_fine_tuning(
    adapter: ModelAdapter, data: ProbeData, settings: Settings
) -> Iterator[Step | tuple[float, float, int, int]]:
    """Steps as they go, then a fine-tuned copy's test accuracy, seconds, trainable parameters and
    head size (the same shape as the feature-based probe's classifier: one weight per dimension and
    tag, one bias per tag)."""
    started = time.perf_counter()
    tagger = tagger_for(adapter)
    head: torch.nn.Linear | None = None
    for value in train_steps(tagger, data, settings):
        if isinstance(value, Step):
            yield value
        else:
            head = value
    assert head is not None
    accuracy = test_accuracy(tagger, head, data, settings.batch)
    head_size = sum(p.numel() for p in head.parameters())
    trained = sum(t.numel() for t in tagger.body if t.grad is not None)  # not BERT's pooler: it never runs
    yield accuracy, time.perf_counter() - started, trained + head_size, head_size


def compare(
    adapter: ModelAdapter, data: ProbeData, settings: Settings | None = None, cache_dir: Path | None = None
) -> Iterator[Step | FineTuneRow]:
    """The model's row: from the cache when this model (by its weights), data and settings were run
    before; else the probe (itself cached), then the fine-tuning, yielding its ``Step``s first. A front
    end that runs this inside compute turns gets the turn back between steps."""
    settings = settings or Settings()
    key = {"model": adapter.name, "weights": model_fingerprint(adapter), "data": data.digest}
    key |= {"version": FINETUNE_VERSION, **asdict(settings)}
    path = cache_path(cache_dir or user_cache_dir(), "finetune", adapter.name, data.name, key)
    entry = read_entry(path)
    if entry is not None and entry.get("key") == key:
        try:
            yield FineTuneRow(**entry["row"], from_cache=True)
            return
        except TypeError:
            pass  # an entry from an older layout or an edited file: measure again
    probe = linear_probe(adapter, data, cache_dir=cache_dir)
    found: Any = None
    for found in run_fine_tuning(adapter, data, settings):
        if isinstance(found, Step):
            yield found
    accuracy, seconds, trainable, head_size = found
    best = probe.best()
    row = FineTuneRow(
        model=adapter.name,
        family=adapter.family.value,
        language=data.name,
        feature_layer=best.name,
        feature_accuracy=best.score.accuracy,
        feature_top=probe.layers[-1].score.accuracy,
        finetuned_accuracy=accuracy,
        majority=probe.majority.accuracy,
        steps=settings.steps,
        batch=settings.batch,
        lr=settings.lr,
        head_lr=settings.head_lr,
        seconds=seconds,
        trainable_parameters=trainable,
        feature_parameters=head_size,
        n_train=probe.n_train,
        n_test=probe.n_test,
    )
    entry_row = asdict(row)
    del entry_row["from_cache"]
    write_entry(path, {"key": key, "row": entry_row})
    yield row


def fine_tune_row(
    adapter: ModelAdapter,
    data: ProbeData,
    settings: Settings | None = None,
    progress: Callable[[int, int], None] | None = None,
    cache_dir: Path | None = None,
) -> FineTuneRow:
    """``compare`` for a front end that wants the row alone (the CLI)."""
    for value in compare(adapter, data, settings, cache_dir):
        if isinstance(value, FineTuneRow):
            return value
        if progress is not None:
            progress(value.done, value.total)
    raise AssertionError("compare always ends with a row")
