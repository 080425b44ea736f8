"""Benchmark of ELMo's batched forward (desktop/core/models/elmo_lstm.py) against allennlp's ``_ElmoBiLm``.

Prints, for random weights of the original ELMo size (and the shipped mini-ELMo):
- the biLM forward on the same batch of sentences, allennlp against the fast path: median ms,
  speed-up and the largest absolute difference over every layer;
- the adapter's ``encode`` as it was (allennlp, the whole text as one sequence, one window at a time)
  against now (each sentence on its own, all in one batch): median ms;
- how much of the fast forward the char-CNN token layer (allennlp's own) takes.
The fast path keeps each token's char-CNN vector (desktop/core/models/elmo_chars.py); every "fast" and
"now" figure clears them before each call, so that it computes as much as allennlp's side does; one
line gives the same batch with the vectors of the previous call kept.
Asserts nothing: these machines are shared and noisy, so the two sides of each comparison are
timed alternately. Usage: .venv/bin/python scripts/bench_elmo.py [--repeats N] [--threads N] [--scale S]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

SENTENCES = [
    "The teacher said the old bank by the river was closed , so we walked to the new one .",
    "My brother deposited his first salary there and then sat on the grass to watch the boats pass slowly .",
    "The river had flooded twice that spring , and the muddy bank still smelled of wet leaves and fish .",
    "Nobody expected the small museum near the bridge to attract so many visitors during the long winter .",
    "She read the letter again , folded it carefully , and put it back into the drawer of her desk .",
    "After the storm , the children collected branches from the garden and built a tiny house for the cat .",
    "The engineers tested the new engine for three weeks before they finally agreed that it was safe .",
    "In the evening the market filled with people buying bread , cheese , fresh fruit and cheap flowers .",
    "He could not remember where he had parked the car , so he walked around the block twice .",
    "When the music stopped , everyone turned toward the door where a stranger stood holding an umbrella .",
]
ONE_SENTENCE = SENTENCES[0]


def paired_ms(calls: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """Median wall-clock ms of each call, the calls run in turn so that outside load hits all alike;
    also under ``"<name> cpu"`` the median CPU time of the process (all threads), which other
    processes on a busy machine disturb less."""
    for fn in calls.values():
        fn()  # warm-up
    times: dict[str, list[float]] = {key: [] for name in calls for key in (name, f"{name} cpu")}
    for _ in range(repeats):
        for name, fn in calls.items():
            t, cpu = time.perf_counter(), time.process_time()
            fn()
            times[name].append((time.perf_counter() - t) * 1000)
            times[f"{name} cpu"].append((time.process_time() - cpu) * 1000)
    return {name: statistics.median(v) for name, v in times.items()}


def versus(times: dict[str, float], a: str, b: str) -> str:
    """``a`` against ``b``: wall ms, speed-up, and the same in CPU time."""
    return (
        f"{a} {times[a]:.1f} ms, {b} {times[b]:.1f} ms, speed-up {times[a] / times[b]:.2f}x "
        f"(CPU time {times[a + ' cpu']:.1f} / {times[b + ' cpu']:.1f} ms, {times[a + ' cpu'] / times[b + ' cpu']:.2f}x)"
    )


def bench_bilm(adapter, batch: list[list[str]], repeats: int) -> tuple[dict[str, float], float]:
    """allennlp's ``_ElmoBiLm`` against the fast path on the same char ids; and their largest difference."""
    import torch

    char_ids = adapter._allennlp.batch_to_ids(batch)

    def allennlp() -> list:
        adapter.bilm._elmo_lstm.reset_states()
        with torch.inference_mode():
            return adapter.bilm(char_ids)["activations"]

    def fast(cold: bool = True) -> torch.Tensor:
        if cold:
            adapter.fast.token_vectors.clear()
        with torch.inference_mode():
            return adapter.fast(char_ids)[0]

    def char_cnn() -> object:
        with torch.inference_mode():
            return adapter.fast.token_embedder(char_ids)

    calls = {"allennlp": allennlp, "fast": fast, "fast, tokens kept": lambda: fast(False), "char-CNN": char_cnn}
    times = paired_ms(calls, repeats)
    diff = max(float((a - b).abs().max()) for a, b in zip(allennlp(), fast(), strict=True))
    return times, diff


