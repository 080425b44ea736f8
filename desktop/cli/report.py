"""The CLI's text and JSON for the shared pipeline's results (what the window draws, printed)."""

from __future__ import annotations

from typing import Any

import numpy as np

from desktop.core.cross import agreement_note
from desktop.core.encoding import Encoding
from desktop.core.measure.probes import DirectionResult, PolysemyResult, to_jsonable
from desktop.core.measure.projection import Projection
from desktop.core.measure.similarity import agreement, cosine_matrix, top_pairs
from desktop.core.models.base import Continuation, ModelError, NextSentence, Prediction, Unavailable
from desktop.core.pipeline import ModelResult

# Pairs cost tokens² / 2 dot products (8,000 tokens of 768 dims: 25 billion multiply-adds, 1-3 s on
# 2 cores): beyond this the summary looks at the first ones, and says so.
MAX_PAIR_TOKENS = 8_000


def encoding_to_dict(enc: Encoding) -> dict[str, Any]:
    """One model's result, JSON-ready, but for its layers: json_out writes those as it goes."""
    out: dict[str, Any] = {
        "name": enc.model_name,
        "family": enc.family.value,
        "mask_kind": enc.mask_kind.value,
        "parameters": enc.parameters,
        "tokens": enc.tokens,
        "labels": enc.labels,  # the tokens as a reader reads them (byte-level pieces decoded)
        "unknown": enc.unknown.tokens if enc.unknown else None,  # null: the model cannot tell
        "coverage_warning": enc.coverage_warning.english() if enc.coverage_warning else None,
        "spans": [list(s) for s in enc.spans],
        "word_ids": enc.word_ids,
        "words": enc.words,
        "word_spans": [list(s) for s in enc.word_spans],
        "layer_names": enc.layer_names,
        "dim": enc.dim,
        "timings_ms": {k: round(v, 3) for k, v in enc.timings_ms.items()},
        "windows": [[w.start, w.end] for w in enc.windows],
        "windowed": enc.windowed,
        "notes": [n.english() for n in enc.notes],
    }
    if enc.direction_split is not None:
        out["direction_split"] = enc.direction_split
        out["halves"] = {
            "forward": [0, enc.direction_split],
            "backward": [enc.direction_split, enc.dim],
            "note": "LSTM layers are [forward ; backward] on the last axis; "
            "the char-CNN layer repeats the same token vector in both halves",
        }
    return out


def result_notes(result: ModelResult) -> list[str]:
    """Everything the result says it capped, windowed or sampled: the encoding, the analysis, the
    projection and the slow probes (the direction probe's first words, the polysemy probe's uses)."""
    a = result.analysis
    found = [n.english() for n in [*a.encoding.notes, *a.notes]]
    if isinstance(a.projection, Projection):
        found += [f"projection: {n.english()}" for n in a.projection.notes]
    if result.deep is not None:
        for name, probe in (("direction", result.deep.direction), ("polysemy", result.deep.polysemy)):
            if isinstance(probe, DirectionResult | PolysemyResult):
                found += [f"{name} probe: {n.english()}" for n in probe.notes]
    return found


def result_to_dict(result: ModelResult) -> dict[str, Any]:
    own = result.analysis.own
    evidence = {k: {"text": e.text, "shown": e.shown} for k, e in result.evidence.items() if e.text is not None}
    probes = {"slot": own.slot or "available", "next_sentence": own.next_sentence, "continuation": own.continuation}
    return {
        **encoding_to_dict(result.analysis.encoding),
        "notes": result_notes(result),
        "probes": to_jsonable(probes),
        "evidence": to_jsonable(evidence),
    }


