"""`main.py evaluate`: every model measured from its own files on held-out English and Chinese text.

The measurements are desktop/training/evaluation.measure (the numbers come from the models, not
from their cards); this module chooses the data, shows progress on stderr and prints one table.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path
from typing import Any

from desktop.cli.errors import EXIT_MODEL_FAILED, UsageError

LANGUAGES = ("en", "zh")
COLUMNS = (
    ("MLM acc", "mlm_accuracy", "pct"),
    ("NSP acc", "nsp_accuracy", "pct"),
    ("tok ppl", "token_perplexity", "num"),
    ("word ppl", "word_perplexity", "num"),
    ("fwd ppl", "forward_perplexity", "num"),
    ("bwd ppl", "backward_perplexity", "num"),
    ("unknown", "unknown_rate", "pct"),
)


def add_parser(sub: Any) -> None:
    """The `evaluate` command on the main parser's subparsers."""
    from desktop.cli.main import _model_options

    evaluate = sub.add_parser(
        "evaluate", help="measure each model on held-out English and Chinese text (MLM, NSP, perplexity, polysemy)"
    )
    _model_options(evaluate, "every available one")
    evaluate.add_argument("--corpus-dir", type=Path, default=Path("/usr/share/wordnet"), help="WordNet 3.0 data.*")
    evaluate.add_argument("--languages", default="en,zh", help="comma-separated: en, zh (default: both)")
    evaluate.add_argument("--sentences", type=int, default=300, help="held-out sentences per language")
    evaluate.add_argument("--nsp-pairs", type=int, default=200, help="next-sentence pairs per language")
    evaluate.add_argument("--pairs", type=int, default=600, help="sense pairs for the polysemy score (at most)")
    evaluate.add_argument("--json", type=Path, metavar="OUT", help="write every number as JSON")


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _language_sets(args: argparse.Namespace) -> tuple[list[Any], list[str]]:
    """The held-out sets that can be built here, and a line for each that cannot."""
    from desktop.training.heldout_sets import EvalSizes, chinese_set, english_set

    languages = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
    if not languages or set(languages) - set(LANGUAGES):
        raise UsageError(f"--languages takes {', '.join(LANGUAGES)}, comma-separated")
    sizes = EvalSizes(sentences=args.sentences, pairs=args.nsp_pairs, sense_pairs=args.pairs)
    builders = {"en": lambda: english_set(args.corpus_dir, sizes), "zh": lambda: chinese_set(sizes)}
    sets, skipped = [], []
    for language in languages:
        try:
            sets.append(builders[language]())
        except FileNotFoundError as exc:
            hint = " (Debian/Ubuntu: apt-get install wordnet-base, or --corpus-dir)" if language == "en" else ""
            skipped.append(f"{language}: skipped, {exc}{hint}")
    if not sets:
        raise UsageError("; ".join(skipped))
    return sets, skipped


def _cell(value: Any, kind: str) -> str:
    """A percentage or a number; "–" where the model has no such head (or nothing could be scored)."""
    if value is None or math.isnan(value):
        return "–"
    if kind == "pct":
        return f"{100 * value:.1f} %"
    return f"{value:.1f}" if value < 1e5 else f"{value:.2g}"


def _polysemy_cells(poly: dict[str, Any] | None) -> tuple[str, str]:
    """(static layer's AUC, best contextual layer's AUC and its name)."""
    if not poly:
        return "–", "–"
    auc = poly["auc"]
    best = max(range(1, len(auc)), key=lambda k: auc[k]) if len(auc) > 1 else 0
    return f"{auc[0]:.3f}", f"{auc[best]:.3f} ({poly['layers'][best]})"


def table_lines(results: list[dict[str, Any]]) -> list[str]:
    """One Markdown row per model and language (the README's table)."""
    header = ["model", "lang", *(c for c, _, _ in COLUMNS), "cloze top 5", "polysemy static", "polysemy best"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for result in results:
        for language, row in result["languages"].items():
            cloze = row["cloze"]
            cells = [_cell(row[key], kind) for _, key, kind in COLUMNS]
            cells.append(f"{cloze['top5']} of {cloze['of']}" if cloze else "–")
            cells += _polysemy_cells(row["polysemy"])
            lines.append("| " + " | ".join([result["model"], language, *cells]) + " |")
    return lines


def layer_lines(results: list[dict[str, Any]]) -> list[str]:
    lines = []
    for result in results:
        for language, row in result["languages"].items():
            poly = row["polysemy"]
            if poly:
                auc = ", ".join(f"{n} {a:.3f}" for n, a in zip(poly["layers"], poly["auc"], strict=True))
                lines.append(f"{result['model']} [{language}] polysemy AUC per layer ({poly['pairs']} pairs): {auc}")
    return lines


def cmd_evaluate(args: argparse.Namespace) -> int:
    from desktop.cli.main import _for_each_model, _write_json
    from desktop.training.evaluation import measure

    sets, skipped = _language_sets(args)
    for line in skipped:
        print(line, file=sys.stderr)
    for data in sets:
        print(f"[{data.language}] {data.source}: {len(data.sentences)} sentences, {len(data.pairs)} sentence "
              f"pairs, {len(data.senses)} sense pairs, {len(data.cloze)} cloze items")  # fmt: skip
    results: list[dict[str, Any]] = []

    def run(adapter: Any) -> None:
        started = time.perf_counter()
        languages = {data.language: measure(adapter, data, _progress) for data in sets}
        results.append({"model": adapter.name, "parameters": adapter.parameters, "languages": languages})
        _progress(f"{adapter.name}: measured in {time.perf_counter() - started:.0f} s")

    errors = _for_each_model(args, run)
    print("\n".join(table_lines(results)))
    print("\n".join(layer_lines(results)))
    for result in results:
        for language, row in result["languages"].items():
            if row["cloze"]:
                misses = [i["answer"] for i in row["cloze"]["items"] if not i["hit"]]
                print(f"{result['model']} [{language}] cloze misses: {', '.join(misses) or 'none'}")
    sources = {d.language: d.source for d in sets}
    _write_json(args.json, {"sources": sources, "skipped": skipped, "models": results, "errors": errors})
    return EXIT_MODEL_FAILED if errors else 0