def old_encode(adapter, text: str) -> object:
    """The adapter's forward before the fast path: allennlp on the whole text as one sequence, in
    windows of 256 words run one at a time (the text here fits one window)."""
    import torch

    from desktop.core.models.elmo import WINDOW_WORDS
    from desktop.core.text.windowing import run_in_windows
    from desktop.core.text.words import split_words

    words = split_words(text)[0]

    def window(win) -> object:
        adapter.bilm._elmo_lstm.reset_states()
        with torch.inference_mode():
            out = adapter.bilm(adapter._allennlp.batch_to_ids([words[win.start : win.end]]))
        layers = [adapter._allennlp.remove_sentence_boundaries(a, out["mask"])[0] for a in out["activations"]]
        return torch.stack(layers, dim=1)[0].float().numpy()

    return run_in_windows(len(words), WINDOW_WORDS, window)


def cold_encode(adapter, text: str) -> object:
    """The adapter's ``encode`` with no token vector kept from an earlier call."""
    adapter.fast.token_vectors.clear()
    return adapter.encode(text)


def bench_direction(label: str, adapter, repeats: int) -> None:
    """The direction probe (one variant text per word, 40 words) with the variants batched, against
    encoding them one text at a time; both on the fast path."""
    import functools

    from desktop.core.measure.probes import direction
    from desktop.core.models.base import ModelAdapter

    text = " ".join(SENTENCES[:2])
    one_at_a_time = functools.partial(ModelAdapter.encode_many, adapter)

    def looped() -> object:
        adapter.encode_many = one_at_a_time
        try:
            return direction(adapter, text)
        finally:
            del adapter.encode_many

    times = paired_ms({"one text at a time": looped, "batched": lambda: direction(adapter, text)}, repeats)
    print(f"{label}, direction probe on 40 words in 2 sentences: {versus(times, 'one text at a time', 'batched')}")


def report(label: str, adapter, repeats: int) -> None:
    texts = {"one 20-word sentence": ONE_SENTENCE, f"{len(SENTENCES)} sentences": " ".join(SENTENCES)}
    for name, text in texts.items():
        batch = [s.split() for s in (SENTENCES if text != ONE_SENTENCE else [ONE_SENTENCE])]
        n_words = sum(len(words) for words in batch)
        (times, diff) = bench_bilm(adapter, batch, repeats)
        print(
            f"{label}, {name} ({n_words} words), biLM forward on the same batch: {versus(times, 'allennlp', 'fast')}; "
            f"max abs diff {diff:.2e}; char-CNN alone on every token {times['char-CNN']:.1f} ms "
            f"({100 * times['char-CNN cpu'] / times['fast cpu']:.0f}% of fast in CPU time); "
            f"fast with the token vectors of the previous call kept {times['fast, tokens kept']:.1f} ms"
        )
        calls = {"before": lambda t=text: old_encode(adapter, t), "now": lambda t=text: cold_encode(adapter, t)}
        print(
            f"{label}, {name}, adapter encode, before = allennlp on the whole text as one sequence, "
            f"now = its sentences in one batch, fast: {versus(paired_ms(calls, repeats), 'before', 'now')}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--scale",
        type=float,
        default=0.02,
        help="std of the random weights. 0.02 gives the LSTM weights about the scale, for their fan-in, of the trained "
        "reference fixture; at 0.1 the random LSTM is chaotic and float32 rounding alone moves its top "
        "layer by ~0.2 (allennlp against itself, a sentence alone and in a batch)",
    )
    parser.add_argument("--no-mini", action="store_true", help="skip the shipped mini-ELMo")
    args = parser.parse_args()

    import torch

    from desktop.core.models.elmo import ElmoAdapter
    from desktop.core.models.elmo_hdf5 import ORIGINAL_OPTIONS, random_elmo_tensors, write_elmo_files

    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} torch threads, median of {args.repeats}")
    with tempfile.TemporaryDirectory() as tmp:
        tensors = random_elmo_tensors(ORIGINAL_OPTIONS, scale=args.scale)
        paths = write_elmo_files(Path(tmp), ORIGINAL_OPTIONS, tensors)
        del tensors
        t = time.perf_counter()
        adapter = ElmoAdapter("elmo-original-random", *paths)
        print(f"original size ({adapter.parameters:,} parameters, random weights of std {args.scale}): "
              f"loaded in {time.perf_counter() - t:.1f} s")  # fmt: skip
        report("original size", adapter, args.repeats)
        bench_direction("original size", adapter, 1)
        del adapter
    if not args.no_mini:
        folder = ROOT / "resources" / "models" / "mini-elmo"
        mini = ElmoAdapter("mini-elmo", folder / "elmo_options.json", folder / "elmo_weights.hdf5")
        report("mini-elmo", mini, args.repeats * 4)
        bench_direction("mini-elmo", mini, args.repeats)


if __name__ == "__main__":
    main()
