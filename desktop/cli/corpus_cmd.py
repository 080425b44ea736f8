"""`main.py corpus build` and `corpus neighbours`: a corpus encoded once per model, then asked which
uses of a word are closest to the one in a text (desktop/core/corpus/ does the work)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop.cli.errors import EXIT_MODEL_FAILED, UsageError

SHIPPED_LIMIT = 100_000  # sentences of the shipped corpus by default (it has about 250,000)


def add_parsers(sub: Any) -> None:
    """`corpus build` and `corpus neighbours`, on the main parser's subparsers."""
    from desktop.cli.main import _model_options, device_option

    corpus = sub.add_parser("corpus", help="encode a corpus once, then find the uses of a word closest to yours")
    actions = corpus.add_subparsers(dest="corpus_command", required=True)
    build = actions.add_parser("build", help="encode every sentence with each model and index its word vectors")
    _model_options(build, "every available one")
    build.add_argument(
        "--layers",
        default="first,middle,last",
        help="layers to store besides the static view: first, middle, last, layer indices or all "
        "(default: first,middle,last)",
    )
    build.add_argument(
        "--source",
        default="shipped",
        help="'shipped' (WordNet's English and the People's Daily's Chinese, offline) or a UTF-8 file, "
        "one sentence a line",
    )
    build.add_argument(
        "--limit",
        type=int,
        help=f"at most this many sentences (default: {SHIPPED_LIMIT:,} of the shipped text, all of a file)",
    )
    build.add_argument(
        "--out", dest="folder", type=Path, help="the corpus folder (default: one in the user data folder)"
    )
    build.add_argument(
        "--engine", choices=["local", "ray"], default="local", help="where the encoding runs (ray: Ray Data)"
    )
    build.add_argument(
        "--no-index",
        dest="index",
        action="store_false",
        help="store the vectors without a faiss index (less disk: a flat index, up to 100,000 words, is float32, "
        "twice the vectors); neighbours then answers for the same word only (no --any-word); a later build "
        "without this flag adds the index",
    )

    near = actions.add_parser("neighbours", help="the corpus uses of a word nearest to its use in your text")
    near.add_argument("--text", required=True, help="the text the word is used in")
    near.add_argument("--word", required=True, help="the word (its first use), or its position among the text's words")
    near.add_argument(
        "--model", dest="models", help="comma-separated models (default: every model built in the corpus)"
    )
    near.add_argument(
        "--layer", default="last", help="static, first, middle, last or a stored layer index (default: last)"
    )
    near.add_argument("-k", type=int, default=10, help="uses to show per layer (default: 10)")
    near.add_argument("--corpus", dest="folder", type=Path, help="the corpus folder (default: the shipped corpus's)")
    near.add_argument(
        "--any-word", action="store_true", help="the nearest uses of any word (the index), not only of this word"
    )
    near.add_argument("--json", dest="as_json", action="store_true", help="print the answer as JSON")
    device_option(near)


def default_folder(source: str) -> Path:
    from desktop.core.store.registry import user_data_dir

    name = "shipped" if source == "shipped" else Path(source).stem
    return user_data_dir() / "corpus" / name


def cmd_corpus(args: argparse.Namespace) -> int:
    from desktop.core.corpus.sources import SourceError

    try:
        return cmd_build(args) if args.corpus_command == "build" else cmd_neighbours(args)
    except SourceError as exc:
        raise UsageError(str(exc)) from exc


@contextmanager
def user_errors() -> Iterator[None]:
    """A source or corpus problem inside one model's run stops the command with one line (the
    model loop reports other exceptions per model and goes on)."""
    from desktop.core.corpus.sources import SourceError

    try:
        yield
    except SourceError as exc:
        raise UsageError(str(exc)) from exc


def sentences(args: argparse.Namespace) -> tuple[Iterator[str], str, int | None]:
    """The source's sentences, its label (a corpus folder holds one source) and the limit."""
    from desktop.core.corpus.sources import file_sentences, shipped
    from desktop.training.corpus import read_glosses
    from desktop.training.corpus import sentences as wordnet_sentences

    if args.source != "shipped":
        path = Path(args.source)
        if not path.is_file():
            raise UsageError(f"--source {path}: no such file (give 'shipped' or a UTF-8 text file)")
        return (
            file_sentences(path),
            f"file {path.resolve()}" + (f", first {args.limit}" if args.limit else ""),
            args.limit,
        )
    try:
        english = wordnet_sentences(read_glosses())
    except FileNotFoundError:
        english = None
    found, missing = shipped(english)
    for note in missing:
        print(f"warning: {note.english()}", file=sys.stderr)
    limit = args.limit or SHIPPED_LIMIT
    parts = "English and Chinese" if not missing else "Chinese only" if english is None else "English only"
    return found, f"shipped ({parts}), first {limit}", limit


