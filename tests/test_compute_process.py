"""The compute process (desktop.core.compute): the same values as in this process, progress,
cancelling, a task's failure, and the process dying under a task, with the tiny models."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator

import numpy as np
import pytest

from desktop.core.cancel import Cancelled, CancelToken, cancel_scope, check_cancel
from desktop.core.compute.client import ComputeProcess
from desktop.core.compute.local import LocalModels
from desktop.core.compute.task import HostTask, Task, current_report
from desktop.core.model_tasks import analyse_text, guess_slot, prepare
from desktop.core.models.base import ModelAdapter
from desktop.core.session import FailedElsewhere, Failure
from desktop.core.store.registry import ModelSpec

TEXT = "I sat on the river bank. I put money in the bank."


# -- tasks the child imports from this module (spawn finds it on the parent's sys.path) -------------
def counting(adapter: ModelAdapter, steps: int) -> Iterator[int]:
    """One value per step, each step reported; checks for a cancel every 10 ms."""
    report = current_report()
    for i in range(steps):
        for _ in range(10):
            time.sleep(0.01)
            check_cancel()
        if report is not None:
            report(i + 1, steps)
        yield i


def failing(adapter: ModelAdapter) -> list[int]:
    raise ValueError(f"{adapter.name} cannot do this")


def dying(adapter: ModelAdapter) -> list[int]:
    os._exit(3)


def process_id(adapter: ModelAdapter) -> list[int]:
    return [os.getpid()]


@pytest.fixture(scope="module")
def compute(tiny_specs: dict[str, ModelSpec]) -> Iterator[ComputeProcess]:
    process = ComputeProcess(1)
    [choice] = process.call(HostTask(prepare, ("cpu",)))
    assert choice.device == "cpu"
    for key, spec in tiny_specs.items():  # each under its fixture's key: "encoder", "decoder", "elmo"
        assert len(list(process.load(key, spec, "cpu"))) == 1  # the time it took
    yield process
    process.close()


def test_a_task_gives_the_values_it_gives_in_this_process(compute, tiny_specs) -> None:
    local = LocalModels()
    for name, spec in tiny_specs.items():
        list(local.load(name, spec, "cpu"))
        there = list(compute.run(name, Task(analyse_text, (TEXT,))))
        here = list(local.run(name, Task(analyse_text, (TEXT,))))
        assert len(there) == len(here) == 4  # the analysis, the probes, the claims, the reference claims
        assert all(stage.analysis is there[0].analysis for stage in there)  # one object, as it was over there
        a, b = there[-1].analysis.encoding, here[-1].analysis.encoding
        assert a.tokens == b.tokens
        np.testing.assert_allclose(a.layers, b.layers, atol=1e-6)
    assert next(iter(compute.run("encoder", Task(process_id)))) != os.getpid()  # it ran over there


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own niceness is Linux's")
def test_the_process_runs_below_the_window_even_when_a_lowered_thread_starts_it(tiny_specs) -> None:
    def start() -> None:
        os.setpriority(os.PRIO_PROCESS, 0, 10)  # a worker thread's priority (desktop/qt/worker.py)
        started.append(ComputeProcess(1))

    started: list[ComputeProcess] = []
    thread = threading.Thread(target=start)
    thread.start()
    thread.join()
    [process] = started
    try:
        list(process.load("encoder", tiny_specs["encoder"], "cpu"))  # it has set its priority by now
        window = os.getpriority(os.PRIO_PROCESS, os.getpid())
        assert os.getpriority(os.PRIO_PROCESS, process.process.pid) == min(19, window + 10)
    finally:
        process.close()


def test_loading_and_tasks_report_their_progress(compute, tiny_specs) -> None:
    heard: list[tuple[int, int]] = []
    spec = tiny_specs["encoder"]
    list(compute.load("another encoder", spec, "cpu", lambda done, total: heard.append((done, total))))
    assert heard and heard[-1][0] == heard[-1][1] > 0  # the weight files' bytes, all read
    heard.clear()
    assert list(compute.run("another encoder", Task(counting, (3,)), lambda d, t: heard.append((d, t)))) == [0, 1, 2]
    assert heard == [(1, 3), (2, 3), (3, 3)]


def test_a_task_is_computed_one_value_at_a_time(compute) -> None:
    """The front end asks for each value inside a turn of its budget: nothing is computed ahead."""
    values = compute.run("encoder", Task(counting, (50,)))
    t0 = time.perf_counter()
    assert next(values) == 0
    time.sleep(0.5)  # 50 steps of 0.1 s would be 5 done by now if the child ran ahead
    t1 = time.perf_counter()
    assert next(values) == 1
    assert time.perf_counter() - t1 >= 0.09, "the second value was ready before it was asked for"
    assert t1 - t0 < 5
    values.close()


def test_a_cancelled_task_stops_over_there(compute) -> None:
    token = CancelToken()
    threading.Timer(0.3, token.cancel).start()
    t0 = time.perf_counter()
    with cancel_scope(token), pytest.raises(Cancelled):
        list(compute.run("encoder", Task(counting, (100,))))  # 10 s if it were not stopped
    assert time.perf_counter() - t0 < 2
    assert list(compute.run("encoder", Task(counting, (2,)))) == [0, 1]  # the model's lane is free again


def test_a_failing_task_says_why_and_the_model_goes_on(compute) -> None:
    with pytest.raises(FailedElsewhere) as caught:
        list(compute.run("decoder", Task(failing)))
    failure = Failure.from_exception(caught.value)
    assert failure.message.english() == "ValueError: tiny-gpt2 cannot do this"
    assert "failing" in failure.detail  # the traceback from over there
    assert list(compute.run("decoder", Task(guess_slot, (TEXT, (13, 18)))))  # still loaded, still answers


def test_a_model_that_did_not_load_answers_nothing(compute, tmp_path) -> None:
    from desktop.core.encoding import Family

    broken = ModelSpec("broken", Family.ENCODER, path=tmp_path / "nothing-here", get="put a model there")
    with pytest.raises(FailedElsewhere) as caught:
        list(compute.load("broken", broken, "cpu"))
    assert "missing" in caught.value.failure.message.english()
    assert list(compute.run("broken", Task(analyse_text, (TEXT,)))) == []  # its tab already says why


def test_the_process_dying_fails_every_task_with_a_message(tiny_specs) -> None:
    process = ComputeProcess(1)
    try:
        list(process.load("encoder", tiny_specs["encoder"], "cpu"))
        with pytest.raises(FailedElsewhere) as caught:
            list(process.run("encoder", Task(dying)))
        assert caught.value.failure.message.english() == "the compute process stopped (exit code 3); reopen the window"
        with pytest.raises(FailedElsewhere):  # and every later task, at once
            list(process.run("encoder", Task(analyse_text, (TEXT,))))
    finally:
        process.close()


def test_close_ends_the_process_even_in_the_middle_of_a_task(tiny_specs) -> None:
    process = ComputeProcess(1)
    list(process.load("encoder", tiny_specs["encoder"], "cpu"))
    values = process.run("encoder", Task(counting, (1000,)))
    next(values)
    t0 = time.perf_counter()
    process.close()
    assert not process.process.is_alive()
    assert time.perf_counter() - t0 < 3


def test_word_probes_use_the_encoding_the_analysis_made(adapters) -> None:
    """The word probes are asked by text: the encoding stays where the model is."""
    from desktop.core.model_tasks import encoded, follow_word

    adapter = adapters["encoder"]
    *_, last = analyse_text(adapter, TEXT)
    assert encoded(adapter, TEXT) is last.analysis.encoding
    other = encoded(adapter, "the river bank")  # a text restored from the window's recent texts
    assert other.text == "the river bank" and other.tokens == adapter.encode("the river bank").tokens
    [here] = follow_word(adapter, TEXT, "bank")
    assert here.word == "bank"


def test_a_word_probe_over_there_answers_as_here(compute, adapters) -> None:
    from desktop.core.model_tasks import follow_word

    list(compute.run("encoder", Task(analyse_text, (TEXT,))))
    [there] = compute.run("encoder", Task(follow_word, (TEXT, "bank")))
    [here] = follow_word(adapters["encoder"], TEXT, "bank")
    assert there.word == here.word == "bank"
    np.testing.assert_allclose(np.stack(there.matrices), np.stack(here.matrices), atol=1e-6)
