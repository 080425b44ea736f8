"""Claims about what the heads were trained to do: BERT's MLM + NSP, and why it writes poorly.

Both are checked against the user's own text. MLM: each token hidden in turn and guessed, with
both sides visible and with the left only (pretraining with MLM is what makes the right side
help). NSP: the user's two sentences in their order and swapped, and the head's accuracy on the
shipped reference set (``desktop.core.measure.nsp_reference``), which is what the verdict reads.
Generation: every model guesses each next token from the left only — what writing a continuation
asks — and writes one.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from desktop.core.claims.inputs import ModelInputs, beyond_noise
from desktop.core.claims.record import Measure, ModelEntry, Verdict
from desktop.core.measure.nsp_reference import NspReference
from desktop.core.messages import Msg, msg
from desktop.core.models.base import NextSentence, Unavailable
from desktop.core.models.fill import FillScore
from desktop.core.text.words import split_sentences, split_words

NOTHING_TO_PREDICT = msg("none of this text's tokens is one the model can predict (it reads them as unknown)")
CONTINUATION_TOKENS = 10
SEED = 0


def _rates(score: FillScore) -> dict[str, float | int]:
    return {"targets": score.targets, "top1": score.top1_rate, "top5": score.top5_rate}


def _pair(text: str) -> tuple[str, str] | None:
    spans = [text[a:b].strip() for a, b in split_sentences(text)]
    spans = [s for s in spans if s]
    return (spans[0], spans[1]) if len(spans) >= 2 else None


def measure_heads(m: ModelInputs) -> Measure | Msg:
    text = m.analysis.encoding.text
    both, left = m.adapter.fill_rates(text, left_only=False), m.left_fill
    if isinstance(both, Unavailable) or isinstance(left, Unavailable):
        return (both if isinstance(both, Unavailable) else left).reason  # type: ignore[union-attr]
    if both.targets == 0:  # a rate over no tokens is no measurement (Chinese in an English-only model)
        return NOTHING_TO_PREDICT
    values: dict = {"both_sides": _rates(both), "left_only": _rates(left), "chance_top5": 5 / len(m.adapter.tokenizer)}
    pair = _pair(text)
    if pair is not None:
        real, swapped = m.adapter.next_sentence(*pair), m.adapter.next_sentence(pair[1], pair[0])
        if isinstance(real, NextSentence) and isinstance(swapped, NextSentence):
            values["nsp"] = {"in_order": real.probability, "swapped": swapped.probability}
    summary = msg(
        "MLM on your {n} tokens: top-5 {both:.0%} with both sides, {left:.0%} with the left only.",
        n=both.targets,
        both=both.top5_rate,
        left=left.top5_rate,
    )
    if "nsp" in values:
        summary = msg(
            "{mlm} NSP: {real:.2f} for your two sentences in order, {swapped:.2f} swapped.",
            mlm=summary,
            real=values["nsp"]["in_order"],
            swapped=values["nsp"]["swapped"],
        )
    return Measure(values, summary)


def add_nsp_reference(measured: Measure | Msg, reference: NspReference | Unavailable) -> Measure | Msg:
    """The claim's measurement with the NSP head's accuracy on the reference set beside the user's pair."""
    if isinstance(measured, Msg):
        return measured
    if isinstance(reference, Unavailable):
        values = {**measured.values, "nsp_reference": None, "nsp_missing": reference.reason.english()}
        return Measure(values, msg("{summary} {why}.", summary=measured.summary, why=reference.reason))
    values = {**measured.values, "nsp_reference": reference.to_json()}
    return Measure(
        values,
        msg(
            "{summary} NSP reference set ({n} pairs): {acc:.0%} right; mean P(next) {true:.2f} for real next "
            "sentences, {random:.2f} for random ones.",
            summary=measured.summary,
            n=reference.pairs,
            acc=reference.accuracy,
            true=reference.mean_true,
            random=reference.mean_random,
        ),
    )


