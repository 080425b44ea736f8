"""The Compare tab's probes as plain numbers: JSON (every number) and CSV (one cell a row, written
by desktop/core/export/tables.py), and its picture. Every file is written to a temporary file first,
so a failure never leaves a half-written one in place of a good one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.core.export.tables import direction_rows, matrix_rows
from desktop.core.measure.probes import CkaResult, DirectionResult, PolysemyResult, to_jsonable
from desktop.core.models.base import Unavailable
from desktop.core.session import Session
from desktop.core.store.atomic import replace_with


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
        rows += direction_rows(name, found)
    for name, poly in polysemy.items():
        uses = [str(i + 1) for i in range(len(poly.occurrences))]
        for layer, m in zip(poly.layer_names, poly.matrices, strict=True):
            rows += matrix_rows("polysemy", name, layer, poly.word, m, uses, uses)
    if cka is not None:
        rows += matrix_rows("cka", "all", "", "", cka.matrix, cka.labels, cka.labels)
    return rows


def save_png(widget: QWidget, path: Path) -> None:
    """The widget as drawn now; OSError if Qt cannot save it."""
    replace_with(path, lambda tmp: widget.grab().save(str(tmp), "PNG"))
