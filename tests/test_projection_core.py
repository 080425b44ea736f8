"""The projection view's numbers: one 2-D point per word and layer, the static layer beside them,
senses from the shipped sense list, a stated cap, the same picture every time, UMAP optional."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from desktop.core.analysis import analyse
from desktop.core.cancel import Cancelled, CancelToken, cancel_scope
from desktop.core.measure import projection as projection_module
from desktop.core.measure.projection import (
    POINT_HEADER,
    Method,
    Projection,
    chosen_words,
    fit,
    point_rows,
    project,
)
from desktop.core.models.base import Unavailable

POLYSEMY = "I deposited cash at the bank. We had a picnic on the river bank."
WORDS = ["I", "deposited", "cash", "at", "the", "bank", "We", "had", "a", "picnic", "on", "the", "river", "bank"]
CHINESE = "我在银行存钱。我们在河岸边野餐。他去银行取钱。"


def _projection(adapter, text: str = POLYSEMY, **kwargs) -> Projection:
    found = project(adapter, adapter.encode(text), **kwargs)
    assert isinstance(found, Projection), found
    return found


@pytest.mark.parametrize("family", ["encoder", "decoder", "elmo"])
def test_every_layer_and_the_static_one_has_a_point_per_word(adapters: dict, family: str) -> None:
    adapter = adapters[family]
    enc = adapter.encode(POLYSEMY)
    found = _projection(adapter)
    assert [p.word for p in found.points] == WORDS  # the full stop is no point
    assert [p.word_index for p in found.points] == [i for i, w in enumerate(enc.words) if w != "."]
    assert [p.sentence_index for p in found.points] == [0] * 6 + [1] * 8
    assert found.points[0].sentence == "I deposited cash at the bank."
    assert found.points[-1].sentence == "We had a picnic on the river bank."
    assert set(found.coords) == set(found.layer_names) and found.static_layer in found.layer_names
    if family == "elmo":  # the char-CNN is the encoding's own first layer
        assert found.layer_names == enc.layer_names and found.static_layer == enc.layer_names[0]
    else:  # the token-embedding table, outside the encoding's layers
        assert found.layer_names == [found.static_layer, *enc.layer_names]
    assert found.static_layer not in found.contextual_layers
    for xy in found.coords.values():
        assert xy.shape == (len(WORDS), 2) and xy.dtype == np.float32 and np.isfinite(xy).all()
    for share in found.kept_variance.values():
        assert 0.0 < share <= 1.0
    assert found.total_words == len(WORDS) and found.cap == projection_module.MAX_POINTS and not found.notes


@pytest.mark.parametrize("family", ["encoder", "decoder", "elmo"])
def test_the_static_layer_gives_one_point_to_every_use_of_a_word(adapters: dict, family: str) -> None:
    found = _projection(adapters[family])
    banks = [i for i, p in enumerate(found.points) if p.word == "bank"]
    static = found.coords[found.static_layer]
    np.testing.assert_array_equal(static[banks[0]], static[banks[1]])
    top = found.coords[found.contextual_layers[-1]]
    assert not np.array_equal(top[banks[0]], top[banks[1]])  # context moved them apart


def test_the_same_text_gives_the_same_picture(adapters: dict) -> None:
    for adapter in adapters.values():
        first, second = _projection(adapter), _projection(adapter)
        for layer in first.layer_names:
            np.testing.assert_array_equal(first.coords[layer], second.coords[layer])


def test_points_carry_the_sense_their_sentence_cues(adapters: dict) -> None:
    found = _projection(adapters["encoder"])
    senses = {p.word_index: p.sense.text for p in found.points if p.sense is not None}
    assert senses == {5: "a financial institution", 14: "the land beside a river"}  # 'cash' / 'river'


def test_a_chinese_word_of_the_sense_list_gets_its_sense(adapters: dict) -> None:
    found = _projection(adapters["encoder"], "我喜欢这些花。我们花了三天时间。")
    senses = [(p.word, p.sense.text) for p in found.points if p.sense is not None]
    assert senses == [("花", "flower"), ("花", "to spend (money, time)")]
    assert [p.sentence_index for p in found.points if p.word == "花"] == [0, 1]


def test_chinese_points_are_jieba_words(adapters: dict) -> None:
    found = _projection(adapters["elmo"], CHINESE)
    words = [p.word for p in found.points]
    assert words.count("银行") == 2 and "河岸" in words and "。" not in words
    assert found.repeated[0] == "银行"


def test_the_cap_is_applied_and_stated_with_the_repeated_words_kept(adapters: dict) -> None:
    adapter = adapters["encoder"]
    found = _projection(adapter, cap=5)
    assert len(found.points) == 5 and found.total_words == len(WORDS) and found.cap == 5
    assert [n.english() for n in found.notes] == [f"5 of {len(WORDS)} words are shown (the repeated words first)"]
    # the repeated words' uses ('the', 'bank') first, then the first other word; in text order
    assert [(p.word, p.word_index) for p in found.points] == [
        ("I", 0),
        ("the", 4),
        ("bank", 5),
        ("the", 12),
        ("bank", 14),
    ]
    for xy in found.coords.values():
        assert xy.shape == (5, 2)


def test_chosen_words_prefer_repeated_uses_over_the_cap(adapters: dict) -> None:
    enc = adapters["encoder"].encode("one two three four bank five six bank")
    indices, total = chosen_words(enc, cap=3)
    assert total == 8 and [enc.words[i] for i in indices] == ["one", "bank", "bank"]


def test_too_few_words_is_unavailable_not_an_error(adapters: dict) -> None:
    adapter = adapters["decoder"]
    found = project(adapter, adapter.encode("bank bank"))
    assert isinstance(found, Unavailable) and "at least 3 words" in found.reason.english()


def test_only_the_layers_asked_for_and_the_static_one_are_fitted(adapters: dict) -> None:
    adapter = adapters["decoder"]
    enc = adapter.encode(POLYSEMY)
    found = project(adapter, enc, layers=[enc.layer_names[-1]])
    assert isinstance(found, Projection)
    assert set(found.coords) == {found.static_layer, enc.layer_names[-1]}


def test_a_cancelled_request_stops_between_fits(adapters: dict) -> None:
    adapter = adapters["encoder"]
    enc = adapter.encode(POLYSEMY)
    token = CancelToken()
    token.cancel()
    with cancel_scope(token), pytest.raises(Cancelled):
        project(adapter, enc)


def test_identical_rows_collapse_to_one_point_instead_of_failing() -> None:
    coords, share = fit(np.ones((4, 8), dtype=np.float32), Method.PCA)
    assert coords.shape == (4, 2) and not coords.any() and share == 0.0


def test_the_analysis_carries_the_pca_of_every_layer(adapters: dict) -> None:
    analysis = analyse(adapters["elmo"], POLYSEMY)
    assert isinstance(analysis.projection, Projection)
    assert analysis.projection.method is Method.PCA
    assert analysis.projection.layer_names == analysis.encoding.layer_names


def test_csv_rows_hold_every_point_of_the_layers_asked(adapters: dict) -> None:
    found = _projection(adapters["encoder"])
    layer = found.contextual_layers[-1]
    rows = point_rows(found, [layer, found.static_layer, "no such layer"])
    assert len(rows) == 2 * len(WORDS) and all(len(r) == len(POINT_HEADER) for r in rows)
    bank = rows[5]
    assert bank[:7] == [found.model, "PCA", layer, "bank", 5, 0, "a financial institution"]
    assert float(bank[7]) == pytest.approx(float(found.coords[layer][5, 0]), abs=1e-6)
    assert bank[9] == "I deposited cash at the bank."


def test_umap_without_the_package_says_what_to_install(adapters: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(projection_module, "umap_available", lambda: False)
    adapter = adapters["encoder"]
    found = project(adapter, adapter.encode(POLYSEMY), Method.UMAP)
    assert isinstance(found, Unavailable) and "umap-learn" in found.reason.english()


def test_umap_availability_is_read_without_importing_it() -> None:
    assert projection_module.umap_available() == (importlib.util.find_spec("umap") is not None)


def test_umap_projects_deterministically_where_installed(adapters: dict) -> None:
    pytest.importorskip("umap", reason="umap-learn is optional")
    adapter = adapters["elmo"]
    enc = adapter.encode(POLYSEMY)
    layer = enc.layer_names[-1]
    first = project(adapter, enc, Method.UMAP, [layer])
    second = project(adapter, enc, Method.UMAP, [layer])
    assert isinstance(first, Projection) and isinstance(second, Projection)
    assert first.method is Method.UMAP and set(first.coords) == {first.static_layer, layer}
    assert first.coords[layer].shape == (len(WORDS), 2) and not first.kept_variance
    np.testing.assert_array_equal(first.coords[layer], second.coords[layer])
    banks = [i for i, p in enumerate(first.points) if p.word == "bank"]
    static = first.coords[first.static_layer]
    np.testing.assert_array_equal(static[banks[0]], static[banks[1]])  # identical vectors stay one point


def test_umap_says_so_when_a_layer_has_too_few_distinct_vectors(adapters: dict) -> None:
    pytest.importorskip("umap", reason="umap-learn is optional")
    adapter = adapters["encoder"]
    found = project(adapter, adapter.encode("bank bank bank river river bank"), Method.UMAP)
    assert isinstance(found, Unavailable) and "different vectors" in found.reason.english()
