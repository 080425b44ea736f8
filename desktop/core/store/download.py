"""Fetch the real checkpoints on a machine with internet, for later offline use.

Hugging Face repos go through huggingface_hub (its cache is where the program looks), at the
revision the registry file names. Other files (the original ELMo) are plain HTTP downloads, and
nothing is called finished on the server's word alone:

- the body must bring exactly the bytes the server announced (Content-Length, Content-Range),
  else the ``.part`` file stays for the next run to resume;
- a resume sends ``If-Range`` with the ETag or Last-Modified of the first answer (kept beside
  the ``.part`` file), so a file that changed on the server restarts from zero instead of being
  spliced; a 206 must start where the ``.part`` file ends, a 200 starts again;
- the SHA-256 is checked against a known checksum where the registry has one; otherwise it is
  recorded in ``SHA256SUMS`` (written atomically) so that later damage is noticed;
- a file already on disk is re-checked (known or recorded checksum, size against the server's)
  before it is trusted.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.core.store import atomic
from desktop.core.store.registry import REGISTRY_FILE

CHUNK = 1 << 20
SUMS_FILE = "SHA256SUMS"
VALIDATOR_SUFFIX = ".validator"  # beside "<name>.part": the ETag or Last-Modified it belongs to
DEFAULT_HF_REVISION = "main"
Progress = Callable[[str, int, int | None], None]  # (file name, bytes so far, total or None)
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


class DownloadError(Exception):
    """A download failed or its checksum did not match; says which URL or file."""


class _Restart(Exception):
    """The server's answer cannot continue the ``.part`` file: start again from zero."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def download(url: str, dest: Path, sha256: str = "", progress: Progress | None = None, timeout: float = 60) -> Path:
    """Download ``url`` to ``dest``, resuming a ``.part`` file left by an interrupted run.

    A ``dest`` already there is kept only if it passes the checks of ``_existing_problem``.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.is_file():
        if not _existing_problem(url, dest, sha256, timeout):
            if dest.name not in recorded_sums(dest.parent):
                _record(dest, sha256_of(dest))
            return dest
        dest.unlink()
    part = dest.with_name(dest.name + ".part")
    try:
        _fetch(url, part, dest.name, progress, timeout)
    except _Restart:
        _discard(part)
        _fetch(url, part, dest.name, progress, timeout)
    actual = sha256_of(part)
    if sha256 and actual != sha256:
        _discard(part)
        raise DownloadError(f"{dest.name}: checksum {actual[:12]}… does not match the expected {sha256[:12]}…")
    part.replace(dest)
    _validator_file(part).unlink(missing_ok=True)
    _record(dest, actual)
    return dest


def _fetch(url: str, part: Path, name: str, progress: Progress | None, timeout: float) -> None:
    """Bring ``part`` to the server's full file, or raise with what to do."""
    have = part.stat().st_size if part.is_file() else 0
    validator = _read_validator(part) if have else ""
    if have and not validator:  # nothing tells whether the server still has the same file
        _discard(part)
        have = 0
    headers = {"Range": f"bytes={have}-", "If-Range": validator} if have else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout) as response:
            start, expected = _body_range(response, have)
            if start == 0:
                _write_validator(part, response.headers)
            done = _copy(response, part, start, expected, name, progress)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:
            _check_complete(exc.headers, have)
            return
        raise DownloadError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        raise DownloadError(f"{url}: {getattr(exc, 'reason', exc)} (run again to resume)") from exc
    if expected is not None and done != expected:
        raise DownloadError(f"{url}: the transfer ended at {done} of {expected} bytes (run again to resume)")


def _body_range(response: Any, have: int) -> tuple[int, int | None]:
    """Where the answer's body starts in the file and the size the file must reach (None: unknown)."""
    if response.status != 206:  # the whole file (also the answer to an If-Range that failed)
        length = response.headers.get("Content-Length")
        return 0, int(length) if length and length.isdigit() else None
    found = _CONTENT_RANGE.fullmatch((response.headers.get("Content-Range") or "").strip())
    if not found or int(found[1]) != have:
        raise _Restart
    return have, int(found[3]) if found[3] != "*" else int(found[2]) + 1


def _check_complete(headers: Any, have: int) -> None:
    """A 416 to "bytes=<have>-" means done only if the server's size is exactly ``have``."""
    found = re.fullmatch(r"bytes \*/(\d+)", (headers.get("Content-Range") or "").strip())
    if not found or int(found[1]) != have:
        raise _Restart


