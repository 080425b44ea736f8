"""ELMo's biLM (allennlp's ``_ElmoBiLm``) with an LSTM stack that takes no Python step per token.

allennlp's ``LstmCellWithProjection`` loops in Python over the time steps of each direction and
layer, and multiplies every step's input by the input weights inside that loop. Here:

- the input projection of all time steps is one matrix product per layer;
- the backward direction reads each sentence reversed within its own length, so both directions
  step through time together and one batched matrix product serves both;
- the recurrence (memory-cell clip, projection, projection clip) is a TorchScript loop;
- on the CPU, every weight is prepacked once for oneDNN (``packed.py``), which makes the products of
  a few rows by a large weight 2-3 times faster than ``bmm``;
- a sentence that has ended keeps its state and outputs zeros, as allennlp's shrinking batch
  does, so sentences of different lengths run as one batch with the numbers each has alone.

allennlp stays the loader (the weights are taken from its loaded module, whose parameters then
become views of the stacked tensors, so the model is held once) and the oracle in the tests.
The char-CNN token layer is allennlp's own; for inference each distinct token runs once and its
vector is kept (``elmo_chars.py``).
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import torch

from desktop.core.imports import IMPORT_LOCK
from desktop.core.models.elmo_chars import TokenVectors
from desktop.core.models.packed import pack_all, packed_linear

LstmState = tuple[torch.Tensor, torch.Tensor]  # hidden [layers, batch, 2 * proj], memory [layers, batch, 2 * cell]


def _times_transposed(x: torch.Tensor, weight: torch.Tensor, packed: list[torch.Tensor]) -> torch.Tensor:
    """``x`` ``[2, rows, in]`` times ``weight`` ``[2, out, in]`` transposed, per direction; through the
    two ``packed`` weights where there are. Else one row (one sentence) runs as two matrix-vector
    products: at the original size, a 22-token sentence took 1.13 s through the LSTM stack that way
    against 1.46 s with one batched product of one row here, which wins from two rows on."""
    if len(packed) == 2:
        return torch.stack([packed_linear(x[0], packed[0]), packed_linear(x[1], packed[1])])
    if x.size(1) == 1:
        return torch.stack([torch.mv(weight[0], x[0, 0]), torch.mv(weight[1], x[1, 0])]).unsqueeze(1)
    return torch.bmm(x, weight.transpose(1, 2))


def _recurrence(
    gates_in: torch.Tensor,
    state_weight: torch.Tensor,
    bias: torch.Tensor,
    projection: torch.Tensor,
    valid: torch.Tensor,
    hidden: torch.Tensor,
    memory: torch.Tensor,
    cell_clip: float,
    proj_clip: float,
    packed: list[torch.Tensor],
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Both directions of one layer through time. ``gates_in`` ``[2, batch, time, 4 * cell]`` holds the
    input projections, ``valid`` ``[batch, time]`` the real (unpadded) steps; the gate order is allennlp's
    (input, forget, memory, output) and so is the order of the sums. ``packed``: the state weights then
    the projections, each direction prepacked, or empty. Returns the outputs and the final hidden and
    memory."""
    outputs = gates_in.new_zeros(gates_in.size(0), gates_in.size(1), gates_in.size(2), projection.size(1))
    for t in range(gates_in.size(2)):
        gates = gates_in[:, :, t] + (_times_transposed(hidden, state_weight, packed[:2]) + bias)
        input_gate, forget_gate, memory_init, output_gate = gates.chunk(4, -1)
        new_memory = torch.sigmoid(input_gate) * torch.tanh(memory_init) + torch.sigmoid(forget_gate) * memory
        new_memory = torch.clamp(new_memory, -cell_clip, cell_clip)
        new_hidden = _times_transposed(torch.sigmoid(output_gate) * torch.tanh(new_memory), projection, packed[2:])
        new_hidden = torch.clamp(new_hidden, -proj_clip, proj_clip)
        keep = valid[:, t].view(1, -1, 1)
        memory = torch.where(keep, new_memory, memory)
        hidden = torch.where(keep, new_hidden, hidden)
        outputs[:, :, t] = torch.where(keep, new_hidden, torch.zeros_like(new_hidden))
    return outputs, hidden, memory


