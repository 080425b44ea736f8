"""``compare --json``, written as it goes: each model as soon as it has run, its layers a block of
tokens at a time, so that memory holds one block of text, not the whole file.

What is written is asked for: ``--layers`` picks layers (every layer of every token grows with
layers x tokens x dims: 323 MB for 20,000 characters), ``--precision`` the numbers' precision.
Each number is the shortest decimal that reads back as the same float16 or float32 value.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO, Any

import numpy as np

from desktop.cli.errors import UsageError
from desktop.cli.report import result_to_dict
from desktop.core.encoding import Encoding
from desktop.core.measure.similarity import layer_at_depth
from desktop.core.pipeline import ModelResult
from desktop.core.store.atomic import replaced

NAMED_DEPTHS = {"first": 0.0, "middle": 0.5, "last": 1.0}
PRECISIONS = {"float16": np.float16, "float32": np.float32}
FLOAT16_MAX = float(np.finfo(np.float16).max)
ROWS_PER_WRITE = 256


def parse_layers(spec: str) -> list[str]:
    """``all``, or a comma-separated list of ``first``, ``middle``, ``last`` and layer indices
    (negative counts from the top); checked before any model runs."""
    items = [item.strip() for item in spec.split(",") if item.strip()]
    bad = [i for i in items if i != "all" and i not in NAMED_DEPTHS and not i.lstrip("-").isdigit()]
    if bad or not items:
        raise UsageError(f"--layers: {', '.join(bad) or 'nothing'} is not all, first, middle, last or a layer index")
    return items


def chosen_layers(enc: Encoding, items: list[str]) -> tuple[list[int], list[str]]:
    """The layer indices ``items`` name in this model, in order, and what could not be found."""
    n = len(enc.layer_names)
    picked: set[int] = set()
    missing = []
    for item in items:
        if item == "all":
            picked.update(range(n))
        elif item in NAMED_DEPTHS:
            picked.add(layer_at_depth(enc, NAMED_DEPTHS[item]))
        elif -n <= int(item) < n:
            picked.add(int(item) % n)
        else:
            missing.append(f"--layers {item}: {enc.model_name} has {n} layers (0 to {n - 1})")
    return sorted(picked), missing


def shortest_decimals(values: np.ndarray, dtype: type[np.floating]) -> np.ndarray:
    """``values`` as float64 numbers whose shortest repr is the shortest decimal that reads back as
    the same ``dtype`` value: 0.1 rather than 0.0999755859375 for a float16. Vectorised: each
    pass rounds the values still left to one more significant digit and keeps those that now
    read back right."""
    exact = values.astype(dtype).ravel()
    out = exact.astype(np.float64)  # where no pass matches, the exact value: still a round trip
    left = np.flatnonzero(out)
    for digits in range(1, np.finfo(dtype).precision + 4):
        if not left.size:
            break
        target = out[left]
        shift = digits - 1 - np.floor(np.log10(np.abs(target)))  # times 10**shift, round, back
        up = 10.0 ** np.abs(shift)
        rounded = np.where(shift >= 0, np.round(target * up) / up, np.round(target / up) * up)
        with np.errstate(over="ignore"):  # 65504 rounded to 70000 is no float16: not a match
            ok = rounded.astype(dtype) == exact[left]
        out[left[ok]] = rounded[ok]
        left = left[~ok]
    return out.reshape(values.shape)


@cache
def float16_texts() -> np.ndarray:
    """The JSON text of every float16 value, indexed by its 16 bits: a float16 layer is written by
    looking its numbers up (65,536 of them, formatted once) instead of formatting each of its
    millions of numbers again."""
    every = np.arange(2**16, dtype=np.uint16).view(np.float16)
    with np.errstate(invalid="ignore"):  # the infinities and NaNs among them round to themselves
        decimals = shortest_decimals(every, np.float16)
    return np.array([json.dumps(v) for v in decimals.tolist()], dtype=object)


def json_rows(rows: np.ndarray, dtype: type[np.floating]) -> str:
    """``json.dumps`` of the rows (as the given precision's shortest decimals), without the outer brackets."""
    if dtype is not np.float16:
        return json.dumps(shortest_decimals(rows, dtype).tolist())[1:-1]
    texts = float16_texts()[np.asarray(rows).astype(np.float16).view(np.uint16)]
    return ", ".join("[" + ", ".join(row) + "]" for row in texts)


def _beyond_float16(layer: np.ndarray) -> bool:
    return bool(layer.size) and float(np.abs(layer).max()) > FLOAT16_MAX


class JsonStream:
    """One ``compare`` result file: ``{"text", "layers", "precision", "models": [...], "errors",
    "agreement"}``, each model with ``layer_indices`` saying which of ``layer_names`` it holds."""

    def __init__(self, f: IO[str], path: Path, text: str, layers: list[str], precision: str) -> None:
        self.f, self.path, self.items, self.precision = f, path, layers, precision
        self.models = 0
        head = {"text": text, "layers": ",".join(layers), "precision": precision}
        self._write(json.dumps(head, ensure_ascii=False)[:-1] + ', "models": [')

    def _write(self, text: str) -> None:
        try:
            self.f.write(text)
        except OSError as exc:
            raise UsageError(f"cannot write {self.path}: {exc.strerror or exc}") from exc

    def model(self, result: ModelResult) -> None:
        enc = result.analysis.encoding
        indices, missing = chosen_layers(enc, self.items)
        dtype = PRECISIONS[self.precision]
        wide = [
            i
            for i in indices
            if dtype is np.float16 and enc.layers[i].size and np.abs(enc.layers[i]).max() > FLOAT16_MAX
        ]
        notes = missing + [f"layer {i} exceeds float16's range: written as float32" for i in wide]
        out = result_to_dict(result)
        out["notes"] = out["notes"] + notes
        out["layer_indices"] = indices
        self._write(("," if self.models else "") + json.dumps(out, ensure_ascii=False)[:-1] + ', "layers": [')
        for n, i in enumerate(indices):
            self._write("," * (n > 0) + "[")
            self._layer(enc.layers[i], np.float32 if i in wide else dtype)
            self._write("]")
        self._write("]}")
        self.models += 1

    def _layer(self, layer: np.ndarray, dtype: type[np.floating]) -> None:
        for start in range(0, layer.shape[0], ROWS_PER_WRITE):
            self._write("," * (start > 0) + json_rows(layer[start : start + ROWS_PER_WRITE], dtype))

    def finish(self, errors: list[dict[str, Any]], agreement: dict[str, Any] | None) -> None:
        tail = {"errors": errors, "agreement": agreement}
        self._write("], " + json.dumps(tail, ensure_ascii=False)[1:])


@contextmanager
def compare_json(path: Path | None, text: str, layers: list[str], precision: str) -> Iterator[JsonStream | None]:
    """The stream into a temporary file that replaces ``path`` once finished (None: no --json);
    a failed write keeps the previous file."""
    if path is None:
        yield None
        return
    try:
        with replaced(path, "w", encoding="utf-8") as f:
            yield JsonStream(f, path, text, layers, precision)
    except OSError as exc:  # opening, flushing or renaming: the writes themselves say so in _write
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
