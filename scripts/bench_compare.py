"""Cost of ``main.py compare --json`` on a long English text: wall time, peak resident memory and
JSON size. Prints figures and whether they meet the targets; asserts nothing (shared machines).

The text is WordNet's example sentences (the prose the mini models are trained on), taken in file
order until it is long enough. ``--checkout`` runs another copy of the program (e.g. a
``git worktree`` of an older commit) with this script's venv, for before/after figures; a checkout
whose ``compare`` has no ``--layers`` writes what it always wrote, and the report says so.

Usage: .venv/bin/python scripts/bench_compare.py [--chars 20000] [--checkout DIR] [--corpus-dir DIR]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_MODELS = "mini-bert,mini-gpt,mini-elmo,minilm"
TARGETS = {"seconds": 20.0, "peak_mb": 1536.0, "json_mb": 50.0}


def prose(corpus_dir: Path, chars: int) -> str:
    """WordNet example sentences, capitalised and ended with a full stop, until ``chars`` long."""
    from desktop.training.corpus import read_glosses

    parts: list[str] = []
    total = 0
    for gloss in read_glosses(corpus_dir):
        for example in gloss.examples:
            sentence = example[0].upper() + example[1:]
            parts.append(sentence if sentence[-1] in ".!?" else sentence + ".")
            total += len(parts[-1]) + 1
            if total >= chars:
                return " ".join(parts)[:chars]
    return " ".join(parts)


def json_options(checkout: Path, layers: str, precision: str) -> list[str]:
    """The options that choose what the JSON holds, where this checkout's ``compare`` has them."""
    help_text = subprocess.run(
        [sys.executable, str(checkout / "main.py"), "compare", "--help"], capture_output=True, text=True, check=True
    ).stdout
    if "--layers" not in help_text:
        print("this checkout's compare has no --layers/--precision: it writes every layer as JSON floats")
        return []
    return ["--layers", layers, "--precision", precision]


def run_compare(checkout: Path, text: str, models: str, options: list[str], threads: int | None) -> dict[str, float]:
    """Time, peak resident memory (of the child, from the kernel's accounting) and JSON size."""
    with tempfile.TemporaryDirectory() as tmp:
        text_file, out = Path(tmp) / "text.txt", Path(tmp) / "out.json"
        text_file.write_text(text, encoding="utf-8")
        command = [sys.executable, str(checkout / "main.py")] + (["--threads", str(threads)] if threads else [])
        command += ["compare", "--text-file", str(text_file)]
        command += ["--models", models, "--json", str(out), *options]
        t = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - t
        if done.returncode != 0:
            sys.exit(f"compare failed ({done.returncode}):\n{done.stderr[-2000:]}")
        notes = [line.strip() for line in done.stdout.splitlines() if "note:" in line or line.startswith("==")]
        print("\n".join(dict.fromkeys(notes)))
        child = resource.getrusage(resource.RUSAGE_CHILDREN)  # compare is this script's only child
        return {
            "seconds": seconds,
            "cpu_seconds": child.ru_utime + child.ru_stime,  # steadier than wall time on a busy machine
            "peak_mb": child.ru_maxrss / 1024,  # KiB on Linux
            "json_mb": out.stat().st_size / 2**20,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=int, default=20_000, help="length of the text")
    parser.add_argument("--checkout", type=Path, default=ROOT, help="the copy of the program to run")
    parser.add_argument("--corpus-dir", type=Path, default=Path("/usr/share/wordnet"), help="WordNet 3.0 data.*")
    parser.add_argument("--models", default=DEFAULT_MODELS)
    parser.add_argument("--layers", default="last")
    parser.add_argument("--precision", default="float16")
    parser.add_argument("--threads", type=int, help="compare's --threads (default: its own, every core)")
    args = parser.parse_args()
    try:
        text = prose(args.corpus_dir, args.chars)
    except FileNotFoundError as exc:
        sys.exit(str(exc))
    options = json_options(args.checkout, args.layers, args.precision)
    print(f"compare on {len(text):,} characters ({len(text.split()):,} words), models {args.models}, {options}")
    figures = run_compare(args.checkout, text, args.models, options, args.threads)
    units = {"seconds": "s", "cpu_seconds": "s of CPU", "peak_mb": "MB peak resident", "json_mb": "MB of JSON"}
    for key, value in figures.items():
        verdict = "" if key not in TARGETS else "ok" if value <= TARGETS[key] else "OVER"
        target = f"target <= {TARGETS[key]:g}" if key in TARGETS else ""
        print(f"{value:9.1f} {units[key]:<18} {target:<16} {verdict}")


if __name__ == "__main__":
    main()
