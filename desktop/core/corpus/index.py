"""The nearest-neighbour index of one stored layer, with faiss (faiss-cpu, MIT, Meta's library).

Cosine similarity: vectors are scaled to length 1 and searched by inner product. The stored rows
are cut into shards of ``SHARD_ROWS``, each its own index file, built one after the other from
chunks read off the float16 file: a build holds one shard's index, whatever the corpus size, and
an interrupted build resumes at the next shard. A small shard is an exact flat index; a larger one
is IVF-PQ (an inverted file of ``nlist`` k-means cells, each vector as ``dim/2`` one-byte codes:
64 bytes a word for the mini models, where HNSW keeps the 512-byte float32 vector and its graph,
and builds far slower on two cores). PQ scores are approximate, so a search asks each shard for
``CANDIDATES`` times more rows than it returns and ranks those by their exact cosine, read from
the float16 file through a memory map.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from desktop.core.cancel import check_cancel

SHARD_ROWS = 2_000_000
FLAT_MAX = 100_000  # rows up to which a shard is searched exactly
READ_ROWS = 65_536  # rows per read while building
TRAIN_ROWS = 100_000  # at most this many rows train a shard's cells and codes
NPROBE = 64  # cells visited per query (of 1,024 for 1.35 M words)
CANDIDATES = 100  # rows asked of each shard per row returned, before the exact ranking
# Recall@10 against an exact scan, ties counted, mini-BERT's top layer, 10^5 sentences (scripts/bench_corpus.py):
# nprobe 32 / 500 candidates 0.95, 64 / 1,000 0.99, 128 / 2,000 1.00 (p99 5.5 / 4.3 / 9.8 ms, machine shared)


def unit(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1, float32 (a zero row stays zero)."""
    v = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return np.divide(v, norms, out=np.zeros_like(v), where=norms > 0)


def shard_path(folder: Path, key: str, shard: int) -> Path:
    return folder / f"index-{key}-{shard:03d}.faiss"


def shards(n_rows: int) -> list[tuple[int, int]]:
    return [(s, min(s + SHARD_ROWS, n_rows)) for s in range(0, n_rows, SHARD_ROWS)]


def _empty_index(dim: int, n_rows: int):  # -> faiss.Index
    import faiss

    if n_rows <= FLAT_MAX:
        return faiss.IndexFlatIP(dim)
    nlist = 2 ** round(math.log2(math.sqrt(n_rows)))
    codes = f"PQ{dim // 2}" if dim % 2 == 0 else "SQ8"
    index = faiss.index_factory(dim, f"IVF{nlist},{codes}", faiss.METRIC_INNER_PRODUCT)
    if hasattr(index, "do_polysemous_training"):
        index.do_polysemous_training = False  # codes for Hamming-distance filtering: slow to train, unused here
    return index


def build_shard(vectors: np.ndarray, start: int, stop: int, path: Path) -> None:
    """One shard's index from rows ``[start, stop)`` of a (memory-mapped) float16 array; each
    read is copied out of the mapping, so the mapping's pages are not kept."""
    import faiss
    import torch

    faiss.omp_set_num_threads(torch.get_num_threads())  # the compute budget (desktop/core/runtime.py)
    index = _empty_index(vectors.shape[1], stop - start)
    if not index.is_trained:
        step = max(1, (stop - start) // TRAIN_ROWS)
        index.train(unit(np.array(vectors[start:stop:step][:TRAIN_ROWS])))
    for lo in range(start, stop, READ_ROWS):
        check_cancel()
        index.add(unit(np.array(vectors[lo : min(lo + READ_ROWS, stop)])))
    tmp = path.with_name(path.name + ".tmp")
    faiss.write_index(index, str(tmp))
    tmp.replace(path)


@dataclass(frozen=True)
class Hit:
    row: int
    score: float  # cosine


class LayerIndex:
    """The shards of one stored layer, loaded once; ``search`` ranks by exact cosine."""

    def __init__(self, folder: Path, key: str, vectors: np.ndarray) -> None:
        import faiss

        faiss.omp_set_num_threads(1)  # one query at a time: waking OpenMP's threads costs more than the search
        self.vectors = vectors
        self.parts = []
        for shard, (start, _) in enumerate(shards(len(vectors))):
            index = faiss.read_index(str(shard_path(folder, key, shard)))
            if hasattr(index, "nprobe"):
                faiss.extract_index_ivf(index).nprobe = NPROBE
            self.parts.append((start, index))

    def search(self, vector: np.ndarray, k: int) -> list[Hit]:
        query = unit(vector.reshape(1, -1))
        rows: list[int] = []
        for start, index in self.parts:
            _, found = index.search(query, min(k * CANDIDATES, index.ntotal))
            rows.extend(start + int(r) for r in found[0] if r >= 0)
        if not rows:
            return []
        rows = sorted(set(rows))
        scores = unit(np.asarray(self.vectors[rows])) @ query[0]
        best = np.argsort(-scores, kind="stable")[:k]
        return [Hit(rows[i], float(scores[i])) for i in best]
