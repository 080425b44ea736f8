"""Every matrix a view draws, as numbers for a file: read from the session's results (never from
the widgets), as JSON (nested lists, NaN as null) and as long CSV rows, one cell a row. Writes go
through a temporary file, so a failed export never leaves half a file in place of a good one."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from desktop.core.claims import ClaimRecord
from desktop.core.measure.probes import DirectionResult, to_jsonable
from desktop.core.measure.similarity import layer_at_depth
from desktop.core.pipeline import ModelResult
from desktop.core.session import Session
from desktop.core.store.atomic import replaced

MATRIX_HEADER = ["probe", "model", "layer", "part", "row", "column", "value"]
CLAIMS_HEADER = ["claim", "verdict", "model", "summary", "values", "reason"]


def matrix_rows(
    probe: str, model: str, layer: str, part: str, m: np.ndarray, rows: list[str], cols: list[str]
) -> list[list[Any]]:
    """One CSV row per cell; an empty value where the matrix has NaN (no number there)."""
    return [
        [probe, model, layer, part, rows[i], cols[j], "" if np.isnan(m[i, j]) else f"{m[i, j]:.6f}"]
        for i in range(m.shape[0])
        for j in range(m.shape[1])
    ]


def _labelled(result: ModelResult) -> dict[str, tuple[np.ndarray, list[str]]]:
    """The model tab's matrices with their axis labels: name -> ([layers, n, n], labels)."""
    a = result.analysis
    enc = a.encoding
    tokens = enc.labels[: a.shown_tokens]
    sentences = [enc.text[s:e].strip() for s, e in a.sentence_spans]
    found = {
        "token similarity": (a.token_sims, tokens),
        "word similarity": (a.word_sims, enc.words[: a.shown_words]),
        "sentence similarity": (a.sentence_sims, sentences),
    }
    for half, sims in (a.halves or {}).items():
        found[f"token similarity ({half} half)"] = (sims, tokens)
    return found


def model_numbers(name: str, result: ModelResult) -> dict[str, Any]:
    """One model tab's numbers: every similarity matrix per layer and the direction probe."""
    a = result.analysis
    matrices = {
        key: {"labels": labels, "layers": a.encoding.layer_names, "matrices": sims}
        for key, (sims, labels) in _labelled(result).items()
    }
    direction = None if result.deep is None else result.deep.direction
    return to_jsonable({"model": name, "text": a.encoding.text, "similarity": matrices, "direction": direction})


def model_rows(name: str, result: ModelResult) -> list[list[Any]]:
    rows: list[list[Any]] = []
    layer_names = result.analysis.encoding.layer_names
    for key, (sims, labels) in _labelled(result).items():
        for layer, m in zip(layer_names, sims, strict=True):
            rows += matrix_rows(key, name, layer, "", m, labels, labels)
    found = None if result.deep is None else result.deep.direction
    if isinstance(found, DirectionResult):
        rows += direction_rows(name, found)
    return rows


def direction_rows(name: str, found: DirectionResult) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for layer in found.layers:
        for part, m in layer.parts().items():
            rows += matrix_rows("direction", name, layer.name, part, m, found.words, found.words)
    return rows


def compare_numbers(session: Session, depths: Sequence[float]) -> dict[str, Any]:
    """The Compare tab's similarity grid (words at each depth, sentences at the top layer),
    each model's time and the agreement between models."""
    models = {}
    for name, result in session.results().items():
        a = result.analysis
        picked = [layer_at_depth(a.encoding, d) for d in depths]
        models[name] = {
            "words": a.encoding.words[: a.shown_words],
            "layers": [a.encoding.layer_names[i] for i in picked],
            "word_similarity": [a.word_sims[i] for i in picked],
            "sentence_similarity_last_layer": a.sentence_sims[-1],
            "time_ms": a.encoding.timings_ms["total"],
        }
    cross = session.cross
    agreement = None
    if cross is not None and cross.agreement is not None:
        agreement = {"models": cross.models, "pearson_r": cross.agreement}
    return to_jsonable({"text": session.text, "models": models, "agreement": agreement})


def compare_rows(session: Session, depths: Sequence[float]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for name, result in session.results().items():
        a = result.analysis
        words = a.encoding.words[: a.shown_words]
        for d in depths:
            i = layer_at_depth(a.encoding, d)
            rows += matrix_rows(
                "word similarity", name, a.encoding.layer_names[i], f"depth {d:g}", a.word_sims[i], words, words
            )
        sentences = [str(k + 1) for k in range(len(a.sentence_spans))]
        last = a.encoding.layer_names[-1]
        rows += matrix_rows("sentence similarity", name, last, "", a.sentence_sims[-1], sentences, sentences)
        rows.append(["time (ms)", name, "", "", "", "", f"{a.encoding.timings_ms['total']:.3f}"])
    cross = session.cross
    if cross is not None and cross.agreement is not None:
        rows += matrix_rows("agreement", "all", "top", "", cross.agreement, cross.models, cross.models)
    return rows


def claims_numbers(session: Session) -> dict[str, Any]:
    return {"text": session.text, "claims": [r.to_json() for r in session.claims or []]}


def claims_rows(records: list[ClaimRecord]) -> list[list[Any]]:
    """One row per claim and model (the values as compact JSON), or one row for a claim no model measured."""
    rows: list[list[Any]] = []
    for r in records:
        reason = r.reason.english()
        for name, m in r.measures.items():
            values = json.dumps(to_jsonable(m.values), ensure_ascii=False, separators=(",", ":"))
            rows.append([r.id, r.verdict.value, name, m.summary.english(), values, reason])
        for name, why in r.missing.items():
            rows.append([r.id, r.verdict.value, name, why.english(), "", reason])
        if not r.measures and not r.missing:
            rows.append([r.id, r.verdict.value, "", "", "", reason])
    return rows


def write_json(path: Path, numbers: Any) -> None:
    with replaced(path, "w", encoding="utf-8") as f:
        json.dump(numbers, f, ensure_ascii=False)


def write_csv(path: Path, rows: list[list[Any]], header: list[str] = MATRIX_HEADER) -> None:
    with replaced(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
