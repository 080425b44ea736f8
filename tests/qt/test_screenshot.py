"""`python main.py screenshot` as a user runs it: a fresh process, offscreen, waits for the models."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def test_screenshot_command_writes_the_window(tiny_registry, tmp_path) -> None:
    out = tmp_path / "shot.png"
    env = {**os.environ, "BGE_REGISTRY": str(tiny_registry), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "main.py", "screenshot", "--out", str(out), "--lang", "zh", "--tab", "compare"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() >= 1000 and image.height() >= 700


def test_screenshot_unknown_tab_is_one_clear_line(tiny_registry, tmp_path) -> None:
    env = {**os.environ, "BGE_REGISTRY": str(tiny_registry), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "main.py", "screenshot", "--out", str(tmp_path / "x.png"), "--tab", "nope"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: no tab named 'nope'") and "Traceback" not in result.stderr
