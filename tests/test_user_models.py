"""Models the user adds: family detection, the user's own registry file, sizes on disk.

Every test points BGE_DATA_DIR at a temporary folder, so the real user data folder (which may
hold models converted by setup) is never read or written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.cli.main import run
from desktop.core.encoding import Family
from desktop.core.models import load_adapter
from desktop.core.store.errors import StoreError
from desktop.core.store.registry import REGISTRY_FILE, ModelSpec, load_registry, resolve, user_registry_path
from desktop.core.store.user_models import add_model_folder, detect_family, disk_size, model_files, remove_model


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user data folder under the shipped registry."""
    monkeypatch.setenv("BGE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("BGE_REGISTRY", raising=False)
    return tmp_path / "data"


def _shipped_names() -> list[str]:
    return [s.name for s in load_registry(REGISTRY_FILE)]


@pytest.mark.parametrize(("name", "family"), [("tiny-bert", Family.ENCODER), ("tiny-gpt2", Family.DECODER)])
def test_transformers_family_comes_from_the_config(tiny_dir: Path, name: str, family: Family) -> None:
    assert detect_family(tiny_dir / name) is family


def test_elmo_family_is_an_options_and_weights_pair(tiny_dir: Path, tmp_path: Path) -> None:
    assert detect_family(tiny_dir / "tiny-elmo") is Family.ELMO
    two = tmp_path / "two"
    shutil.copytree(tiny_dir / "tiny-elmo", two)
    (two / "other.json").write_text("{}", encoding="utf-8")
    with pytest.raises(StoreError, match=r"1 \*\.hdf5 files: an ELMo folder needs exactly one of each"):
        detect_family(two)
    (two / "other.json").unlink()
    (two / "options.json").write_text('{"lstm": {}}', encoding="utf-8")
    with pytest.raises(StoreError, match="not an ELMo options file"):
        detect_family(two)


def test_unsupported_folders_are_refused_with_what_is_supported(tiny_dir: Path, tmp_path: Path) -> None:
    t5 = tmp_path / "t5"
    t5.mkdir()
    (t5 / "config.json").write_text(
        json.dumps({"model_type": "t5", "architectures": ["T5ForConditionalGeneration"]}), encoding="utf-8"
    )
    with pytest.raises(StoreError, match=r"'t5' model \(T5ForConditionalGeneration\).*BERT-style encoders") as err:
        detect_family(t5)
    assert err.value.text.params  # a translatable template with parameters, not a baked sentence
    gpt_body = tmp_path / "gpt2-body"  # a GPT-2 without its LM head: the decoder adapter cannot run it
    shutil.copytree(tiny_dir / "tiny-gpt2", gpt_body)
    config = json.loads((gpt_body / "config.json").read_text(encoding="utf-8"))
    (gpt_body / "config.json").write_text(json.dumps({**config, "architectures": ["GPT2Model"]}), encoding="utf-8")
    with pytest.raises(StoreError, match="GPT2Model"):
        detect_family(gpt_body)
    with pytest.raises(StoreError, match="is not a model folder"):
        detect_family(tmp_path)
    (t5 / "config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot be read as JSON"):
        detect_family(t5)


def test_add_and_remove_round_trip(data_dir: Path, tiny_dir: Path, adapters: dict) -> None:
    spec = add_model_folder(tiny_dir / "tiny-gpt2", name="my-gpt", display="My GPT")
    elmo = add_model_folder(tiny_dir / "tiny-elmo")  # the folder's name
    assert user_registry_path() == data_dir / "models.toml" and user_registry_path().is_file()
    registry = load_registry()
    assert [s.name for s in registry] == [*_shipped_names(), "my-gpt", "tiny-elmo"]
    assert [s.user_added for s in registry[-3:]] == [False, True, True]
    assert registry[-2] == spec and spec.display == "My GPT" and spec.family is Family.DECODER
    assert registry[-1] == elmo and elmo.elmo_weights == "lm_weights.hdf5" and resolve(elmo).available
    text = "the river bank"
    assert (load_adapter(spec).encode(text).layers == adapters["decoder"].encode(text).layers).all()

    remove_model("my-gpt")
    assert [s.name for s in load_registry()] == [*_shipped_names(), "tiny-elmo"]
    assert (tiny_dir / "tiny-gpt2" / "model.safetensors").is_file()  # forgotten, not deleted
    remove_model("tiny-elmo")
    assert [s.name for s in load_registry()] == _shipped_names()
    with pytest.raises(StoreError, match="there is no model named 'my-gpt'"):
        remove_model("my-gpt")
    with pytest.raises(StoreError, match="only models you added can be removed"):
        remove_model("mini-bert")


def test_names_must_be_new_and_plain(data_dir: Path, tiny_dir: Path) -> None:
    add_model_folder(tiny_dir / "tiny-bert")
    with pytest.raises(StoreError, match="already added a model named 'tiny-bert'"):
        add_model_folder(tiny_dir / "tiny-bert")
    with pytest.raises(StoreError, match="comes with the program"):
        add_model_folder(tiny_dir / "tiny-bert", name="mini-bert")
    for bad in ("a/b", "../x", ".hidden", "two words", ""):
        with pytest.raises(StoreError, match="cannot be a model name"):
            add_model_folder(tiny_dir / "tiny-bert", name=bad)
    assert [s.name for s in load_registry() if s.user_added] == ["tiny-bert"]


def test_an_incomplete_folder_is_not_added(data_dir: Path, tiny_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "no-weights"
    shutil.copytree(tiny_dir / "tiny-bert", folder)
    (folder / "model.safetensors").unlink()
    with pytest.raises(StoreError, match="has no weights file"):
        add_model_folder(folder)
    with pytest.raises(StoreError, match="does not exist"):
        add_model_folder(tmp_path / "nowhere")
    assert not user_registry_path().exists()


def test_a_broken_user_file_names_itself(data_dir: Path, tiny_dir: Path) -> None:
    data_dir.mkdir()
    user_registry_path().write_text("[[model]]\nname = 'x'\nfamily = 'encoder\n", encoding="utf-8")
    with pytest.raises(StoreError, match=f"{user_registry_path()}.*cannot be read.*fix or delete"):
        load_registry()
    user_registry_path().write_text('[[model]]\nname = "x"\nfamily = "nonsense"\n', encoding="utf-8")
    with pytest.raises(StoreError, match="cannot be read"):
        load_registry()
    user_registry_path().write_text(
        f'[[model]]\nname = "mini-gpt"\nfamily = "decoder"\npath = "{(tiny_dir / "tiny-gpt2").as_posix()}"\n',
        encoding="utf-8",
    )
    with pytest.raises(StoreError, match=r"names models the program already has \(mini-gpt\)"):
        load_registry()
    assert "mini-gpt" in _shipped_names()  # an explicit file is read alone (scripts that need the shipped list)


def test_disk_size_follows_cache_links_once(tmp_path: Path, tiny_dir: Path) -> None:
    """A Hugging Face snapshot holds links into blobs/; two links to one blob count once."""
    blobs, snapshot = tmp_path / "blobs", tmp_path / "snapshots" / "abc"
    blobs.mkdir()
    snapshot.mkdir(parents=True)
    for i, source in enumerate(sorted((tiny_dir / "tiny-bert").iterdir())):
        shutil.copy(source, blobs / f"blob{i}")
        (snapshot / source.name).symlink_to(blobs / f"blob{i}")
    (snapshot / "tokenizer_copy.json").symlink_to(snapshot / "tokenizer.json")
    (snapshot / "tf_model.h5").write_bytes(b"x" * 1000)  # another framework's weights: not the model's
    found = resolve(ModelSpec("linked", Family.ENCODER, path=snapshot))
    blob_bytes = sum(p.stat().st_size for p in blobs.iterdir())
    assert disk_size(found) == blob_bytes == sum(p.stat().st_size for p in (tiny_dir / "tiny-bert").iterdir())
    assert "tf_model.h5" not in {p.name for p in model_files(found)}


def test_models_command_shows_size_and_who_added(data_dir: Path, tiny_dir: Path, capsys) -> None:
    add_model_folder(tiny_dir / "tiny-elmo", name="my-elmo")
    assert run(["models"]) == 0
    out = capsys.readouterr().out
    line = next(li for li in out.splitlines() if li.startswith("my-elmo"))
    size = sum(p.stat().st_size for p in (tiny_dir / "tiny-elmo").iterdir()) / 1e3
    assert "available" in line and f"{size:.1f} kB" in line
    assert "(added by you)" in out.split("my-elmo", 1)[1].splitlines()[1]
    assert "mini-bert" in out and out.count("(added by you)") == 1
