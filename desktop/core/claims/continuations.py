"""The generation claim's third opinion: every continuation scored by a decoder that wrote none of
the texts it is compared with (never a model judging its own text).

Continuations are written in each model's stage 3 (``heads.measure_generation``); scoring them
needs another model's forward pass, so it runs in the scoring decoder's own worker as a small
follow-up job (the window) or after every model has written (the CLI). ``judge`` then only reads
the numbers: perplexity per token of the continuation given the user's text, in the judge's own
tokens, so two continuations compare under one judge.
"""

from __future__ import annotations

import math

from desktop.core.cancel import check_cancel
from desktop.core.claims.record import Measure
from desktop.core.messages import Msg
from desktop.core.models.base import ModelAdapter, Unavailable
from desktop.core.text.words import is_cjk

CLAIM = "bert-not-generative"
Written = dict[str, dict[str, str]]  # writer model -> "greedy" | "sampled" -> continuation
Scores = dict[str, dict[str, dict[str, dict[str, float | int]]]]  # judge -> writer -> kind -> numbers


def written(models: dict[str, tuple[str, dict[str, Measure | Msg] | None]]) -> Written:
    """The continuations in the models' measurements of the generation claim."""
    found: Written = {}
    for name, (_, measured) in models.items():
        measure = (measured or {}).get(CLAIM)
        if not isinstance(measure, Measure):
            continue
        texts = {"greedy": measure.values.get("continuation"), "sampled": measure.values.get("sampled", {}).get("text")}
        texts = {kind: t for kind, t in texts.items() if isinstance(t, str) and t.strip()}
        if texts:
            found[name] = texts
    return found


def _after(text: str, continuation: str) -> str:
    """The continuation as it reads after the text: one space between words, none between CJK characters."""
    body = continuation.strip()
    tail = text.rstrip()[-1:]
    return body if (tail and is_cjk(tail)) or (body and is_cjk(body[0])) else " " + body


def score_written(adapter: ModelAdapter, text: str, found: Written) -> dict[str, dict[str, dict[str, float | int]]]:
    """Perplexity per token of every continuation another model wrote, by ``adapter`` (a decoder;
    nothing for a model without a left-to-right head)."""
    scores: dict[str, dict[str, dict[str, float | int]]] = {}
    for writer, texts in found.items():
        if writer == adapter.name:
            continue  # a model never scores its own text
        for kind, continuation in texts.items():
            check_cancel()
            loss = adapter.continuation_loss(text, _after(text, continuation))
            if isinstance(loss, Unavailable):
                return {}
            scores.setdefault(writer, {})[kind] = {"perplexity": math.exp(loss[0]), "tokens": loss[1]}
    return scores


def with_scores(measured: Measure | Msg, writer: str, scores: Scores | None) -> Measure | Msg:
    """The writer's measurement with what every other decoder made of its continuations."""
    if not scores or isinstance(measured, Msg):
        return measured
    judged = {judge: found[writer] for judge, found in scores.items() if judge != writer and writer in found}
    return Measure({**measured.values, "third_model": judged}, measured.summary) if judged else measured


def score_all(
    adapters: list[ModelAdapter], text: str, models: dict[str, tuple[str, dict[str, Measure | Msg]]]
) -> Scores:
    """Every continuation scored by every given decoder that did not write it (the CLI: after all
    models have written)."""
    found = written(models)
    scores = {adapter.name: score_written(adapter, text, found) for adapter in adapters}
    return {judge: scored for judge, scored in scores.items() if scored}
