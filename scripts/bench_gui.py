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
    p99 = statistics.quantiles(stalls, n=100, method="inclusive")[-1]
    return f"max {max(stalls):.1f} ms, p99 {p99:.1f} ms, over 100 ms: {over}"


def wait_for(window, stage: str, timeout_s: float = 600) -> float:
    """Milliseconds until the editor's text has every model's first result (``all_done``) or its
    slow probes too (``probes_done``), polled so that a signal sent before the wait is not missed."""
    from PySide6.QtCore import QEventLoop, QTimer

    def reached() -> bool:
        session = window.session
        current = session.text == window.text.toPlainText() and not window.debounce.isActive()
        return current and (session.finished if stage == "probes_done" else session.answered)

    loop, poll = QEventLoop(), QTimer()
    poll.setInterval(5)
    poll.timeout.connect(lambda: reached() and loop.quit())
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    t = time.perf_counter()
    if not reached():
        poll.start()
        loop.exec()
        poll.stop()
    return (time.perf_counter() - t) * 1000


def visit_every_tab(window, meter: StallMeter, rounds: int) -> dict[str, dict[str, list[float]]]:
    """With each tab on screen in turn (Compare included): type a text, then run another at once;
    returns per tab the stalls and the times to every tab's result and to the slow probes."""
    from PySide6.QtWidgets import QApplication

    out: dict[str, dict[str, list[float]]] = {}
    for i in range(rounds):
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            QApplication.processEvents()
            name = window.tabs.tabText(index)
            row = out.setdefault(name, {"stalls": [], "typed": [], "direct": [], "probes": []})
            text = TEXTS[(i + index) % len(TEXTS)] + f" ({i}.{index})"
            meter.take()
            window.text.setPlainText(text)  # as typing: the debounce timer starts
            row["typed"].append(wait_for(window, "all_done"))
            row["probes"].append(wait_for(window, "probes_done"))
            window.text.blockSignals(True)
            window.text.setPlainText(text + " again")
            window.text.blockSignals(False)
            window.run_now()  # as Ctrl+Enter: no debounce
            row["direct"].append(wait_for(window, "all_done"))
            wait_for(window, "probes_done")
            row["stalls"] += meter.take()
    return out


def switch_language(window, meter: StallMeter) -> list[float]:
    """Milliseconds each language switch blocks the GUI thread (every view redraws in place)."""
    from PySide6.QtWidgets import QApplication

    times = []
    for language in ("zh", "en", "zh", "en"):
        t = time.perf_counter()
        window.language_box.setCurrentIndex(window.language_box.findData(language))
        QApplication.processEvents()
        times.append((time.perf_counter() - t) * 1000)
    meter.take()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", choices=["tiny", "full"], default="full")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings

    from desktop.core.runtime import configure_compute
    from desktop.qt.app import application, build_window
    from desktop.qt.main_window import DEBOUNCE_MS

    app = application()
    threads = configure_compute(leave_free=1).per_turn
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        specs = make_models(tmp, args.size)
        window = build_window(specs, "en", QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
        window.resize(1400, 900)
        window.show()
        meter = StallMeter()
        print(f"{args.size} models: {', '.join(s.name for s in specs)}; {threads} torch thread(s) for the models")
        window.text.setPlainText(TEXTS[0])
        meter.start()
        window.start()
        load_ms = wait_for(window, "all_done")
        print(f"load + first result of all three: {load_ms:.0f} ms; GUI stall while loading: {summary(meter.take())}")
        wait_for(window, "probes_done")
        meter.take()
        for name, row in visit_every_tab(window, meter, args.rounds).items():
            print(
                f"[{name} on screen] typing -> every result (incl. the {DEBOUNCE_MS} ms pause): median "
                f"{statistics.median(row['typed']):.0f} ms; Ctrl+Enter -> every result: median "
                f"{statistics.median(row['direct']):.0f} ms; then the slow probes: median "
                f"{statistics.median(row['probes']):.0f} ms; GUI stall: {summary(row['stalls'])}"
            )
        switches = switch_language(window, meter)
        print(f"language switch: {', '.join(f'{t:.0f}' for t in switches)} ms (GUI thread blocked)")
        window.close()
    app.processEvents()


if __name__ == "__main__":
    main()
