"""Claims about what the heads were trained to do: BERT's MLM + NSP, and why it writes poorly.

Both are checked against the user's own text. MLM: each token hidden in turn and guessed, with
both sides visible and with the left only (pretraining with MLM is what makes the right side
help). NSP: the user's two sentences in their order and swapped. Generation: every model guesses
each next token from the left only — what writing a continuation asks — and writes one.
"""

from __future__ import annotations

from desktop.core.claims.inputs import ModelInputs, beyond_noise
from desktop.core.claims.record import Measure, ModelEntry, Verdict
from desktop.core.messages import Msg, msg
from desktop.core.models.base import NextSentence, Unavailable
from desktop.core.models.fill import FillScore
from desktop.core.text.words import split_sentences, split_words

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


def judge_heads(entries: dict[str, ModelEntry]) -> tuple[Verdict, Msg]:
    measured = {n: e.measure.values for n, e in entries.items() if isinstance(e.measure, Measure)}
    if not measured:
        return Verdict.NOT_SHOWN, msg("needs a BERT-style model whose checkpoint kept its MLM head")
    too_few = [n for n, v in measured.items() if v["both_sides"]["targets"] < 5]
    if too_few:
        return Verdict.NOT_SHOWN, msg("type a longer text: fewer than 5 tokens to guess")
    against = [n for n, v in measured.items() if _worse(v["both_sides"], v["left_only"])]
    against += [n for n, v in measured.items() if "nsp" in v and v["nsp"]["in_order"] < v["nsp"]["swapped"]]
    if against:
        return Verdict.CONTRADICTED, msg(
            "the right side did not help, or the swapped pair scored higher, in: {models}", models=", ".join(against)
        )
    weak = [n for n, v in measured.items() if not _worse(v["left_only"], v["both_sides"])]
    if weak or not any("nsp" in v for v in measured.values()):
        return Verdict.NOT_SHOWN, msg(
            "needs a text where both sides beat the left only beyond noise, and two sentences for NSP"
        )
    return Verdict.SHOWN, msg("the MLM head uses the right side and the NSP head prefers the real order")


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


def judge_generation(entries: dict[str, ModelEntry]) -> tuple[Verdict, Msg]:
    measured = {n: (e.family, e.measure.values) for n, e in entries.items() if isinstance(e.measure, Measure)}
    bert = {n: v["left_only"]["top5"] for n, (f, v) in measured.items() if f == "encoder"}
    gpt = {n: v["left_only"]["top5"] for n, (f, v) in measured.items() if f == "decoder"}
    if not bert or not gpt:
        return Verdict.NOT_SHOWN, msg("needs a BERT with its MLM head and a GPT measured on this text")
    best_bert, best_gpt = max(bert, key=bert.__getitem__), max(gpt, key=gpt.__getitem__)
    size = min(measured[best_gpt][1]["left_only"]["targets"], measured[best_bert][1]["left_only"]["targets"])
    if beyond_noise(gpt[best_gpt], bert[best_bert], size):
        verdict = Verdict.SHOWN
    else:
        verdict = Verdict.CONTRADICTED if beyond_noise(bert[best_bert], gpt[best_gpt], size) else Verdict.NOT_SHOWN
    return verdict, msg(
        "next token from the left only, top-5: {gpt} {g:.0%} against {bert} {b:.0%}",
        gpt=best_gpt,
        g=gpt[best_gpt],
        bert=best_bert,
        b=bert[best_bert],
    )
