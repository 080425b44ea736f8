"""The headless front end: the same core as the window, printing text and writing JSON.

Errors the user can act on (bad text, a missing or broken model) are one line on stderr and a
non-zero exit code, never a traceback; ``--debug`` shows the traceback of unexpected ones.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.cli.corpus_cmd import add_parsers as add_corpus_parsers
from desktop.cli.corpus_cmd import cmd_corpus
from desktop.cli.errors import EXIT_MODEL_FAILED, EXIT_USAGE, UsageError
from desktop.cli.evaluate_cmd import add_parser as add_evaluate_parser
from desktop.cli.evaluate_cmd import cmd_evaluate
from desktop.cli.finetune_cmd import add_parsers as add_finetune_parsers
from desktop.cli.finetune_cmd import cmd_finetune_table
from desktop.cli.prefetch import cmd_prefetch
from desktop.cli.store_cmd import add_parsers as add_store_parsers
from desktop.cli.store_cmd import cmd_add_model, cmd_bundle, cmd_install_bundle, cmd_remove_model


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py", description="Compare BERT, GPT and ELMo on the same text (no internet needed)."
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    parser.add_argument("--threads", type=int, default=None, help="threads the models share (default: all cores)")
    sub = parser.add_subparsers(dest="command")

    sub.add_parser("models", help="list registered models and whether they are available offline")

    compare = _text_command(sub, "compare", "run the text through several models and summarise")
    compare.add_argument("--json", type=Path, metavar="OUT", help="write the result as JSON, layers as --layers says")
    compare.add_argument(
        "--layers",
        default="first,middle,last",
        help="layers in --json: 'all', or any of first, middle, last and layer indices, comma-separated "
        "(default: first,middle,last, the depths the Compare tab draws; every layer of a long text is "
        "hundreds of MB)",
    )
    compare.add_argument(
        "--precision", choices=["float16", "float32"], default="float32", help="numbers in --json (default: float32)"
    )

    probe = _text_command(sub, "probe", "measure one probe on the text (the claims command measures them all)")
    probe.add_argument("name", choices=["direction", "polysemy", "cka", "predict", "nsp"])
    probe.add_argument("--word", help="polysemy: the repeated word; predict: the word (or its index) to predict")
    probe.add_argument("--json", type=Path, metavar="OUT", help="write every number as JSON")

    claims = _text_command(sub, "claims", "every claim of the article measured on the text, with a verdict")
    claims.add_argument("--json", type=Path, metavar="OUT", help="write the records (a top-level 'claims' list)")
    _senses_option(claims)

    # its options belong to desktop.training.run: `run` hands them over unparsed
    sub.add_parser("train", help="train a mini model on WordNet glosses (see: main.py train --help)", add_help=False)

    add_evaluate_parser(sub)

    prefetch = sub.add_parser("prefetch", help="download the real checkpoints (needs internet) for offline use")
    prefetch.add_argument("names", nargs="*", help="registered models (default: every missing one)")
    prefetch.add_argument(
        "--verify",
        action="store_true",
        help="check downloaded files against the checksums recorded when they came (no internet needed)",
    )
    add_store_parsers(sub)
    add_corpus_parsers(sub)
    add_finetune_parsers(sub)

    gui = sub.add_parser("gui", help="open the window (the default when no command is given)")
    _window_options(gui)

    shot = sub.add_parser("screenshot", help="open the window offscreen, wait for every model, save a PNG")
    shot.add_argument("--out", type=Path, required=True, help="the PNG file to write")
    shot.add_argument("--tab", help="the tab to show: a model name, 'compare', 'claims', 'projection' or 'corpus'")
    shot.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for the models")
    shot.add_argument("--lesson", help="a lesson's id: its text and view, the lesson sidebar open, the answer shown")
    _window_options(shot)
    return parser


def _senses_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--senses",
        action="append",
        default=[],
        metavar="WORD=S,S,...",
        help="the sense of each use of WORD, in order: a number 1-9 or '?' (e.g. bank=1,1,2); "
        "the polysemy claim groups its pairs by them (repeatable)",
    )


def _text_command(sub: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    """A command that reads a text (--text or --text-file) and runs it through --models."""
    command = sub.add_parser(name, help=help_text)
    source = command.add_mutually_exclusive_group(required=True)
    source.add_argument("--text", help="the text")
    source.add_argument("--text-file", type=Path, help="read the text from a UTF-8 file ('-' for stdin)")
    _model_options(command, "every available one")
    return command


def _model_options(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument("--models", help=f"comma-separated registered names (default: {default})")
    parser.add_argument(
        "--model",
        action="append",
        default=[],
        metavar="FAMILY=PATH",
        help="add an unregistered model for this run: encoder|decoder|elmo = a model folder (repeatable)",
    )
    device_option(parser)


def device_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--device",
        type=_device_request,
        metavar="auto|cpu|cuda[:N]",
        help="where the models run: auto (a CUDA GPU when torch sees one, else the CPU), cpu, cuda or cuda:N "
        "(default: $BGE_DEVICE, else auto; compare and claims print the device used)",
    )


def _device_request(text: str) -> str:
    from desktop.core.models.device import check_request

    try:
        return check_request(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _device(args: argparse.Namespace) -> Any:
    """The device of this command's models, resolved once; a GPU asked for and not there is a usage
    error (the window runs on the CPU instead and says so)."""
    from desktop.core.models.device import choose_device

    if getattr(args, "device_choice", None) is None:
        try:
            args.device_choice = choose_device(args.device)
        except ValueError as exc:  # BGE_DEVICE holds no valid request
            raise UsageError(str(exc)) from exc
        if args.device_choice.problem is not None:
            raise UsageError(f"{args.device_choice.problem.english()} (use --device auto or cpu)")
    return args.device_choice


def _window_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=["zh", "en"], help="interface language (default: the last one used)")
    parser.add_argument("--text", help="the text to start with (default: the polysemy example)")
    _model_options(parser, "the tabs chosen in the Model manager, at first the installed ones not marked tab = false")
    parser.add_argument(
        "--compute",
        choices=["process", "thread"],
        default="process",
        help="where the models run: a process of their own, so the window never waits for them (default), "
        "or threads of the window's process (starts sooner, uses less memory)",
    )


def _read_text(args: argparse.Namespace) -> str:
    if args.text is not None:
        return args.text
    try:
        raw = sys.stdin.buffer.read() if str(args.text_file) == "-" else args.text_file.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {args.text_file}: {exc.strerror or exc}") from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{args.text_file} is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _select_specs(args: argparse.Namespace, include_missing: bool = False) -> list[Any]:
    from desktop.core.store.registry import load_registry, resolve, spec_from_argument

    registry = load_registry()
    by_name = {s.name: s for s in registry}
    if args.models:
        names = [n.strip() for n in args.models.split(",") if n.strip()]
        unknown = [n for n in names if n not in by_name]
        if unknown:
            raise UsageError(f"unknown model(s): {', '.join(unknown)} (registered: {', '.join(by_name)})")
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise UsageError(f"--models names {', '.join(twice)} more than once")
        specs = [by_name[n] for n in names]
    else:
        specs = [s for s in registry if include_missing or resolve(s).available]
    try:
        added = [spec_from_argument(a) for a in args.model]
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    specs += unique_names(added, {s.name for s in specs})
    if not specs:
        raise UsageError("no model is available offline: run `python main.py models` to see what is missing")
    return specs


def unique_names(added: list[Any], taken: set[str]) -> list[Any]:
    """Models added with --model, renamed "NAME-2", "NAME-3"... where the name is taken (two
    folders both called `model`, or a copy of a registered model): every tab and worker needs its
    own name."""
    from dataclasses import replace

    out = []
    for spec in added:
        name, n = spec.name, 1
        while name in taken:
            n += 1
            name = f"{spec.name}-{n}"
        taken.add(name)
        out.append(replace(spec, name=name))
    return out


def cmd_models(args: argparse.Namespace) -> int:
    from desktop.cli.store_cmd import human_size, store_call
    from desktop.core.store.registry import load_registry, resolve
    from desktop.core.store.user_models import disk_size

    specs = store_call(load_registry)
    width = max(len(s.name) for s in specs)
    for spec in specs:
        res = resolve(spec)
        where = res.folder or (res.options.parent if res.options else "")
        missing = "; ".join(m.english() for m in res.missing)
        status = f"available  {human_size(disk_size(res)):>8}  {where}" if res.available else f"MISSING    {missing}"
        print(f"{spec.name:<{width}}  {spec.family.value:<8} {status}")
        print(f"{'':<{width}}  {'':<8} {spec.display}" + ("  (added by you)" if spec.user_added else ""))
        if not res.available and spec.get:
            print(f"{'':<{width}}  {'':<8} how to get it: {spec.get}")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Every model through the window's pipeline (analysis, then the slow probes), printed. Each
    model is written to --json as soon as it has run and then let go: only the few word vectors
    the agreement needs are kept, so memory holds one model's result at a time."""
    from desktop.cli.json_out import compare_json, parse_layers
    from desktop.cli.report import agreement_lines, summary_lines
    from desktop.core.measure.similarity import MAX_AGREEMENT_WORDS, agreement_vectors, spread_sample
    from desktop.core.pipeline import run_all

    text = _checked_text(args)
    layers = parse_layers(args.layers)
    print(f"device: {_device(args).label}")
    tops: dict[str, Any] = {}  # model -> (top-layer vectors of the agreement's words, the text's words)

    with compare_json(args.json, text, layers, args.precision) as out:

        def run(adapter: Any) -> None:
            result = run_all(adapter, text, claims=False, projection=False)  # it prints no projection
            print("\n".join(summary_lines(result)))
            if out is not None:
                out.model(result)
            enc = result.analysis.encoding
            sample = spread_sample(len(enc.words), MAX_AGREEMENT_WORDS)
            tops[adapter.name] = (agreement_vectors(enc, sample), len(enc.words))

        errors = _for_each_model(args, run)
        lines, agreement = agreement_lines(tops)
        if lines:
            print("\n".join(lines))
        if out is not None:
            out.finish(errors, agreement)
    if args.json is not None:
        print(f"wrote {args.json}")
    return EXIT_MODEL_FAILED if errors else 0


