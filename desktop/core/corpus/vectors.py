"""One model's word vectors of the corpus: which layers, the encode function, the float16 files.

Each stored layer is ``<model folder>/vectors-<key>.npy``, a float16 ``[words, dim]`` array in
numpy's .npy format (read with ``np.load(..., mmap_mode="r")``), rows in words-table order. The key
is ``static`` (the model's no-context view: a Transformer's token-embedding table, ELMo's char-CNN
layer) or a layer index. Rows are written in place with ``os.pwrite``, never through a mapping, so
that a build's memory stays one chunk whatever the corpus size; ``progress.json`` says how many
sentences are written, after their rows are on disk, so that an interrupted build resumes there.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from desktop.core.corpus.sources import SourceError
from desktop.core.measure.similarity import word_vectors
from desktop.core.messages import msg
from desktop.core.models.base import ModelAdapter
from desktop.core.store.atomic import replaced

STATIC = "static"
DEPTHS = {"first": 0.0, "middle": 0.5, "last": 1.0}  # the depths `compare --layers` names
DEFAULT_LAYERS = ("first", "middle", "last")


@dataclass(frozen=True)
class StoredLayer:
    key: str  # "static" or the layer index
    name: str  # the model's name for it
    index: int | None  # the encoding layer; None: the adapter's static_baseline vectors
    dim: int


def layer_indices(model: str, names: list[str], items: list[str]) -> list[int]:
    """The layer indices ``items`` name (first/middle/last, an index, negative from the top, all)."""
    n = len(names)
    picked: set[int] = set()
    for item in items:
        if item == "all":
            picked.update(range(n))
        elif item in DEPTHS:
            picked.add(round(DEPTHS[item] * (n - 1)))
        elif item.lstrip("-").isdigit() and -n <= int(item) < n:
            picked.add(int(item) % n)
        else:
            raise SourceError(msg("--layers {item}: {model} has layers 0 to {top}", item=item, model=model, top=n - 1))
    return sorted(picked)


def plan_layers(adapter: ModelAdapter, sample: str, items: list[str]) -> list[StoredLayer]:
    """The static view first, then the chosen layers; a layer that is the static view itself
    (ELMo's char-CNN) is stored once, as ``static``."""
    enc = adapter.encode(sample)
    baseline = adapter.static_baseline(enc, [0])
    static_index = None if baseline.vectors is not None else enc.layer_names.index(baseline.name)
    static_dim = enc.dim if baseline.vectors is None else int(baseline.vectors.shape[1])
    plan = [StoredLayer(STATIC, baseline.name, static_index, static_dim)]
    for i in layer_indices(adapter.name, enc.layer_names, items):
        if i != static_index:
            plan.append(StoredLayer(str(i), enc.layer_names[i], i, enc.dim))
    return plan


def encode_rows(adapter: ModelAdapter, texts: list[str], positions: list[np.ndarray], plan: list[StoredLayer]) -> dict:
    """The encode function of every engine: ``{key: float16 [stored words, dim]}`` for the texts'
    words at ``positions``, in order, pooled as everywhere else (a word = the mean of its tokens)."""
    encoded = adapter.encode_many(texts)
    out: dict[str, list[np.ndarray]] = {layer.key: [] for layer in plan}
    for enc, where in zip(encoded, positions, strict=True):
        words = [int(w) for w in where]
        for layer in plan:
            if layer.index is None:
                vectors = adapter.static_baseline(enc, words).vectors
                assert vectors is not None
            else:
                vectors = word_vectors(enc, layer.index, words)
            out[layer.key].append(np.nan_to_num(vectors).astype(np.float16))
    return {key: np.concatenate(rows) if rows else np.empty((0, 0), np.float16) for key, rows in out.items()}


def model_folder(root: Path, model: str) -> Path:
    return root / re.sub(r"[^\w.-]+", "_", model)


@dataclass
class ModelStore:
    """One model's folder: the plan in ``meta.json``, the vectors, ``progress.json``."""

    folder: Path
    model: str
    plan: list[StoredLayer]
    n_words: int
    indexed: bool = True  # False: no faiss index (the same-word search reads only the vectors)

    def path(self, key: str) -> Path:
        return self.folder / f"vectors-{key}.npy"

    def create(self) -> None:
        """The .npy files at full size (sparse until written), then the plan."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for layer in self.plan:
            np.lib.format.open_memmap(self.path(layer.key), "w+", np.float16, (self.n_words, layer.dim)).flush()
        self.save_meta()

    def save_meta(self) -> None:
        meta = {"model": self.model, "words": self.n_words, "layers": [asdict(layer) for layer in self.plan]}
        meta["indexed"] = self.indexed
        with replaced(self.folder / "meta.json", "w", encoding="utf-8") as f:
            json.dump(meta, f, ensure_ascii=False)

    def write(self, row: int, rows: dict[str, np.ndarray]) -> None:
        """Rows from ``row`` on, every layer, synced to disk before the caller records progress."""
        for layer in self.plan:
            data = np.ascontiguousarray(rows[layer.key], dtype="<f2")
            if data.size == 0:
                continue
            with self.path(layer.key).open("r+b") as f:
                offset = _data_offset(f)
                os.pwrite(f.fileno(), data.tobytes(), offset + row * layer.dim * 2)
                os.fsync(f.fileno())

    def progress(self) -> dict:
        try:
            return json.loads((self.folder / "progress.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"sentences": 0, "indexed": []}

    def save_progress(self, state: dict) -> None:
        with replaced(self.folder / "progress.json", "w", encoding="utf-8") as f:
            json.dump(state, f)

    def vectors(self, key: str) -> np.ndarray:
        return np.load(self.path(key), mmap_mode="r")


def _data_offset(f: BinaryIO) -> int:
    """Where the array starts in an open .npy file (after its header)."""
    major, _ = np.lib.format.read_magic(f)
    read = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
    read(f)
    return f.tell()


def open_model(root: Path, model: str) -> ModelStore | None:
    """The model's store in the corpus folder ``root``; None where no build of it started."""
    folder = model_folder(root, model)
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    layers = [StoredLayer(**layer) for layer in meta["layers"]]
    return ModelStore(folder, meta["model"], layers, meta["words"], meta.get("indexed", True))
