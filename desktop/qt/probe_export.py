"""The Compare tab's probes as plain numbers: JSON (every number) and CSV (one cell a row), and
its picture. Every file is written to a temporary file first, so a failure never leaves a
half-written one in place of a good one."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtWidgets import QWidget

from desktop.core.measure.probes import CkaResult, DirectionResult, PolysemyResult, to_jsonable
from desktop.core.models.base import Unavailable
from desktop.core.session import Session
from desktop.core.store.atomic import replace_with, replaced


def probe_numbers(
    session: Session,
    directions: dict[str, DirectionResult],
    polysemy: dict[str, PolysemyResult | Unavailable | None],
    cka: CkaResult | None,
) -> dict[str, Any]:
    predictions = {n: s.answers["predict"] for n, s in session.models.items() if "predict" in s.answers}
    return to_jsonable(
        {
            "text": session.text,
            "direction": directions,
            "polysemy": {n: p for n, p in polysemy.items() if p is not None},
            "cka": cka,
            "predict": predictions,
        }
    )


def csv_rows(
    directions: dict[str, DirectionResult], polysemy: dict[str, PolysemyResult], cka: CkaResult | None
) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for name, found in directions.items():
        for layer in found.layers:
            for part, m in layer.parts().items():
                rows += _matrix_rows("direction", name, layer.name, part, m, found.words, found.words)
    for name, poly in polysemy.items():
        uses = [str(i + 1) for i in range(len(poly.occurrences))]
        for layer, m in zip(poly.layer_names, poly.matrices, strict=True):
            rows += _matrix_rows("polysemy", name, layer, poly.word, m, uses, uses)
    if cka is not None:
        rows += _matrix_rows("cka", "all", "", "", cka.matrix, cka.labels, cka.labels)
    return rows


def write_json(path: Path, numbers: dict[str, Any]) -> None:
    with replaced(path, "w", encoding="utf-8") as f:
        json.dump(numbers, f, ensure_ascii=False)


def save_png(widget: QWidget, path: Path) -> None:
    """The widget as drawn now; OSError if Qt cannot save it."""
    replace_with(path, lambda tmp: widget.grab().save(str(tmp), "PNG"))


def write_csv(path: Path, rows: list[list[Any]]) -> None:
    with replaced(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["probe", "model", "layer", "part", "row", "column", "value"])
        writer.writerows(rows)


def _matrix_rows(
    probe: str, model: str, layer: str, part: str, m: np.ndarray, rows: list[str], cols: list[str]
) -> list[list[Any]]:
    return [
        [probe, model, layer, part, rows[i], cols[j], "" if np.isnan(m[i, j]) else f"{m[i, j]:.6f}"]
        for i in range(m.shape[0])
        for j in range(m.shape[1])
    ]
