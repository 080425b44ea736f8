"""Shared fixtures: tiny models built once per session, never a network call."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
# the reference probe's cache: one per test run, never the user's (subprocesses inherit it)
os.environ["BGE_CACHE_DIR"] = tempfile.mkdtemp(prefix="bge-test-cache-")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
sys.path.insert(0, str(Path(__file__).parent))

from tiny_models import make_tiny_bert, make_tiny_gpt2, write_elmo_folder

import desktop.core.runtime as runtime
from desktop.core.encoding import Family
from desktop.core.models import load_adapter
from desktop.core.store.registry import ModelSpec


@pytest.fixture(autouse=True)
def compute_budget_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that runs a CLI command in this process sets the compute budget (``configure_compute``),
    the window's with its models in a compute process: the next test gets the budget back."""
    monkeypatch.setattr(runtime, "_budget", runtime._budget)


@pytest.fixture(scope="session")
def tiny_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tiny")
    make_tiny_bert(root / "tiny-bert")
    make_tiny_gpt2(root / "tiny-gpt2")
    write_elmo_folder(root / "tiny-elmo")
    return root


@pytest.fixture(scope="session")
def tiny_specs(tiny_dir: Path) -> dict[str, ModelSpec]:
    return {
        "encoder": ModelSpec("tiny-bert", Family.ENCODER, path=tiny_dir / "tiny-bert"),
        "decoder": ModelSpec("tiny-gpt2", Family.DECODER, path=tiny_dir / "tiny-gpt2"),
        "elmo": ModelSpec("tiny-elmo", Family.ELMO, path=tiny_dir / "tiny-elmo"),
    }


@pytest.fixture(scope="session")
def adapters(tiny_specs: dict[str, ModelSpec]) -> dict:
    return {family: load_adapter(spec) for family, spec in tiny_specs.items()}


@pytest.fixture
def tiny_registry(tiny_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A registry naming only the tiny models, so CLI runs don't depend on what is installed."""
    text = "".join(
        f'[[model]]\nname = "{name}"\nfamily = "{family}"\npath = "{(tiny_dir / name).as_posix()}"\n\n'
        for name, family in (("tiny-bert", "encoder"), ("tiny-gpt2", "decoder"), ("tiny-elmo", "elmo"))
    )
    path = tmp_path / "models.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("BGE_REGISTRY", str(path))
    # and an empty user data folder: models the user added or installed on this machine stay out
    monkeypatch.setenv("BGE_DATA_DIR", str(tmp_path / "user-data"))
    return path
