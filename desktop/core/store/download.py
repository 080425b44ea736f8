"""Fetch the real checkpoints on a machine with internet, for later offline use.

Hugging Face repos go through huggingface_hub (its cache is where the program looks). Other
files (the original ELMo) are plain HTTP downloads with resume (a ``.part`` file and a Range
request) and a SHA-256 check: against a known checksum where the registry has one, otherwise
the file's checksum is recorded in ``SHA256SUMS`` beside it so that later damage is noticed.
"""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

CHUNK = 1 << 20
SUMS_FILE = "SHA256SUMS"
Progress = Callable[[str, int, int | None], None]  # (file name, bytes so far, total or None)


class DownloadError(Exception):
    """A download failed or its checksum did not match; says which URL or file."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def download(url: str, dest: Path, sha256: str = "", progress: Progress | None = None, timeout: float = 60) -> Path:
    """Download ``url`` to ``dest``, resuming a ``.part`` file left by an interrupted run."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.is_file() and (not sha256 or sha256_of(dest) == sha256):
        return dest
    part = dest.with_name(dest.name + ".part")
    have = part.stat().st_size if part.is_file() else 0
    request = urllib.request.Request(url, headers={"Range": f"bytes={have}-"} if have else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if have and response.status != 206:  # the server ignored the range: start again
                have = 0
            length = response.headers.get("Content-Length")
            total = have + int(length) if length else None
            with part.open("ab" if have else "wb") as out:
                done = have
                while chunk := response.read(CHUNK):
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(dest.name, done, total)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # range beyond the end: the .part file is already complete
            pass
        else:
            raise DownloadError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise DownloadError(f"{url}: {getattr(exc, 'reason', exc)} (run again to resume)") from exc
    actual = sha256_of(part)
    if sha256 and actual != sha256:
        part.unlink()
        raise DownloadError(f"{dest.name}: checksum {actual[:12]}… does not match the expected {sha256[:12]}…")
    part.replace(dest)
    _record(dest, actual)
    return dest


def _record(path: Path, digest: str) -> None:
    sums = path.parent / SUMS_FILE
    lines = [
        ln for ln in (sums.read_text().splitlines() if sums.is_file() else []) if not ln.endswith(f"  {path.name}")
    ]
    sums.write_text("\n".join([*lines, f"{digest}  {path.name}"]) + "\n")


def verify_recorded(folder: Path) -> list[str]:
    """Files whose checksum no longer matches the one recorded when they were downloaded."""
    sums = folder / SUMS_FILE
    if not sums.is_file():
        return []
    bad = []
    for line in sums.read_text().splitlines():
        digest, _, name = line.partition("  ")
        if name and (not (folder / name).is_file() or sha256_of(folder / name) != digest):
            bad.append(name)
    return bad


def prefetch_hf(repo: str, progress: Callable[[str], None] | None = None) -> Path:
    """A Hugging Face repo into the local cache (huggingface_hub resumes and verifies on its own)."""
    from huggingface_hub import snapshot_download

    if progress:
        progress(f"{repo}: downloading into the Hugging Face cache…")
    patterns = ["*.json", "*.txt", "*.safetensors", "*.model", "merges.txt", "vocab.*"]
    return Path(snapshot_download(repo, allow_patterns=patterns))
