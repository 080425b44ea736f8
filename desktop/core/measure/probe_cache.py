"""Where slow per-model measurements are kept between runs, and when a kept one still holds.

An entry is keyed by the model's name, a fingerprint of its weights, the data's hash and the
measurement's own settings: retraining a model, editing the data or changing the probe each make
a new key, so a stale result is never read back. Files go under the user cache folder
(platform conventions; ``BGE_CACHE_DIR`` overrides) and are written atomically, so a crash
leaves the old entry or none, never half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

import platformdirs

from desktop.core.models.base import ModelAdapter
from desktop.core.store.atomic import write_text
from desktop.core.store.registry import APP_NAME

CACHE_DIR_ENV = "BGE_CACHE_DIR"
SAMPLES_PER_TENSOR = 4096  # enough weights that any retraining changes the fingerprint, few enough to be instant


def user_cache_dir() -> Path:
    return Path(os.environ.get(CACHE_DIR_ENV) or platformdirs.user_cache_dir(APP_NAME))


def model_fingerprint(adapter: ModelAdapter) -> str:
    """A hash of the adapter's kind, size and layer names and, for every tensor of its network that
    the checkpoint held, the tensor's name and shape plus an evenly spaced sample of its values (a
    head the checkpoint lacks is random at each load: with it, every start missed the cache)."""
    h = hashlib.sha256(f"{type(adapter).__name__}|{adapter.parameters}|{adapter.layer_names}".encode())
    for key, tensor in adapter.network().state_dict().items():
        if key in adapter.initialised:
            continue
        flat = tensor.detach().reshape(-1)
        step = max(1, flat.numel() // SAMPLES_PER_TENSOR)
        h.update(f"{key}{tuple(tensor.shape)}{tensor.dtype}".encode())
        h.update(flat[::step].float().cpu().numpy().tobytes())
    return h.hexdigest()


def cache_path(folder: Path, kind: str, model: str, data: str, key: dict[str, Any]) -> Path:
    """``<folder>/<kind>/<model>-<data>-<hash of key>.json``; ``key`` holds everything the result depends on."""
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:24]
    safe = re.sub(r"[^\w.-]+", "_", model)[:60]
    return folder / kind / f"{safe}-{data}-{digest}.json"


def read_entry(path: Path) -> dict[str, Any] | None:
    """The stored entry, or None when there is none or it cannot be read (then it is computed again)."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def write_entry(path: Path, entry: dict[str, Any]) -> bool:
    """Store ``entry``; False when the cache folder cannot be written (the result is still good)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, json.dumps(entry, ensure_ascii=False, indent=1))
    except OSError:
        return False
    return True