def cmd_probe(args: argparse.Namespace) -> int:
    from desktop.cli import probe_report
    from desktop.core.measure import probes
    from desktop.core.text.words import split_sentences

    text = _checked_text(args)
    if args.name == "nsp" and len(split_sentences(text)) < 2:
        raise UsageError("nsp needs two sentences (end the first with . ! ? or a line break)")
    results: list[Any] = []
    run_probe = {
        "direction": lambda adapter: probes.direction(adapter, text),
        "polysemy": lambda adapter: probes.polysemy(adapter, text, args.word),
        "predict": lambda adapter: probes.predict(adapter, text, _word_index(text, args.word)),
        "nsp": lambda adapter: probes.nsp(adapter, text),
        "cka": lambda adapter: adapter.encode(text),  # compared once every model has run
    }[args.name]

    def run(adapter: Any) -> None:
        results.append(run_probe(adapter))
        lines = probe_report.lines(args.name, adapter.name, results[-1])
        if lines:
            print("\n".join(lines))

    errors = _for_each_model(args, run)
    if args.name == "cka":
        if not results:
            return EXIT_MODEL_FAILED
        results = [probes.cka(results)]
        print("\n".join(probe_report.cka_lines(results[0])))
    _write_json(args.json, {"probe": args.name, "text": text, "results": probes.to_jsonable(results), "errors": errors})
    return EXIT_MODEL_FAILED if errors else 0


