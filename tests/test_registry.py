"""The registry finds models on disk only; availability checks never touch the network."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import huggingface_hub.constants
import pytest

from desktop.core.encoding import Family
from desktop.core.measure.knowledge import load_knowledge
from desktop.core.models import load_adapter
from desktop.core.models.base import ModelError
from desktop.core.store.registry import ModelSpec, load_registry, resolve, spec_from_argument


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def empty_hf_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "hub"
    cache.mkdir()
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(cache))
    return cache


def test_registry_names_the_three_families_and_known_knowledge() -> None:
    specs = load_registry()
    assert {s.family for s in specs} == set(Family)
    knowledge = load_knowledge()
    assert {s.knowledge for s in specs} <= set(knowledge)
    assert all(s.get for s in specs), "every registered model says how to get it"


def test_knowledge_has_pros_and_cons_for_every_family(tmp_path: Path) -> None:
    for fam in load_knowledge().values():
        assert fam.pros and fam.cons and all(c.text and c.claim for c in fam.pros + fam.cons)
    broken = tmp_path / "families.toml"
    broken.write_text('[x]\ntitle = "X"\nextractor = "e"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="direction, mask, pretraining"):
        load_knowledge(broken)  # their Chinese is checked with every other string: tests/qt/test_translations.py


def test_availability_is_checked_offline(no_network, empty_hf_cache: Path, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("BGE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("BGE_ELMO_DIR", raising=False)
    by_name = {s.name: resolve(s) for s in load_registry()}
    for shipped in ("minilm", "mini-bert", "mini-gpt", "mini-elmo"):  # works offline out of the box
        assert by_name[shipped].available, by_name[shipped].missing
    for name in ("bert-base-uncased", "gpt2", "elmo-original"):
        assert not by_name[name].available
    assert "google-bert/bert-base-uncased" in by_name["bert-base-uncased"].missing[0].english()
    assert "elmo_2x4096_512_2048cnn_2xhighway_weights.hdf5" in by_name["elmo-original"].missing[0].english()
    assert str(tmp_path / "data" / "elmo") in by_name["elmo-original"].missing[0].english()


def test_model_in_the_hf_cache_layout_is_found_and_loads(no_network, empty_hf_cache: Path, tiny_dir: Path) -> None:
    repo = empty_hf_cache / "models--someone--tiny-gpt2"
    snapshot = repo / "snapshots" / "abc123"
    shutil.copytree(tiny_dir / "tiny-gpt2", snapshot)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("abc123")
    spec = ModelSpec("cached", Family.DECODER, hf_repos=["missing/repo", "someone/tiny-gpt2"])
    assert resolve(spec).folder == snapshot
    assert load_adapter(spec).encode("the river bank").tokens


def test_elmo_found_through_environment_folder(tmp_path: Path, tiny_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("BGE_ELMO_DIR", str(tiny_dir / "tiny-elmo"))
    spec = ModelSpec("e", Family.ELMO, elmo_options="options.json", elmo_weights="lm_weights.hdf5")
    res = resolve(spec)
    assert res.available and res.weights == tiny_dir / "tiny-elmo" / "lm_weights.hdf5"


def test_missing_model_error_names_model_and_how_to_get_it(empty_hf_cache: Path) -> None:
    spec = ModelSpec("gpt2", Family.DECODER, hf_repos=["openai-community/gpt2"], get="hf download it")
    with pytest.raises(ModelError, match=r"gpt2.*openai-community/gpt2.*hf download it"):
        load_adapter(spec)


def test_pretrained_minilm_loads_from_its_package_offline(no_network) -> None:
    (spec,) = [s for s in load_registry() if s.name == "minilm"]
    minilm = load_adapter(spec)
    enc = minilm.encode("I deposited cash at the bank.")
    assert enc.layers.shape == (7, len(enc.tokens), 384)
    assert minilm.parameters > 20_000_000
    assert "not in this checkpoint" in minilm.slot_support().reason.english()


@pytest.mark.parametrize(
    "arg, message", [("nonsense", "FAMILY=PATH"), ("lstm=/x", "unknown family"), ("encoder=", "FAMILY=PATH")]
)
def test_bad_model_arguments(arg: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        spec_from_argument(arg)


def test_shipped_mini_models_load_with_their_heads_and_softmax() -> None:
    specs = {s.name: s for s in load_registry()}
    bert = load_adapter(specs["mini-bert"])
    assert bert.slot_support() is None and bert.next_sentence_support() is None
    assert load_adapter(specs["mini-gpt"]).slot_support() is None
    elmo = load_adapter(specs["mini-elmo"])
    assert elmo.softmax is not None
    for name in ("mini-bert", "mini-gpt", "mini-elmo"):
        folder = specs[name].path
        assert (folder / "MODEL_CARD.md").is_file()
        assert sum(f.stat().st_size for f in folder.iterdir()) <= 15_000_000
