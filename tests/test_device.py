"""Where the models run (desktop/core/models/device.py, ``ModelAdapter.to``, ``--device``).

This machine has no GPU: CUDA is faked by patching ``torch.cuda`` where a test needs it, and the
code that runs the models (the adapters, the measures, the claims) is checked for tensors made
without the model's device (what breaks on a GPU).
"""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest
import torch

from desktop.cli.main import run
from desktop.core.models import load_adapter
from desktop.core.models.base import ModelError
from desktop.core.models.device import ENV_VAR, DeviceChoice, check_request, choose_device

CORE = Path(__file__).resolve().parents[1] / "desktop" / "core"
RUN_THE_MODELS = [CORE / "models", CORE / "measure", CORE / "claims"]
TEXT = "I sat on the river bank. The bank holds money."


def fake_cuda(monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: count > 0)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: count)
    monkeypatch.setattr(torch.cuda, "current_device", lambda: 0)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda index=0: f"Fake GPU {index}")


@pytest.mark.parametrize(
    ("text", "request_"), [("auto", "auto"), (" CPU ", "cpu"), ("cuda", "cuda"), ("cuda:1", "cuda:1")]
)
def test_requests_are_read(text: str, request_: str) -> None:
    assert check_request(text) == request_


@pytest.mark.parametrize("text", ["gpu", "cuda:", "cuda:x", "cpu:0", ""])
def test_other_requests_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="choose auto, cpu, cuda or cuda:N"):
        check_request(text)


def test_without_cuda_auto_is_the_cpu_and_a_gpu_asked_for_falls_back_with_the_reason(monkeypatch) -> None:
    fake_cuda(monkeypatch, 0)
    assert choose_device("auto") == DeviceChoice("auto", "cpu", "CPU")
    for request in ("cuda", "cuda:0"):
        choice = choose_device(request)
        assert choice.device == "cpu" and choice.problem is not None
        assert "no CUDA GPU" in choice.problem.english() and request in choice.problem.english()


def test_with_cuda_auto_is_the_gpu_and_a_missing_index_falls_back(monkeypatch) -> None:
    fake_cuda(monkeypatch, 2)
    auto = choose_device("auto")
    assert (auto.device, auto.label, auto.problem) == ("cuda:0", "cuda:0 (Fake GPU 0)", None)
    assert choose_device("cuda:1").device == "cuda:1" and choose_device("cpu").device == "cpu"
    gone = choose_device("cuda:2")
    assert gone.device == "cpu" and "no GPU cuda:2" in gone.problem.english()


def test_the_environment_variable_is_the_default(monkeypatch) -> None:
    fake_cuda(monkeypatch, 1)
    monkeypatch.setenv(ENV_VAR, "cpu")
    assert choose_device().device == "cpu" and choose_device("auto").device == "cuda:0"
    monkeypatch.setenv(ENV_VAR, "tpu")
    with pytest.raises(ValueError, match=ENV_VAR):
        choose_device()


