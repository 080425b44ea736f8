"""Each claim's live evidence, measured on the tiny models."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.core.analysis import analyse
from desktop.core.claims.evidence import CLAIMS, all_evidence, repeated_pair
from desktop.core.claims.record import load_specs
from desktop.core.measure.knowledge import load_knowledge

POLYSEMY = "I deposited cash at the bank. We had a picnic on the river bank."


def test_every_claim_in_the_knowledge_is_a_measured_claim() -> None:
    specs = load_specs()
    assert set(CLAIMS) <= set(specs)
    for family in load_knowledge().values():
        for claim in family.pros + family.cons:
            assert claim.claim in specs


def test_future_influence_follows_the_masks(adapters: dict) -> None:
    gpt = analyse(adapters["decoder"], POLYSEMY).influence
    bert = analyse(adapters["encoder"], POLYSEMY).influence
    elmo = analyse(adapters["elmo"], POLYSEMY).influence
    assert gpt.word == "bank" and gpt.replacement == "table"
    assert gpt.change.max() <= 1e-5
    assert bert.change[0] <= 1e-5 < bert.change[1:].min()
    assert elmo.forward.max() <= 1e-5 and elmo.backward[1:].min() > 1e-4
    np.testing.assert_allclose(elmo.change[0], 0.0, atol=1e-6)


def _whole_text_influence(adapter, enc) -> np.ndarray:
    """What the check measured before it had a window: the whole text re-encoded with its last word replaced."""
    from desktop.core.measure.influence import last_replaceable_word, replacement_column, word_layers

    j = last_replaceable_word(enc)
    return np.nan_to_num(np.nanmax(replacement_column(adapter, enc, j, j, word_layers(enc, j)).change, axis=1))


@pytest.mark.parametrize("family", ["encoder", "decoder", "elmo"])
def test_future_influence_in_its_window_equals_the_whole_text_on_a_short_text(adapters: dict, family: str) -> None:
    from desktop.core.measure.influence import future_influence

    enc = adapters[family].encode(POLYSEMY)
    whole = _whole_text_influence(adapters[family], enc)
    # "bank" is word 14: the whole text fits, at the window's edge and in the default window
    for found in (future_influence(adapters[family], enc, window=14), future_influence(adapters[family], enc)):
        assert not found.windowed and found.window_words == found.total_words == 14
        np.testing.assert_array_equal(found.change, whole)


@pytest.mark.parametrize("family", ["encoder", "decoder", "elmo"])
def test_future_influence_on_a_long_text_encodes_only_its_window(adapters: dict, family: str) -> None:
    from desktop.core.measure.influence import future_influence

    adapter = adapters[family]
    enc = adapter.encode(POLYSEMY)
    seen: list[str] = []
    original = adapter.encode
    adapter.encode = lambda text: seen.append(text) or original(text)
    try:
        found = future_influence(adapter, enc, window=4)
    finally:
        del adapter.encode
    window = "picnic on the river bank."  # the 4 words before "bank", encoded on their own
    assert seen == [window, "picnic on the river table."]
    assert found.windowed and (found.window_words, found.total_words) == (4, 14)
    np.testing.assert_array_equal(found.change, _whole_text_influence(adapter, adapter.encode(window)))


def test_a_windowed_look_ahead_check_says_so(adapters: dict) -> None:
    from desktop.core.measure.influence import FUTURE_WINDOW

    text = " ".join(["We sat on the river bank."] * (FUTURE_WINDOW // 6 + 2))
    a = analyse(adapters["decoder"], text)
    assert a.influence.windowed and a.influence.window_words == FUTURE_WINDOW
    assert any("look-ahead check" in note.english() and str(FUTURE_WINDOW) in note.english() for note in a.notes)
    assert not any("look-ahead" in note.english() for note in analyse(adapters["decoder"], POLYSEMY).notes)


def test_polysemy_finds_the_repeated_word_in_english_and_chinese(adapters: dict) -> None:
    assert repeated_pair(analyse(adapters["elmo"], POLYSEMY))[0] == "bank"
    word, i, j = repeated_pair(analyse(adapters["elmo"], "我在银行存钱。他在银行工作。"))
    assert word == "银行" and (i, j) == (2, 7)


@pytest.mark.parametrize("family", ["encoder", "decoder", "elmo"])
def test_evidence_carries_its_numbers_as_parameters(adapters: dict, family: str) -> None:
    evidence = all_evidence(analyse(adapters[family], POLYSEMY))
    ev = evidence["polysemy"]
    assert ev.shown and dict(ev.text.params)["word"] == "bank" and "bank" in ev.text.english()
    ev = evidence["gpt-one-way"]
    assert ev.shown and any(isinstance(v, float) for _, v in ev.text.params)
    assert any(ch.isdigit() for ch in ev.text.english())


def test_claim_that_text_cannot_show_says_what_would(adapters: dict) -> None:
    ev = all_evidence(analyse(adapters["elmo"], "A single sentence without repeats."))["polysemy"]
    assert not ev.shown and "twice" in ev.text.english()


def test_evidence_uses_every_word_pair_once_the_direction_probe_is_in(adapters: dict) -> None:
    from desktop.core.analysis import deep_probes

    a = analyse(adapters["decoder"], POLYSEMY)
    ev = all_evidence(a, deep_probes(adapters["decoder"], a))["gpt-one-way"].text.english()
    assert "Each of 16 words" in ev and "at most 0.000" in ev
    b = analyse(adapters["encoder"], POLYSEMY)
    ev = all_evidence(b, deep_probes(adapters["encoder"], b))["gpt-one-way"].text.english()
    assert "Each of 16 words" in ev and "at most 0.000" not in ev, "BERT's earlier words do move"
    e = analyse(adapters["elmo"], POLYSEMY)
    halves = all_evidence(e, deep_probes(adapters["elmo"], e))["fusion"].text.english()
    assert "Forward half: later words moved earlier ones by 0.000" in halves
