"""Benchmark of the core: import time, and each family's encode time next to a bare forward.

Prints figures; asserts nothing (these machines are shared and noisy: compare the ratios
measured in the same run). Usage: .venv/bin/python scripts/bench_core.py [--repeats N] [--no-full]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

SENTENCE = "The teacher said the old bank by the river was closed, so we walked to the new bank."
IMPORT_CORE = (
    "import desktop.core.models.encoder, desktop.core.models.decoder, desktop.core.models.elmo;"
    "from desktop.core.models.allennlp_compat import load_elmo_modules; load_elmo_modules()"
)
IMPORT_BARE = "import torch, transformers, transformers.models.bert, transformers.models.gpt2"


def paired_median_ms(core: Callable[[], object], bare: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median times of two calls run alternately, so that load from elsewhere hits both alike."""
    core(), bare()  # warm-up
    times: dict[Callable[[], object], list[float]] = {core: [], bare: []}
    for _ in range(repeats):
        for fn in (core, bare):
            t = time.perf_counter()
            fn()
            times[fn].append((time.perf_counter() - t) * 1000)
    return statistics.median(times[core]), statistics.median(times[bare])


def import_seconds(statement: str, repeats: int = 3) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout)
        for _ in range(repeats)
    ]
    return statistics.median(runs)


def bench_transformer(adapter, repeats: int) -> tuple[float, float]:
    import torch

    def bare() -> None:
        with torch.inference_mode():
            adapter.model(**adapter.tokenizer(SENTENCE, return_tensors="pt"), output_hidden_states=True)

    return paired_median_ms(lambda: adapter.encode(SENTENCE), bare, repeats)


def bench_elmo(adapter, repeats: int) -> tuple[float, float]:
    import torch

    from desktop.core.text.words import split_words

    words = split_words(SENTENCE)[0]

    def bare() -> None:
        with torch.inference_mode():
            adapter.bilm(adapter._allennlp.batch_to_ids([words]))

    return paired_median_ms(lambda: adapter.encode(SENTENCE), bare, repeats)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--no-full", action="store_true", help="skip the full-size random-weight models")
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()

    import torch
    from tiny_models import ELMO_FIXTURE, make_tiny_bert, make_tiny_gpt2
    from transformers import BertConfig, BertForPreTraining, GPT2Config, GPT2LMHeadModel

    from desktop.core.models.decoder import DecoderAdapter
    from desktop.core.models.elmo import ElmoAdapter
    from desktop.core.models.elmo_hdf5 import ORIGINAL_OPTIONS, random_elmo_tensors, write_elmo_files
    from desktop.core.models.encoder import EncoderAdapter
    from desktop.core.runtime import configure_compute
    from desktop.core.text.words import split_words

    threads = configure_compute(args.threads).per_turn
    print(f"python {sys.version.split()[0]}, torch {torch.__version__}, {threads} torch thread(s)")
    print(f"sentence: {len(split_words(SENTENCE)[0])} words")

    core, bare = import_seconds(IMPORT_CORE), import_seconds(IMPORT_BARE)
    print(
        f"\nimport (fresh process, median of 3): core adapters + allennlp ELMo {core:.2f} s; "
        f"bare torch + transformers {bare:.2f} s; core adds {core - bare:.2f} s"
    )

    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        bert_dir, gpt_dir = (
            make_tiny_bert(tmp / "tiny-bert", max_positions=128),
            make_tiny_gpt2(tmp / "tiny-gpt2", max_positions=128),
        )
        setups = [
            ("tiny", "encoder", lambda: EncoderAdapter.load("tiny-bert", bert_dir)),
            ("tiny", "decoder", lambda: DecoderAdapter.load("tiny-gpt2", gpt_dir)),
            (
                "tiny",
                "elmo",
                lambda: ElmoAdapter("tiny-elmo", ELMO_FIXTURE / "options.json", ELMO_FIXTURE / "lm_weights.hdf5"),
            ),
        ]
        if not args.no_full:
            full_bert, full_gpt = tmp / "bert-base-random", tmp / "gpt2-random"
            torch.manual_seed(0)
            BertForPreTraining(BertConfig()).save_pretrained(full_bert)
            GPT2LMHeadModel(GPT2Config()).save_pretrained(full_gpt)
            for src, dst in ((bert_dir, full_bert), (gpt_dir, full_gpt)):
                for f in ("tokenizer.json", "tokenizer_config.json"):
                    (dst / f).write_bytes((src / f).read_bytes())
            opts, weights = write_elmo_files(
                tmp / "elmo-random", ORIGINAL_OPTIONS, random_elmo_tensors(ORIGINAL_OPTIONS)
            )
            setups += [
                ("full-size random", "encoder (bert-base)", lambda: EncoderAdapter.load("bert-base-random", full_bert)),
                ("full-size random", "decoder (gpt2)", lambda: DecoderAdapter.load("gpt2-random", full_gpt)),
                ("full-size random", "elmo (original)", lambda: ElmoAdapter("elmo-random", opts, weights)),
            ]
        for size, family, load in setups:
            t = time.perf_counter()
            adapter = load()
            load_s = time.perf_counter() - t
            bench = bench_elmo if family.startswith("elmo") else bench_transformer
            core_ms, bare_ms = bench(adapter, args.repeats)
            rows.append(
                {
                    "size": size,
                    "family": family,
                    "parameters": adapter.parameters,
                    "load_s": round(load_s, 2),
                    "encode_ms": round(core_ms, 2),
                    "bare_forward_ms": round(bare_ms, 2),
                    "ratio": round(core_ms / bare_ms, 3),
                }
            )

    print(
        f"\nencode of the {len(split_words(SENTENCE)[0])}-word sentence, median of {args.repeats} "
        "(core = tokenize + forward with all hidden layers + alignment; bare = tokenizer + model forward)"
    )
    print(f"{'models':<17} {'family':<20} {'params':>12} {'load s':>7} {'core ms':>9} {'bare ms':>9} {'core/bare':>9}")
    for r in rows:
        print(
            f"{r['size']:<17} {r['family']:<20} {r['parameters']:>12,} {r['load_s']:>7.2f} "
            f"{r['encode_ms']:>9.2f} {r['bare_forward_ms']:>9.2f} {r['ratio']:>9.3f}"
        )
    print("\n" + json.dumps(rows))


if __name__ == "__main__":
    main()
