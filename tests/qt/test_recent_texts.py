"""A text the models have finished comes back at once when it is asked for again."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest
from windows import started_window

from desktop.core.store.registry import ModelSpec
from desktop.qt.main_window import MainWindow

FIRST = "I deposited cash at the bank. We had a picnic on the river bank."
SECOND = "The cat sat on the mat."
WAIT_MS = 240_000


def _run(qtbot, window: MainWindow, text: str, signal) -> None:
    with qtbot.waitSignal(signal, timeout=WAIT_MS):
        window.text.setPlainText(text)
        window.run_now()


def test_going_back_to_a_finished_text_runs_no_model(qtbot, window: MainWindow) -> None:
    _run(qtbot, window, FIRST, window.probes_done)
    _run(qtbot, window, SECOND, window.all_done)
    runs = {name: window.controller.runs(name) for name in ("tiny-bert", "tiny-gpt2", "tiny-elmo")}
    with qtbot.waitSignal(window.probes_done, timeout=1000):  # answered during the call itself
        window.text.setPlainText(FIRST)
        window.run_now()
    assert not window.busy.isVisible()
    tab = window.model_tabs["tiny-bert"]
    window.tabs.setCurrentWidget(tab)
    assert tab.analysis is not None and tab.analysis.encoding.text == FIRST
    assert "done in" in window.state_labels["tiny-bert"].text()
    qtbot.wait(300)  # a job started now would show in the counts
    assert {name: window.controller.runs(name) for name in runs} == runs


THIRD_MODEL = "perplexity of the greedy continuations under"


@pytest.fixture
def two_decoders(qtbot, tiny_specs: dict[str, ModelSpec], settings) -> Iterator[MainWindow]:
    """BERT and two GPT-style models: each decoder scores the continuations the others wrote."""
    specs = [tiny_specs["encoder"], tiny_specs["decoder"], replace(tiny_specs["decoder"], name="tiny-gpt2-b")]
    with started_window(qtbot, specs, settings) as win:
        yield win


def _generation_reason(window: MainWindow) -> str:
    record = next(r for r in window.session.claims or [] if r.id == "bert-not-generative")
    return record.reason.english()


def _third_models(window: MainWindow) -> set[str]:
    """The models whose perplexities of BERT's continuation the generation claim holds now."""
    record = next(r for r in window.session.claims or [] if r.id == "bert-not-generative")
    measure = record.measures.get("tiny-bert")
    return set(measure.values.get("third_model") or ()) if measure is not None else set()


def test_a_text_left_before_its_continuations_were_scored_gets_them_when_it_comes_back(
    qtbot, two_decoders: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The snapshot is kept when the verdicts first come in; the third model's perplexities of the
    continuations come after. A text left in between comes back with them scored, not without."""
    from desktop.qt.controller import Controller

    window, left_early = two_decoders, threading.Event()
    left_early.set()
    real_score = Controller._score_continuations

    def score_continuations(self: Controller, revision: int) -> None:  # FIRST is left before any scoring
        if not left_early.is_set():
            real_score(self, revision)

    monkeypatch.setattr(Controller, "_score_continuations", score_continuations)
    _run(qtbot, window, FIRST, window.probes_done)
    assert THIRD_MODEL not in _generation_reason(window)
    left_early.clear()
    _run(qtbot, window, SECOND, window.probes_done)
    qtbot.waitUntil(lambda: THIRD_MODEL in _generation_reason(window), timeout=WAIT_MS)
    runs = {name: window.controller.runs(name) for name in window.session.models}
    window.text.setPlainText(FIRST)
    window.run_now()
    assert window.session.text == FIRST and window.session.claims is not None  # restored during the call
    both = {"tiny-gpt2", "tiny-gpt2-b"}  # each decoder's scores come in their own time: wait for both
    qtbot.waitUntil(lambda: _third_models(window) == both, timeout=30_000)
    assert {name: window.controller.runs(name) for name in runs} == runs  # scored again, not analysed again
