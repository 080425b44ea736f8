"""How far a model's loading is, in bytes of its weight files.

The loaders (transformers' ``from_pretrained``, allennlp's ``ElmoBiLm``) read their files in
ways that cannot be followed from outside, so the weight files are read once ahead of them, in
chunks, each chunk counted: that read is what takes the time on a cold disk, and the loaders then
find the bytes in the operating system's page cache. On a warm cache the read ahead costs a
memory copy (well under a second for the largest model here).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.core.cancel import check_cancel
from desktop.core.store.registry import Resolved

CHUNK_BYTES = 1 << 20


@dataclass(frozen=True)
class LoadProgress:
    """Bytes of the weight files read so far, out of their total size."""

    done: int
    total: int

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total else 1.0


def _transformers_weights(folder: Path) -> list[Path]:
    """The files ``from_pretrained`` reads the weights from, in the order it prefers them."""
    if (folder / "model.safetensors").is_file():
        return [folder / "model.safetensors"]
    index = folder / "model.safetensors.index.json"
    if index.is_file():
        try:
            shards = json.loads(index.read_text(encoding="utf-8")).get("weight_map", {}).values()
        except (OSError, ValueError):
            return []  # the loader says what is wrong with it
        return [folder / name for name in dict.fromkeys(shards) if (folder / name).is_file()]
    return [p for p in (folder / "pytorch_model.bin",) if p.is_file()]


def weight_files(res: Resolved) -> list[Path]:
    """The large files a resolved model loads: where the time goes."""
    if res.weights is not None:  # ELMo: the HDF5 weights, and the softmax saved beside them if any
        stem = res.weights.name.removesuffix(".hdf5").removesuffix("_weights")
        softmax = res.weights.with_name(f"{stem}_softmax.safetensors")
        return [res.weights, *([softmax] if softmax.is_file() else [])]
    return _transformers_weights(res.folder) if res.folder is not None else []


def read_ahead(paths: list[Path]) -> Iterator[LoadProgress]:
    """Read the files once, yielding the bytes read each time the whole percentage grows (and at
    the end); nothing when there is no size to count. An unreadable file stops the count
    quietly: the loader that follows reports it with its own, more precise error."""
    try:
        total = sum(p.stat().st_size for p in paths)
    except OSError:
        return
    if total == 0:
        return
    done, shown = 0, -1
    buffer = bytearray(CHUNK_BYTES)
    try:
        for path in paths:
            with path.open("rb", buffering=0) as f:
                while n := f.readinto(buffer):
                    check_cancel()  # closing the window stops a large read half-way
                    done += n
                    if (percent := done * 100 // total) != shown:
                        shown = percent
                        yield LoadProgress(min(done, total), total)
    except OSError:
        return
    if shown != 100:
        yield LoadProgress(total, total)
