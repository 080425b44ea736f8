"""Write a file so that a reader sees either the old content or the new, never half of either.

The new content goes to a temporary file in the same folder (same file system, so the final
``os.replace`` is atomic); a failure midway removes the temporary file and leaves the old one.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


def output_problem(path: Path) -> str:
    """Why ``path`` cannot be written ("" if it can): asked before any slow work."""
    folder = path.parent
    if not folder.exists():
        return f"cannot write {path}: the folder {folder} does not exist"
    if not folder.is_dir():
        return f"cannot write {path}: {folder} is not a folder"
    if path.is_dir():
        return f"cannot write {path}: it is a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"cannot write {path}: the folder {folder} is not writable"
    return ""


def temporary_sibling(path: Path) -> Path:
    """A new, empty file beside ``path`` (created with the usual permissions, not 0600)."""
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return tmp


@contextmanager
def replaced(path: Path, mode: str = "w", **open_args: Any) -> Iterator[IO[Any]]:
    """Open a temporary file for writing; on a clean exit it replaces ``path``, else it is removed."""
    tmp = temporary_sibling(path)
    try:
        with tmp.open(mode, **open_args) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        _commit(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def replace_with(path: Path, save: Callable[[Path], bool]) -> None:
    """For writers that take a file name (Qt's image save): ``save(tmp)`` then replace ``path``.

    Raises OSError when ``save`` reports failure, leaving ``path`` as it was.
    """
    tmp = temporary_sibling(path)
    try:
        if not save(tmp):
            raise OSError(errno.EIO, "the save failed")
        _commit(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    """``Path.write_text`` (UTF-8) without the window in which the file is empty or partial."""
    with replaced(path, "w", encoding="utf-8") as f:
        f.write(text)


def _commit(tmp: Path, path: Path) -> None:
    if path.is_file():  # a replaced file keeps the permissions its owner gave it
        os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
    os.replace(tmp, path)
