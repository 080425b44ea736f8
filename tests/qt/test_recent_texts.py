"""A text the models have finished comes back at once when it is asked for again."""

from __future__ import annotations

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
