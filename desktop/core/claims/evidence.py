"""A first line of evidence per claim, from the fast stages, shown until the claim's full
measurement and verdict (desktop.core.claims) arrive.

Claim ids are those of resources/knowledge/claims.toml. A claim that the
current text cannot show says what text would show it. Sentences are message ids (see
``desktop.core.messages``): the front ends translate them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from desktop.core.analysis import TWO_SENTENCES, Analysis, DeepProbes
from desktop.core.measure.probes import DirectionResult, repeated_words, uses
from desktop.core.messages import Msg, layer_label, msg
from desktop.core.models.base import NextSentence, Unavailable


@dataclass(frozen=True)
class Evidence:
    text: Msg | None  # the sentence with the measured numbers; None: nothing to say for this model
    shown: bool  # False: the current text cannot show this claim (the sentence says what would)


TWO_WORDS = Evidence(msg("Type at least two words to see this."), False)


def repeated_pair(analysis: Analysis) -> tuple[str, int, int] | None:
    """The repeated word the polysemy probe follows, as (word, first use, second use) among the
    shown words."""
    shown = analysis.encoding.words[: analysis.shown_words]
    for word in repeated_words(analysis.encoding.text):
        found = uses(shown, word)
        if len(found) >= 2:
            return shown[found[1]], found[0], found[1]
    return None


def _polysemy(a: Analysis, deep: DeepProbes | None) -> Evidence:
    found = repeated_pair(a)
    if found is None:
        return Evidence(
            msg("Type one word twice in different senses (e.g. 'bank' of money and of a river) to see this."), False
        )
    word, i, j = found
    names = a.encoding.layer_names
    return Evidence(
        msg(
            "'{word}' appears twice: its two vectors have similarity {first:.2f} in the {bottom} layer "
            "and {last:.2f} at {top} — context changed them.",
            word=word,
            first=float(a.word_sims[0, i, j]),
            last=float(a.word_sims[-1, i, j]),
            bottom=layer_label(names[0]),
            top=layer_label(names[-1]),
        ),
        True,
    )


def _measured_direction(deep: DeepProbes | None) -> DirectionResult | None:
    found = None if deep is None else deep.direction
    return found if isinstance(found, DirectionResult) and len(found.layers) > 1 else None


def _direction(a: Analysis, deep: DeepProbes | None) -> Evidence:
    measured = _measured_direction(deep)
    if measured is not None:
        peaks = [layer.peaks["matrix"] for layer in measured.layers[1:]]
        return Evidence(
            msg(
                "Each of {n} words replaced in turn: later words moved earlier words' vectors by at most {up:.3f}; "
                "earlier words moved later ones by up to {low:.3f}.",
                n=len(measured.words),
                up=max(p[0] for p in peaks),
                low=max(p[1] for p in peaks),
            ),
            True,
        )
    fi = a.influence
    if fi is None:
        return TWO_WORDS
    return Evidence(
        msg(
            "Replacing the last word '{word}' by '{replacement}' moved the earlier words' vectors by at most "
            "{top:.3f} (relative change, largest at {where}).",
            word=fi.word,
            replacement=fi.replacement,
            top=float(fi.change[1:].max()) if len(fi.change) > 1 else float(fi.change.max()),
            where=layer_label(fi.layer_names[int(np.argmax(fi.change))]),
        ),
        True,
    )


def _halves(a: Analysis, deep: DeepProbes | None) -> Evidence:
    measured = _measured_direction(deep)
    layers = [] if measured is None else [x.peaks for x in measured.layers if x.forward is not None]
    if layers:
        return Evidence(
            msg(
                "Forward half: later words moved earlier ones by {f_up:.3f}, earlier moved later by {f_low:.3f}. "
                "Backward half: earlier words moved later ones by {b_low:.3f}, later moved earlier by {b_up:.3f}. "
                "Each half sees one side only; the two are just concatenated.",
                f_up=max(p["forward"][0] for p in layers),
                f_low=max(p["forward"][1] for p in layers),
                b_up=max(p["backward"][0] for p in layers),
                b_low=max(p["backward"][1] for p in layers),
            ),
            True,
        )
    fi = a.influence
    if fi is None or fi.forward is None or fi.backward is None:
        return TWO_WORDS
    return Evidence(
        msg(
            "Replacing the last word '{word}' moved the forward half of earlier words by {fwd:.3f} and the "
            "backward half by {bwd:.3f}: each half sees one side only; they are just concatenated.",
            word=fi.word,
            fwd=float(fi.forward.max()),
            bwd=float(fi.backward.max()),
        ),
        True,
    )


def _depth(a: Analysis, deep: DeepProbes | None) -> Evidence:
    enc = a.encoding
    return Evidence(
        msg(
            "This model: 1 static layer + {contextual} contextual layers of {dim} dimensions, "
            "{parameters:,} parameters.",
            contextual=len(enc.layer_names) - 1,
            dim=enc.dim,
            parameters=enc.parameters,
        ),
        True,
    )


def _size(a: Analysis, deep: DeepProbes | None) -> Evidence:
    enc = a.encoding
    return Evidence(
        msg(
            "{parameters:,} parameters; your text ({tokens} tokens) took {ms:.0f} ms here.",
            parameters=enc.parameters,
            tokens=len(enc.tokens),
            ms=enc.timings_ms["total"],
        ),
        True,
    )


def _heads(a: Analysis, deep: DeepProbes | None) -> Evidence:
    nsp = a.own.next_sentence
    if isinstance(nsp, NextSentence):
        return Evidence(
            msg(
                "This checkpoint kept both heads: click a word to see MLM fill it; NSP says sentence 2 follows "
                "sentence 1 with probability {p:.2f}.",
                p=nsp.probability,
            ),
            True,
        )
    if nsp == TWO_SENTENCES:
        return Evidence(msg("Type two sentences to see next-sentence prediction."), False)
    return Evidence(msg("This checkpoint does not include the pretraining heads (MLM/NSP), only the encoder."), True)


def _generation(a: Analysis, deep: DeepProbes | None) -> Evidence:
    if isinstance(a.own.continuation, Unavailable):
        return Evidence(
            msg(
                "An encoder can fill a [MASK] using both sides, but has no left-to-right head to continue your "
                "text; compare the GPT tab's continuation."
            ),
            True,
        )
    return Evidence(None, False)


CLAIMS: dict[str, Callable[[Analysis, DeepProbes | None], Evidence]] = {  # keys: ids in claims.toml
    "polysemy": _polysemy,
    "gpt-one-way": _direction,
    "fusion": _halves,
    "transformer-stronger": _depth,
    "bert-cost": _size,
    "mlm-nsp": _heads,
    "bert-not-generative": _generation,
}


def all_evidence(analysis: Analysis, deep: DeepProbes | None = None) -> dict[str, Evidence]:
    """Every claim's evidence; with the slow probes in, from every word pair rather than the last word."""
    return {claim: measure(analysis, deep) for claim, measure in CLAIMS.items()}
