"""Linear layers on oneDNN-prepacked weights (desktop/core/models/packed.py): the same numbers as the
plain layers, and the plain path wherever the packed copy could be wrong or is not wanted."""

from __future__ import annotations

import copy
import gc
import weakref
from pathlib import Path

import pytest
import torch
from tiny_models import make_tiny_bert, make_tiny_gpt2

from desktop.core.models.decoder import DecoderAdapter
from desktop.core.models.encoder import EncoderAdapter
from desktop.core.models.packed import _PACKED, _packed_forward, pack_linears, packing_works

pytestmark = pytest.mark.skipif(not packing_works(), reason="this torch cannot prepack weights for oneDNN")


@pytest.fixture(params=["bert", "gpt2"])
def adapter(request, tmp_path: Path) -> EncoderAdapter | DecoderAdapter:
    if request.param == "bert":
        return EncoderAdapter.load("tiny-bert", make_tiny_bert(tmp_path / "bert"))
    return DecoderAdapter.load("tiny-gpt2", make_tiny_gpt2(tmp_path / "gpt2"))


def _hidden(model: torch.nn.Module, ids: torch.Tensor) -> torch.Tensor:
    return torch.stack(model(input_ids=ids, output_hidden_states=True).hidden_states)


def test_the_body_runs_packed_with_the_plain_numbers(adapter) -> None:
    body = adapter.model.base_model
    packed = [m for m in body.modules() if m in _PACKED]
    assert packed and all(type(m).forward is _packed_forward for m in packed), "every linear layer of the body"
    assert all(type(m).__name__ in ("Linear", "Conv1D") for m in packed)  # names the architecture claim reads
    assert not any(m in _PACKED for m in adapter.model.modules() if not any(m is b for b in body.modules()))
    ids = torch.randint(5, 30, (2, 9), device="cpu")
    with torch.inference_mode():
        got = _hidden(body, ids)
    pack_linears(torch.nn.Module())  # nothing to pack: nothing changes
    for module in packed:
        _PACKED.pop(module)  # the plain layers again
    with torch.inference_mode():
        plain = _hidden(body, ids)
    assert (got - plain).abs().max() <= 1e-5


def test_a_copy_trains_on_the_plain_layers_and_a_changed_weight_is_used(adapter) -> None:
    """The fine-tuning table deep-copies the model and trains it: the copy is never packed; a weight
    changed in place is read as it is now, not from the packed copy."""
    body = adapter.model.base_model
    ids = torch.randint(5, 30, (1, 7), device="cpu")
    trained = copy.deepcopy(body)
    assert not any(m in _PACKED for m in trained.modules())
    loss = _hidden(trained, ids)[-1].square().sum()
    loss.backward()  # the packed operator has no gradient: this runs the plain layers
    linear = {n for n, m in body.named_modules() if m in _PACKED and "pooler" not in n}  # the pooler: unused here
    assert all(m.weight.grad is not None for n, m in trained.named_modules() if n in linear)
    with torch.inference_mode():
        before = _hidden(body, ids)
    layer = [m for n, m in body.named_modules() if n in linear][-1]  # the last block's output layer
    with torch.no_grad():
        layer.weight.mul_(2.0)
    with torch.inference_mode():
        after = _hidden(body, ids)
        for module in [m for m in body.modules() if m in _PACKED]:
            _PACKED.pop(module)
        plain = _hidden(body, ids)
    assert (after - before).abs().max() > 1e-3 and (after - plain).abs().max() <= 1e-5


def test_a_packed_layer_is_freed_without_waiting_for_a_garbage_collection(adapter) -> None:
    """The window collects garbage in small pieces and walks the whole heap at most once a minute: a
    closed window's weights must not wait for that (a reference cycle through the layer would)."""
    layer = next(m for m in adapter.model.base_model.modules() if m in _PACKED)
    gone = weakref.ref(layer)
    del layer
    enabled = gc.isenabled()
    gc.disable()
    try:
        adapter.model = None
        assert gone() is None
    finally:
        if enabled:
            gc.enable()
