"""The embedding step on Ray Data: the same encode function, run by a pool of Ray actors.

Items are chunk descriptors (first and last sentence), not the text: every actor opens the
corpus folder itself (a shared file system on a cluster), loads the model once, and hands back
the chunk's rows. ``preserve_order`` keeps the results in corpus order, so the writer records
progress exactly as the local engine does and a resumed build is the same on either engine.
Ray is optional (``pip install 'ray[data]'``); on one machine it starts a local Ray with
``RAY_CPUS`` CPUs, on a cluster it joins the one ``RAY_ADDRESS`` names.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np

from desktop.core.corpus.build import Chunks
from desktop.core.corpus.sources import SourceError
from desktop.core.corpus.store import Corpus, open_corpus
from desktop.core.corpus.vectors import StoredLayer, encode_rows
from desktop.core.messages import msg
from desktop.core.store.registry import ModelSpec

RAY_CPUS = 2  # a local Ray's CPUs: one actor each


class EncodeChunks:
    """A Ray actor: one loaded model, encoding the chunks of each batch it is given."""

    def __init__(self, spec: ModelSpec, folder: str, plan: list[StoredLayer]) -> None:
        import torch

        from desktop.core.models import load_adapter

        torch.set_num_threads(1)  # one CPU per actor: the actors are the parallelism
        self.adapter = load_adapter(spec)
        corpus = open_corpus(Path(folder))
        assert corpus is not None, folder
        self.corpus: Corpus = corpus
        self.plan = plan

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        out: dict[str, list[np.ndarray]] = {"lo": [], "hi": []} | {layer.key: [] for layer in self.plan}
        for lo, hi in zip(batch["lo"].tolist(), batch["hi"].tolist(), strict=True):
            rows = encode_rows(self.adapter, self.corpus.sentences(lo, hi), self.corpus.positions(lo, hi), self.plan)
            out["lo"].append(np.array([lo]))
            out["hi"].append(np.array([hi]))
            for layer in self.plan:  # as bytes: a chunk's number of words varies, a tensor column's shape cannot
                out[layer.key].append(np.array([rows[layer.key].tobytes()], dtype=object))
        return {key: np.concatenate(parts) for key, parts in out.items()}


def ray_chunks(spec: ModelSpec, corpus: Corpus, plan: list[StoredLayer], start: int, chunk: int) -> Chunks:
    """Chunks ``[lo, hi)`` from sentence ``start`` on, in order, each encoded on a Ray actor."""
    try:
        import ray
    except ImportError as exc:
        raise SourceError(msg("--engine ray needs Ray: pip install 'ray[data]'")) from exc
    if not ray.is_initialized():
        local = os.environ.get("RAY_ADDRESS") is None
        ray.init(
            num_cpus=RAY_CPUS if local else None,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.WARNING,
        )
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    items = [{"lo": lo, "hi": min(lo + chunk, corpus.n_sentences)} for lo in range(start, corpus.n_sentences, chunk)]
    if not items:
        return
    dataset = ray.data.from_items(items).map_batches(
        EncodeChunks,
        fn_constructor_args=(spec, str(corpus.folder), plan),
        batch_size=1,
        batch_format="numpy",
        concurrency=max(1, int(ray.cluster_resources().get("CPU", RAY_CPUS))),  # an actor per CPU
        num_cpus=1,
    )
    dims = {layer.key: layer.dim for layer in plan}
    for row in dataset.iter_rows():
        rows = {key: np.frombuffer(row[key], dtype=np.float16).reshape(-1, dim) for key, dim in dims.items()}
        yield int(row["lo"]), int(row["hi"]), rows
