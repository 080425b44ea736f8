"""Memory a long text costs: resident memory while one model's result for a 1 MB text is held,
and after it is dropped, for each tiny model. Prints figures; asserts nothing.

Usage: .venv/bin/python scripts/bench_memory.py [--kib 1024]
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def rss_mb() -> float:
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kib", type=int, default=1024, help="text size")
    args = parser.parse_args()
    from tiny_models import make_tiny_bert, make_tiny_gpt2, write_elmo_folder

    from desktop.core.encoding import Family
    from desktop.core.models import load_adapter
    from desktop.core.pipeline import stages
    from desktop.core.runtime import return_large_buffers_to_the_system
    from desktop.core.store.registry import ModelSpec

    return_large_buffers_to_the_system()
    tmp = Path(tempfile.mkdtemp())
    make_tiny_bert(tmp / "bert")
    make_tiny_gpt2(tmp / "gpt2")
    specs = [
        ModelSpec("tiny-bert", Family.ENCODER, path=tmp / "bert"),
        ModelSpec("tiny-gpt2", Family.DECODER, path=tmp / "gpt2"),
        ModelSpec("tiny-elmo", Family.ELMO, path=write_elmo_folder(tmp / "elmo")),
    ]
    adapters = [load_adapter(s) for s in specs]
    for adapter in adapters:
        next(stages(adapter, "warm up on the river bank"))
    text = ("the river bank was wide and the bank held money . " * 30_000)[: args.kib * 1024]
    base = rss_mb()
    print(f"{len(text):,} characters; resident after loading the models: {base:.0f} MB")
    for adapter in adapters:
        t = time.perf_counter()
        result = next(stages(adapter, text))  # the analysis the window keeps for a text
        held = rss_mb() - base
        seconds = time.perf_counter() - t
        del result
        print(f"{adapter.name}: analysis {seconds:.1f} s, +{held:.0f} MB while held, +{rss_mb() - base:.0f} MB after")


if __name__ == "__main__":
    main()
