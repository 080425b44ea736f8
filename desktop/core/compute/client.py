"""The front end's handle on the compute process (``host``): start it, stream tasks' values back.

Each ``run`` is a generator for one of the front end's worker threads: it asks the process for one
value at a time, waits without holding the interpreter lock, and turns the process's answers into
what an in-process task would have done: values, ``Cancelled``, or an exception that carries the
process's ``Failure``. If the process dies, every task under way and every later one fails with a
message that says so; the window stays.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import queue
import threading
from collections.abc import Iterator
from typing import Any

from desktop.core.cancel import Cancelled, check_cancel
from desktop.core.compute.host import serve
from desktop.core.compute.memo import Unpacker
from desktop.core.compute.task import HostTask, Report, Task
from desktop.core.messages import msg
from desktop.core.session import FailedElsewhere, Failure
from desktop.core.store.registry import ModelSpec

POLL_S = 0.05  # how often a waiting task looks whether it was cancelled
STOP_WAIT_S = 1.0  # how long ``close`` lets the process end by itself


class ComputeProcess:
    """One process for every model of a window (the libraries are imported once, not per model)."""

    def __init__(self, threads: int) -> None:
        context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt
        self._conn, child = context.Pipe()
        # the window's niceness: its main thread's (on Linux a process id names its main thread)
        niceness = os.getpriority(os.PRIO_PROCESS, os.getpid()) if hasattr(os, "getpriority") else None
        self.process = context.Process(target=serve, args=(child, threads, niceness), name="bge-compute", daemon=True)
        self.process.start()
        child.close()
        self._send_lock = threading.Lock()
        self._replies: dict[int, queue.Queue[tuple[str, Any]]] = {}
        self._ids = itertools.count(1)
        self.lost: Failure | None = None
        threading.Thread(target=self._read, name="compute-replies", daemon=True).start()

    # -- the interface LocalModels shares -----------------------------------------------------
    def load(self, model: str, spec: ModelSpec, device: str, report: Report | None = None) -> Iterator[float]:
        return self._stream(("load", model, spec, device), report)

    def run(self, model: str, task: Task, report: Report | None = None) -> Iterator[Any]:
        return self._stream(("task", model, task), report)

    def call(self, task: HostTask) -> Iterator[Any]:
        return self._stream(("task", None, task), None)

    def close(self) -> None:
        """Ask the process to stop; one that does not in time is ended."""
        self._send_quietly(("stop",))
        self.process.join(STOP_WAIT_S)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(STOP_WAIT_S)
        self._conn.close()

    # -- inside ------------------------------------------------------------------------------
    def _stream(self, request: tuple[Any, ...], report: Report | None) -> Iterator[Any]:
        rid = next(self._ids)
        replies: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._replies[rid] = replies
        kind, model, *rest = request
        unpacker = Unpacker()  # the task's values share the objects they shared over there
        try:
            self._send((kind, rid, model, *rest))
            while True:
                self._send(("next", rid, model))
                answer, value = self._wait(rid, replies, report)
                if answer == "done":
                    return
                yield unpacker.unpack(value)
        finally:
            self._replies.pop(rid, None)
            self._send_quietly(("close", rid, model))

    def _wait(self, rid: int, replies: queue.Queue[tuple[str, Any]], report: Report | None) -> tuple[str, Any]:
        while True:
            try:
                answer, value = replies.get(timeout=POLL_S)
            except queue.Empty:
                try:
                    check_cancel()
                except Cancelled:
                    self._send_quietly(("cancel", rid))
                    raise
                continue
            if answer == "progress":
                if report is not None:
                    report(*value)
            elif answer == "failed":
                raise FailedElsewhere(value)
            elif answer == "cancelled":
                raise Cancelled()
            else:
                return answer, value

    def _send(self, message: tuple[Any, ...]) -> None:
        if self.lost is not None:
            raise FailedElsewhere(self.lost)
        try:
            with self._send_lock:
                self._conn.send(message)
        except OSError as exc:
            raise FailedElsewhere(self._lose(exc)) from exc

    def _send_quietly(self, message: tuple[Any, ...]) -> None:
        with contextlib.suppress(FailedElsewhere):
            self._send(message)

    def _read(self) -> None:
        """Hand each answer to the task that waits for it, until the process is gone."""
        while True:
            try:
                rid, answer, value = self._conn.recv()
            except (EOFError, OSError) as exc:
                self._lose(exc)
                return
            if (replies := self._replies.get(rid)) is not None:
                replies.put((answer, value))

    def _lose(self, exc: BaseException) -> Failure:
        """The process is gone: say so to every task waiting, and to every later one."""
        if self.lost is None:
            self.process.join(STOP_WAIT_S)  # its exit code, when it has one
            code = self.process.exitcode
            self.lost = Failure(
                msg("the compute process stopped (exit code {code}); reopen the window", code=str(code)),
                detail=f"{type(exc).__name__}: {exc}",
            )
            for replies in list(self._replies.values()):
                replies.put(("failed", self.lost))
        return self.lost
