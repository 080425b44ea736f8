"""Readable text for the probes' results (the CLI prints these; the JSON has every number)."""

from __future__ import annotations

from typing import Any

import numpy as np

from desktop.core.measure.probes import CkaResult, DirectionResult, PolysemyResult

CELL = 6


def _short(word: str) -> str:
    return word if len(word) <= CELL - 1 else word[: CELL - 2] + "…"


def matrix_lines(matrix: np.ndarray, labels: list[str], indent: str = "     ") -> list[str]:
    head = indent + " " * (CELL + 1) + "".join(f"{_short(w):>{CELL}}" for w in labels)
    rows = [
        indent + f"{_short(w):>{CELL}} " + "".join("     ·" if np.isnan(v) else f"{v:{CELL}.3f}" for v in row)
        for w, row in zip(labels, matrix, strict=True)
    ]
    return [head, *rows]


def _triangles(m: np.ndarray) -> tuple[float, float]:
    upper = m[np.triu_indices_from(m, k=1)]
    lower = m[np.tril_indices_from(m, k=-1)]
    return float(np.nanmax(upper)) if upper.size else 0.0, float(np.nanmax(lower)) if lower.size else 0.0


def direction_lines(result: DirectionResult) -> list[str]:
    lines = [
        f"== {result.model} [{result.family}]: change of word i (row) when word j (column) is replaced",
        "   above the diagonal = an earlier word changed by a later one (future context);"
        " below = a later word changed by an earlier one",
    ]
    for layer in result.layers:
        parts = [("", layer.matrix)]
        if layer.forward is not None and layer.backward is not None:
            parts += [(" forward half", layer.forward), (" backward half", layer.backward)]
        for label, m in parts:
            up, low = _triangles(m)
            lines.append(f"   {layer.name}{label}: max above diagonal {up:.3f}, max below {low:.3f}")
    top = result.layers[-1]
    lines.append(f"   {top.name}, full matrix:")
    lines += matrix_lines(top.matrix, result.words)
    if top.forward is not None and top.backward is not None:
        lines.append(f"   {top.name}, forward half:")
        lines += matrix_lines(top.forward, result.words)
        lines.append(f"   {top.name}, backward half:")
        lines += matrix_lines(top.backward, result.words)
    shifted = [w for w, s in zip(result.words, result.position_shift, strict=True) if s]
    if shifted:
        lines.append(f"   note: replacing {', '.join(shifted)} changed the token count (later words moved position)")
    lines += [f"   note: {n}" for n in result.notes]
    return lines


def polysemy_lines(result: PolysemyResult) -> list[str]:
    lines = [f"== {result.model}: '{result.word}' in {len(result.occurrences)} places"]
    for i, occ in enumerate(result.occurrences):
        lines.append(f"   {i + 1}. {occ['sentence']}")
    for name, m in zip(result.layer_names, result.matrices, strict=True):
        pairs = [f"{i + 1}~{j + 1} {m[i, j]:.3f}" for i in range(len(m)) for j in range(i + 1, len(m))]
        tag = "  (static: word2vec-like baseline)" if name in result.static_layers else ""
        lines.append(f"   {name:<36} " + ", ".join(pairs) + tag)
    return lines


def cka_lines(result: CkaResult) -> list[str]:
    lines = [f"== linear CKA between every (model, layer) pair, on {result.words} aligned words"]
    for label, row in zip(result.labels, result.matrix, strict=True):
        lines.append(f"   {label:<34} " + " ".join(f"{v:5.2f}" for v in row))
    return lines


def predict_lines(result: dict[str, Any]) -> list[str]:
    head = f"== {result['model']} [{result['family']}] on the slot of '{result['word']}':"
    if "unavailable" in result:
        return [f"{head} {result['unavailable']}"]
    lines = [head]
    for key in ("masked_fill", "next_word", "forward_next", "backward_previous"):
        if key in result:
            p = result[key]
            ranked = ", ".join(f"{t} {q:.3f}" for t, q in zip(p["tokens"], p["probs"], strict=True))
            lines.append(f"   {key.replace('_', ' ')} ({p['context']}): {ranked}")
    return lines