def cmd_build(args: argparse.Namespace) -> int:
    from desktop.cli.main import _for_each_model, _select_specs
    from desktop.core.corpus.build import build_model
    from desktop.core.corpus.store import prepare

    stream, source, limit = sentences(args)
    folder = args.folder or default_folder(args.source)
    line = ProgressLine()
    corpus = prepare(folder, stream, source, limit, lambda done, total: line.show(f"corpus: {done:,} sentences read"))
    line.end(f"corpus: {corpus.n_sentences:,} sentences, {corpus.n_words:,} words stored, in {folder}")
    items = [i.strip() for i in args.layers.split(",") if i.strip()]
    specs = {spec.name: spec for spec in _select_specs(args)}

    def run(adapter: Any) -> None:
        t0 = time.monotonic()
        with user_errors():
            store = build_model(corpus, specs[adapter.name], adapter, items, args.engine, line.step, args.index)
        layers = ", ".join(f"{layer.key} ({layer.name})" for layer in store.plan)
        line.end(f"{adapter.name}: done in {time.monotonic() - t0:.0f} s; layers {layers}")

    errors = _for_each_model(args, run)
    return EXIT_MODEL_FAILED if errors else 0


def cmd_neighbours(args: argparse.Namespace) -> int:
    from desktop.cli.main import _for_each_model
    from desktop.core.corpus.neighbours import CorpusSearch, neighbours
    from desktop.core.corpus.vectors import open_model

    search = CorpusSearch(args.folder or default_folder("shipped"))
    if args.k < 1:
        raise UsageError("-k must be at least 1")
    if not args.models:
        stores = [
            open_model(search.corpus.folder, p.parent.name) for p in sorted(search.corpus.folder.glob("*/meta.json"))
        ]
        args.models = ",".join(store.model for store in stores if store is not None)
        if not args.models:
            raise UsageError(f"no model is built in {search.corpus.folder}: run `python main.py corpus build` first")
    args.model = []
    results: list[Any] = []

    def run(adapter: Any) -> None:
        with user_errors():
            results.append(neighbours(search, adapter, args.text, args.word, args.layer, args.k, args.any_word))
        if not args.as_json:
            print("\n".join(neighbour_lines(results[-1])))

    errors = _for_each_model(args, run)
    if args.as_json:
        print(
            json.dumps(
                {"text": args.text, "models": [asdict(r) for r in results], "errors": errors}, ensure_ascii=False
            )
        )
    return EXIT_MODEL_FAILED if errors else 0


def neighbour_lines(found: Any) -> list[str]:
    """Each layer's uses, best first, the word in [brackets]."""
    lines = []
    for layer in found.layers:
        lines.append(f"== {found.model}: '{found.word}' in {layer.name} ({layer.search_ms:.1f} ms)")
        for n, use in enumerate(layer.uses, 1):
            s, e = use.span
            shown = f"{use.sentence[:s]}[{use.sentence[s:e]}]{use.sentence[e:]}"
            lines.append(f"  {n:>2}. {use.score:.3f}  {shown}")
        if not layer.uses:
            lines.append(f"  no use of '{found.word}' in the corpus")
    return lines


class ProgressLine:
    """One line on stderr: rewritten in place on a terminal, otherwise printed every few seconds."""

    def __init__(self, every: float = 5.0) -> None:
        self.tty = sys.stderr.isatty()
        self.every = 0.2 if self.tty else every
        self.last = 0.0

    def show(self, text: str, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self.last >= self.every:
            self.last = now
            print(f"\r{text}\033[K" if self.tty else text, end="" if self.tty else "\n", file=sys.stderr, flush=True)

    def end(self, text: str) -> None:
        self.show(text, force=True)
        if self.tty:
            print(file=sys.stderr)

    def step(self, step: Any) -> None:
        unit = "sentences" if step.stage == "encode" else "index shards"
        left = f", {_duration(step.seconds_left)} left" if step.seconds_left is not None else ""
        self.show(
            f"{step.model}: {step.stage} {step.done:,}/{step.total:,} {unit}, {step.rate:.1f}/s{left}",
            step.done == step.total,
        )


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}h{seconds // 60 % 60:02d}m" if seconds >= 3600 else f"{seconds // 60}m{seconds % 60:02d}s"