# -- the command line --------------------------------------------------------------------------
def _recording_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Loads that record the device the CLI moves each model to, then fail (no model runs)."""
    import desktop.core.models

    moved: list[str] = []

    class Stub:
        def to(self, device: str) -> None:
            moved.append(device)
            raise RuntimeError("stop here")

    monkeypatch.setattr(desktop.core.models, "load_adapter", lambda spec: Stub())
    return moved


def test_cli_refuses_a_gpu_that_is_not_there_before_loading(tiny_registry, capsys, monkeypatch) -> None:
    fake_cuda(monkeypatch, 0)
    moved = _recording_loads(monkeypatch)
    for command in (["compare"], ["claims"], ["probe", "cka"]):
        code = run([*command, "--text", TEXT, "--device", "cuda"])
        _, err = capsys.readouterr()
        assert code == 2 and moved == [], err
        assert err.startswith("error: no CUDA GPU is available") and "--device auto or cpu" in err
        assert len(err.strip().splitlines()) == 1


def test_cli_auto_takes_the_gpu_torch_sees_and_says_so(tiny_registry, capsys, monkeypatch) -> None:
    fake_cuda(monkeypatch, 1)
    moved = _recording_loads(monkeypatch)
    assert run(["compare", "--text", TEXT, "--models", "tiny-bert,tiny-elmo"]) == 1
    out, _ = capsys.readouterr()
    assert out.startswith("device: cuda:0 (Fake GPU 0)\n") and moved == ["cuda:0", "cuda:0"]
    monkeypatch.setenv(ENV_VAR, "cpu")  # the default, where --device is not given
    assert run(["probe", "cka", "--text", TEXT, "--models", "tiny-gpt2"]) == 1
    assert moved[2:] == ["cpu"]


def test_cli_refuses_a_bad_device_and_a_bad_environment_variable(tiny_registry, capsys, monkeypatch) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(["compare", "--text", TEXT, "--device", "gpu"])
    assert exit_.value.code == 2 and "choose auto, cpu, cuda or cuda:N" in capsys.readouterr().err
    monkeypatch.setenv(ENV_VAR, "gpu")
    assert run(["compare", "--text", TEXT]) == 2
    assert capsys.readouterr().err.startswith(f"error: {ENV_VAR}: unknown device 'gpu'")


def test_cli_on_the_cpu_prints_the_device_and_the_results(tiny_registry, capsys) -> None:
    assert run(["compare", "--text", TEXT, "--models", "tiny-bert", "--device", "cpu"]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("device: cpu\n") and "== tiny-bert" in out


# -- the adapters ----------------------------------------------------------------------------
@pytest.mark.parametrize("family", ["encoder", "decoder", "elmo"])
def test_a_move_keeps_every_number(tiny_specs, family: str) -> None:
    """``_move`` is what a GPU runs through (``to`` skips a move to where the model already is): moving
    to the CPU again must leave the model as it was; ELMo's fast path is rebuilt on the moved cells."""
    adapter = load_adapter(tiny_specs[family])
    assert adapter.device == "cpu" and adapter.to("cpu") is adapter
    before = adapter.encode(TEXT).layers
    slot = adapter.predict_slot(TEXT, (19, 23))
    adapter._move("cpu")
    np.testing.assert_array_equal(adapter.encode(TEXT).layers, before)
    assert adapter.predict_slot(TEXT, (19, 23)) == slot
    if family == "elmo":  # the allennlp cells are views of the stacked weights again: held once
        layer, cell = adapter.fast.lstm.layers[0], adapter.bilm._elmo_lstm.forward_layers[0]
        assert cell.input_linearity.weight.data_ptr() == layer.input_weight[0].data_ptr()


def test_a_family_that_cannot_move_says_so(adapters, monkeypatch) -> None:
    from desktop.core.models.base import ModelAdapter

    adapter = adapters["encoder"]
    monkeypatch.setattr(type(adapter), "_move", ModelAdapter._move)  # a family without its own move
    with pytest.raises(ModelError, match="cannot run on cuda:0"):
        adapter.to("cuda:0")
    assert adapter.device == "cpu"


# -- tensors made on the model's device ------------------------------------------------------
MAKERS = {
    "tensor", "as_tensor", "zeros", "ones", "arange", "full", "empty", "eye", "rand", "randn", "randint", "linspace"
}  # fmt: skip


def _torch_call(node: ast.AST, names: set[str]) -> bool:
    """``torch.<one of names>(...)``."""
    func = node.func if isinstance(node, ast.Call) else None
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "torch"
        and func.attr in names
    )


def deviceless_tensors(source: str) -> list[int]:
    """Lines that make a torch tensor without ``device=`` (or ``torch.from_numpy`` without ``.to(...)``
    at once), or read one into numpy without ``.cpu()`` first: on a GPU the one meets the model's
    tensors on another device, the other fails."""
    lines = []
    tree = ast.parse(source)
    moved = {  # torch.from_numpy(x).to(device): made on the CPU, moved at once
        id(node.func.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "to"
    }
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        func = node.func
        if _torch_call(node, MAKERS):
            if not any(k.arg == "device" for k in node.keywords):
                lines.append(node.lineno)
        elif _torch_call(node, {"from_numpy"}):
            if id(node) not in moved:
                lines.append(node.lineno)
        elif func.attr == "numpy" and not node.args:
            inner = func.value
            if not (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and inner.func.attr == "cpu"):
                lines.append(node.lineno)
    return lines


def test_the_check_finds_tensors_made_on_the_default_device() -> None:
    bad = "x = torch.tensor([1])\ny = torch.arange(3, device=d)\nz = w.float().numpy()\nv = w.cpu().numpy()\n"
    assert deviceless_tensors(bad) == [1, 3]
    numpy_in = "a = torch.from_numpy(n)\nb = torch.from_numpy(n).to(d)\nc = torch.as_tensor(n)\n"
    assert deviceless_tensors(numpy_in) == [1, 3]


def test_the_code_that_runs_the_models_makes_its_tensors_on_the_models_device() -> None:
    found = {
        f"{path.parent.name}/{path.name}": lines
        for folder in RUN_THE_MODELS
        for path in sorted(folder.glob("*.py"))
        if (lines := deviceless_tensors(path.read_text(encoding="utf-8")))
    }
    assert not found, f"tensors made without the model's device (file: lines): {found}"