@functools.cache
def compiled_recurrence() -> Callable[..., tuple[torch.Tensor, torch.Tensor, torch.Tensor]]:
    """The recurrence through TorchScript (once per process), run without the profiling executor's
    optimisation passes (see ``BatchedElmoLstm.__call__``).

    Measured here (CPU time, one thread, one layer of 22 steps): 3.1 ms in Python, 2.3 ms scripted at
    the mini-ELMo's size with 3 sentences; no difference at the original size, where the matrix
    products take all the time. ``torch.jit.script`` is deprecated in torch 2.x but compiles this loop
    in milliseconds; ``torch.compile`` needs a C++ toolchain and tens of seconds."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return torch.jit.script(_recurrence)


@dataclass(frozen=True)
class StackedLayer:
    """One layer's weights, forward and backward stacked on the first axis, as allennlp lays them out."""

    input_weight: torch.Tensor  # [2, 4 * cell, input]
    state_weight: torch.Tensor  # [2, 4 * cell, proj]
    bias: torch.Tensor  # [2, 1, 4 * cell]
    projection: torch.Tensor  # [2, proj, cell]

    @classmethod
    def share(cls, cells: tuple[torch.nn.Module, torch.nn.Module]) -> StackedLayer:
        """Stack two ``LstmCellWithProjection`` and make their parameters views of the stack."""
        stacked = cls(
            torch.stack([c.input_linearity.weight.detach() for c in cells]),
            torch.stack([c.state_linearity.weight.detach() for c in cells]),
            torch.stack([c.state_linearity.bias.detach() for c in cells]).unsqueeze(1),
            torch.stack([c.state_projection.weight.detach() for c in cells]),
        )
        for d, cell in enumerate(cells):
            cell.input_linearity.weight.data = stacked.input_weight[d]
            cell.state_linearity.weight.data = stacked.state_weight[d]
            cell.state_linearity.bias.data = stacked.bias[d, 0]
            cell.state_projection.weight.data = stacked.projection[d]
        return stacked


def packed_weights(layer: StackedLayer, rows: int = 16) -> list[torch.Tensor]:
    """The layer's input weights, state weights and projections, each direction prepacked for about
    ``rows`` rows (``packed.py``), in that order; empty where packing is not available."""
    weights = [w[d] for w in (layer.input_weight, layer.state_weight, layer.projection) for d in range(2)]
    return pack_all(weights, rows) or []


def reading_order(lengths: torch.Tensor, steps: int) -> tuple[torch.Tensor, torch.Tensor]:
    """``valid`` ``[batch, steps]`` and the index that reverses each row within its own length (and
    leaves its padding in place); the reversal is its own inverse."""
    position = torch.arange(steps, device=lengths.device).unsqueeze(0)
    valid = position < lengths.unsqueeze(1)
    return valid, torch.where(valid, lengths.unsqueeze(1) - 1 - position, position)


def _reverse(x: torch.Tensor, order: torch.Tensor) -> torch.Tensor:
    """``x`` ``[batch, time, dim]`` with each row's time steps in ``order`` ``[batch, time]``."""
    return x.gather(1, order.unsqueeze(-1).expand_as(x))


