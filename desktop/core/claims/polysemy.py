"""The polysemy claim: one word, several contexts, several vectors — beyond what position alone does.

Every pair of uses of the repeated word is compared at every layer. Two controls sit beside them:
the same sentence said twice (the two uses differ only in position, so whatever separates them is
not meaning) and the static layer (word2vec's single vector). Where the word is in the shipped
sense list (resources/polysemy/senses.toml), each use is labelled by cue words in its sentence,
and same-sense pairs must come out closer than different-sense pairs. Senses the user marks
(``desktop.core.claims.marks``) override the cue words: the measurement keeps every pair's
similarity, so the marks regroup the pairs when the claims are judged, without running the model.
"""

from __future__ import annotations

import numpy as np

from desktop.core.claims.inputs import ModelInputs
from desktop.core.claims.record import Measure, ModelEntry, Verdict
from desktop.core.measure.probes import uses
from desktop.core.measure.senses import sense_of, senses
from desktop.core.measure.similarity import word_vectors
from desktop.core.messages import Msg, layer_label, msg
from desktop.core.models.base import Unavailable

MARGIN = 0.02  # a difference of cosine similarity smaller than this is not read as separation


def position_only(m: ModelInputs, word: str, sentence: str) -> list[float] | None:
    """Per encoding layer: the cosine between the word's first use in ``sentence`` and the same use
    in a second copy of the sentence right after it — the same context, another position."""
    enc = m.adapter.encode(f"{sentence} {sentence}")
    found = uses(enc.words, word)
    if len(found) < 2 or len(found) % 2:
        return None
    a, b = found[0], found[len(found) // 2]
    sims = []
    for k in range(len(enc.layer_names)):
        v = word_vectors(enc, k, [a, b])
        sims.append(float(v[0] @ v[1] / max(np.linalg.norm(v[0]) * np.linalg.norm(v[1]), 1e-12)))
    return sims


def _pair_means(matrices: list[np.ndarray], labels: list[int | None]) -> dict[str, list[float | None]]:
    k = len(labels)
    pairs = [(i, j) for i in range(k) for j in range(i + 1, k)]
    same = [(i, j) for i, j in pairs if labels[i] is not None and labels[i] == labels[j]]
    different = [(i, j) for i, j in pairs if None not in (labels[i], labels[j]) and labels[i] != labels[j]]

    def mean(chosen: list[tuple[int, int]], m: np.ndarray) -> float | None:
        return float(np.mean([m[i, j] for i, j in chosen])) if chosen else None

    return {
        "all": [mean(pairs, m) for m in matrices],
        "lowest": [float(min(m[i, j] for i, j in pairs)) for m in matrices],
        "same": [mean(same, m) for m in matrices],
        "different": [mean(different, m) for m in matrices],
    }


def measure_polysemy(m: ModelInputs) -> Measure | Msg:
    found = None if m.deep is None else m.deep.polysemy
    if found is None:
        return msg("waiting for the polysemy probe")
    if isinstance(found, Unavailable):
        return found.reason
    labels = [sense_of(found.word, occ["sentence"]) for occ in found.occurrences]
    means = _pair_means(found.matrices, labels)
    position = position_only(m, found.word, found.occurrences[0]["sentence"])
    offset = len(found.layer_names) - len(m.analysis.encoding.layer_names)
    aligned = [None] * offset + (position or [None] * (len(found.layer_names) - offset))
    glosses = senses().get(found.word.lower(), ())
    values = {
        "word": found.word,
        "uses": len(found.occurrences),
        "senses": [None if i is None else glosses[i].gloss for i in labels],
        "senses_from": "cue words" if any(i is not None for i in labels) else None,
        "pairs": [np.round(matrix, 4).tolist() for matrix in found.matrices],  # [layer][use][use] cosine
        "layers": found.layer_names,
        "static_layer": found.layer_names[found.static_index],
        "first_contextual": found.first_contextual,
        "mean": means["all"],
        "lowest": means["lowest"],
        "same_sense": means["same"],
        "different_sense": means["different"],
        "position_only": aligned,
    }
    return Measure(values, _summary(values))


def mark_senses(measured: Measure, marks: tuple[int | None, ...]) -> Measure:
    """The measurement with its pairs grouped by the senses the user marked (one per use, None: not
    marked) instead of the cue words'."""
    labels = list(marks[: measured.values["uses"]])
    means = _pair_means([np.array(m) for m in measured.values["pairs"]], labels)
    values = {
        **measured.values,
        "senses": [None if i is None else f"sense {i}" for i in labels],
        "senses_from": "marked by you",
        "same_sense": means["same"],
        "different_sense": means["different"],
    }
    if not best_layer(values)[2]:  # every use marked alike, or each one differently: no pair of each kind
        note = msg("Senses marked by you, but they give no same-sense and different-sense pair to compare.")
        return Measure(values, msg("{note} {summary}", note=note, summary=_summary(values)))
    return Measure(values, msg("Senses marked by you. {summary}", summary=_summary(values)))


def best_layer(v: dict) -> tuple[int, float, bool]:
    """(layer, separation, by_sense): the contextual layer that separates the uses most — by sense
    (same minus different) where both kinds of pair exist, else below the position-only control."""
    layers = range(v["first_contextual"], len(v["layers"]))
    by_sense = any(v["same_sense"][k] is not None and v["different_sense"][k] is not None for k in layers)
    if by_sense:
        gaps = {k: v["same_sense"][k] - v["different_sense"][k] for k in layers}
    else:
        gaps = {k: v["position_only"][k] - v["lowest"][k] for k in layers if v["position_only"][k] is not None}
    if not gaps:
        return v["first_contextual"], float("nan"), by_sense
    k = max(gaps, key=gaps.__getitem__)
    return k, float(gaps[k]), by_sense


def _summary(v: dict) -> Msg:
    k, _, by_sense = best_layer(v)
    static = v["layers"].index(v["static_layer"])
    if by_sense:
        return msg(
            "'{word}', {n} uses: at {layer}, same-sense pairs {same:.2f} vs different-sense pairs {diff:.2f} "
            "(static layer: {static:.2f}).",
            word=v["word"],
            n=v["uses"],
            layer=layer_label(v["layers"][k]),
            same=v["same_sense"][k],
            diff=v["different_sense"][k],
            static=v["mean"][static],
        )
    return msg(
        "'{word}', {n} uses: at {layer} the least similar pair is {low:.2f}; the same sentence said twice "
        "gives {position:.2f} (position alone); static layer: {static:.2f}.",
        word=v["word"],
        n=v["uses"],
        layer=layer_label(v["layers"][k]),
        low=v["lowest"][k],
        position=v["position_only"][k] if v["position_only"][k] is not None else float("nan"),
        static=v["mean"][static],
    )


def judge_polysemy(entries: dict[str, ModelEntry]) -> tuple[Verdict, Msg]:
    measured = {n: e.measure.values for n, e in entries.items() if isinstance(e.measure, Measure)}
    verdict, reason = _verdict(measured)
    if any(v.get("senses_from") == "marked by you" for v in measured.values()):
        return verdict, msg("{reason} (senses marked by you)", reason=reason)
    return verdict, reason


def _verdict(measured: dict[str, dict]) -> tuple[Verdict, Msg]:
    if not measured:
        return Verdict.NOT_SHOWN, msg("type one word in two senses (e.g. 'bank' of money and of a river)")
    outcome = {n: best_layer(v) for n, v in measured.items()}
    against = [n for n, (_, gap, by_sense) in outcome.items() if by_sense and gap < -MARGIN]
    short = [n for n, (_, gap, _) in outcome.items() if not gap > MARGIN]
    if against:
        return Verdict.CONTRADICTED, msg(
            "different-sense uses came out closer than same-sense uses in: {models}", models=", ".join(against)
        )
    if short:
        return Verdict.NOT_SHOWN, msg(
            "context did not separate the uses beyond the control in: {models}", models=", ".join(short)
        )
    by_sense = all(s for _, _, s in outcome.values())
    return Verdict.SHOWN, (
        msg("every model put same-sense uses closer than different-sense uses")
        if by_sense
        else msg("every model moved the uses apart more than position alone does; mark senses to test meaning")
    )
