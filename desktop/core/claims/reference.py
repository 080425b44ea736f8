"""Claims that need a labelled reference set, not just the user's text: a linear part-of-speech
probe on frozen vectors (``desktop.core.measure.linear_probe``, computed once per model and cached)
compares how well each model's layers carry the information, and what a left-only model loses.

The reference language follows the text (Chinese text: the Chinese set), so a teacher's Chinese
lesson is judged on Chinese words.
"""

from __future__ import annotations

from desktop.core.claims.direction import measure_one_way
from desktop.core.claims.inputs import ZERO, ModelInputs, beyond_noise
from desktop.core.claims.record import Measure, ModelEntry, Verdict
from desktop.core.measure.linear_probe import LayerProbe, ProbeResult
from desktop.core.messages import Msg, layer_label, msg
from desktop.core.text.words import is_cjk

LANGUAGE_NAMES = {"en": msg("English"), "zh": msg("Chinese")}
WAITING = msg("waiting for the reference probe (once per model, then cached)")


def reference_language(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    return "zh" if letters and sum(map(is_cjk, letters)) / len(letters) > 0.3 else "en"


def _probe(m: ModelInputs) -> ProbeResult | Msg:
    return WAITING if m.reference is None else m.reference


def _curve(result: ProbeResult) -> list[float]:
    return [layer.score.accuracy for layer in result.layers]


def measure_layers(m: ModelInputs) -> Measure | Msg:
    """Accuracy per layer (``transformer-stronger`` reads the best, ``elmo-depth`` the curve)."""
    result = _probe(m)
    if isinstance(result, Msg):
        return result
    curve = _curve(result)
    best = max(range(len(curve)), key=curve.__getitem__)
    values = {
        "data": result.data,
        "layers": [layer.name for layer in result.layers],
        "accuracy": curve,
        "static": result.static.score.accuracy,
        "majority": result.majority.accuracy,
        "best_layer": best,
        "best": curve[best],
        "parameters": result.parameters,
        "test_words": result.n_test,
    }
    return Measure(
        values,
        msg(
            "Part of speech from frozen vectors ({data}, {n} test words): best {best:.1%} at {layer}; static "
            "{static:.1%}; always the commonest tag {majority:.1%}.",
            data=LANGUAGE_NAMES.get(result.data, Msg(result.data)),
            n=result.n_test,
            best=curve[best],
            layer=layer_label(result.layers[best].name),
            static=result.static.score.accuracy,
            majority=result.majority.accuracy,
        ),
    )


def _by_family(entries: dict[str, ModelEntry]) -> tuple[dict[str, dict], dict[str, dict]]:
    measured = {n: (e.family, e.measure.values) for n, e in entries.items() if isinstance(e.measure, Measure)}
    elmo = {n: v for n, (f, v) in measured.items() if f == "elmo"}
    transformers = {n: v for n, (f, v) in measured.items() if f != "elmo"}
    return transformers, elmo


COMPARABLE = 3.0  # the article compares architectures: sizes more than 3x apart compare budgets instead


def judge_stronger(entries: dict[str, ModelEntry]) -> tuple[Verdict, Msg]:
    """The best Transformer layer against the best ELMo layer, among models of comparable size."""
    transformers, elmo = _by_family(entries)
    if not transformers or not elmo:
        return Verdict.NOT_SHOWN, msg("needs a Transformer and an ELMo with the reference probe done")
    pairs = [
        (t, e)
        for t in transformers
        for e in elmo
        if max(transformers[t]["parameters"], elmo[e]["parameters"])
        <= COMPARABLE * min(transformers[t]["parameters"], elmo[e]["parameters"])
    ]
    if not pairs:
        return Verdict.NOT_SHOWN, msg(
            "no Transformer within 3x the parameters of an ELMo: their sizes, not their kinds, would differ"
        )
    t, e = max(pairs, key=lambda p: (transformers[p[0]]["best"], elmo[p[1]]["best"]))
    n = transformers[t]["test_words"]
    reason = msg(
        "best layer: {t} {tb:.1%} ({tp:,} parameters) against {e} {eb:.1%} ({ep:,} parameters)",
        t=t,
        tb=transformers[t]["best"],
        tp=transformers[t]["parameters"],
        e=e,
        eb=elmo[e]["best"],
        ep=elmo[e]["parameters"],
    )
    if beyond_noise(transformers[t]["best"], elmo[e]["best"], n):
        return Verdict.SHOWN, reason
    contradicted = beyond_noise(elmo[e]["best"], transformers[t]["best"], n)
    return (Verdict.CONTRADICTED if contradicted else Verdict.NOT_SHOWN), reason


def judge_depth(entries: dict[str, ModelEntry]) -> tuple[Verdict, Msg]:
    """Shown when a Transformer keeps gaining past ELMo's depth (2 contextual layers) and ends above
    every ELMo; contradicted when an ELMo's best is at or above every Transformer's."""
    transformers, elmo = _by_family(entries)
    if not transformers or not elmo:
        return Verdict.NOT_SHOWN, msg("needs a Transformer and an ELMo with the reference probe done")
    best_elmo = max(v["best"] for v in elmo.values())
    deeper = {n: v for n, v in transformers.items() if len(v["accuracy"]) > 3}
    gains = {n: v["best"] - v["accuracy"][2] for n, v in deeper.items() if v["best_layer"] > 2}
    best_t = max(v["best"] for v in transformers.values())
    reason = msg(
        "best ELMo layer {e:.1%}; best Transformer layer {t:.1%}; gain of a Transformer past its second layer: "
        "{gain:.1%}",
        e=best_elmo,
        t=best_t,
        gain=max(gains.values(), default=0.0),
    )
    size = min(v["test_words"] for v in transformers.values())
    if not beyond_noise(best_t, best_elmo, size):
        return (Verdict.CONTRADICTED if beyond_noise(best_elmo, best_t, size) else Verdict.NOT_SHOWN), reason
    deep_gain = any(beyond_noise(v["best"], v["accuracy"][2], size) for name, v in deeper.items() if name in gains)
    return (Verdict.SHOWN if deep_gain else Verdict.NOT_SHOWN), reason


def _at(result: ProbeResult, k: int) -> LayerProbe:
    return result.layers[min(k, len(result.layers) - 1)]


def measure_fusion(m: ModelInputs) -> Measure | Msg:
    result = _probe(m)
    if isinstance(result, Msg):
        return result
    layers = result.layers
    values: dict = {
        "layers": [x.name for x in layers],
        "joint": [x.score.accuracy for x in layers],
        "test_words": result.n_test,
    }
    if any(x.forward is not None for x in layers):
        values["forward"] = [None if x.forward is None else x.forward.accuracy for x in layers]
        values["backward"] = [None if x.backward is None else x.backward.accuracy for x in layers]
        top = layers[-1]
        summary = msg(
            "Top LSTM layer: forward half {f:.1%}, backward half {b:.1%}, concatenated {c:.1%}.",
            f=top.forward.accuracy if top.forward else float("nan"),
            b=top.backward.accuracy if top.backward else float("nan"),
            c=top.score.accuracy,
        )
    else:
        summary = msg(
            "Joint encoder: {a:.1%} at layer 1, {b:.1%} at layer 2.",
            a=_at(result, 1).score.accuracy,
            b=_at(result, 2).score.accuracy,
        )
    return Measure(values, summary)


def judge_fusion(entries: dict[str, ModelEntry]) -> tuple[Verdict, Msg]:
    """ELMo's concatenation at each LSTM depth against an encoder's layer at the same depth."""
    encoders, elmo = _by_family(entries)
    encoders = {n: v for n, v in encoders.items() if "forward" not in v}
    if not encoders or not elmo:
        return Verdict.NOT_SHOWN, msg("needs a BERT-style encoder and an ELMo with the reference probe done")
    e_name = max(elmo, key=lambda n: elmo[n]["joint"][-1])
    b_name = max(encoders, key=lambda n: encoders[n]["joint"][min(2, len(encoders[n]["joint"]) - 1)])
    concat, joint = elmo[e_name]["joint"][-1], encoders[b_name]["joint"][min(2, len(encoders[b_name]["joint"]) - 1)]
    reason = msg(
        "at two contextual layers: {e} concatenated {c:.1%}, {b} joint {j:.1%}", e=e_name, c=concat, b=b_name, j=joint
    )
    size = elmo[e_name]["test_words"]
    if beyond_noise(joint, concat, size):
        return Verdict.SHOWN, reason
    return (Verdict.CONTRADICTED if beyond_noise(concat, joint, size) else Verdict.NOT_SHOWN), reason


def measure_no_future(m: ModelInputs) -> Measure | Msg:
    """How far later words move earlier ones (the direction probe, on the text) and the probe's best
    accuracy on reference words whose tag needs the next word."""
    one_way = measure_one_way(m)
    result = _probe(m)
    if isinstance(one_way, Msg) or isinstance(result, Msg):
        return one_way if isinstance(one_way, Msg) else result  # type: ignore[return-value]
    subset = [x.score.next_dependent for x in result.layers if x.score.next_dependent is not None]
    if not subset:
        return msg("the reference set has no word whose tag needs the next word")
    values = {"future": one_way.values["future"], "next_dependent": max(subset), "words": result.n_next_dependent}
    return Measure(
        values,
        msg(
            "Later words moved earlier ones by up to {future:.4f}; on the {n} reference words whose part of speech "
            "needs the next word, the best layer is right {acc:.1%} of the time.",
            future=values["future"],
            n=result.n_next_dependent,
            acc=values["next_dependent"],
        ),
    )


def judge_no_future(entries: dict[str, ModelEntry]) -> tuple[Verdict, Msg]:
    measured = {n: (e.family, e.measure.values) for n, e in entries.items() if isinstance(e.measure, Measure)}
    gpt = {n: v for n, (f, v) in measured.items() if f == "decoder"}
    other = {n: v for n, (f, v) in measured.items() if f != "decoder"}
    if not gpt or not other:
        return Verdict.NOT_SHOWN, msg("needs a GPT-style model and a BERT or ELMo with the reference probe done")
    peeking = [n for n, v in gpt.items() if v["future"] > ZERO]
    if peeking:
        return Verdict.CONTRADICTED, msg("later words moved earlier ones in: {models}", models=", ".join(peeking))
    g = max(gpt, key=lambda n: gpt[n]["next_dependent"])
    o = max(other, key=lambda n: other[n]["next_dependent"])
    reason = msg(
        "blind to later words; on words whose tag needs the next word: {g} {ga:.1%} against {o} {oa:.1%}",
        g=g,
        ga=gpt[g]["next_dependent"],
        o=o,
        oa=other[o]["next_dependent"],
    )
    costly = beyond_noise(other[o]["next_dependent"], gpt[g]["next_dependent"], gpt[g]["words"])
    return (Verdict.SHOWN if costly else Verdict.NOT_SHOWN), reason
