"""Build one model's part of a corpus: encode every sentence, store the vectors, index each layer.

The embedding step runs on an engine: ``local`` (this process, ``CHUNK`` sentences per
``encode_many`` call) or ``ray`` (desktop/core/corpus/ray_engine.py: the same encode function
under Ray Data). Either hands back chunks in corpus order; each is written, synced, and then
counted in ``progress.json``, so a build stopped anywhere resumes after the last chunk on disk
and writes the same bytes an uninterrupted build would.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from desktop.core.cancel import check_cancel
from desktop.core.corpus.index import build_shard, shard_path, shards
from desktop.core.corpus.sources import SourceError
from desktop.core.corpus.store import Corpus
from desktop.core.corpus.vectors import ModelStore, StoredLayer, encode_rows, model_folder, open_model, plan_layers
from desktop.core.messages import msg
from desktop.core.models.base import ModelAdapter
from desktop.core.store.registry import ModelSpec

CHUNK = 64  # sentences per encode call and per progress record
Chunks = Iterator[tuple[int, int, dict]]  # (first sentence, end, {key: rows})


@dataclass(frozen=True)
class Step:
    """Where a build is, for a progress line: ``stage`` is "encode" or "index"."""

    model: str
    stage: str
    done: int
    total: int
    rate: float  # per second, this run
    seconds_left: float | None


Report = Callable[[Step], None]


def local_chunks(adapter: ModelAdapter, corpus: Corpus, plan: list[StoredLayer], start: int) -> Chunks:
    """The embedding step in this process."""
    for lo in range(start, corpus.n_sentences, CHUNK):
        check_cancel()
        hi = min(lo + CHUNK, corpus.n_sentences)
        yield lo, hi, encode_rows(adapter, corpus.sentences(lo, hi), corpus.positions(lo, hi), plan)


def model_store(corpus: Corpus, adapter: ModelAdapter, items: list[str], index: bool = True) -> ModelStore:
    """The model's store, created on the first build; a resumed build must ask for the same layers.
    ``index`` False stores no faiss index (the window's corpus: its same-word search never reads
    one); a later build that wants one adds it, one without keeps what is there."""
    plan = plan_layers(adapter, corpus.sentences(0, 1)[0], items)
    found = open_model(corpus.folder, adapter.name)
    if found is None:
        store = ModelStore(model_folder(corpus.folder, adapter.name), adapter.name, plan, corpus.n_words, index)
        store.create()
        return store
    if found.plan != plan or found.n_words != corpus.n_words:
        built = ", ".join(layer.key for layer in found.plan)
        raise SourceError(
            msg(
                "{model} was built here with the layers {built}: ask for those, or use another --out",
                model=adapter.name,
                built=built,
            )
        )
    if index and not found.indexed:
        found.indexed = True
        found.save_meta()
    return found


def build_model(
    corpus: Corpus,
    spec: ModelSpec,
    adapter: ModelAdapter,
    items: list[str],
    engine: str,
    report: Report,
    index: bool = True,
) -> ModelStore:
    """Encode (resuming where ``progress.json`` says), then index every stored layer (``index``)."""
    store = model_store(corpus, adapter, items, index)
    for step in build_steps(corpus, spec, adapter, store, engine):
        report(step)
    return store


def build_steps(
    corpus: Corpus, spec: ModelSpec, adapter: ModelAdapter, store: ModelStore, engine: str
) -> Iterator[Step]:
    """The build as a generator, one step a chunk or a shard: the window's worker yields each one
    (and lets another model compute in between; desktop/core/runtime.taking_turns)."""
    state = store.progress()
    start = state["sentences"]
    if engine == "ray":
        from desktop.core.corpus.ray_engine import ray_chunks

        chunks = ray_chunks(spec, corpus, store.plan, start, CHUNK)
    else:
        chunks = local_chunks(adapter, corpus, store.plan, start)
    t0 = time.monotonic()
    for lo, hi, rows in chunks:
        store.write(int(corpus.rows[lo]), rows)
        state["sentences"] = hi
        store.save_progress(state)
        yield _step(adapter.name, "encode", hi - start, hi, corpus.n_sentences, t0)
    if store.indexed:
        yield from index_layers(store, state)


def index_layers(store: ModelStore, state: dict) -> Iterator[Step]:
    """Each layer's shards not yet in ``state["indexed"]``, one at a time."""
    todo = [(layer.key, i, span) for layer in store.plan for i, span in enumerate(shards(store.n_words))]
    t0 = time.monotonic()
    for n, (key, i, (lo, hi)) in enumerate(todo):
        name = shard_path(store.folder, key, i).name
        if name not in state["indexed"]:
            check_cancel()
            build_shard(store.vectors(key), lo, hi, store.folder / name)
            state["indexed"].append(name)
            store.save_progress(state)
        yield _step(store.model, "index", n + 1, n + 1, len(todo), t0)


def _step(model: str, stage: str, done_now: int, done: int, total: int, t0: float) -> Step:
    elapsed = time.monotonic() - t0
    rate = done_now / elapsed if elapsed > 0 else 0.0
    left = (total - done) / rate if rate > 0 else None
    return Step(model, stage, done, total, rate, left)


def is_built(store: ModelStore | None, corpus: Corpus) -> bool:
    """Every sentence encoded and, where the store has an index, every shard indexed."""
    if store is None:
        return False
    state = store.progress()
    wanted = {
        shard_path(store.folder, layer.key, i).name for layer in store.plan for i, _ in enumerate(shards(store.n_words))
    }
    return state["sentences"] >= corpus.n_sentences and (not store.indexed or wanted <= set(state["indexed"]))
