"""`main.py bundle`, `install-bundle`, `add-model` and `remove-model`: models carried to offline
laptops in one zip, and model folders of this machine added to (or removed from) the user's list."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.errors import UsageError

BUNDLE_HELP = (
    "pack models into one zip for laptops with no internet: each model's files (weights stored as "
    "they are), its registry entry, and the size and SHA-256 of every file"
)
BUNDLE_NAMES_HELP = (
    "registered models to pack (default: every available one that a fresh install lacks: the Hugging "
    "Face checkpoints such as bert-base-uncased and gpt2, the original ELMo, and the models you added; "
    "not the mini models, MiniLM or multilingual-E5, which the program and its setup provide)"
)


def add_parsers(sub: Any) -> None:
    """The store's subcommands, on the main parser's subparsers."""
    bundle = sub.add_parser("bundle", help=BUNDLE_HELP, description=BUNDLE_HELP + ".")
    bundle.add_argument("--out", type=Path, required=True, metavar="FILE.zip", help="the bundle to write")
    bundle.add_argument("names", nargs="*", help=BUNDLE_NAMES_HELP)
    bundle.add_argument("--force", action="store_true", help="replace FILE.zip if it exists")

    install = sub.add_parser(
        "install-bundle",
        help="install the models of a bundle into the user data folder, after checking every file",
    )
    install.add_argument("bundle", type=Path, metavar="FILE.zip")
    install.add_argument("--force", action="store_true", help="replace models installed or added under those names")

    add = sub.add_parser("add-model", help="add a model folder of this machine to your list (it is not copied)")
    add.add_argument(
        "folder", type=Path, help="a transformers folder (config.json) or an ELMo folder (*.json + *.hdf5)"
    )
    add.add_argument("--name", help="the name to show (default: the folder's name)")
    add.add_argument("--display", default="", help="a longer label")

    remove = sub.add_parser("remove-model", help="remove a model you added from your list (its files stay)")
    remove.add_argument("name")


def human_size(n: int) -> str:
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} B"


class _Progress:
    """One line that counts up: bytes done of the total, rewritten in place."""

    def __init__(self, verb: str) -> None:
        self.verb, self.shown = verb, -1

    def __call__(self, done: int, total: int) -> None:
        percent = int(100 * done / total) if total else 100
        if percent != self.shown:
            self.shown = percent
            print(f"\r{self.verb} {human_size(done)} of {human_size(total)} ({percent}%)", end="", flush=True)

    def end(self) -> None:
        if self.shown >= 0:
            print()


def cmd_bundle(args: argparse.Namespace) -> int:
    from desktop.core.store.bundle import default_bundle_specs, write_bundle
    from desktop.core.store.registry import load_registry

    registry = {s.name: s for s in store_call(load_registry)}
    unknown = [n for n in args.names if n not in registry]
    if unknown:
        raise UsageError(f"unknown model(s): {', '.join(unknown)} (registered: {', '.join(registry)})")
    specs = [registry[n] for n in args.names] or default_bundle_specs(list(registry.values()))
    if not specs:
        raise UsageError("no model to pack: name the models (see `python main.py models`)")
    print(f"packing {', '.join(s.name for s in specs)} into {args.out}")
    progress = _Progress("packed")
    try:
        size = store_call(write_bundle, args.out, specs, args.force, progress)
    finally:
        progress.end()
    print(f"wrote {args.out} ({human_size(size)} of model files; install it with `python main.py install-bundle`)")
    return 0


def cmd_install_bundle(args: argparse.Namespace) -> int:
    from desktop.core.store.bundle import install_bundle, read_manifest

    if not args.bundle.is_file():
        raise UsageError(f"{args.bundle} is not a file")
    models = store_call(read_manifest, args.bundle)
    print(f"{args.bundle}: {', '.join(f'{m.name} ({human_size(m.size)})' for m in models)}")
    progress = _Progress("checked and copied")
    try:
        done = store_call(install_bundle, args.bundle, args.force, progress)
    finally:
        progress.end()
    for item in done:
        print(f"{item.name}: {item.note.english()}" + (f" in {item.folder}" if item.folder else ""))
    print("`python main.py models` lists them; the window shows them the next time it opens")
    return 0


def cmd_add_model(args: argparse.Namespace) -> int:
    from desktop.core.store.user_models import add_model_folder

    spec = store_call(add_model_folder, args.folder, args.name, args.display)
    print(f"added {spec.name} ({spec.family.value}) from {spec.path}")
    return 0


def cmd_remove_model(args: argparse.Namespace) -> int:
    from desktop.core.store.user_models import remove_model

    store_call(remove_model, args.name)
    print(f"removed {args.name} from your list (its files were not deleted)")
    return 0


def store_call(function: Any, *args: Any) -> Any:
    """Run a store function; what the user can act on becomes one line on stderr and exit code 2."""
    from desktop.core.store.errors import AlreadyThere, StoreError

    try:
        return function(*args)
    except AlreadyThere as exc:
        raise UsageError(f"{exc.text.english()}: use --force to replace it") from exc
    except StoreError as exc:
        raise UsageError(exc.text.english()) from exc
    except OSError as exc:
        raise UsageError(f"{exc.strerror or exc}: {exc.filename or ''}") from exc
