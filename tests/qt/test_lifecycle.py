"""Starting and stopping: libraries are imported before any model worker runs, and the process
exits cleanly when the window is closed in the middle of a run."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import desktop.core.models as models_module

ROOT = Path(__file__).resolve().parents[2]


def test_libraries_are_imported_before_any_model_loads(qtbot, window_specs, settings, monkeypatch) -> None:
    from desktop.qt.app import build_window

    events: list[str] = []
    real_preload, real_load = models_module.preload_libraries, models_module.load_adapter

    def preload() -> None:
        events.append("preload start")
        time.sleep(0.2)  # a slow import: a model worker started now would show up in between
        real_preload()
        events.append("preload end")

    def load(spec, progress=None):
        events.append(f"load {spec.name}")
        return real_load(spec, progress)

    monkeypatch.setattr(models_module, "preload_libraries", preload)
    monkeypatch.setattr(models_module, "load_adapter", load)
    win = build_window(window_specs, "en", settings)
    qtbot.addWidget(win)
    win.text.setPlainText("the river bank")
    with qtbot.waitSignal(win.all_done, timeout=60_000):
        win.start()
    win.close()
    assert events[:2] == ["preload start", "preload end"]
    assert sorted(events[2:]) == sorted(f"load {s.name}" for s in window_specs)


EXIT_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from desktop.core.encoding import Family
from desktop.core.store.registry import load_registry
from desktop.qt.app import application, build_window
from desktop.qt.worker import wait_for_parked

app = application()
window = build_window(load_registry(), "en")
window.text.setPlainText(" ".join(["the river bank was wide and the bank held money ."] * 300))
window.show()
window.start()
QTimer.singleShot(int(sys.argv[1]), window.close)
QTimer.singleShot(int(sys.argv[1]) + 50, app.quit)
app.exec()
wait_for_parked()
print("exited")
"""


def test_closing_during_a_run_exits_cleanly_every_time(tiny_registry, tmp_path) -> None:
    env = {**os.environ, "BGE_REGISTRY": str(tiny_registry), "QT_QPA_PLATFORM": "offscreen"}
    env["XDG_CONFIG_HOME"] = str(tmp_path)  # settings of this test only
    for delay_ms in (0, 200, 600, 1500):
        result = subprocess.run(
            [sys.executable, "-c", EXIT_SCRIPT, str(delay_ms)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0 and result.stdout.strip() == "exited", (delay_ms, result.stderr[-2000:])
        assert "QThread" not in result.stderr and "Traceback" not in result.stderr, result.stderr[-2000:]
