"""Run the linear part-of-speech probe (desktop.core.measure.linear_probe) for the registered models
on the shipped reference data, and print accuracy per layer, ELMo's halves, the words whose label
needs the next word, the baselines and the time per model.

    python scripts/probe_reference.py                      # mini-bert, mini-gpt, mini-elmo; en and zh
    python scripts/probe_reference.py --models minilm --languages en --fresh
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.measure.linear_probe import LayerProbe, ProbeResult, Score, linear_probe, result_to_json  # noqa: E402
from desktop.core.measure.probing_data import LANGUAGES, reference_data  # noqa: E402
from desktop.core.models import load_adapter, preload_libraries  # noqa: E402
from desktop.core.runtime import configure_compute  # noqa: E402
from desktop.core.store.registry import load_registry  # noqa: E402

HEADER = f"  {'layer':<40}{'all':>7}{'next':>7}{'fwd':>7}{'fwd nx':>7}{'bwd':>7}{'bwd nx':>7}"


def cells(score: Score | None) -> str:
    if score is None:
        return f"{'':>7}{'':>7}"
    subset = "-" if score.next_dependent is None else f"{score.next_dependent:.3f}"
    return f"{score.accuracy:>7.3f}{subset:>7}"


def row(label: str, layer: LayerProbe | None, score: Score | None = None) -> str:
    if layer is not None:
        return f"  {label:<40}{cells(layer.score)}{cells(layer.forward)}{cells(layer.backward)}"
    return f"  {label:<40}{cells(score)}"


def table(result: ProbeResult, load_s: float) -> str:
    how = "from the cache" if result.from_cache else f"computed in {result.seconds:.1f} s"
    lines = [
        f"{result.model} ({result.parameters:,} parameters) on {result.data}: {result.n_train} training words, "
        f"{result.n_test} test words, {result.n_next_dependent} of them need the next word; "
        f"loaded in {load_s:.1f} s, probe {how}",
        HEADER,
        row("majority class", None, result.majority),
        row(f"static: {result.static.name}", result.static),
        *(row(layer.name, layer) for layer in result.layers),
        f"  best layer: {result.best().name} ({result.best().score.accuracy:.3f})",
    ]
    return "\n".join(lines)


def progress_line(what: str) -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        print(f"\r  {what}: {done}/{total}", end="", file=sys.stderr, flush=True)

    return show


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--models", default="mini-bert,mini-gpt,mini-elmo", help="registered model names, comma-separated"
    )
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES), choices=LANGUAGES)
    parser.add_argument("--fresh", action="store_true", help="ignore the user cache: compute into a temporary one")
    parser.add_argument("--json", type=Path, help="also write every result to this file")
    args = parser.parse_args(argv)
    configure_compute()
    preload_libraries()
    specs = {s.name: s for s in load_registry()}
    data = {lang: reference_data(lang) for lang in args.languages}
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        cache_dir = Path(scratch) if args.fresh else None
        for name in args.models.split(","):
            started = time.perf_counter()
            adapter = load_adapter(specs[name])
            load_s = time.perf_counter() - started
            for lang, d in data.items():
                result = linear_probe(adapter, d, progress_line(f"{name} {lang}"), cache_dir)
                print(file=sys.stderr)
                print(table(result, load_s), flush=True)
                results.append(result_to_json(result))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