class BatchedElmoLstm:
    """allennlp's ``ElmoLstm`` (forward and backward stacks with a residual connection from the second
    layer on) for a padded batch at once; the same outputs and final states."""

    def __init__(
        self, layers: list[StackedLayer], cell_clip: float | None, proj_clip: float | None, pack_weights: bool = False
    ) -> None:
        """``pack_weights``: also keep a prepacked copy of the weights for inference on the CPU (a second
        copy of the LSTM's weights, 290 MiB at the original size; not for training, which changes them)."""
        self.layers = layers
        self.packed = [packed_weights(layer) if pack_weights else [] for layer in layers]
        # allennlp clips only when the value is set and non-zero
        self.cell_clip = float(cell_clip) if cell_clip else math.inf
        self.proj_clip = float(proj_clip) if proj_clip else math.inf
        self.proj, self.cell = layers[0].projection.shape[1:]

    @classmethod
    def from_allennlp(cls, lstm: torch.nn.Module, pack_weights: bool = False) -> BatchedElmoLstm:
        first = lstm.forward_layers[0]
        layers = [StackedLayer.share(pair) for pair in zip(lstm.forward_layers, lstm.backward_layers, strict=True)]
        return cls(layers, first.memory_cell_clip_value, first.state_projection_clip_value, pack_weights)

    def __call__(
        self, inputs: torch.Tensor, lengths: torch.Tensor, state: LstmState | None = None
    ) -> tuple[torch.Tensor, LstmState]:
        """``inputs`` ``[batch, time, dim]`` (rows padded after ``lengths``) and an optional initial state
        in allennlp's layout. Returns ``[layers, batch, time, 2 * proj]`` (forward ; backward, zeros on
        padding) and the final state, as ``ElmoLstm`` returns and keeps them."""
        batch, steps, _ = inputs.shape
        valid, order = reading_order(lengths, steps)
        recurrence = compiled_recurrence()
        x = torch.stack([inputs, _reverse(inputs, order)])  # both directions read forward in time
        outputs, hidden, memory = [], [], []
        for k, (layer, packed) in enumerate(zip(self.layers, self.packed, strict=True)):
            h, c = self._initial(state, k, batch, inputs)
            gates_in = _times_transposed(x.reshape(2, batch * steps, -1), layer.input_weight, packed[:2])
            # the profiling executor would first profile, then re-optimise, on a new model's first calls
            # (0.5 s each here) for no measurable gain on this loop of matrix products
            with torch.jit.optimized_execution(False):
                out, h, c = recurrence(
                    gates_in.view(2, batch, steps, -1),
                    layer.state_weight,
                    layer.bias,
                    layer.projection,
                    valid,
                    h,
                    c,
                    self.cell_clip,
                    self.proj_clip,
                    packed[2:],
                )
            if k > 0:
                out = out + x  # the residual connection between layers
            outputs.append(torch.cat([out[0], _reverse(out[1], order)], -1))
            hidden.append(torch.cat([h[0], h[1]], -1))
            memory.append(torch.cat([c[0], c[1]], -1))
            x = out
        return torch.stack(outputs), (torch.stack(hidden), torch.stack(memory))

    def _initial(
        self, state: LstmState | None, layer: int, batch: int, like: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Layer ``layer``'s starting hidden and memory, ``[2, batch, dim]`` (zeros without a state)."""
        if state is None:
            return like.new_zeros(2, batch, self.proj), like.new_zeros(2, batch, self.cell)
        hidden, memory = state[0][layer], state[1][layer]
        return (
            torch.stack(hidden.split(self.proj, -1)).contiguous(),
            torch.stack(memory.split(self.cell, -1)).contiguous(),
        )


class FastBiLm:
    """allennlp's ``_ElmoBiLm`` forward with the batched LSTM: its char-CNN token layer, then the LSTM
    stack; every layer with the sentence boundaries ``<S>`` and ``</S>`` it adds."""

    def __init__(self, bilm: torch.nn.Module, inference: bool = False) -> None:
        """``inference``: prepacked LSTM weights and kept token vectors, which are copies and do not
        follow training."""
        self.token_embedder = bilm._token_embedder
        self.token_vectors = TokenVectors(self.token_embedder) if inference else None
        self.lstm = BatchedElmoLstm.from_allennlp(bilm._elmo_lstm, pack_weights=inference)

    def __call__(self, char_ids: torch.Tensor, state: LstmState | None = None) -> tuple[torch.Tensor, LstmState]:
        """``char_ids`` ``[batch, words, 50]`` from ``batch_to_ids``. Returns the three layers
        ``[3, batch, words + 2, 2 * proj]`` (zeros on padding) and the LSTM's final state."""
        mask, tokens = self._tokens(char_ids)
        lstm_out, final = self.lstm(tokens, mask.sum(-1), state)
        static = torch.cat([tokens, tokens], -1) * mask.unsqueeze(-1)
        return torch.cat([static.unsqueeze(0), lstm_out]), final

    def _tokens(self, char_ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        if self.token_vectors is not None:
            return self.token_vectors(char_ids)
        embedded = self.token_embedder(char_ids)
        return embedded["mask"], embedded["token_embedding"]


@contextmanager
def cells_without_random_init() -> Iterator[None]:
    """Build allennlp's ELMo without initialising its LSTM cells at random: ``LstmCellWithProjection``
    gives every 4096 x 512 block an orthogonal start (a QR decomposition each; 33 of the 38 s it took
    to load the original size here), and ``ElmoLstm.load_weights`` then overwrites each of those
    parameters from the file. Call after ``load_elmo_modules``."""
    from allennlp.modules.lstm_cell_with_projection import LstmCellWithProjection

    with IMPORT_LOCK:  # the class is patched for as long as the model is being built
        original = LstmCellWithProjection.reset_parameters
        LstmCellWithProjection.reset_parameters = lambda self: None
        try:
            yield
        finally:
            LstmCellWithProjection.reset_parameters = original
