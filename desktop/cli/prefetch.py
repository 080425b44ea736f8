"""`main.py prefetch`: the real checkpoints onto a machine with internet, for later offline use,
checked before they are trusted; `prefetch --verify` re-checks what is on disk."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli.errors import EXIT_MODEL_FAILED, UsageError


def cmd_prefetch(args: argparse.Namespace) -> int:
    from desktop.core.models.base import ModelError
    from desktop.core.store.download import DownloadError
    from desktop.core.store.registry import load_registry, resolve

    if args.verify:
        if args.names:
            raise UsageError("prefetch --verify checks every recorded download: give it no model names")
        return _verify_downloads()
    registry = {s.name: s for s in load_registry()}
    unknown = [n for n in args.names if n not in registry]
    if unknown:
        raise UsageError(f"unknown model(s): {', '.join(unknown)} (registered: {', '.join(registry)})")
    wanted = [registry[n] for n in args.names] or [s for s in registry.values() if not resolve(s).available]
    failed = 0
    for spec in wanted:
        try:
            _prefetch_one(spec)
        except (DownloadError, ModelError, OSError) as exc:
            failed += 1
            print(f"\nerror: {spec.name}: {exc}", file=sys.stderr)
        except Exception as exc:  # huggingface_hub's own errors (offline, repo not found...)
            failed += 1
            print(f"\nerror: {spec.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
    return EXIT_MODEL_FAILED if failed else 0


def _prefetch_one(spec: Any) -> None:
    from desktop.core.encoding import Family

    if spec.hf_repos:
        _prefetch_hf(spec)
    elif spec.family is Family.ELMO and spec.urls:
        _prefetch_elmo(spec)
    else:
        print(f"{spec.name}: nothing to download ({spec.get or 'it ships with the program'})")


def _prefetch_hf(spec: Any) -> None:
    """The first repo at the registry's revision; a revision the program would not load is an error."""
    from desktop.core.store.download import DownloadError, hf_revision, prefetch_hf
    from desktop.core.store.registry import resolve

    repo = spec.hf_repos[0]
    revision = hf_revision(repo)
    path = prefetch_hf(repo, revision, print)
    print(f"   -> {path} (commit {path.name})")
    if not resolve(spec).available:
        raise DownloadError(
            f"{repo} at {revision} is in the cache, but the program loads the commit the cache's main ref "
            "names, so it would not use it (see [hf_revisions] in the registry file)"
        )


def _prefetch_elmo(spec: Any) -> None:
    """Both files, each re-checked or (re)downloaded, then the pair checked as ELMo files."""
    from desktop.core.models.elmo import check_elmo_files
    from desktop.core.store.download import download
    from desktop.core.store.registry import elmo_search_dirs

    folder = elmo_search_dirs()[0]
    files = {url: folder / url.rsplit("/", 1)[1] for url in spec.urls}
    _drop_broken_elmo(spec.name, list(files.values()))
    paths = [download(url, path, spec.sha256.get(path.name, ""), _show_progress) for url, path in files.items()]
    print()
    check_elmo_files(spec.name, *sorted(paths, key=lambda p: p.suffix != ".json"))
    print(f"{spec.name}: ready in {folder}")


def _drop_broken_elmo(name: str, paths: list[Path]) -> None:
    """Files already there that are not ELMo's layout (a cut HDF5, a web page) go, to be fetched again."""
    from desktop.core.models.base import ModelError
    from desktop.core.models.elmo import check_elmo_files

    ordered = sorted(paths, key=lambda p: p.suffix != ".json")
    if len(ordered) != 2 or not all(p.is_file() for p in ordered):
        return
    try:
        check_elmo_files(name, *ordered)
    except ModelError as exc:
        print(f"{name}: {exc.message}; downloading {Path(exc.path or '').name} again")
        if exc.path:
            Path(exc.path).unlink(missing_ok=True)


def _show_progress(name: str, done: int, total: int | None) -> None:
    of = f" of {total / 1e6:.1f} MB" if total else ""
    print(f"\r   {name}: {done / 1e6:.1f} MB{of}", end="", flush=True)


def _verify_downloads() -> int:
    """One line per recorded file: ok, damaged or missing; exit 1 if any is not ok."""
    from desktop.core.store.download import SUMS_FILE, check_recorded
    from desktop.core.store.registry import elmo_search_dirs

    folders = [d for d in dict.fromkeys(elmo_search_dirs()) if (d / SUMS_FILE).is_file()]
    if not folders:
        print(f"no recorded downloads in {' or '.join(str(d) for d in elmo_search_dirs())}")
        return 0
    bad = 0
    for folder in folders:
        for name, state in check_recorded(folder):
            print(f"{state:<8} {folder / name}")
            bad += state != "ok"
    return EXIT_MODEL_FAILED if bad else 0
