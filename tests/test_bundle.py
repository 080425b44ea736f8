"""Bundles: the tiny models packed on one "machine" (a user data folder) and installed on
another, then loaded and compared with the originals; a damaged or crafted bundle installs nothing.

BGE_DATA_DIR and BGE_REGISTRY point at temporary folders in every test: the real user data
folder is never touched."""

from __future__ import annotations

import json
import shutil
import struct
import zipfile
from pathlib import Path

import huggingface_hub.constants
import numpy as np
import pytest

from desktop.cli.main import run
from desktop.core.models import load_adapter
from desktop.core.store.bundle import MANIFEST, default_bundle_specs, install_bundle, read_manifest, write_bundle
from desktop.core.store.errors import AlreadyThere, StoreError
from desktop.core.store.registry import load_registry, resolve, user_registry_path
from desktop.core.store.user_models import add_model_folder, disk_size

TEXT = "I deposited cash at the bank. We had a picnic on the river bank."
TINY = {"tiny-bert": "encoder", "tiny-gpt2": "decoder", "tiny-elmo": "elmo"}


@pytest.fixture
def machines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Two user data folders under a registry that ships mini-bert only (a small, fast world)."""
    registry = tmp_path / "models.toml"
    shipped = Path(__file__).resolve().parents[1] / "resources" / "models" / "mini-bert"
    registry.write_text(f'[[model]]\nname = "mini-bert"\nfamily = "encoder"\npath = "{shipped.as_posix()}"\n')
    monkeypatch.setenv("BGE_REGISTRY", str(registry))
    return tmp_path / "packer", tmp_path / "laptop"


@pytest.fixture
def bundle(machines: tuple[Path, Path], tiny_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The three tiny models added on the packing machine and packed; the laptop is then current."""
    packer, laptop = machines
    monkeypatch.setenv("BGE_DATA_DIR", str(packer))
    for name in TINY:
        add_model_folder(tiny_dir / name, name=f"my-{name}")
    out = packer / "models.zip"
    write_bundle(out, default_bundle_specs(load_registry()))
    monkeypatch.setenv("BGE_DATA_DIR", str(laptop))
    return out


def _user_models() -> list[str]:
    return [s.name for s in load_registry() if s.user_added]


def _nothing_installed(laptop: Path) -> None:
    assert not user_registry_path().exists() and _user_models() == []
    assert not (laptop / "models").exists() or list((laptop / "models").iterdir()) == []


def test_round_trip_loads_the_same_model(machines, tiny_dir: Path, adapters: dict, monkeypatch) -> None:
    packer, laptop = machines
    monkeypatch.setenv("BGE_DATA_DIR", str(packer))
    for name in TINY:
        add_model_folder(tiny_dir / name, name=f"my-{name}")
    specs = default_bundle_specs(load_registry())
    assert [s.name for s in specs] == [f"my-{n}" for n in TINY]  # not the shipped mini-bert
    seen: list[tuple[int, int]] = []
    out = packer / "models.zip"
    packed = write_bundle(out, specs, progress=lambda done, total: seen.append((done, total)))
    assert packed == sum(disk_size(resolve(s)) for s in specs) == seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert all(
        i.compress_type == zipfile.ZIP_STORED for i in zipfile.ZipFile(out).infolist() if "safetensors" in i.filename
    )

    monkeypatch.setenv("BGE_DATA_DIR", str(laptop))
    installed = install_bundle(out)
    assert [(i.name, i.folder) for i in installed] == [(f"my-{n}", laptop / "models" / f"my-{n}") for n in TINY]
    registry = {s.name: s for s in load_registry()}
    for name, family in TINY.items():
        spec = registry[f"my-{name}"]
        assert spec.user_added and spec.data_path == f"models/my-{name}" and spec.path is None
        original = adapters[family].encode(TEXT)
        copy = load_adapter(spec).encode(TEXT)
        assert copy.tokens == original.tokens
        for file in (tiny_dir / name).iterdir():  # the same files, byte for byte
            assert (laptop / "models" / f"my-{name}" / file.name).read_bytes() == file.read_bytes(), file.name
        # the same numbers to the last bits: after test_token_labels ran the shared ELMo on Chinese,
        # its layers here differed from a fresh load's by ~1e-7 (not the thread count: it was unchanged)
        np.testing.assert_allclose(copy.layers, original.layers, rtol=1e-5, atol=1e-6)
    assert not list((laptop / "models").glob(".staging-*"))


