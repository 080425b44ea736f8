"""Benchmark and check of the models on a GPU (``--device cuda``), runnable on the CPU too.

For random-weight models of the original sizes (bert-base, gpt2, the original ELMo; ``--size tiny``:
the test suite's tiny ones) built here, without the internet, it prints:
- each model on the device against the same model on the CPU: the largest difference of any layer;
- bert-base and gpt2: the adapter's ``encode`` (tokenize, forward with every hidden layer, back to the
  CPU as float32, aligned) against a bare ``model(**inputs)`` forward on the device; target <= 1.2x;
- ELMo: the fast biLM (desktop/core/models/elmo_lstm.py) against allennlp's ``_ElmoBiLm``, both on the
  device, on one 20-word sentence and on 10 sentences in one batch; target >= 3x, equal within 1e-5;
- the pipeline run on the device (``--smoke probes``: the analysis and the probes; ``all``: the claims'
  measurements too, minutes on a CPU), or the error it raised and where.
Asserts nothing; medians of calls run alternately, each call ended by a device synchronisation. A
family whose libraries are missing (allennlp and h5py for ELMo) is skipped with the reason.

Usage: .venv/bin/python scripts/bench_gpu.py [--device cuda|cpu|auto] [--size full|tiny] [--repeats N]
For a GPU session: ``--size tiny --smoke all`` (every code path on the device), then ``--size full``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(ROOT / "tests")]

from bench_elmo import ONE_SENTENCE, SENTENCES  # noqa: E402  (after the path above)

SMOKE_TEXT = "I deposited cash at the bank. We had a picnic on the river bank."


def synced(device: str) -> Callable[[Callable[[], object]], Callable[[], object]]:
    """A call that returns only when the device has finished it (CUDA runs asynchronously)."""
    import torch

    def wrap(fn: Callable[[], object]) -> Callable[[], object]:
        def call() -> object:
            out = fn()
            if device.startswith("cuda"):
                torch.cuda.synchronize(device)
            return out

        return call

    return wrap


def paired_ms(calls: dict[str, Callable[[], object]], repeats: int, warmup: int = 3) -> dict[str, float]:
    """Median wall-clock ms of each call, the calls run in turn so that outside load hits all alike."""
    for fn in calls.values():
        for _ in range(warmup):  # CUDA context, cuDNN's choice of kernels, TorchScript's first runs
            fn()
    times: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeats):
        for name, fn in calls.items():
            t = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - t) * 1000)
    return {name: statistics.median(v) for name, v in times.items()}


def build_models(tmp: Path, size: str) -> dict[str, Callable[[], object]]:
    """Loaders of the three families' adapters, on the CPU, from folders written here."""
    import torch
    from tiny_models import ELMO_FIXTURE, make_tiny_bert, make_tiny_gpt2
    from transformers import BertConfig, BertForPreTraining, GPT2Config, GPT2LMHeadModel

    from desktop.core.models.decoder import DecoderAdapter
    from desktop.core.models.encoder import EncoderAdapter

    bert, gpt = make_tiny_bert(tmp / "bert", max_positions=512), make_tiny_gpt2(tmp / "gpt2", max_positions=512)
    if size == "full":  # the tiny folders' tokenizers with models of the original sizes
        torch.manual_seed(0)
        BertForPreTraining(BertConfig()).save_pretrained(bert)
        GPT2LMHeadModel(GPT2Config()).save_pretrained(gpt)

    def elmo() -> object:  # its own imports: a machine without allennlp or h5py still runs the others
        from desktop.core.models.elmo import ElmoAdapter
        from desktop.core.models.elmo_hdf5 import ORIGINAL_OPTIONS, random_elmo_tensors, write_elmo_files

        files = (ELMO_FIXTURE / "options.json", ELMO_FIXTURE / "lm_weights.hdf5")
        if size == "full":  # std 0.02: out of the chaotic regime where float32 rounding alone grows (bench_elmo.py)
            files = write_elmo_files(tmp / "elmo", ORIGINAL_OPTIONS, random_elmo_tensors(ORIGINAL_OPTIONS, scale=0.02))
        return ElmoAdapter("elmo", *files)

    return {
        f"bert ({size})": lambda: EncoderAdapter.load("bert", bert),
        f"gpt2 ({size})": lambda: DecoderAdapter.load("gpt2", gpt),
        f"elmo ({size})": elmo,
    }


def text_of_tokens(adapter, n_tokens: int) -> str:
    """Words of the benchmark sentences until the model's tokenizer gives ``n_tokens`` tokens."""
    words = " ".join(SENTENCES * 10).split()
    for end in range(1, len(words) + 1):
        if len(adapter.tokenize(" ".join(words[:end])).ids) >= n_tokens:
            return " ".join(words[:end])
    return " ".join(words)


def check_against_cpu(adapter, device: str, text: str) -> str:
    """Move ``adapter`` to ``device``; the largest difference of its layers from the CPU's on ``text``."""
    import numpy as np

    on_cpu = adapter.encode(text).layers
    t = time.perf_counter()
    adapter.to(device)
    moved_s = time.perf_counter() - t
    diff = float(np.abs(adapter.encode(text).layers - on_cpu).max())
    return f"moved to {device} in {moved_s:.2f} s; every layer within {diff:.2e} of the CPU's"


