"""Write ELMo weights in the official bilm-tf HDF5 layout that allennlp's ``_ElmoBiLm`` reads.

Used to make random-weight ELMo files of any size (tests, benchmarks) and, with trained
tensors, to export a model of the project's own.
"""

from __future__ import annotations

import json
from pathlib import Path

import h5py
import numpy as np

# The original ELMo (elmo_2x4096_512_2048cnn_2xhighway) options, as published by AllenNLP.
ORIGINAL_OPTIONS: dict = {
    "lstm": {
        "use_skip_connections": True,
        "projection_dim": 512,
        "cell_clip": 3,
        "proj_clip": 3,
        "dim": 4096,
        "n_layers": 2,
    },
    "char_cnn": {
        "activation": "relu",
        "filters": [[1, 32], [2, 32], [3, 64], [4, 128], [5, 256], [6, 512], [7, 1024]],
        "n_highway": 2,
        "embedding": {"dim": 16},
        "n_characters": 262,
        "max_characters_per_token": 50,
    },
}


def elmo_shapes(options: dict) -> dict[str, tuple[int, ...]]:
    """Every dataset of the layout and its shape, from the options."""
    cnn, lstm = options["char_cnn"], options["lstm"]
    char_dim, proj, cell = cnn["embedding"]["dim"], lstm["projection_dim"], lstm["dim"]
    n_filters = sum(n for _, n in cnn["filters"])
    shapes: dict[str, tuple[int, ...]] = {"char_embed": (261, char_dim)}
    for i, (width, num) in enumerate(cnn["filters"]):
        shapes[f"CNN/W_cnn_{i}"] = (1, width, char_dim, num)
        shapes[f"CNN/b_cnn_{i}"] = (num,)
    for k in range(cnn["n_highway"]):
        for part in ("transform", "carry"):
            shapes[f"CNN_high_{k}/W_{part}"] = (n_filters, n_filters)
            shapes[f"CNN_high_{k}/b_{part}"] = (n_filters,)
    shapes["CNN_proj/W_proj"] = (n_filters, proj)
    shapes["CNN_proj/b_proj"] = (proj,)
    for direction in range(2):
        for layer in range(lstm["n_layers"]):
            cell_path = f"RNN_{direction}/RNN/MultiRNNCell/Cell{layer}/LSTMCell"
            shapes[f"{cell_path}/W_0"] = (proj + proj, 4 * cell)
            shapes[f"{cell_path}/B"] = (4 * cell,)
            shapes[f"{cell_path}/W_P_0"] = (cell, proj)
    return shapes


def write_elmo_files(
    folder: Path, options: dict, tensors: dict[str, np.ndarray], stem: str = "elmo", dtype: type = np.float32
) -> tuple[Path, Path]:
    """Write ``<stem>_options.json`` and ``<stem>_weights.hdf5``; every dataset must be given.
    ``dtype`` float16 halves the file; allennlp reads it back as float32."""
    shapes = elmo_shapes(options)
    missing = sorted(set(shapes) - set(tensors))
    wrong = [k for k in shapes if k in tensors and tuple(tensors[k].shape) != shapes[k]]
    if missing or wrong:
        raise ValueError(f"ELMo tensors: missing {missing}, wrong shape {wrong}")
    folder.mkdir(parents=True, exist_ok=True)
    options_path, weights_path = folder / f"{stem}_options.json", folder / f"{stem}_weights.hdf5"
    options_path.write_text(json.dumps(options, indent=2), encoding="utf-8")
    with h5py.File(weights_path, "w") as f:
        for name in shapes:
            f.create_dataset(name, data=np.asarray(tensors[name], dtype=dtype))
    return options_path, weights_path


def random_elmo_tensors(options: dict, seed: int = 0, scale: float = 0.1) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        name: (rng.standard_normal(shape) * scale).astype(np.float32) for name, shape in elmo_shapes(options).items()
    }
