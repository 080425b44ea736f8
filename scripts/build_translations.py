"""Keep the Chinese translation in step with the code, then compile it for Qt.

1. find the English source strings: every ``tr("...")`` literal under desktop/qt, every
   ``msg("...")`` literal under desktop/core (messages the core hands to the views), and the
   strings of the resource files the window shows (the article's claims, the example labels);
2. merge them into resources/translations/bge_zh_CN.ts, keeping existing translations and
   marking new strings unfinished (fill them in with Qt Linguist or any editor);
3. compile the .ts into the .qm that the program loads, with pyside6-lrelease.

Usage: .venv/bin/python scripts/build_translations.py [--check | --add FILE.json]
  --check: change nothing; exit 1 if a string is untranslated or the .qm is out of date.
  --add: first merge FILE.json ({"English source": "中文", ...}) into the translations, so that
         several people adding strings at once never overwrite each other (the .ts is locked).
"""

from __future__ import annotations

import argparse
import ast
import fcntl
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "bge_zh_CN.ts"
QM = TS.with_suffix(".qm")
CONTEXT = "bge"


def literals(folder: Path, function: str) -> list[str]:
    """The first-argument string literals of every call to ``function`` under ``folder``."""
    found: dict[str, None] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == function
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found[node.args[0].value] = None
    return list(found)


def resource_strings() -> list[str]:
    """The article's claims, the example labels, the registry's hints, the senses' glosses and the lessons."""
    found: list[str] = []
    with (ROOT / "resources" / "knowledge" / "families.toml").open("rb") as f:
        for entry in tomllib.load(f).values():
            found += [entry[key] for key in ("title", "extractor", "direction", "mask", "pretraining")]
            found += [claim["text"] for claim in entry["pros"] + entry["cons"]]
    with (ROOT / "resources" / "knowledge" / "claims.toml").open("rb") as f:
        found += [text for entry in tomllib.load(f).values() for text in (entry["claim"], entry["method"])]
    with (ROOT / "resources" / "examples.toml").open("rb") as f:
        found += [example["label"] for example in tomllib.load(f).values()]
    with (ROOT / "resources" / "models.toml").open("rb") as f:  # what to do when a model is missing
        found += [model["get"] for model in tomllib.load(f).get("model", []) if model.get("get")]
    with (ROOT / "resources" / "polysemy" / "senses.toml").open("rb") as f:  # the senses' glosses
        found += [sense["gloss"] for word in tomllib.load(f)["word"] for sense in word["sense"]]
    for path in sorted((ROOT / "resources" / "lessons").glob("*.toml")):  # the texts are data: not here
        with path.open("rb") as f:
            lessons = tomllib.load(f).get("lesson", [])
        found += [lesson[key] for lesson in lessons for key in ("title", "question", "explanation")]
    return found


def source_strings() -> list[str]:
    strings = literals(ROOT / "desktop" / "qt", "tr") + literals(ROOT / "desktop" / "core", "msg") + resource_strings()
    return list(dict.fromkeys(strings))


def read_ts(path: Path = TS) -> dict[str, str]:
    if not path.exists():
        return {}
    out = {}
    for message in ET.parse(path).getroot().iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") != "unfinished" and translation.text:
            out[message.findtext("source", "")] = translation.text
    return out


def write_ts(strings: list[str], translations: dict[str, str], path: Path = TS) -> None:
    root = ET.Element("TS", version="2.1", language="zh_CN", sourcelanguage="en")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for text in strings:
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = text
        translation = ET.SubElement(message, "translation")
        if text in translations:
            translation.text = translations[text]
        else:
            translation.set("type", "unfinished")
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def lrelease() -> str:
    exe = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent / "pyside6-lrelease")
    if not Path(exe).exists() and not shutil.which(exe):
        raise SystemExit("pyside6-lrelease not found: install PySide6 (make setup)")
    return exe


def compile_qm(ts: Path, qm: Path) -> None:
    subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--add", type=Path, help="a JSON object of English source -> Chinese to merge first")
    args = parser.parse_args()
    if args.check:
        return check(source_strings(), read_ts())
    with TS.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return update(args.add)


def update(added: Path | None) -> int:
    strings, translations = source_strings(), read_ts()
    if added is not None:
        translations |= json.loads(added.read_text(encoding="utf-8"))
    missing = [s for s in strings if s not in translations]
    write_ts(strings, translations)
    fresh = QM.with_suffix(".qm.tmp")
    compile_qm(TS, fresh)
    fresh.replace(QM)  # a new file, not rewritten in place: a running window maps the old .qm (Qt mmaps it)
    print(f"{len(strings)} strings, {len(missing)} untranslated; wrote {TS.name} and {QM.name}")
    for text in missing:
        print(f"untranslated: {text!r}")
    return 0


def check(strings: list[str], translations: dict[str, str]) -> int:
    missing = [s for s in strings if s not in translations]
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "check.qm"
        compile_qm(TS, fresh)
        stale = not QM.exists() or QM.read_bytes() != fresh.read_bytes()
    for text in missing:
        print(f"untranslated: {text!r}")
    if stale:
        print(f"{QM.name} is out of date: run scripts/build_translations.py")
    return 1 if missing or stale else 0


if __name__ == "__main__":
    sys.exit(main())
