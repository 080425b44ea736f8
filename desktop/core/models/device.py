"""Where the models run: the CPU, or a CUDA GPU when there is one.

Chosen once per window or command (``auto``, ``cpu``, ``cuda`` or ``cuda:N``; the ``BGE_DEVICE``
environment variable is the default, else ``auto``) and handed to ``ModelAdapter.to``. A GPU asked
for where torch sees none is not an error here: the choice falls back to the CPU and carries the
reason (``problem``), and each front end decides: the CLI refuses to run, the window runs on the
CPU and says so.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from desktop.core.messages import Msg, msg, plain

ENV_VAR = "BGE_DEVICE"
REQUESTS = ("auto", "cpu", "cuda")  # and cuda:N
_REQUEST = re.compile(r"^(auto|cpu|cuda(:\d+)?)$")


@dataclass(frozen=True)
class DeviceChoice:
    requested: str  # what was asked for, as given ("auto", "cpu", "cuda", "cuda:1")
    device: str  # where the models run: "cpu" or "cuda:N"
    name: str  # for people: "CPU" or the GPU's name
    problem: Msg | None = None  # why the request could not be met (then ``device`` is "cpu")
    cuda: bool = False  # torch sees a CUDA GPU here (the window's menu offers it; asked where the models are)

    @property
    def label(self) -> str:
        """ "cpu" or "cuda:0 (NVIDIA H200)": the device and, for a GPU, which card."""
        return self.device if self.device == "cpu" else f"{self.device} ({self.name})"


def check_request(text: str) -> str:
    """``text`` as a device request (lower case, spaces trimmed); a ``ValueError`` says what is accepted."""
    request = text.strip().lower()
    if not _REQUEST.match(request):
        raise ValueError(f"unknown device {text!r}: choose auto, cpu, cuda or cuda:N")
    return request


def default_request() -> str:
    """``BGE_DEVICE`` when it is set, else ``auto``; a ``ValueError`` when it holds no valid request."""
    raw = os.environ.get(ENV_VAR, "").strip()
    try:
        return check_request(raw or "auto")
    except ValueError as exc:
        raise ValueError(f"{ENV_VAR}: {exc}") from exc


def choose_device(requested: str | None = None) -> DeviceChoice:
    """Resolve a request (None: ``default_request()``) against what torch sees on this machine."""
    import torch

    request = check_request(requested) if requested is not None else default_request()
    cuda = torch.cuda.is_available()
    if request == "cpu" or (request == "auto" and not cuda):
        return DeviceChoice(request, "cpu", "CPU", cuda=cuda)
    if not cuda:
        problem = msg("no CUDA GPU is available to torch here (asked for: {request})", request=request)
        return DeviceChoice(request, "cpu", "CPU", problem)
    index = int(request.split(":")[1]) if ":" in request else torch.cuda.current_device()
    count = torch.cuda.device_count()
    if index >= count:
        problem = msg("there is no GPU cuda:{index} here (torch sees {count})", index=index, count=count)
        return DeviceChoice(request, "cpu", "CPU", problem, cuda=True)
    return DeviceChoice(request, f"cuda:{index}", torch.cuda.get_device_name(index), cuda=True)


def cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


def device_for(request: str | None) -> DeviceChoice:
    """``request`` (None: ``BGE_DEVICE``, else automatic) as this machine can meet it; asks torch."""
    try:
        return choose_device(request)
    except ValueError as exc:  # BGE_DEVICE holds no valid request
        return DeviceChoice("auto", "cpu", "CPU", plain(str(exc)), cuda=cuda_available())
