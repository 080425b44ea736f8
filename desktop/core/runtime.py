"""Process-wide settings decided once, before any model runs: the compute budget, and malloc."""

from __future__ import annotations

import heapq
import itertools
import os
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from desktop.core.cancel import check_cancel

T = TypeVar("T")


@dataclass(frozen=True)
class ComputeBudget:
    """The compute threads every model shares, and how many model computations run at once.

    Why turns and not a thread count per worker: ``torch.set_num_threads`` is process-wide, and
    each thread that calls into torch (or numpy's BLAS) runs its own pool of that many threads, so
    three workers with N-1 threads each ran 3x(N-1) threads on N cores. Instead the count is set
    once to ``threads // turns`` and a model computation holds one of ``turns`` turns while it runs
    (``taking_turns``). One turn is the default because it measured best (scripts/bench_threads.py,
    2 cores, other work on the machine): three mini models on an 80-word text, both stages, had
    the first model done in 0.32-0.40 s instead of 0.70-0.89 s with every worker at once on one
    thread each, and all three in 0.92-1.00 s instead of 0.92-1.17 s; three full-size random models
    (bert-base, gpt2, original ELMo; 40 words, first stage): first 1.7-2.1 s instead of 3.7-5.0 s,
    all 5.6-6.6 s instead of 5.9-7.2 s. Two turns of one thread, or one turn of two threads, were
    slower than one turn of one thread on both: inputs this small split poorly over threads.
    """

    threads: int
    turns: int = 1
    own_process: bool = False  # the window's models run in a compute process (desktop.core.compute)

    @property
    def per_turn(self) -> int:
        return max(1, self.threads // self.turns)


class Turns:
    """The budget's turns, handed out by rank (a job's first stage before any job's later stages),
    then in the order asked.

    A semaphore gave the turn back to whichever thread asked first after a release, which was most
    often the thread that had just let it go: with the Compare tab on screen after Run, the first
    model ran its analysis, slow probes and claims (0.7 s) before the next model had its first
    result, and every model's first result took 1.4-1.8 s (2 cores, the default models)."""

    def __init__(self, count: int) -> None:
        self._free = count
        self._changed = threading.Condition()
        self._waiting: list[tuple[int, int]] = []  # a heap of (rank, ticket)
        self._tickets = itertools.count()

    def acquire(self, rank: int, poll_s: float) -> None:
        """Wait for a turn; ``check_cancel`` every ``poll_s`` while waiting."""
        with self._changed:
            entry = (rank, next(self._tickets))
            heapq.heappush(self._waiting, entry)
            try:
                while not (self._free and self._waiting[0] == entry):
                    self._changed.wait(poll_s)
                    check_cancel()
            except BaseException:
                self._waiting.remove(entry)
                heapq.heapify(self._waiting)
                self._changed.notify_all()  # the next in line may be the one behind this
                raise
            heapq.heappop(self._waiting)
            self._free -= 1
            self._changed.notify_all()  # with several turns, the next in line may go too

    def release(self) -> None:
        with self._changed:
            self._free += 1
            self._changed.notify_all()


FIRST, LATER = 0, 1  # ranks: a job's first stage (what the user waits for), its later stages
_turns = Turns(1)
_budget = ComputeBudget(1)  # until configure_compute: what a test that never calls it gets


def env_threads() -> int | None:
    """``BGE_THREADS`` when it is a positive count, else None."""
    env = os.environ.get("BGE_THREADS", "")
    return int(env) if env.isdigit() and int(env) > 0 else None


def default_threads(leave_free: int = 0) -> int:
    """``BGE_THREADS`` if set, else every core but ``leave_free``."""
    return env_threads() or max(1, (os.cpu_count() or 1) - leave_free)


def configure_compute(
    threads: int | None = None, leave_free: int = 0, turns: int = 1, own_process: bool = False
) -> ComputeBudget:
    """Set the budget once, before any worker starts (each torch thread reads the count when it
    first computes). The window passes ``leave_free=1`` so that its GUI thread keeps a core, and
    ``own_process`` unless told otherwise (``--compute thread``)."""
    from threadpoolctl import threadpool_limits

    global _turns, _budget
    budget = _budget = ComputeBudget(max(1, threads or default_threads(leave_free)), max(1, turns), own_process)
    if "torch" not in sys.modules and budget.per_turn <= (os.cpu_count() or 1):
        # torch takes it when first imported (up to the core count): the window opens a second sooner
        os.environ["OMP_NUM_THREADS"] = str(budget.per_turn)
    else:
        import torch

        torch.set_num_threads(budget.per_turn)
    threadpool_limits(budget.per_turn)  # numpy's BLAS: the cosine matrices and CKA
    _turns = Turns(budget.turns)
    return budget


def current_budget() -> ComputeBudget:
    return _budget


@contextmanager
def compute_turn(poll_s: float = 0.05, rank: int = FIRST) -> Iterator[None]:
    """Hold a turn of the budget; a wait that is no longer wanted ends in ``Cancelled``."""
    turns = _turns  # the turns acquired are the ones released, even if the budget changes
    turns.acquire(rank, poll_s)
    try:
        check_cancel()  # cancelled while it waited: the turn goes to a job still wanted
        yield
    finally:
        turns.release()


def taking_turns(values: Iterable[T], first: int = FIRST) -> Iterator[T]:
    """Each value computed inside a turn, let go between values: while the front end shows one
    model's first stage, another model computes. The first value waits with rank ``first`` (a job
    whose result is no first result, such as the comparison of the models' results, passes
    ``LATER``), every later one with ``LATER``."""
    it = iter(values)
    for rank in itertools.chain([first], itertools.repeat(LATER)):
        with compute_turn(rank=rank):
            try:
                value = next(it)
            except StopIteration:
                return
        yield value


M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number


def give_back_free_memory() -> bool:
    """Hand the heap's free pages back to the system now (glibc's ``malloc_trim``). The compute
    process does this when a model goes idle instead of fixing the mmap threshold: measured with
    the default models (a text's four stages, warm), a 128 KiB threshold made every stage 20-35 %
    slower, its tensors mapped and unmapped at every call. No-op off glibc."""
    libc = _glibc("malloc_trim")
    return bool(libc.malloc_trim(0)) if libc is not None else False


def return_large_buffers_to_the_system(threshold: int = 128 * 1024) -> bool:
    """Keep every buffer above ``threshold`` bytes in its own mapping, handed back when freed.

    glibc raises this threshold by itself after large frees, so the arrays of a long text end up
    in the heap and stay resident after the text is gone (measured by tests/qt/test_soak.py: a
    3,000-action run grew by 346 MB, 74 MB with the threshold fixed). No-op off glibc.
    """
    libc = _glibc("mallopt")
    return bool(libc.mallopt(M_MMAP_THRESHOLD, threshold)) if libc is not None else False


def _glibc(function: str) -> Any:
    """The C library, when it has ``function`` (glibc's allocator controls), else None."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name) if name else None
    return libc if libc is not None and hasattr(libc, function) else None
