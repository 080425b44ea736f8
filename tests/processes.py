"""Run main.py in a fresh process, as a user types it (imported by tests that need a clean start)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_main(
    *args: str, env: Mapping[str, str] | None = None, prefix: Sequence[str] = (), timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    """``python main.py ARGS`` in the repository, optionally under a wrapper (``xvfb-run -a``)."""
    command = [*prefix, sys.executable, "main.py", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