def _hf_cache(root: Path, repo: str, source: Path) -> Path:
    """``source`` laid out as the Hugging Face cache does: blobs, a snapshot of links, refs/main."""
    repo_dir = root / f"models--{repo.replace('/', '--')}"
    (repo_dir / "blobs").mkdir(parents=True)
    (repo_dir / "refs").mkdir()
    (repo_dir / "refs" / "main").write_text("c0ffee")
    snapshot = repo_dir / "snapshots" / "c0ffee"
    snapshot.mkdir(parents=True)
    for i, file in enumerate(sorted(source.iterdir())):
        shutil.copy(file, repo_dir / "blobs" / f"b{i}")
        (snapshot / file.name).symlink_to(f"../../blobs/b{i}")
    return snapshot


def test_a_cached_checkpoint_reaches_a_laptop_without_the_cache(machines, tiny_dir, adapters, monkeypatch, tmp_path):
    """The workshop case: gpt2 is in the packing machine's HF cache; the laptop has no cache at all,
    and the shipped entry finds the installed copy (no user entry: a user entry may not reuse the name)."""
    packer, laptop = machines
    registry = tmp_path / "hf-models.toml"
    registry.write_text('[[model]]\nname = "gpt2"\nfamily = "decoder"\nhf_repos = ["openai-community/gpt2"]\n')
    monkeypatch.setenv("BGE_REGISTRY", str(registry))
    _hf_cache(tmp_path / "hub", "openai-community/gpt2", tiny_dir / "tiny-gpt2")
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setenv("BGE_DATA_DIR", str(packer))
    (gpt2,) = default_bundle_specs(load_registry())
    write_bundle(tmp_path / "b.zip", [gpt2])
    assert all(not i.is_dir() for i in zipfile.ZipFile(tmp_path / "b.zip").infolist())

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "empty-hub"))
    monkeypatch.setenv("BGE_DATA_DIR", str(laptop))
    assert not resolve(gpt2).available
    (done,) = install_bundle(tmp_path / "b.zip")
    assert done.folder == laptop / "models" / "gpt2" and not done.registered and not user_registry_path().exists()
    found = resolve(gpt2)
    assert found.available and found.folder == laptop / "models" / "gpt2"
    assert not any(p.is_symlink() for p in found.folder.iterdir())
    copied = load_adapter(gpt2).encode(TEXT).layers
    np.testing.assert_allclose(copied, adapters["decoder"].encode(TEXT).layers, rtol=1e-5, atol=1e-6)


def _rewrite(bundle: Path, out: Path, change: dict[str, bytes | None], extra: dict[str, bytes] | None = None) -> Path:
    """A copy of ``bundle`` with members replaced (None: dropped) or added, zip CRCs made right again."""
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = change.get(info.filename, src.read(info.filename))
            if data is not None:
                dst.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out


def _weights_member(bundle: Path) -> zipfile.ZipInfo:
    return zipfile.ZipFile(bundle).getinfo("models/my-tiny-gpt2/model.safetensors")