def bench_transformer(name: str, adapter, device: str, args: argparse.Namespace) -> None:
    import torch

    text = text_of_tokens(adapter, args.tokens)
    print(f"{name}: {adapter.parameters:,} parameters, {check_against_cpu(adapter, device, text)}")
    sync = synced(device)

    def bare() -> object:
        with torch.inference_mode():
            inputs = adapter.tokenizer(text, return_tensors="pt").to(device)
            return adapter.model(**inputs, output_hidden_states=True)

    times = paired_ms({"encode": sync(lambda: adapter.encode(text)), "bare": sync(bare)}, args.repeats, args.warmup)
    n = len(adapter.tokenize(text).ids)
    print(
        f"   {n} tokens: encode {times['encode']:.2f} ms, bare forward {times['bare']:.2f} ms, "
        f"encode/bare {times['encode'] / times['bare']:.2f}x (target <= 1.2x)"
    )


def bench_elmo(name: str, adapter, device: str, args: argparse.Namespace) -> None:
    import torch

    print(f"{name}: {adapter.parameters:,} parameters, {check_against_cpu(adapter, device, ' '.join(SENTENCES))}")
    sync = synced(device)
    for label, sentences in (("one 20-word sentence", [ONE_SENTENCE]), (f"{len(SENTENCES)} sentences", SENTENCES)):
        char_ids = adapter._allennlp.batch_to_ids([s.split() for s in sentences]).to(device)

        def allennlp(char_ids: torch.Tensor = char_ids) -> list[torch.Tensor]:
            adapter.bilm._elmo_lstm.reset_states()
            with torch.inference_mode():
                return adapter.bilm(char_ids)["activations"]

        def fast(char_ids: torch.Tensor = char_ids) -> torch.Tensor:
            with torch.inference_mode():
                return adapter.fast(char_ids)[0]

        times = paired_ms({"allennlp": sync(allennlp), "fast": sync(fast)}, args.repeats, args.warmup)
        diff = max(float((a - b).abs().max()) for a, b in zip(allennlp(), fast(), strict=True))
        words = sum(len(s.split()) for s in sentences)
        print(
            f"   {label} ({words} words), biLM forward: allennlp {times['allennlp']:.1f} ms, fast "
            f"{times['fast']:.1f} ms, speed-up {times['allennlp'] / times['fast']:.2f}x (target >= 3x); "
            f"max abs diff {diff:.2e}"
        )
    text = " ".join(SENTENCES)
    encode_ms = paired_ms({"encode": sync(lambda: adapter.encode(text))}, args.repeats, args.warmup)["encode"]
    print(f"   adapter encode of the {len(SENTENCES)} sentences as one text: {encode_ms:.1f} ms")


def smoke(adapter, claims: bool) -> None:
    """The pipeline's stages (analysis, probes, with ``claims`` the claims' measurements) on the adapter's device."""
    from desktop.core.pipeline import run_all

    t = time.perf_counter()
    try:
        result = run_all(adapter, SMOKE_TEXT, claims=claims)
    except Exception as exc:  # the point is to see what fails on the device, and where
        last = traceback.extract_tb(exc.__traceback__)[-1]
        print(f"   pipeline on {adapter.device}: FAILED {type(exc).__name__}: {exc} ({last.filename}:{last.lineno})")
        return
    took, claims = time.perf_counter() - t, len(result.claims or {})
    print(f"   pipeline on {adapter.device}: every stage ran in {took:.1f} s ({claims} claim measures)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--device", default="cuda", help="auto, cpu, cuda or cuda:N (default: cuda)")
    parser.add_argument("--size", choices=["full", "tiny"], default="full", help="the models' size (default: full)")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3, help="untimed calls first (CUDA context, kernels chosen)")
    parser.add_argument("--tokens", type=int, default=200, help="tokens of the transformers' text (default: 200)")
    parser.add_argument("--threads", type=int, default=None, help="CPU threads (default: all cores)")
    parser.add_argument(
        "--smoke",
        choices=["none", "probes", "all"],
        default="probes",
        help="run the pipeline on the device: the analysis and probes (default), also the claims (all), or not",
    )
    args = parser.parse_args()

    import torch

    from desktop.core.models.device import choose_device
    from desktop.core.runtime import configure_compute

    choice = choose_device(args.device)
    if choice.problem is not None:
        sys.exit(f"error: {choice.problem.english()}")
    threads = configure_compute(args.threads).per_turn
    cuda = f", CUDA {torch.version.cuda}" if choice.device != "cpu" else ""
    print(f"python {sys.version.split()[0]}, torch {torch.__version__}{cuda}, {threads} CPU thread(s)")
    print(f"device: {choice.label}; median of {args.repeats}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, load in build_models(Path(tmp), args.size).items():
            try:
                adapter = load()
            except Exception as exc:  # a family whose libraries this machine lacks: the others still run
                print(f"{name}: not loaded ({type(exc).__name__}: {exc})")
                continue
            bench = bench_elmo if name.startswith("elmo") else bench_transformer
            bench(name, adapter, choice.device, args)
            if args.smoke != "none":
                smoke(adapter, claims=args.smoke == "all")
            del adapter
            if choice.device != "cpu":
                torch.cuda.empty_cache()


if __name__ == "__main__":
    main()