def summary_lines(result: ModelResult, max_tokens: int = 40, max_sentences: int = 10) -> list[str]:
    a = result.analysis
    enc = a.encoding
    shown = " ".join(enc.labels[:max_tokens]) + (
        f" ... (+{len(enc.tokens) - max_tokens})" if len(enc.tokens) > max_tokens else ""
    )
    t = enc.timings_ms
    lines = [
        f"== {enc.model_name} [{enc.family.value}, mask: {enc.mask_kind.value}, {enc.parameters:,} parameters]",
        f"   tokens ({len(enc.tokens)}): {printable(shown)}",
        f"   layers: {len(enc.layer_names)} x {enc.dim} dims ({', '.join(enc.layer_names)})",
        f"   time: tokenize {t['tokenize']:.1f} ms, forward {t['forward']:.1f} ms, total {t['total']:.1f} ms",
    ]
    if enc.coverage_warning is not None:
        lines.append(f"   WARNING: {enc.coverage_warning}")
    if enc.direction_split is not None:
        lines.append(f"   halves: forward [0:{enc.direction_split}], backward [{enc.direction_split}:{enc.dim}]")
    lines += [f"   note: {n}" for n in result_notes(result)]
    if len(enc.tokens) > 1:
        n = min(len(enc.tokens), MAX_PAIR_TOKENS)
        pairs = top_pairs(enc.layers[-1][:n], enc.labels[:n], k=5)  # blockwise: never n x n in memory
        scope = f"all {n}" if n == len(enc.tokens) else f"first {n} of {len(enc.tokens)}"
        lines.append(
            f"   most similar token pairs ({enc.layer_names[-1]}, {scope} tokens): "
            + printable("; ".join(f"{x} ~ {y} {s:.3f}" for x, y, s in pairs))
        )
    lines += _sentence_lines(result, max_sentences) + _probe_lines(result) + _evidence_lines(result)
    return lines


def agreement_lines(tops: dict[str, tuple[np.ndarray, int]]) -> tuple[list[str], dict[str, Any] | None]:
    """The agreement of the models' top-layer word similarities, printed and JSON-ready, from each
    model's vectors of the same sampled words and the text's word count."""
    if len(tops) < 2:
        return [], None
    names = list(tops)
    matrix = agreement([cosine_matrix(vectors) for vectors, _ in tops.values()])
    compared, total = len(tops[names[0]][0]), max(n for _, n in tops.values())
    note = agreement_note(compared, total)
    lines = ["== agreement of word-similarity matrices (top layers, Pearson r):"]
    lines += [f"   note: {note}"] if note else []
    lines += [f"   {name:<20} " + " ".join(f"{v:6.3f}" for v in row) for name, row in zip(names, matrix, strict=True)]
    data = {"models": names, "depth": "top layer", "words": compared, "of_words": total, "pearson": matrix}
    return lines, to_jsonable(data)


def _sentence_lines(result: ModelResult, max_sentences: int) -> list[str]:
    a = result.analysis
    spans, sims = a.sentence_spans, a.sentence_sims[-1]
    if len(spans) < 2:
        return []
    more = f", first {max_sentences} of {len(spans)}" if len(spans) > max_sentences else ""
    lines = [f"   sentence similarity ({a.encoding.layer_names[-1]}, mean of word vectors{more}):"]
    for i, (s, e) in enumerate(spans[:max_sentences]):
        label = printable(a.encoding.text[s:e].strip())
        label = label if len(label) <= 30 else label[:27] + "..."
        lines.append(f"     {i + 1}. {label:<30} " + " ".join(f"{v:6.3f}" for v in sims[i, :max_sentences]))
    return lines


def _probe_lines(result: ModelResult) -> list[str]:
    own = result.analysis.own
    lines = [f"   word slot: {own.slot.reason}" if own.slot else "   word slot: `probe predict --word W` fills it"]
    if isinstance(own.continuation, Continuation):
        lines.append(f"   next token: {ranked(own.continuation.next_token)}")
        lines.append(f"   greedy continuation: {own.continuation.text!r}")
    if isinstance(own.next_sentence, NextSentence):
        lines.append(f"   next-sentence probability (sentence 2 follows 1): {own.next_sentence.probability:.3f}")
    elif isinstance(own.next_sentence, Unavailable):
        lines.append(f"   next sentence: {own.next_sentence.reason}")
    return lines


def _evidence_lines(result: ModelResult) -> list[str]:
    return [
        f"   claim {claim}: {'' if e.shown else '(not shown on this text) '}{e.text}"
        for claim, e in result.evidence.items()
        if e.text is not None
    ]


def printable(text: str) -> str:
    """The user's text as a terminal line: control characters (escape sequences, NUL, line breaks)
    shown as escapes instead of acting on the terminal."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def ranked(pred: Prediction) -> str:
    return ", ".join(f"{t} {p:.3f}" for t, p in zip(pred.tokens, pred.probs, strict=True))


def error_to_dict(name: str, exc: Exception) -> dict[str, Any]:
    if isinstance(exc, ModelError):
        return {"name": name, "message": str(exc), "path": exc.path, "hint": exc.hint}
    return {"name": name, "message": f"model '{name}': {type(exc).__name__}: {exc}", "path": None, "hint": ""}