def test_a_flipped_byte_installs_nothing(bundle: Path, machines, tmp_path: Path) -> None:
    laptop = machines[1]
    info = _weights_member(bundle)
    data = bytearray(bundle.read_bytes())
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    data[info.header_offset + 30 + name_len + extra_len + info.file_size // 2] ^= 0x01
    flipped = tmp_path / "flipped.zip"
    flipped.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=r"models/my-tiny-gpt2/model\.safetensors in .* is damaged"):
        install_bundle(flipped)
    _nothing_installed(laptop)

    weights = bytearray(zipfile.ZipFile(bundle).read(info.filename))  # the same with a zip CRC that agrees:
    weights[len(weights) // 2] ^= 0x01  # only the manifest's SHA-256 can tell
    with pytest.raises(StoreError, match=r"model\.safetensors in .* is damaged \(its SHA-256 does not match"):
        install_bundle(_rewrite(bundle, tmp_path / "sha.zip", {info.filename: bytes(weights)}))
    _nothing_installed(laptop)


def test_a_truncated_bundle_or_file_installs_nothing(bundle: Path, machines, tmp_path: Path) -> None:
    laptop = machines[1]
    cut = tmp_path / "cut.zip"
    cut.write_bytes(bundle.read_bytes()[: bundle.stat().st_size * 2 // 3])
    with pytest.raises(StoreError, match="damaged or cut short"):
        install_bundle(cut)
    _nothing_installed(laptop)
    info = _weights_member(bundle)
    short = zipfile.ZipFile(bundle).read(info.filename)[:-10]
    with pytest.raises(StoreError, match=r"model\.safetensors in .* is damaged \(its size does not match"):
        install_bundle(_rewrite(bundle, tmp_path / "short.zip", {info.filename: short}))
    with pytest.raises(StoreError, match=r"the file models/my-tiny-gpt2/model\.safetensors is missing"):
        install_bundle(_rewrite(bundle, tmp_path / "gone.zip", {info.filename: None}))
    _nothing_installed(laptop)


@pytest.mark.parametrize("member", ["../evil.txt", "/tmp/evil.txt", "models/my-tiny-bert/../../evil.txt", "x.txt"])
def test_members_outside_the_manifest_are_refused(bundle: Path, machines, tmp_path: Path, member: str) -> None:
    crafted = _rewrite(bundle, tmp_path / "crafted.zip", {}, {member: b"boo"})
    with pytest.raises(StoreError, match="unexpected member"):
        install_bundle(crafted)
    _nothing_installed(machines[1])
    assert not (tmp_path / "evil.txt").exists() and not (machines[1] / "evil.txt").exists()


def test_a_manifest_naming_a_path_is_refused(bundle: Path, machines, tmp_path: Path) -> None:
    with zipfile.ZipFile(bundle) as zf:
        manifest = json.loads(zf.read(MANIFEST))
        payload = zf.read("models/my-tiny-bert/config.json")
    manifest["models"][0]["files"][0]["name"] = "../../escaped.json"
    crafted = _rewrite(
        bundle,
        tmp_path / "crafted.zip",
        {MANIFEST: json.dumps(manifest).encode(), "models/my-tiny-bert/config.json": None},
        {"models/my-tiny-bert/../../escaped.json": payload},
    )
    with pytest.raises(StoreError, match="not a plain file name"):
        install_bundle(crafted)
    _nothing_installed(machines[1])


def test_overwrites_need_force(bundle: Path, machines) -> None:
    before = bundle.read_bytes()
    with pytest.raises(AlreadyThere, match="already exists"):
        write_bundle(bundle, [s for s in load_registry() if s.name == "mini-bert"])
    assert bundle.read_bytes() == before
    assert [m.name for m in read_manifest(bundle)] == [f"my-{n}" for n in TINY]

    install_bundle(bundle)
    marker = machines[1] / "models" / "my-tiny-bert" / "config.json"
    marker.write_text("{}")
    with pytest.raises(AlreadyThere, match="my-tiny-bert is installed already"):
        install_bundle(bundle)
    assert marker.read_text() == "{}"
    assert [i.note.english() for i in install_bundle(bundle, force=True)] == ["replaced"] * 3
    assert marker.read_text() != "{}" and _user_models() == [f"my-{n}" for n in TINY]


def test_a_stopped_write_leaves_no_file(machines, tiny_dir: Path, monkeypatch) -> None:
    packer = machines[0]
    monkeypatch.setenv("BGE_DATA_DIR", str(packer))
    spec = add_model_folder(tiny_dir / "tiny-gpt2", name="g")

    def stop(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_bundle(packer / "b.zip", [spec], progress=stop)
    assert sorted(p.name for p in packer.iterdir()) == ["models.toml"]


def test_cli_bundle_and_install(bundle: Path, machines, tiny_dir: Path, capsys, monkeypatch) -> None:
    laptop = machines[1]
    assert run(["install-bundle", str(bundle)]) == 0
    out = capsys.readouterr().out
    assert "my-tiny-elmo: installed in" in out and "checked and copied" in out
    assert run(["install-bundle", str(bundle)]) == 2
    assert "is installed already: use --force to replace it" in capsys.readouterr().err
    assert run(["models"]) == 0
    listed = capsys.readouterr().out
    assert all(f"my-{n}" in listed for n in TINY) and listed.count("(added by you)") == 3

    out_zip = laptop / "again.zip"
    assert run(["bundle", "--out", str(out_zip), "my-tiny-elmo"]) == 0
    assert "packed" in capsys.readouterr().out
    assert [m.name for m in read_manifest(out_zip)] == ["my-tiny-elmo"]
    assert run(["bundle", "--out", str(out_zip), "my-tiny-elmo"]) == 2
    assert "already exists: use --force to replace it" in capsys.readouterr().err
    assert run(["bundle", "--out", str(out_zip), "nope"]) == 2


def test_a_member_twice_is_refused(bundle: Path, machines, tmp_path: Path) -> None:
    member = "models/my-tiny-bert/config.json"
    with pytest.warns(UserWarning, match="Duplicate name"):
        twice = _rewrite(bundle, tmp_path / "twice.zip", {}, {member: b"{}"})
    with pytest.raises(StoreError, match=f"the file {member} is missing or listed twice"):
        install_bundle(twice)
    _nothing_installed(machines[1])


def test_a_model_already_here_is_skipped(machines, tmp_path: Path, monkeypatch) -> None:
    """mini-bert ships with the program and is available on the laptop: a bundle holding it changes nothing."""
    monkeypatch.setenv("BGE_DATA_DIR", str(machines[1]))
    out = tmp_path / "shipped.zip"
    write_bundle(out, [s for s in load_registry() if s.name == "mini-bert"])
    (skipped,) = install_bundle(out)
    assert skipped.folder is None and skipped.note.english() == "already on this machine: skipped"
    assert not machines[1].exists()
