"""Readable text for the probes' results (the CLI prints these; the JSON has every number)."""

from __future__ import annotations

from typing import Any

import numpy as np

from desktop.core.measure.probes import CkaResult, DirectionResult, PolysemyResult
from desktop.core.models.base import NextSentence, SlotPrediction, Unavailable

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


def lines(probe: str, model: str, result: Any) -> list[str]:
    """The readable lines of one model's probe result (CKA is printed once, for all models)."""
    if isinstance(result, Unavailable):
        return [f"== {model}: {result.reason}"]
    if probe == "direction":
        return direction_lines(result)
    if probe == "polysemy":
        return polysemy_lines(result)
    if probe == "predict":
        return predict_lines(result)
    if probe == "nsp":
        assert isinstance(result, NextSentence)
        return [f"== {model}: P(sentence 2 follows sentence 1) = {result.probability:.3f}"]
    return []


def direction_lines(result: DirectionResult) -> list[str]:
    lines = [
        f"== {result.model} [{result.family}]: change of word i (row) when word j (column) is replaced",
        "   above the diagonal = an earlier word changed by a later one (future context);"
        " below = a later word changed by an earlier one",
    ]
    labels = {"matrix": "", "forward": " forward half", "backward": " backward half"}
    for layer in result.layers:
        for part, (up, low) in layer.peaks.items():
            lines.append(f"   {layer.name}{labels[part]}: max above diagonal {up:.3f}, max below {low:.3f}")
    top = result.layers[-1]
    for part, matrix in top.parts().items():
        lines.append(f"   {top.name}, {'full matrix' if part == 'matrix' else part + ' half'}:")
        lines += matrix_lines(matrix, result.words)
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


def predict_lines(result: SlotPrediction) -> list[str]:
    lines = [f"== {result.model} on the slot of '{result.word}':"]
    for guess in result.guesses:
        pred = guess.prediction
        ranked = ", ".join(f"{t} {q:.3f}" for t, q in zip(pred.tokens, pred.probs, strict=True))
        lines.append(f"   {guess.context}: {ranked}")
    return lines
