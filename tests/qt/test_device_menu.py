"""Models ▸ Device: the window's models on the CPU or a GPU, remembered, a GPU that is not there
refused with a reason, and a new choice taking effect in a new window (CUDA faked: no GPU here)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import torch
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QMenu
from windows import close_and_delete

from desktop.core.models.device import device_for
from desktop.qt.device_menu import DEVICE_KEY, apply_device


def fake_cuda(monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: count > 0)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: count)
    monkeypatch.setattr(torch.cuda, "current_device", lambda: 0)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda index=0: "Fake GPU")


@pytest.fixture
def windows() -> Iterator[list]:
    built: list = []
    yield built
    for win in built:
        close_and_delete(win)


def _open(windows: list, specs: list, settings: QSettings, device: str | None = None):
    from desktop.qt.app import build_window

    win = build_window(specs, "en", settings, device=device)  # never started: no model loads on a fake GPU
    windows.append(win)
    assert _label(win) == "Models run on: …"  # the choice asks torch: made with the libraries' import
    win.controller.apply_choice(device_for(win.controller.device_request))  # what start's preload job does
    return win


def _menu(win) -> dict[str, object]:
    return {a.data(): a for a in win.findChild(QMenu, "device-menu").actions()}


def _label(win) -> str:
    return win.findChild(QLabel, "device-label").text()


def test_a_gpu_remembered_but_not_there_runs_on_the_cpu_and_says_why(
    qtbot, window_specs, settings, monkeypatch, windows
):
    fake_cuda(monkeypatch, 0)
    settings.setValue(DEVICE_KEY, "cuda")
    win = _open(windows, window_specs, settings)
    assert win.controller.device == "cpu" and _label(win) == "Models run on: CPU"
    message = win.statusBar().currentMessage()
    assert "no CUDA GPU is available to torch here (asked for: cuda)" in message and "run on the CPU" in message
    gpu = _menu(win)["cuda"]
    assert not gpu.isEnabled() and "no CUDA GPU" in gpu.toolTip()


def test_a_new_choice_moves_the_models_in_a_new_window(qtbot, window_specs, settings, monkeypatch, windows):
    fake_cuda(monkeypatch, 1)
    win = _open(windows, window_specs, settings)
    assert win.controller.device == "cuda:0" and _label(win) == "Models run on: cuda:0 (Fake GPU)"
    assert _menu(win)["auto"].isChecked() and _menu(win)["cuda"].isEnabled()
    win.text.setPlainText("the river bank")
    new = apply_device(win, "cpu")
    assert new is not win and win.replaced_by is new
    windows[:] = [new]  # the old one closed as it was replaced
    new.controller.apply_choice(device_for(new.controller.device_request))
    assert new.controller.device == "cpu" and _label(new) == "Models run on: CPU" and _menu(new)["cpu"].isChecked()
    assert new.tab_models() == win.tab_models() and new.text.toPlainText() == "the river bank"
    assert settings.value(DEVICE_KEY) == "cpu"
    assert apply_device(new, "cpu") is new, "the same device changes nothing"
    again = _open(windows, window_specs, settings)
    assert again.controller.device == "cpu", "the choice is remembered"


def test_the_command_line_choice_is_remembered(qtbot, window_specs, settings, monkeypatch, windows) -> None:
    fake_cuda(monkeypatch, 1)
    assert _open(windows, window_specs, settings, device="cpu").controller.device == "cpu"
    assert settings.value(DEVICE_KEY) == "cpu" and _open(windows, window_specs, settings).controller.device == "cpu"


def test_the_window_appears_before_torch_is_imported(tmp_path) -> None:
    """torch's import is about a second: the window is built and shown without it (issue 11)."""
    import subprocess
    import sys

    code = (
        "import sys; from PySide6.QtCore import QSettings; from desktop.qt.app import application, build_window; "
        "app = application(); "
        f"w = build_window([], 'en', QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat)); "
        "w.show(); app.processEvents(); print('torch' in sys.modules)"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert out.stdout.strip().splitlines()[-1:] == ["False"], out.stderr[-2000:]
