"""How models should share the cores: three models analyse one text at the same time, each on its
own thread as in the window, under several compute budgets (threads in all, turns at once).

"all at once, k threads each" is what the window did before the budget: every worker running
with k torch threads. Each budget runs in a fresh process (torch reads its thread count once per
thread). Prints the time to the first model's result and to the last; asserts nothing.

Usage: .venv/bin/python scripts/bench_threads.py [--size mini|full] [--words 80] [--repeats 2] [--stages 1|2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "scripts")]


def budgets(cores: int) -> list[tuple[str, int, int]]:
    """(label, threads in all, turns): the old way, then one or more turns of the same cores."""
    return [
        (f"all at once, {max(1, cores - 1)} thread(s) each (window before)", 3 * max(1, cores - 1), 3),
        (f"all at once, {cores} thread(s) each", 3 * cores, 3),
        (f"one turn, {cores} thread(s)", cores, 1),
        (f"one turn, {max(1, cores - 1)} thread(s)", max(1, cores - 1), 1),
        (f"two turns, {max(1, cores // 2)} thread(s) each", 2 * max(1, cores // 2), 2),
    ]


def full_size_folders(tmp: Path) -> None:
    """bert-base, gpt2 and the original ELMo with random weights (the real ones are not here)."""
    import torch
    from tiny_models import make_tiny_bert, make_tiny_gpt2
    from transformers import BertConfig, BertForPreTraining, GPT2Config, GPT2LMHeadModel

    from desktop.core.models.elmo_hdf5 import ORIGINAL_OPTIONS, random_elmo_tensors, write_elmo_files

    torch.manual_seed(0)
    BertForPreTraining(BertConfig()).save_pretrained(tmp / "bert")
    GPT2LMHeadModel(GPT2Config()).save_pretrained(tmp / "gpt2")
    for src, dst in ((make_tiny_bert(tmp / "tb"), tmp / "bert"), (make_tiny_gpt2(tmp / "tg"), tmp / "gpt2")):
        for f in ("tokenizer.json", "tokenizer_config.json"):
            (dst / f).write_bytes((src / f).read_bytes())
    write_elmo_files(tmp / "elmo", ORIGINAL_OPTIONS, random_elmo_tensors(ORIGINAL_OPTIONS))


def load(size: str, folder: Path) -> list:
    from desktop.core.encoding import Family
    from desktop.core.models import load_adapter
    from desktop.core.store.registry import ModelSpec, load_registry

    if size == "mini":
        specs = {s.name: s for s in load_registry()}
        return [load_adapter(specs[n]) for n in ("mini-bert", "mini-gpt", "mini-elmo")]
    families = {"bert": Family.ENCODER, "gpt2": Family.DECODER, "elmo": Family.ELMO}
    return [load_adapter(ModelSpec(name, family, path=folder / name)) for name, family in families.items()]


def one_budget(size: str, folder: Path, text: str, threads: int, turns: int, stages_: int) -> dict[str, float]:
    """Every model's first ``stages_`` stages on its own thread, under one budget: seconds until
    the first model is done and until all are."""
    from desktop.core.pipeline import stages
    from desktop.core.runtime import configure_compute, taking_turns

    configure_compute(threads, turns=turns)
    adapters = load(size, folder)
    for adapter in adapters:  # warm-up, one at a time
        adapter.encode("The bank by the river was closed. We walked.")
    done: list[float] = []
    t0 = time.perf_counter()

    def work(adapter) -> None:
        for _ in taking_turns(islice(stages(adapter, text), stages_)):
            pass
        done.append(time.perf_counter() - t0)

    threads_ = [threading.Thread(target=work, args=(a,)) for a in adapters]
    for t in threads_:
        t.start()
    for t in threads_:
        t.join()
    return {"first": min(done), "last": max(done)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", choices=["mini", "full"], default="mini")
    parser.add_argument("--words", type=int, default=80)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--corpus-dir", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--stages", type=int, choices=[1, 2], default=2, help="1: the analysis; 2: and the slow probes")
    parser.add_argument("--one", nargs=4, help=argparse.SUPPRESS)  # FOLDER TEXT_FILE THREADS TURNS (child)
    args = parser.parse_args()
    if args.one:
        folder, text_file, threads, turns = args.one
        text = Path(text_file).read_text(encoding="utf-8")
        print(json.dumps(one_budget(args.size, Path(folder), text, int(threads), int(turns), args.stages)))
        return
    from bench_compare import prose

    text = " ".join(prose(args.corpus_dir, args.words * 8).split()[: args.words])
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.size == "full":
            full_size_folders(tmp)
        (tmp / "text.txt").write_text(text, encoding="utf-8")
        print(
            f"{cores} cores, {args.size} models, {len(text.split())} words, {args.stages} stage(s), {args.repeats} runs"
        )
        print(f"{'budget':<48} {'first model done s':>18} {'all three s':>12}", flush=True)
        for _ in range(args.repeats):  # budgets alternate, so that load from elsewhere hits all alike
            for label, threads, turns in budgets(cores):
                command = [sys.executable, __file__, "--size", args.size, "--stages", str(args.stages)]
                command += ["--one", str(tmp), str(tmp / "text.txt"), str(threads), str(turns)]
                out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
                row = json.loads(out.splitlines()[-1])
                print(f"{label:<48} {row['first']:>18.2f} {row['last']:>12.2f}", flush=True)


if __name__ == "__main__":
    main()
