"""Live evidence for each of the article's claims, measured on the user's text, in zh and en.

Each claim id in resources/knowledge/families.toml maps to one function here. A claim that the
current text cannot show says what text would show it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from desktop.core.analysis import Analysis, DeepProbes
from desktop.core.encoding import Family
from desktop.core.measure.probes import repeated_words, uses


@dataclass(frozen=True)
class Evidence:
    text: dict[str, str]  # language -> sentence with the measured numbers
    shown: bool  # False: the current text cannot show this claim (the sentence says what would)


def repeated_word(analysis: Analysis) -> tuple[str, int, int] | None:
    """The repeated word the polysemy probe follows (``probes.repeated_words``' order), as
    (word, first use, second use) among the shown words."""
    shown = analysis.encoding.words[: analysis.shown_words]
    for word in repeated_words(analysis.encoding.text):
        found = uses(shown, word)
        if len(found) >= 2:
            return shown[found[1]], found[0], found[1]
    return None


def _polysemy(a: Analysis, deep: DeepProbes | None) -> Evidence:
    found = repeated_word(a)
    if found is None:
        return Evidence(
            {
                "en": "Type one word twice in different senses (e.g. 'bank' of money and of a river) to see this.",
                "zh": "输入一个在两处含义不同的词（如 bank：银行/河岸），即可看到这一点。",
            },
            False,
        )
    word, i, j = found
    names = a.encoding.layer_names
    first, last = float(a.word_sims[0, i, j]), float(a.word_sims[-1, i, j])
    return Evidence(
        {
            "en": f"'{word}' appears twice: its two vectors have similarity {first:.2f} in the {names[0]} layer "
            f"and {last:.2f} at {names[-1]} — context changed them.",
            "zh": f"“{word}”出现了两次：两个向量的相似度在 {names[0]} 层为 {first:.2f}，在 {names[-1]} 为 {last:.2f}"
            "——上下文改变了词向量。",
        },
        True,
    )


def _triangles(m: np.ndarray) -> tuple[float, float]:
    """Largest change above the diagonal (an earlier word moved by a later one) and below it."""
    up, low = m[np.triu_indices_from(m, k=1)], m[np.tril_indices_from(m, k=-1)]
    peak = lambda v: float(np.nanmax(v)) if v.size and np.isfinite(v).any() else 0.0  # noqa: E731
    return peak(up), peak(low)


def _direction(a: Analysis, deep: DeepProbes | None) -> Evidence:
    if deep is not None and deep.direction is not None and len(deep.direction.layers) > 1:
        contextual = deep.direction.layers[1:]
        up = max(_triangles(layer.matrix)[0] for layer in contextual)
        low = max(_triangles(layer.matrix)[1] for layer in contextual)
        n = len(deep.direction.words)
        return Evidence(
            {
                "en": f"Each of {n} words replaced in turn: later words moved earlier words' "
                f"vectors by at most {up:.3f}; earlier words moved later ones by up to {low:.3f}.",
                "zh": f"依次替换 {n} 个词中的每一个：后面的词使前面的词向量最多变化 {up:.3f}；"
                f"前面的词使后面的词最多变化 {low:.3f}。",
            },
            True,
        )
    fi = a.influence
    if fi is None:
        return Evidence(
            {"en": "Type at least two words to see this.", "zh": "至少输入两个词即可看到这一点。"},
            False,
        )
    top = float(fi.change[1:].max()) if len(fi.change) > 1 else float(fi.change.max())
    where = fi.layer_names[int(np.argmax(fi.change))]
    return Evidence(
        {
            "en": f"Replacing the last word '{fi.word}' by '{fi.replacement}' moved the earlier "
            f"words' vectors by at most {top:.3f} (relative change, largest at {where}).",
            "zh": f"把最后一个词“{fi.word}”换成“{fi.replacement}”后，前面各词的向量最多变化 {top:.3f}"
            f"（相对变化，最大处在 {where}）。",
        },
        True,
    )


def _halves(a: Analysis, deep: DeepProbes | None) -> Evidence:
    layers = (
        [] if deep is None or deep.direction is None else [x for x in deep.direction.layers if x.forward is not None]
    )
    if layers:
        f_up = max(_triangles(x.forward)[0] for x in layers)
        f_low = max(_triangles(x.forward)[1] for x in layers)
        b_up = max(_triangles(x.backward)[0] for x in layers)
        b_low = max(_triangles(x.backward)[1] for x in layers)
        return Evidence(
            {
                "en": f"Forward half: later words moved earlier ones by {f_up:.3f}, earlier moved later by "
                f"{f_low:.3f}. Backward half: earlier words moved later ones by {b_low:.3f}, later moved earlier "
                f"by {b_up:.3f}. Each half sees one side only; the two are just concatenated.",
                "zh": f"前向部分：后面的词使前面的词变化 {f_up:.3f}，前面的词使后面的词变化 {f_low:.3f}。"
                f"后向部分：前面的词使后面的词变化 {b_low:.3f}，后面的词使前面的词变化 {b_up:.3f}。"
                "每一半只看到一侧，二者只是拼接在一起。",
            },
            True,
        )
    fi = a.influence
    if fi is None or fi.forward is None or fi.backward is None:
        return Evidence({"en": "Type at least two words to see this.", "zh": "至少输入两个词即可看到这一点。"}, False)
    fwd, bwd = float(fi.forward.max()), float(fi.backward.max())
    return Evidence(
        {
            "en": f"Replacing the last word '{fi.word}' moved the forward half of earlier words by {fwd:.3f} and the "
            f"backward half by {bwd:.3f}: each half sees one side only; they are just concatenated.",
            "zh": f"替换最后一个词“{fi.word}”后，前面各词的前向部分变化 {fwd:.3f}，后向部分变化 {bwd:.3f}："
            "每一半只看到一侧，二者只是拼接在一起。",
        },
        True,
    )


def _depth(a: Analysis, deep: DeepProbes | None) -> Evidence:
    enc = a.encoding
    contextual = len(enc.layer_names) - 1
    return Evidence(
        {
            "en": f"This model: 1 static layer + {contextual} contextual layers of {enc.dim} dimensions, "
            f"{enc.parameters:,} parameters.",
            "zh": f"本模型：1 个静态层 + {contextual} 个上下文层，每层 {enc.dim} 维，共 {enc.parameters:,} 个参数。",
        },
        True,
    )


def _size(a: Analysis, deep: DeepProbes | None) -> Evidence:
    enc = a.encoding
    ms = enc.timings_ms["total"]
    return Evidence(
        {
            "en": f"{enc.parameters:,} parameters; your text ({len(enc.tokens)} tokens) took {ms:.0f} ms here.",
            "zh": f"{enc.parameters:,} 个参数；你的文本（{len(enc.tokens)} 个词元）在本机用时 {ms:.0f} 毫秒。",
        },
        True,
    )


def _heads(a: Analysis, deep: DeepProbes | None) -> Evidence:
    nsp = a.probes.get("next_sentence", {})
    mlm_missing = a.probes.get("masked_fill", {}).get("why_not", "")
    if "probability" in nsp:
        p = nsp["probability"]
        return Evidence(
            {
                "en": f"This checkpoint kept both heads: click a word to see MLM fill it; NSP says sentence 2 "
                f"follows sentence 1 with probability {p:.2f}.",
                "zh": "此检查点保留了两个预训练头：点击一个词即可看到 MLM 的填词；"
                f"NSP 判断第 2 句接在第 1 句之后的概率为 {p:.2f}。",
            },
            True,
        )
    if nsp.get("why_not") or mlm_missing:
        return Evidence(
            {
                "en": "This checkpoint does not include the pretraining heads (MLM/NSP), only the encoder.",
                "zh": "此检查点没有保留预训练头（MLM/NSP），只有编码器本身。",
            },
            True,
        )
    return Evidence(
        {"en": "Type two sentences to see next-sentence prediction.", "zh": "输入两个句子即可看到下一句预测。"},
        False,
    )


def _generation(a: Analysis, deep: DeepProbes | None) -> Evidence:
    if a.encoding.family is Family.ENCODER:
        return Evidence(
            {
                "en": "An encoder can fill a [MASK] using both sides, but has no left-to-right head to continue "
                "your text; compare the GPT tab's continuation.",
                "zh": "编码器能利用两侧上下文填补 [MASK]，但没有从左到右的生成头来续写文本；可对比 GPT 标签页的续写。",
            },
            True,
        )
    return Evidence({"en": "", "zh": ""}, False)


CLAIMS: dict[str, Callable[[Analysis, DeepProbes | None], Evidence]] = {
    "polysemy": _polysemy,
    "direction": _direction,
    "halves": _halves,
    "depth": _depth,
    "size": _size,
    "heads": _heads,
    "generation": _generation,
}


def evidence_for(claim: str, analysis: Analysis, deep: DeepProbes | None = None) -> Evidence:
    """The claim's evidence; with the slow probes in, from every word pair rather than the last word."""
    return CLAIMS[claim](analysis, deep)
