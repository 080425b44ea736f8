"""The window with its models in a compute process (the program's default; the other Qt tests run
them in the window's process, which starts faster): the same tabs fill, a word's probe answers,
a broken model says why, and closing the window ends the process."""

from __future__ import annotations

import pytest
from windows import started_window

import desktop.core.runtime as runtime
from desktop.core.compute.client import ComputeProcess
from desktop.core.session import RunState


@pytest.fixture
def process_window(qtbot, window_specs, settings, monkeypatch):
    monkeypatch.setattr(runtime, "_budget", runtime.ComputeBudget(1, 1, own_process=True))
    with started_window(qtbot, window_specs, settings) as win:
        yield win


def test_the_tabs_fill_from_the_compute_process(process_window, qtbot) -> None:
    win = process_window
    win.text.setPlainText("I sat on the river bank. I put money in the bank.")
    with qtbot.waitSignal(win.probes_done, timeout=120_000):
        win.run_now()
    models = win.controller.models
    assert isinstance(models, ComputeProcess) and models.process.is_alive()
    states = {name: state.state for name, state in win.session.models.items()}
    assert states == {
        "tiny-bert": RunState.DONE,
        "tiny-gpt2": RunState.DONE,
        "tiny-elmo": RunState.DONE,
        "broken": RunState.ERROR,
    }
    assert "missing" in win.session.models["broken"].failure.message.english()
    words = win.session.models["tiny-bert"].result.analysis.encoding.words
    assert words[:4] == ["I", "sat", "on", "the"]
    win.controller.request_slot("tiny-bert", words.index("river"))
    qtbot.waitUntil(lambda: win.session.models["tiny-bert"].answers.get("slot") is not None, timeout=30_000)
    assert win.session.models["tiny-bert"].answers["slot"].word == "river"


def test_closing_the_window_ends_the_process(process_window, qtbot) -> None:
    win = process_window
    qtbot.waitUntil(lambda: isinstance(win.controller.models, ComputeProcess), timeout=30_000)
    process = win.controller.models.process
    qtbot.waitUntil(lambda: all(s.state is not RunState.LOADING for s in win.session.models.values()), timeout=60_000)
    win.close()
    process.join(5)
    assert not process.is_alive()
