"""The compute budget: the models share one set of threads and take turns, never one pool each;
a wait for a turn can be cancelled, and a turn is let go between the stages of a job."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import torch

from desktop.core.cancel import Cancelled, CancelToken, cancel_scope
from desktop.core.runtime import ComputeBudget, compute_turn, configure_compute, taking_turns


@pytest.fixture
def budget() -> Iterator[None]:
    before = torch.get_num_threads()
    yield
    configure_compute(before)


def _most_at_once(workers: int, hold_s: float = 0.05) -> int:
    inside, most, lock = [0], [0], threading.Lock()

    def work() -> None:
        with compute_turn():
            with lock:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            time.sleep(hold_s)
            with lock:
                inside[0] -= 1

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    return most[0]


def test_the_threads_are_split_between_the_turns(budget) -> None:
    assert configure_compute(4, turns=2) == ComputeBudget(4, 2)
    assert torch.get_num_threads() == 2
    assert ComputeBudget(1, turns=3).per_turn == 1  # never zero threads
    assert configure_compute(3, leave_free=1).per_turn == 3  # an explicit count is taken as it is


@pytest.mark.parametrize("turns", [1, 2])
def test_no_more_computations_run_at_once_than_there_are_turns(budget, turns: int) -> None:
    configure_compute(2, turns=turns)
    assert _most_at_once(4) == turns


def test_a_wait_for_a_turn_can_be_cancelled(budget) -> None:
    configure_compute(1, turns=1)
    token, outcome = CancelToken(), []

    def waiter() -> None:
        with cancel_scope(token):
            try:
                with compute_turn(poll_s=0.01):
                    outcome.append("ran")
            except Cancelled:
                outcome.append("cancelled")

    with compute_turn():
        t = threading.Thread(target=waiter)
        t.start()
        time.sleep(0.05)
        token.cancel()
        t.join(5)
    assert outcome == ["cancelled"]


def test_a_turn_is_let_go_between_stages(budget) -> None:
    """While one job's first stage is shown, another job computes."""
    configure_compute(1, turns=1)
    order: list[str] = []

    def stages() -> Iterator[str]:
        yield "first stage"
        order.append("second stage computed")
        yield "second stage"

    def other() -> None:
        with compute_turn():
            order.append("other job computed")

    values = taking_turns(stages())
    assert next(values) == "first stage"
    t = threading.Thread(target=other)
    t.start()
    t.join(5)  # would wait forever if the first job still held the only turn
    assert not t.is_alive()
    assert list(values) == ["second stage"]
    assert order == ["other job computed", "second stage computed"]


def test_every_job_has_its_first_stage_before_any_job_goes_on(budget) -> None:
    """The thread that lets a turn go does not take it straight back: job A's later stages wait
    behind job B's first one, which waited while A computed its own."""
    configure_compute(1, turns=1)
    order: list[str] = []

    def job(name: str, stages: int) -> threading.Thread:
        def values() -> Iterator[None]:
            for k in range(stages):
                order.append(f"{name}{k + 1}")
                yield None

        thread = threading.Thread(target=lambda: list(taking_turns(values())))
        thread.start()
        time.sleep(0.05)  # queued for the turn before the next job
        return thread

    with compute_turn():
        threads = [job("A", 3), job("B", 1)]
    for t in threads:
        t.join(5)
    assert order == ["A1", "B1", "A2", "A3"]


def test_the_budget_reaches_torch_imported_after_it() -> None:
    """The window sets the budget before torch is imported (its import is a second of the start)."""
    import subprocess
    import sys

    code = (
        "from desktop.core.runtime import configure_compute; configure_compute(1); "
        "import sys; assert 'torch' not in sys.modules; import torch; print(torch.get_num_threads())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "1"