def cmd_claims(args: argparse.Namespace) -> int:
    """Each model through every stage of the pipeline, one at a time; then one verdict per claim."""
    from desktop.cli.claims_report import claim_lines, claims_json
    from desktop.core.claims import judge
    from desktop.core.claims.continuations import score_all
    from desktop.core.pipeline import run_all

    text = _checked_text(args)
    marks = _senses(args.senses, text)
    print(f"device: {_device(args).label}")
    measured: dict[str, Any] = {}
    writers: list[Any] = []  # the decoders stay loaded to score the others' continuations at the end

    def run(adapter: Any) -> None:
        print(f"measuring {adapter.name} (the first time, its reference probe takes a while)", file=sys.stderr)
        measured[adapter.name] = (adapter.family.value, run_all(adapter, text, progress=_percent(adapter.name)).claims)
        if adapter.family.value == "decoder":
            writers.append(adapter)

    errors = _for_each_model(args, run)
    records = judge(measured, marks, score_all(writers, text, measured))
    print("\n".join(claim_lines(records)))
    _write_json(args.json, claims_json(text, list(measured), records, errors))
    return EXIT_MODEL_FAILED if errors else 0


def _percent(name: str) -> Callable[[int, int], None]:
    """The reference probe's progress on stderr, one line per 10 %."""
    shown = [-1]

    def report(done: int, total: int) -> None:
        tenth = 10 * done // max(total, 1)
        if tenth != shown[0]:
            shown[0] = tenth
            print(f"  {name}: reference probe {10 * tenth} %", file=sys.stderr)

    return report


def _word_index(text: str, word: str | None) -> int:
    """--word as an index or a word (its last occurrence); default: the repeated word's second use."""
    from desktop.core.measure.probes import default_slot, uses
    from desktop.core.text.words import split_words

    words = split_words(text)[0]
    if word is None:
        return default_slot(words, text)
    if word.lstrip("-").isdigit():
        return int(word)
    found = uses(words, word)
    if not found:
        raise UsageError(f"'{word}' is not a word of the text")
    return found[-1]


def _senses(specs: list[str], text: str) -> dict[str, tuple[int | None, ...]]:
    from desktop.core.claims.marks import parse_senses
    from desktop.core.models.base import InputError

    try:
        return dict(parse_senses(spec, text) for spec in specs)
    except InputError as exc:
        raise UsageError(str(exc)) from exc


def _checked_text(args: argparse.Namespace) -> str:
    from desktop.core.models.base import InputError, check_text

    text = _read_text(args)
    try:
        return check_text(text)
    except InputError as exc:
        raise UsageError(str(exc)) from exc


