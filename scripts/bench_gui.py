"""Benchmark of the window: how long the GUI event loop stalls while three models compute, and
the time from a text change to every tab's result.

A 10 ms QTimer runs on the GUI thread the whole time; its lateness is the stall a user would
feel. Prints figures; asserts nothing (target: no stall over 100 ms on this machine).
Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/bench_gui.py [--size tiny|full] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TEXTS = [
    "I deposited cash at the bank. We had a picnic on the river bank.",
    "The animal didn't cross the street because it was too tired.\nThe animal didn't cross the street "
    "because it was too wide.",
    "A bank holds people's money.\nThe river bank was covered in flowers.\nShe keeps her savings at the bank.",
    "The teacher typed a sentence in front of the class and every model showed what it made of it.",
    "We walked along the side of the river until the sun went down behind the old bank building.",
]
TICK_MS = 10


class StallMeter:
    """Lateness of a periodic GUI-thread timer: the longest time the event loop was blocked."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.stalls: list[float] = []

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.stalls.append((now - self.last) * 1000 - TICK_MS)
        self.last = now

    def take(self) -> list[float]:
        out, self.stalls = self.stalls, []
        return out


def make_models(tmp: Path, size: str) -> list:
    from tiny_models import make_tiny_bert, make_tiny_gpt2, write_elmo_folder

    from desktop.core.encoding import Family
    from desktop.core.models.elmo_hdf5 import ORIGINAL_OPTIONS, random_elmo_tensors, write_elmo_files
    from desktop.core.store.registry import ModelSpec

    bert, gpt = make_tiny_bert(tmp / "bert"), make_tiny_gpt2(tmp / "gpt2")
    elmo = write_elmo_folder(tmp / "elmo")
    if size == "full":
        import torch
        from transformers import BertConfig, BertForPreTraining, GPT2Config, GPT2LMHeadModel

        torch.manual_seed(0)
        BertForPreTraining(BertConfig()).save_pretrained(bert)
        GPT2LMHeadModel(GPT2Config()).save_pretrained(gpt)
        elmo = tmp / "elmo-full"
        write_elmo_files(elmo, ORIGINAL_OPTIONS, random_elmo_tensors(ORIGINAL_OPTIONS))
    return [
        ModelSpec(f"bert-{size}", Family.ENCODER, path=bert),
        ModelSpec(f"gpt2-{size}", Family.DECODER, path=gpt),
        ModelSpec(f"elmo-{size}", Family.ELMO, path=elmo),
    ]


def summary(stalls: list[float]) -> str:
    if not stalls:
        return "no ticks"
    over = sum(s > 100 for s in stalls)
    return f"max {max(stalls):.1f} ms, p99 {statistics.quantiles(stalls, n=100)[-1]:.1f} ms, over 100 ms: {over}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", choices=["tiny", "full"], default="full")
    parser.add_argument("--rounds", type=int, default=len(TEXTS))
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from desktop.core.runtime import configure_torch_threads
    from desktop.qt.app import application, build_window
    from desktop.qt.main_window import DEBOUNCE_MS

    app = application()
    threads = configure_torch_threads(leave_free=1)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        specs = make_models(tmp, args.size)
        window = build_window(specs, "en", QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
        window.show()
        meter = StallMeter()

        def wait_all_done(timeout_s: float = 600) -> float:
            loop = QEventLoop()
            window.all_done.connect(loop.quit)
            QTimer.singleShot(int(timeout_s * 1000), loop.quit)
            t = time.perf_counter()
            loop.exec()
            window.all_done.disconnect(loop.quit)
            return (time.perf_counter() - t) * 1000

        print(f"{args.size} models: {', '.join(s.name for s in specs)}; {threads} torch thread(s) for the models")
        window.text.setPlainText(TEXTS[0])
        meter.start()
        window.start()
        load_ms = wait_all_done()
        print(f"load + first result of all three: {load_ms:.0f} ms; GUI stall while loading: {summary(meter.take())}")

        typed, direct = [], []
        stalls: list[float] = []
        for i in range(args.rounds):
            text = TEXTS[i % len(TEXTS)] + f" ({i})"
            window.text.setPlainText(text)  # as typing: the debounce timer starts
            typed.append(wait_all_done())
            stalls += meter.take()
            window.text.blockSignals(True)
            window.text.setPlainText(text + " again")
            window.text.blockSignals(False)
            window.run_now()  # as Ctrl+Enter: no debounce
            direct.append(wait_all_done())
            stalls += meter.take()
        per_model = {name: tab.analysis.encoding.timings_ms["total"] for name, tab in window.model_tabs.items()}
        print(
            f"text change -> every tab's result, typing (includes the {DEBOUNCE_MS} ms pause): "
            f"median {statistics.median(typed):.0f} ms, max {max(typed):.0f} ms over {len(typed)} texts"
        )
        print(
            f"Run/Ctrl+Enter -> every tab's result: median {statistics.median(direct):.0f} ms, max {max(direct):.0f} ms"
        )
        print("last encode per model: " + ", ".join(f"{n} {ms:.0f} ms" for n, ms in per_model.items()))
        print(f"GUI stall while computing ({len(stalls)} ticks of {TICK_MS} ms): {summary(stalls)}")
        window.close()
    app.processEvents()


if __name__ == "__main__":
    main()
