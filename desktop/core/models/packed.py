"""Weights prepacked by oneDNN for the CPU's matrix products with few rows.

ELMo's recurrence multiplies a handful of rows (one per sentence) by a large weight at every time
step, and a Transformer's linear layers multiply a short text's few tokens by theirs. torch's BLAS
(MKL in its x86 wheels) lays the weight out again at every call; oneDNN's inner product on a weight
reordered once into its blocked layout does not. Measured here (an AMD EPYC, where MKL may not take
its fastest path, 2 threads): ELMo's 16384 x 512 state weight, both directions, 10 rows 5.6 ms with
``bmm`` against 1.8 ms prepacked; its input projection of 220 rows 47 ms against 16 ms; MiniLM's
``encode`` of a 40-word text 17.4 ms against 8.3 ms with every linear layer prepacked.

These are torch's own operators (``torch.ops.mkldnn``, the ones its compiler uses for frozen linear
layers), private ones: where they are missing or answer wrongly, ``pack`` gives ``None`` and the
caller keeps its plain product. Packed weights are for inference: they are copies, and do not follow
later changes of the weight.
"""

from __future__ import annotations

import functools
import weakref

import torch

# module -> (its weight prepacked, the weight's version when packed); a copy of the module (the
# fine-tuning table deep-copies models) is not in here, and so computes as usual
_PACKED: weakref.WeakKeyDictionary[torch.nn.Module, tuple[torch.Tensor, int]] = weakref.WeakKeyDictionary()


def packed_linear(x: torch.Tensor, packed: torch.Tensor, bias: torch.Tensor | None = None) -> torch.Tensor:
    """``x @ weight.T + bias`` for ``x`` ``[rows, in]`` and a weight from ``pack``; scriptable (the
    operator's list of scalars is typed for TorchScript)."""
    scalars: list[int | float | complex | None] = []
    return torch.ops.mkldnn._linear_pointwise(x, packed, bias, "none", scalars, "")


@functools.cache
def packing_works() -> bool:
    """The operators exist in this torch and agree with ``torch.nn.functional.linear``."""
    if not (torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled):
        return False
    generator = torch.Generator().manual_seed(0)
    weight = torch.randn(48, 32, generator=generator, device="cpu")  # packing is for the CPU alone
    x = torch.randn(3, 32, generator=generator, device="cpu")
    try:
        with torch.inference_mode():
            got = packed_linear(x, torch.ops.mkldnn._reorder_linear_weight(weight, 3))
    except (AttributeError, RuntimeError):
        return False
    return bool(torch.allclose(got, torch.nn.functional.linear(x, weight), atol=1e-5))


def pack(weight: torch.Tensor, rows: int) -> torch.Tensor | None:
    """``weight`` ``[out, in]`` in oneDNN's layout for products with about ``rows`` rows (any number
    works), or None off the CPU and where packing does not work."""
    if weight.device.type != "cpu" or weight.dtype != torch.float32 or not packing_works():
        return None
    with torch.inference_mode():
        return torch.ops.mkldnn._reorder_linear_weight(weight.detach().contiguous(), rows)


def pack_all(weights: list[torch.Tensor], rows: int) -> list[torch.Tensor] | None:
    """Every weight packed, or None if any cannot be: a model computes all its products one way, so
    that its numbers do not depend on which of its layers happened to pack."""
    packed = [pack(w, rows) for w in weights]
    return None if not weights or any(p is None for p in packed) else packed


def _linear_weight(module: torch.nn.Module) -> torch.Tensor | None:
    """The ``[out, in]`` weight of a linear layer: ``nn.Linear``, or transformers' ``Conv1D`` (GPT-2's,
    which keeps it as ``[in, out]``); None for any other module."""
    if isinstance(module, torch.nn.Linear):
        return module.weight
    if type(module).__name__ == "Conv1D" and hasattr(module, "nf"):
        return module.weight.t()
    return None


def _packed_forward(self: torch.nn.Module, x: torch.Tensor) -> torch.Tensor:
    """The layer on its prepacked weight when nothing has changed since packing; else as its own
    class computes it (gradients wanted, another device or precision, a weight changed in place)."""
    entry = _PACKED.get(self)
    usual = entry is None or entry[1] != self.weight._version or torch.is_grad_enabled()
    if usual or x.device.type != "cpu" or x.dtype != torch.float32:
        return type(self).__mro__[1].forward(self, x)
    out = packed_linear(x.reshape(-1, x.size(-1)), entry[0], self.bias)
    return out.view(*x.shape[:-1], out.size(-1))


@functools.cache
def _packed_class(base: type) -> type:
    """``base`` with the packed forward, under the same name. A class, not a method bound on the
    instance: a bound method in the module's own ``__dict__`` is a reference cycle, and a closed
    window's weights then waited for a full garbage collection (at most once a minute here)."""
    return type(base.__name__, (base,), {"forward": _packed_forward, "__qualname__": base.__qualname__})


def pack_linears(model: torch.nn.Module, rows: int = 32) -> int:
    """Run every linear layer of ``model`` on a prepacked copy of its weight (a second copy of those
    weights in memory); where packing does not work (another device, another torch), none. Call
    again after moving the model. Returns how many layers were packed."""
    layers = [(m, w) for m in model.modules() if (w := _linear_weight(m)) is not None]
    for module, _ in layers:
        _PACKED.pop(module, None)
    packed = pack_all([weight for _, weight in layers], rows)
    if packed is None:
        return 0
    for (module, _), weight in zip(layers, packed, strict=True):
        _PACKED[module] = (weight, module.weight._version)
        if type(module).forward is not _packed_forward:
            module.__class__ = _packed_class(type(module))
    return len(layers)
