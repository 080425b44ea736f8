"""The compute process: it loads the models and runs the tasks the front end sends.

Protocol (tuples over one ``multiprocessing`` pipe; the front end's side is ``client``):

- in: ``("load", id, model, spec, device)``, ``("task", id, model, task)``, ``("next", id, model)``,
  ``("close", id, model)``, ``("cancel", id)``, ``("stop",)``; ``model`` None is the host's lane
  (a ``HostTask``, which needs no model);
- out: ``(id, "value", packed)``, ``(id, "done", None)``, ``(id, "failed", Failure)``,
  ``(id, "cancelled", None)``, ``(id, "progress", (done, total))``.

A task computes one value per ``next``, pickled with the task's memo (``memo``): a part shared by
two values arrives as one object. The front end asks for each stage inside a turn of its compute
budget (``desktop.core.runtime.taking_turns``), so the turns keep meaning what they meant
when the models ran in the front end's threads. Each model has one thread here (the models are not
thread-safe); the main thread only reads the pipe, so that a cancel reaches a running task.
"""

from __future__ import annotations

import contextlib
import gc
import os
import queue
import threading
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection
from typing import Any

from desktop.core.cancel import Cancelled, CancelToken, cancel_scope
from desktop.core.compute.local import LocalModels
from desktop.core.compute.memo import Packer
from desktop.core.compute.task import HostTask, Report, Task
from desktop.core.runtime import give_back_free_memory
from desktop.core.session import Failure
from desktop.core.store.registry import ModelSpec

NICENESS = 10  # added to the window's: the window's process gets a busy machine's cores first


class Host:
    """The loaded models and one lane (thread) per model; replies go out under one lock."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.send_lock = threading.Lock()
        self.lanes: dict[str | None, Lane] = {}
        self.tokens: dict[int, CancelToken] = {}
        self.models = LocalModels()  # each model's entry written and read by its own lane only

    def send(self, message: tuple[Any, ...]) -> None:
        with self.send_lock, contextlib.suppress(OSError):  # the front end is gone: nobody to tell
            self.conn.send(message)

    def loop(self) -> None:
        """Read requests until ``stop`` or until the front end closes its end of the pipe."""
        while True:
            try:
                message = self.conn.recv()
            except (EOFError, OSError):
                return
            kind = message[0]
            if kind == "stop":
                return
            if kind == "cancel":
                if (token := self.tokens.get(message[1])) is not None:
                    token.cancel()
                continue
            if kind in ("load", "task"):
                self.tokens[message[1]] = CancelToken()
            model = message[2]
            lane = self.lanes.get(model)
            if lane is None:
                lane = self.lanes[model] = Lane(self, model)
            lane.inbox.put(message)


class Lane:
    """One model's thread: the tasks under way on its model (in ``host.models``), one value per ``next``."""

    def __init__(self, host: Host, model: str | None) -> None:
        self.host = host
        self.model = model
        self.inbox: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self.streams: dict[int, tuple[Iterator[Any], Packer]] = {}
        self.made: dict[int, Any] = {}  # id -> what makes its values, until its first ``next``
        threading.Thread(target=self.run, name=f"compute-{model}", daemon=True).start()

    def run(self) -> None:
        while True:
            message = self.inbox.get()
            kind, rid = message[0], message[1]
            if kind == "load":
                self.made[rid] = lambda spec=message[3], device=message[4], rid=rid: self._load(spec, device, rid)
            elif kind == "task":
                self.made[rid] = lambda task=message[3], rid=rid: self._values(task, rid)
            elif kind == "next":
                self._next(rid)
            elif kind == "close":
                self.made.pop(rid, None)
                self.streams.pop(rid, None)
                self.host.tokens.pop(rid, None)
                if not self.streams and self.inbox.empty():  # the model is idle: its scratch memory goes back
                    give_back_free_memory()

    def _reporter(self, rid: int) -> Report:
        """Where task ``rid``'s progress goes: to the front end, as it comes."""
        return lambda done, total: self.host.send((rid, "progress", (done, total)))

    def _values(self, task: Task | HostTask, rid: int) -> Iterable[Any]:
        if isinstance(task, HostTask):
            return task()
        assert self.model is not None  # a model's task goes to that model's lane
        return self.host.models.run(self.model, task, self._reporter(rid))

    def _load(self, spec: ModelSpec, device: str, rid: int) -> Iterator[float]:
        assert self.model is not None
        yield from self.host.models.load(self.model, spec, device, self._reporter(rid))
        gc.freeze()  # the model lives as long as the process: out of every later collection's walk

    def _next(self, rid: int) -> None:
        token = self.host.tokens.get(rid)
        if token is None:  # closed before it was asked
            return
        try:
            with cancel_scope(token):
                if rid in self.made:
                    self.streams[rid] = iter(self.made.pop(rid)()), Packer()
                values, packer = self.streams[rid]
                packed = packer.pack(next(values))
        except StopIteration:
            self.host.send((rid, "done", None))
        except Cancelled:
            self.host.send((rid, "cancelled", None))
        except Exception as exc:  # the front end shows it where the answer would be
            self.host.send((rid, "failed", Failure.from_exception(exc)))
        else:
            self.host.send((rid, "value", packed))


def serve(conn: Connection, threads: int, window_niceness: int | None) -> None:
    """The compute process's main: below the window's priority, with the window's thread budget.
    The niceness is set, not added to: the process inherits that of the worker thread that started
    it, already lowered (desktop/qt/worker.py)."""
    from desktop.core.runtime import configure_compute

    if window_niceness is not None:
        with contextlib.suppress(OSError):  # not allowed: it keeps the niceness it was started with
            os.setpriority(os.PRIO_PROCESS, 0, min(19, window_niceness + NICENESS))
    configure_compute(threads)  # glibc's own mmap threshold: see give_back_free_memory
    Host(conn).loop()
    conn.close()
    os._exit(0)  # a lane may be half-way through a model's forward: do not wait for it
