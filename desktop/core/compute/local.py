"""The models in the front end's own process: the same interface as ``client.ComputeProcess``.

The CLI, the tests and ``--compute thread`` use it: no second process to start, and the adapters
stay reachable (``adapters``) for code that needs the model itself.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from desktop.core.compute.task import HostTask, Report, Task, reporting
from desktop.core.models.base import ModelAdapter, elapsed_ms
from desktop.core.store.registry import ModelSpec


class LocalModels:
    """Each adapter is written and read only by its own model's worker thread."""

    def __init__(self) -> None:
        self.adapters: dict[str, ModelAdapter] = {}

    def load(self, model: str, spec: ModelSpec, device: str, report: Report | None = None) -> Iterator[float]:
        from desktop.core.models import load_adapter

        t0 = time.perf_counter()
        self.adapters[model] = load_adapter(spec, progress=report).to(device)
        yield elapsed_ms(t0)

    def run(self, model: str, task: Task, report: Report | None = None) -> Iterator[Any]:
        """``task``'s values; nothing when the model did not load (its tab says why)."""
        adapter = self.adapters.get(model)
        if adapter is None:
            return
        with reporting(report):  # around the call and each value: the task runs in both
            values = iter(task(adapter))
        while True:
            with reporting(report):
                try:
                    value = next(values)
                except StopIteration:
                    return
            yield value

    def call(self, task: HostTask) -> Iterator[Any]:
        yield from task()

    def close(self) -> None:
        """Nothing to stop: the adapters go with the window."""
