"""Turn encodings into the plain data the CLI prints and writes as JSON (no Qt, no I/O)."""

from __future__ import annotations

from typing import Any

from desktop.core.analysis import text_probes
from desktop.core.encoding import Encoding
from desktop.core.measure.similarity import sentence_similarity, token_similarity, top_pairs
from desktop.core.models.base import ModelAdapter, ModelError


def encoding_to_dict(enc: Encoding) -> dict[str, Any]:
    """The full result of one model, JSON-ready. ``layers`` is ``[layer][token][dim]``."""
    out: dict[str, Any] = {
        "name": enc.model_name,
        "family": enc.family.value,
        "mask_kind": enc.mask_kind.value,
        "parameters": enc.parameters,
        "tokens": enc.tokens,
        "spans": [list(s) for s in enc.spans],
        "word_ids": enc.word_ids,
        "words": enc.words,
        "word_spans": [list(s) for s in enc.word_spans],
        "layer_names": enc.layer_names,
        "dim": enc.dim,
        "layers": enc.layers.tolist(),
        "timings_ms": {k: round(v, 3) for k, v in enc.timings_ms.items()},
        "windows": [[w.start, w.end] for w in enc.windows],
        "windowed": enc.windowed,
        "notes": enc.notes,
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


def family_probes(adapter: ModelAdapter, enc: Encoding) -> dict[str, Any]:
    """The family's own probes on this text, plus masked-word fill where the text has a mask."""
    from desktop.core.models.encoder import EncoderAdapter

    probes = text_probes(adapter, enc)
    if isinstance(adapter, EncoderAdapter) and adapter.capabilities.masked_fill:
        mask = adapter.tokenizer.mask_token
        if mask and mask in enc.text:
            fills = adapter.fill_mask(enc.text)
            probes["masked_fill"] = {"fills": [{"tokens": p.tokens, "probs": p.probs} for p in fills]}
        else:
            probes["masked_fill"] = {"why_not": f"put {mask} in the text to see what the model would fill in"}
    return probes


def summary_lines(enc: Encoding, probes: dict[str, Any], max_tokens: int = 40, max_sentences: int = 10) -> list[str]:
    shown = " ".join(enc.tokens[:max_tokens]) + (
        f" ... (+{len(enc.tokens) - max_tokens})" if len(enc.tokens) > max_tokens else ""
    )
    t = enc.timings_ms
    lines = [
        f"== {enc.model_name} [{enc.family.value}, mask: {enc.mask_kind.value}, {enc.parameters:,} parameters]",
        f"   tokens ({len(enc.tokens)}): {shown}",
        f"   layers: {len(enc.layer_names)} x {enc.dim} dims ({', '.join(enc.layer_names)})",
        f"   time: tokenize {t['tokenize']:.1f} ms, forward {t['forward']:.1f} ms, total {t['total']:.1f} ms",
    ]
    if enc.direction_split is not None:
        lines.append(f"   halves: forward [0:{enc.direction_split}], backward [{enc.direction_split}:{enc.dim}]")
    lines += [f"   note: {n}" for n in enc.notes]
    if len(enc.tokens) > 1:
        pairs = top_pairs(token_similarity(enc, -1), enc.tokens, k=5)
        lines.append(
            f"   most similar token pairs ({enc.layer_names[-1]}): "
            + "; ".join(f"{a} ~ {b} {s:.3f}" for a, b, s in pairs)
        )
    spans, sims = sentence_similarity(enc, -1)
    if len(spans) > 1:
        more = f", first {max_sentences} of {len(spans)}" if len(spans) > max_sentences else ""
        lines.append(f"   sentence similarity ({enc.layer_names[-1]}, mean of word vectors{more}):")
        for i, (s, e) in enumerate(spans[:max_sentences]):
            label = enc.text[s:e].strip().replace("\n", " ")
            label = label if len(label) <= 30 else label[:27] + "..."
            lines.append(f"     {i + 1}. {label:<30} " + " ".join(f"{v:6.3f}" for v in sims[i, :max_sentences]))
    for name, value in probes.items():
        if value.get("why_not"):
            lines.append(f"   {name}: {value['why_not']}")
        for i, fill in enumerate(value.get("fills", [])):
            lines.append(f"   masked_fill #{i + 1}: {_ranked(fill)}")
        if name == "next_token":
            lines.append(f"   next token: {_ranked(value)}")
        if name == "continuation":
            lines.append(f"   greedy continuation: {value['text']!r}")
        if name == "next_sentence" and "probability" in value:
            lines.append(f"   next-sentence probability (sentence 2 follows 1): {value['probability']:.3f}")
    return lines


def _ranked(pred: dict[str, Any]) -> str:
    return ", ".join(f"{t} {p:.3f}" for t, p in zip(pred["tokens"], pred["probs"], strict=True))


def error_to_dict(name: str, exc: Exception) -> dict[str, Any]:
    if isinstance(exc, ModelError):
        return {"name": name, "message": str(exc), "path": exc.path, "hint": exc.hint}
    return {"name": name, "message": f"model '{name}': {type(exc).__name__}: {exc}", "path": None, "hint": ""}