def _copy(response: Any, part: Path, start: int, total: int | None, name: str, progress: Progress | None) -> int:
    done = start
    with part.open("ab" if start else "wb") as out:
        while chunk := response.read(CHUNK):
            out.write(chunk)
            done += len(chunk)
            if progress:
                progress(name, done, total)
    return done


def _validator_file(part: Path) -> Path:
    return part.with_name(part.name + VALIDATOR_SUFFIX)


def _write_validator(part: Path, headers: Any) -> None:
    """Keep what a later If-Range can send: a strong ETag, else Last-Modified (weak ones may not)."""
    etag = headers.get("ETag") or ""
    value = etag if etag and not etag.startswith("W/") else headers.get("Last-Modified") or ""
    if value:
        atomic.write_text(_validator_file(part), value)
    else:
        _validator_file(part).unlink(missing_ok=True)


def _read_validator(part: Path) -> str:
    try:
        return _validator_file(part).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def _discard(part: Path) -> None:
    part.unlink(missing_ok=True)
    _validator_file(part).unlink(missing_ok=True)


def _existing_problem(url: str, dest: Path, sha256: str, timeout: float) -> str:
    """Why a file already at ``dest`` must be fetched again ("" if it is whole)."""
    if sha256:
        return "" if sha256_of(dest) == sha256 else "checksum differs from the known one"
    recorded = recorded_sums(dest.parent).get(dest.name)
    if recorded and sha256_of(dest) != recorded:
        return "changed since it was downloaded"
    size = _server_size(url, dest, timeout)
    if size is None:
        return "" if recorded else "the server does not say its size"
    have = dest.stat().st_size
    return "" if have == size else f"{have} bytes on disk, {size} on the server"


def _server_size(url: str, dest: Path, timeout: float) -> int | None:
    request = urllib.request.Request(url, method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
    except (urllib.error.URLError, OSError) as exc:
        why = getattr(exc, "reason", exc)
        raise DownloadError(f"{url}: cannot check {dest.name} against the server: {why}") from exc
    return int(length) if length and length.isdigit() else None


def recorded_sums(folder: Path) -> dict[str, str]:
    """File name -> the SHA-256 recorded in ``folder/SHA256SUMS`` when it was downloaded."""
    sums = folder / SUMS_FILE
    if not sums.is_file():
        return {}
    found = {}
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if name:
            found[name] = digest
    return found


def _record(path: Path, digest: str) -> None:
    sums = recorded_sums(path.parent) | {path.name: digest}
    atomic.write_text(path.parent / SUMS_FILE, "".join(f"{d}  {n}\n" for n, d in sums.items()))


def check_recorded(folder: Path) -> list[tuple[str, str]]:
    """Each file recorded in ``folder``'s SHA256SUMS with "ok", "damaged" or "missing"."""
    states = []
    for name, digest in recorded_sums(folder).items():
        path = folder / name
        state = "missing" if not path.is_file() else "ok" if sha256_of(path) == digest else "damaged"
        states.append((name, state))
    return states


def verify_recorded(folder: Path) -> list[str]:
    """Files whose checksum no longer matches the one recorded when they were downloaded."""
    return [name for name, state in check_recorded(folder) if state != "ok"]


def hf_revision(repo: str, registry: Path | None = None) -> str:
    """The revision of ``repo`` to fetch: the registry file's ``[hf_revisions]`` entry, else "main"."""
    path = registry or Path(os.environ.get("BGE_REGISTRY") or REGISTRY_FILE)
    with path.open("rb") as f:
        pinned = tomllib.load(f).get("hf_revisions", {})
    return str(pinned.get(repo) or DEFAULT_HF_REVISION)


def prefetch_hf(repo: str, revision: str, progress: Callable[[str], None] | None = None) -> Path:
    """A Hugging Face repo at ``revision`` into the local cache (huggingface_hub resumes and verifies)."""
    from huggingface_hub import snapshot_download

    if progress:
        progress(f"{repo}: downloading revision {revision} into the Hugging Face cache…")
    patterns = ["*.json", "*.txt", "*.safetensors", "*.model", "merges.txt", "vocab.*"]
    return Path(snapshot_download(repo, revision=revision, allow_patterns=patterns))
