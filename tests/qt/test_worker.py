"""The worker's contract: newest job wins, each job has its own cancel token, a late cancel of an
old job can never stop the new one, a failure is an answer, a cancelled job says nothing."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator

import pytest
import torch

from desktop.core.cancel import check_cancel
from desktop.core.runtime import configure_compute
from desktop.qt.worker import Job, Worker


class Gate:
    """A job body that waits for the test to let it go, then yields its stages."""

    def __init__(self, *values: object) -> None:
        self.values = values
        self.entered = threading.Event()
        self.release = threading.Event()

    def __call__(self) -> Iterator[object]:
        self.entered.set()
        self.release.wait(10)
        for value in self.values:
            check_cancel()
            yield value


def _collect(worker: Worker) -> tuple[list, list]:
    answers: list = []
    failures: list = []
    worker.finished.connect(lambda job, value, last: answers.append((job.tag, value, last)))
    worker.failed.connect(lambda job, failure: failures.append((job.tag, failure.message.english())))
    return answers, failures


def test_a_late_cancel_of_the_old_job_never_stops_the_new_one(qtbot) -> None:
    worker = Worker("test", ("analyse",))
    answers, _ = _collect(worker)
    old, new = Gate("old"), Gate("new stage 1", "new stage 2")
    old_job = Job("analyse", old, tag=1)
    worker.put(old_job)
    assert old.entered.wait(5)
    worker.put(Job("analyse", new, tag=2))  # replaces the running job: cancels its token only
    old.release.set()
    assert new.entered.wait(5)
    old_job.token.cancel()  # the interleaving that lost results before: a cancel arriving late
    new.release.set()
    qtbot.waitUntil(lambda: len(answers) == 3, timeout=5000)
    assert answers == [(2, "new stage 1", False), (2, "new stage 2", False), (2, None, True)]
    worker.stop()
    assert worker.wait(2000)


def test_each_stage_arrives_before_the_next_is_computed(qtbot) -> None:
    """The analysis is on screen while the slow probes are still running."""
    worker = Worker("test", ("analyse",))
    answers, _ = _collect(worker)
    slow_part = threading.Event()

    def stages() -> Iterator[object]:
        yield "analysis"
        slow_part.wait(10)
        yield "probes"

    worker.put(Job("analyse", stages, tag=1))
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=5000)
    assert answers == [(1, "analysis", False)] and not slow_part.is_set()
    slow_part.set()
    qtbot.waitUntil(lambda: len(answers) == 3, timeout=5000)
    assert answers[1:] == [(1, "probes", False), (1, None, True)]
    worker.stop()
    assert worker.wait(2000)


def test_pending_jobs_are_coalesced_and_priority_is_kept(qtbot) -> None:
    worker = Worker("test", ("load", "analyse", "slot"))
    answers, _ = _collect(worker)
    blocker = Gate("loaded")
    worker.put(Job("load", blocker, tag="load"))
    assert blocker.entered.wait(5)
    for i in range(5):
        worker.put(Job("slot", lambda i=i: [f"slot {i}"], tag=f"slot {i}"))
        worker.put(Job("analyse", lambda i=i: [f"text {i}"], tag=f"text {i}"))
    blocker.release.set()
    qtbot.waitUntil(lambda: len(answers) == 6, timeout=5000)
    assert [a[0] for a in answers if a[1] is not None] == ["load", "text 4", "slot 4"]
    assert worker.runs == {"load": 1, "analyse": 1, "slot": 1}
    worker.stop()
    assert worker.wait(2000)


def test_a_failure_is_an_answer_and_the_thread_goes_on(qtbot) -> None:
    worker = Worker("test", ("analyse", "slot"))
    answers, failures = _collect(worker)

    def broken() -> Iterator[object]:
        raise ValueError("the model broke")
        yield  # a generator

    worker.put(Job("analyse", broken, tag=1))
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    worker.put(Job("slot", lambda: ["still here"], tag=2))
    qtbot.waitUntil(lambda: bool(answers), timeout=5000)
    assert failures == [(1, "ValueError: the model broke")] and answers[0] == (2, "still here", False)
    worker.stop()
    assert worker.wait(2000)


def test_an_unused_worker_owns_no_thread() -> None:
    worker = Worker("test", ("analyse",))
    assert not worker.running
    worker.stop()
    assert worker.wait(100)


@pytest.fixture
def one_turn() -> Iterator[None]:
    before = torch.get_num_threads()
    configure_compute(1, turns=1)
    yield
    configure_compute(before)


def test_workers_take_turns_and_a_job_waiting_for_its_turn_can_be_replaced(qtbot, one_turn) -> None:
    """Two models on one turn: the second computes only when the first lets go, and replacing the
    second's job while it waits runs the new one, never the old."""
    first, second = Worker("first", ("analyse",)), Worker("second", ("analyse",))
    first_answers, _ = _collect(first)
    second_answers, _ = _collect(second)
    holding, waiting = Gate("first done"), Gate("old text")
    first.put(Job("analyse", holding, tag=1))
    assert holding.entered.wait(5)
    second.put(Job("analyse", waiting, tag="old"))
    waiting.release.set()
    time.sleep(0.2)
    assert not waiting.entered.is_set()  # no turn free: the second worker has not started computing
    second.put(Job("analyse", lambda: ["new text"], tag="new"))
    holding.release.set()
    qtbot.waitUntil(lambda: len(second_answers) == 2, timeout=5000)
    assert first_answers[0] == (1, "first done", False)
    assert second_answers == [("new", "new text", False), ("new", None, True)] and not waiting.entered.is_set()
    for worker in (first, second):
        worker.stop()
        assert worker.wait(2000)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own niceness is Linux's")
def test_a_worker_thread_runs_below_the_gui_thread(qtbot) -> None:
    """On a busy machine the GUI thread gets a core (and the interpreter lock) before a model's thread."""
    worker = Worker("test", ("analyse",))
    answers, _ = _collect(worker)
    niceness = lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id())  # noqa: E731
    worker.put(Job("analyse", lambda: [niceness()], tag=1))
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=5000)
    assert answers[0][1] > niceness()  # the worker's, against this (the GUI) thread's
    worker.stop()
    assert worker.wait(2000)