def _nsp_outcome(measured: dict[str, dict]) -> tuple[dict[str, dict], list[str], list[str]]:
    """(reference per model with an NSP head, models clearly below chance, models within chance):
    clearly means beyond 50 % ± two binomial standard errors (1/sqrt(pairs): ±11 points on 80 pairs)."""
    found = {n: v["nsp_reference"] for n, v in measured.items() if v.get("nsp_reference")}
    below = [n for n, r in found.items() if r["accuracy"] < 0.5 - r["chance_margin"]]
    chance = [n for n, r in found.items() if n not in below and not r["accuracy"] > 0.5 + r["chance_margin"]]
    return found, below, chance


def judge_heads(entries: dict[str, ModelEntry]) -> tuple[Verdict, Msg]:
    """MLM: the right side helps beyond noise. NSP: the reference set's accuracy beyond chance (the
    user's one pair is shown, but one pair is a single draw and decides nothing)."""
    measured = {n: e.measure.values for n, e in entries.items() if isinstance(e.measure, Measure)}
    if not measured:  # each model's own reason is in the record's ``missing``
        return Verdict.NOT_SHOWN, msg("needs a BERT-style model with its MLM head that can read this text")
    if any(v["both_sides"]["targets"] < 5 for v in measured.values()):
        return Verdict.NOT_SHOWN, msg("type a longer text: fewer than 5 tokens to guess")
    references, below, chance = _nsp_outcome(measured)
    against = [n for n, v in measured.items() if _worse(v["both_sides"], v["left_only"])] + below
    if against:
        return Verdict.CONTRADICTED, msg(
            "the right side did not help, or the NSP head was below chance on the reference set, in: {models}",
            models=", ".join(against),
        )
    if any(not _worse(v["left_only"], v["both_sides"]) for v in measured.values()):
        return Verdict.NOT_SHOWN, msg("needs a text where both sides beat the left only beyond noise")
    if not references:
        return Verdict.NOT_SHOWN, msg("needs a checkpoint that kept its NSP head, with the NSP reference set measured")
    named = chance[0] if chance else max(references, key=lambda n: references[n]["accuracy"])
    numbers = msg(
        "NSP reference set: {model} {acc:.0%} of {n} pairs right, chance is 50% ± {margin:.0%}",
        model=named,
        acc=references[named]["accuracy"],
        n=references[named]["pairs"],
        margin=references[named]["chance_margin"],
    )
    if chance:
        return Verdict.NOT_SHOWN, msg("the NSP head is not beyond chance ({numbers})", numbers=numbers)
    return Verdict.SHOWN, msg("the MLM head uses the right side; {numbers}", numbers=numbers)


def _worse(a: dict, b: dict) -> bool:
    """Top-5 hit rate ``a`` below ``b`` by more than the noise of so few tokens."""
    return beyond_noise(b["top5"], a["top5"], min(a["targets"], b["targets"]))


def _repetition(text: str) -> float:
    words = [w.lower() for w in split_words(text)[0] if w[0].isalnum()]
    return 1 - len(set(words)) / len(words) if words else float("nan")


def measure_generation(m: ModelInputs) -> Measure | Msg:
    text = m.analysis.encoding.text
    left = m.left_fill
    if isinstance(left, Unavailable):
        return left.reason
    if left.targets == 0:
        return NOTHING_TO_PREDICT
    written = m.adapter.continue_text(text, CONTINUATION_TOKENS)
    values: dict = {"left_only": _rates(left)}
    if isinstance(written, str):
        values["continuation"] = written
        values["repeated_words"] = _repetition(written)
    if m.family == "decoder":  # a sampled continuation too, seeded so that a class sees the same one
        sampled = m.adapter.continue_text(text, CONTINUATION_TOKENS, seed=SEED)
        values["sampled"] = {"seed": SEED, "text": sampled, "repeated_words": _repetition(str(sampled))}
    summary = msg(
        "Next token from the left only: top-1 {top1:.0%}, top-5 {top5:.0%} of {n}. It writes: “{text}”",
        top1=left.top1_rate,
        top5=left.top5_rate,
        n=left.targets,
        text=values.get("continuation", "").strip(),
    )
    return Measure(values, summary)