def _for_each_model(args: argparse.Namespace, work: Callable[[Any], None]) -> list[dict[str, Any]]:
    """Load each selected model and run ``work`` on it; a broken model is reported and skipped."""
    from desktop.cli.report import error_to_dict
    from desktop.core.models import load_adapter

    errors = []
    device = _device(args).device
    for spec in _select_specs(args):
        try:
            work(load_adapter(spec).to(device))
        except UsageError:
            raise
        except Exception as exc:  # one broken model never stops the others
            if args.debug:
                traceback.print_exc()
            errors.append(error_to_dict(spec.name, exc))
            print(f"error: {errors[-1]['message']}", file=sys.stderr)
    return errors


def _write_json(path: Path | None, payload: dict[str, Any]) -> None:
    """Into a temporary file that then replaces ``path``: a failed write keeps the previous file."""
    from desktop.core.store.atomic import replaced

    if path is None:
        return
    try:
        with replaced(path, "w", encoding="utf-8") as f:
            json.dump(payload, f, ensure_ascii=False)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
    print(f"wrote {path}")


def _check_outputs(args: argparse.Namespace) -> None:
    """A path that cannot be written is refused before any model runs, not after."""
    from desktop.core.store.atomic import output_problem

    for path in (getattr(args, "json", None), getattr(args, "out", None)):
        if path is not None and (problem := output_problem(path)):
            raise UsageError(problem)


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop.qt.app import run_gui

    # --models: those tabs, installed or not; otherwise the tabs the user chose (desktop/qt/tab_choice.py)
    specs = _select_specs(args, include_missing=True)
    return run_gui(specs, args.lang, args.text, choose_tabs=not args.models, device=args.device)


def cmd_screenshot(args: argparse.Namespace) -> int:
    from desktop.qt.app import screenshot

    problem = screenshot(
        _select_specs(args, include_missing=bool(args.models)),  # by default the installed ones, as in the window
        args.out,
        args.lang,
        args.text,
        args.tab,
        args.timeout,
        lesson=args.lesson,
        device=args.device,
        choose_tabs=not args.models,
    )
    if problem:
        raise UsageError(problem)
    print(f"wrote {args.out}")
    return 0


COMMANDS = {
    "models": cmd_models,
    "compare": cmd_compare,
    "probe": cmd_probe,
    "claims": cmd_claims,
    "evaluate": cmd_evaluate,
    "prefetch": cmd_prefetch,
    "gui": cmd_gui,
    "screenshot": cmd_screenshot,
    "bundle": cmd_bundle,
    "install-bundle": cmd_install_bundle,
    "add-model": cmd_add_model,
    "remove-model": cmd_remove_model,
    "corpus": cmd_corpus,
    "finetune-table": cmd_finetune_table,
}


GLOBAL_OPTIONS_WITH_VALUE = ("--threads",)


def command_index(argv: list[str]) -> int | None:
    """Where the command is in ``argv``: the first word that is neither a global option nor its value."""
    i = 0
    while i < len(argv):
        word = argv[i]
        if not word.startswith("-"):
            return i
        if word == "--":
            return i + 1 if i + 1 < len(argv) else None
        takes_value = "=" not in word and len(word) > 3 and any(o.startswith(word) for o in GLOBAL_OPTIONS_WITH_VALUE)
        i += 2 if takes_value else 1
    return None


def command_of(argv: list[str]) -> str | None:
    """The command ``argv`` asks for ("prefetch" in ``--debug prefetch gpt2``), None for the window."""
    i = command_index(argv)
    return argv[i] if i is not None else None


def prepare_environment(argv: list[str]) -> None:
    """Never reach a model hub by accident: offline unless the command is ``prefetch``.

    Called before huggingface_hub is imported (it reads HF_HUB_OFFLINE once, at import).
    """
    if command_of(argv) != "prefetch":
        os.environ.setdefault("HF_HUB_OFFLINE", "1")


def run(argv: list[str] | None = None) -> int:
    i = command_index(argv or [])
    if argv and i is not None and argv[i] == "train":
        from desktop.training.run import main as train_main

        return train_main(argv[i + 1 :])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # `python main.py` (with or without global options) opens the window
        args = parser.parse_args([*(argv or []), "gui"])
    from desktop.core.runtime import configure_compute, return_large_buffers_to_the_system

    return_large_buffers_to_the_system()

    # the window keeps one core for the GUI thread while models run
    window = args.command in ("gui", "screenshot")
    configure_compute(args.threads, leave_free=1 if window else 0, own_process=window and args.compute == "process")
    try:
        _check_outputs(args)
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        print(f"error: unexpected {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return EXIT_MODEL_FAILED
