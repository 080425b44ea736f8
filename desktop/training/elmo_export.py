"""Trained allennlp ``_ElmoBiLm`` parameters back into the official bilm-tf HDF5 layout.

This is the exact inverse of what allennlp does when it reads the file
(``_ElmoCharacterEncoder._load_char_embedding/_load_cnn_weights/_load_highway/_load_projection``
and ``ElmoLstm.load_weights``), so the exported file gives back the trained network:

* ``char_embed``: allennlp prepends an all-zero row for padding (id 0); the file omits it.
* CNN: the file holds TensorFlow's ``[1, width, in, out]``; torch's Conv1d is ``[out, in, width]``.
* highway: the file's matrices are transposed (tf multiplies ``x @ W``), and its carry gate is
  the negation of allennlp's (allennlp computes ``g * x + (1 - g) * f(x)``, tf the reverse).
* projection: transposed.
* LSTM: tf packs input and recurrent weights in one ``[in + hidden, 4 * cell]`` matrix with the
  gates in the order i, j, f, o; allennlp splits them and orders the gates i, f, j, o. tf adds
  1.0 to the forget-gate bias at run time, allennlp adds it to the parameter on load, so the
  file holds the bias minus 1. That subtraction is the one step that is not bit-exact in
  float32 (see ``FORGET_BIAS_TOLERANCE``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from safetensors.numpy import load_file, save_file

from desktop.core.models.elmo import softmax_files
from desktop.core.models.elmo_hdf5 import write_elmo_files

# (x - 1) + 1 in float32 may differ from x by rounding to the grid of numbers near 1.
FORGET_BIAS_TOLERANCE = 2.0**-23


def _np(t: torch.Tensor) -> np.ndarray:
    return t.detach().cpu().float().numpy().copy()


def _swap_gates_j_f(rows: np.ndarray, cell: int) -> np.ndarray:
    """Exchange gate blocks 1 and 2 along axis 0: allennlp's (i, f, j, o) <-> tf's (i, j, f, o)."""
    out = rows.copy()
    out[cell : 2 * cell], out[2 * cell : 3 * cell] = rows[2 * cell : 3 * cell], rows[cell : 2 * cell]
    return out


def char_encoder_tensors(encoder: torch.nn.Module) -> dict[str, np.ndarray]:
    tensors = {"char_embed": _np(encoder._char_embedding_weights)[1:]}
    for i, conv in enumerate(encoder._convolutions):
        tensors[f"CNN/W_cnn_{i}"] = np.transpose(_np(conv.weight), (2, 1, 0))[np.newaxis]
        tensors[f"CNN/b_cnn_{i}"] = _np(conv.bias)
    for k, layer in enumerate(encoder._highways._layers):
        n = layer.in_features
        weight, bias = _np(layer.weight), _np(layer.bias)
        tensors[f"CNN_high_{k}/W_transform"] = weight[:n].T.copy()
        tensors[f"CNN_high_{k}/W_carry"] = -weight[n:].T
        tensors[f"CNN_high_{k}/b_transform"] = bias[:n]
        tensors[f"CNN_high_{k}/b_carry"] = -bias[n:]
    tensors["CNN_proj/W_proj"] = _np(encoder._projection.weight).T.copy()
    tensors["CNN_proj/b_proj"] = _np(encoder._projection.bias)
    return tensors


def lstm_tensors(elmo_lstm: torch.nn.Module) -> dict[str, np.ndarray]:
    tensors = {}
    for layer, cells in enumerate(zip(elmo_lstm.forward_layers, elmo_lstm.backward_layers, strict=True)):
        for direction, cell in enumerate(cells):
            size = cell.cell_size
            path = f"RNN_{direction}/RNN/MultiRNNCell/Cell{layer}/LSTMCell"
            torch_w = np.concatenate([_np(cell.input_linearity.weight), _np(cell.state_linearity.weight)], axis=1)
            tensors[f"{path}/W_0"] = _swap_gates_j_f(torch_w, size).T.copy()
            tf_bias = _swap_gates_j_f(_np(cell.state_linearity.bias), size)
            tf_bias[2 * size : 3 * size] -= np.float32(1.0)
            tensors[f"{path}/B"] = tf_bias
            tensors[f"{path}/W_P_0"] = _np(cell.state_projection.weight).T.copy()
    return tensors


def bilm_tensors(bilm: torch.nn.Module) -> dict[str, np.ndarray]:
    """Every dataset of the official layout, from an allennlp ``_ElmoBiLm``."""
    return char_encoder_tensors(bilm._token_embedder) | lstm_tensors(bilm._elmo_lstm)


def export_bilm(
    bilm: torch.nn.Module, options: dict, folder: Path, stem: str = "elmo", half: bool = False
) -> tuple[Path, Path]:
    """``<stem>_options.json`` + ``<stem>_weights.hdf5``, loadable by allennlp and the program
    (``half``: the datasets in float16, the official layout otherwise unchanged)."""
    return write_elmo_files(folder, options, bilm_tensors(bilm), stem=stem, dtype=np.float16 if half else np.float32)


def softmax_paths(folder: Path, stem: str = "elmo") -> tuple[Path, Path]:
    """Where the LM softmax goes (beside ``<stem>_weights.hdf5``, where ``ElmoAdapter`` looks for it);
    not an .hdf5/.json, so the folder still holds one of each."""
    return softmax_files(folder / f"{stem}_weights.hdf5")


def export_softmax(
    linear: torch.nn.Linear, words: list[str], folder: Path, stem: str = "elmo", half: bool = False
) -> tuple[Path, Path]:
    """The word-level softmax (weight ``[vocab, projection]``, bias ``[vocab]``) and its vocabulary."""
    if linear.out_features != len(words):
        raise ValueError(f"softmax has {linear.out_features} outputs for {len(words)} words")
    weights_path, vocab_path = softmax_paths(folder, stem)
    dtype = np.float16 if half else np.float32
    save_file({"weight": _np(linear.weight).astype(dtype), "bias": _np(linear.bias).astype(dtype)}, str(weights_path))
    weights_path.chmod(0o644)  # safetensors creates it private (0600), unlike every other file here
    vocab_path.write_text("\n".join(words) + "\n", encoding="utf-8")
    return weights_path, vocab_path


def read_softmax(folder: Path, stem: str = "elmo") -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(weight, bias, words) as written by ``export_softmax``."""
    weights_path, vocab_path = softmax_paths(folder, stem)
    tensors = load_file(str(weights_path))
    return tensors["weight"], tensors["bias"], vocab_path.read_text(encoding="utf-8").splitlines()