RATIO = 1.5  # one continuation reads better under the third model: perplexity at most 2/3 of the other's


def judge_generation(entries: dict[str, ModelEntry]) -> tuple[Verdict, Msg]:
    """Two tests that must agree: GPT's next-token guesses from the left beat BERT's beyond noise, and
    a third model (a decoder that wrote neither text) finds GPT's greedy continuation at least
    ``RATIO`` times less perplexing than BERT's. Without a third model the first test decides, and
    the reason says so."""
    measured = {n: (e.family, e.measure.values) for n, e in entries.items() if isinstance(e.measure, Measure)}
    bert = {n: v["left_only"]["top5"] for n, (f, v) in measured.items() if f == "encoder"}
    gpt = {n: v["left_only"]["top5"] for n, (f, v) in measured.items() if f == "decoder"}
    if not bert or not gpt:
        return Verdict.NOT_SHOWN, msg("needs a BERT with its MLM head and a GPT measured on this text")
    best_bert, best_gpt = max(bert, key=bert.__getitem__), max(gpt, key=gpt.__getitem__)
    size = min(measured[best_gpt][1]["left_only"]["targets"], measured[best_bert][1]["left_only"]["targets"])
    fill = _either_way(gpt[best_gpt], bert[best_bert], lambda a, b: beyond_noise(a, b, size))
    reason = msg(
        "next token from the left only, top-5: {gpt} {g:.0%} against {bert} {b:.0%}",
        gpt=best_gpt,
        g=gpt[best_gpt],
        bert=best_bert,
        b=bert[best_bert],
    )
    third = _third_opinion(measured[best_gpt][1], measured[best_bert][1])
    if third is None:
        return fill, msg(
            "{reason}; no third model scored the continuations (load a second GPT-style model: the one "
            "compared never judges its own text)",
            reason=reason,
        )
    judge, by_gpt, by_bert = third
    scored = _either_way(by_bert, by_gpt, lambda a, b: a >= RATIO * b)
    verdict = fill if fill == scored else Verdict.NOT_SHOWN
    reason = msg(
        "{reason}; perplexity of the greedy continuations under {judge}: {gpt} {pg:.1f}, {bert} {pb:.1f} "
        "(a difference counts from {ratio}x)",
        reason=reason,
        judge=judge,
        gpt=best_gpt,
        pg=by_gpt,
        bert=best_bert,
        pb=by_bert,
        ratio=RATIO,
    )
    rg, rb = (measured[n][1].get("repeated_words", math.nan) for n in (best_gpt, best_bert))
    if math.isnan(rg) or math.isnan(rb):  # a continuation of punctuation only has no words to repeat
        return verdict, reason
    return verdict, msg("{reason}; repeated words {rg:.0%} and {rb:.0%}", reason=reason, rg=rg, rb=rb)


def _either_way(a: float, b: float, beats: Callable[[float, float], bool]) -> Verdict:
    """SHOWN when ``a`` beats ``b``, CONTRADICTED when ``b`` beats ``a``, else NOT_SHOWN."""
    return Verdict.SHOWN if beats(a, b) else Verdict.CONTRADICTED if beats(b, a) else Verdict.NOT_SHOWN


def _third_opinion(gpt: dict, bert: dict) -> tuple[str, float, float] | None:
    """(judge, GPT's perplexity, BERT's) under a decoder that scored both greedy continuations."""
    judged_gpt, judged_bert = gpt.get("third_model", {}), bert.get("third_model", {})
    common = [j for j in judged_gpt if "greedy" in judged_gpt[j] and "greedy" in judged_bert.get(j, {})]
    if not common:
        return None
    judge = sorted(common)[0]
    return judge, judged_gpt[judge]["greedy"]["perplexity"], judged_bert[judge]["greedy"]["perplexity"]
