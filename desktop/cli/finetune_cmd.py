"""`main.py finetune-table`: feature-based vs fine-tuning on the part-of-speech set, one table per
family (desktop/core/measure/finetune.py does the work; each row is cached once per model)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop.cli.errors import EXIT_MODEL_FAILED, UsageError


def add_parsers(sub: Any) -> None:
    """`finetune-table`, on the main parser's subparsers."""
    from desktop.cli.main import _model_options
    from desktop.core.measure.finetune_rows import Settings

    default = Settings()
    table = sub.add_parser(
        "finetune-table",
        help="frozen vectors + a linear head vs fine-tuning the whole model, on the part-of-speech set",
    )
    _model_options(table, "every available one")
    table.add_argument("--lang", choices=["en", "zh"], default="en", help="the probing set (default: en)")
    table.add_argument("--steps", type=int, default=default.steps, help=f"training steps (default: {default.steps})")
    table.add_argument(
        "--batch", type=int, default=default.batch, help=f"sentences per step (default: {default.batch})"
    )
    table.add_argument(
        "--lr", type=float, default=default.lr, help=f"AdamW rate of the model's weights (default: {default.lr:g})"
    )
    table.add_argument("--json", type=Path, metavar="OUT", help="write the rows as JSON (a top-level 'rows' list)")


def cmd_finetune_table(args: argparse.Namespace) -> int:
    from desktop.cli.main import _for_each_model, _write_json
    from desktop.core.measure.finetune import Settings, fine_tune_row
    from desktop.core.measure.probing_data import reference_data

    if args.steps < 1 or args.batch < 1 or args.lr <= 0:
        raise UsageError("--steps and --batch must be at least 1, --lr above 0")
    settings = Settings(steps=args.steps, batch=args.batch, lr=args.lr)
    data = reference_data(args.lang)
    rows: list[Any] = []

    def run(adapter: Any) -> None:
        print(f"fine-tuning {adapter.name} (the first time, about a minute per mini model)", file=sys.stderr)
        rows.append(fine_tune_row(adapter, data, settings, _steps(adapter.name)))

    errors = _for_each_model(args, run)
    print("\n".join(table_lines(rows)))
    _write_json(args.json, {"language": args.lang, "rows": [asdict(r) for r in rows], "errors": errors})
    return EXIT_MODEL_FAILED if errors else 0


def _steps(name: str) -> Any:
    """The fine-tuning's progress on stderr, one line per 10 %."""
    shown = [-1]

    def report(done: int, total: int) -> None:
        tenth = 10 * done // max(total, 1)
        if tenth != shown[0]:
            shown[0] = tenth
            print(f"  {name}: step {done} of {total}", file=sys.stderr)

    return report


def table_lines(rows: list[Any]) -> list[str]:
    """One table per family: both accuracies on the same test words, and what each trains."""
    lines = []
    for family in dict.fromkeys(r.family for r in rows):
        lines += [
            f"== {family}",
            f"{'model':<22} {'feature-based (best layer)':<34} {'top layer':>9} {'fine-tuned':>10} "
            f"{'majority':>8} {'trained: head / whole':>24} {'seconds':>8}",
        ]
        for r in (r for r in rows if r.family == family):
            best = f"{r.feature_accuracy:.3f} ({r.feature_layer})"
            cached = " (cached)" if r.from_cache else ""
            lines.append(
                f"{r.model:<22} {best:<34} {r.feature_top:>9.3f} {r.finetuned_accuracy:>10.3f} {r.majority:>8.3f} "
                f"{r.feature_parameters:>11,} / {r.trainable_parameters:>10,} {r.seconds:>8.1f}{cached}"
            )
    if rows:
        r = rows[0]
        lines.append(
            f"{r.language}: {r.n_train} training words, {r.n_test} test words; fine-tuning: {r.steps} steps of "
            f"{r.batch} sentences, AdamW lr {r.lr:g} (head {r.head_lr:g}), each word on its first token"
        )
    return lines
