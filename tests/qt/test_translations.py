"""Every UI string has its Chinese, and the compiled .qm matches the .ts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_translations_complete_and_compiled() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/build_translations.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_placeholders_survive_translation() -> None:
    import re
    import xml.etree.ElementTree as ET

    root = ET.parse(ROOT / "resources" / "translations" / "bge_zh_CN.ts").getroot()
    for message in root.iter("message"):
        source, target = message.findtext("source"), message.findtext("translation")
        placeholders = re.compile(r"\{[^{}]+\}")  # with their format specs: {p:.2f}
        assert set(placeholders.findall(source)) == set(placeholders.findall(target or "")), source
