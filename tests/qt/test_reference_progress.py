"""The reference probe's first run shows how far it is, in the Claims tab, and then goes away."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.session import Change
from desktop.qt.main_window import MainWindow

TEXT = "I deposited cash at the bank. We had a picnic on the river bank."


def test_the_claims_tab_shows_the_reference_probe_while_it_runs(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BGE_CACHE_DIR", str(tmp_path / "cache"))  # nothing cached: every probe runs
    seen: list[tuple[str, tuple[int, int] | None, str]] = []

    def note(change: Change) -> None:
        if change.part == "reference":
            state = window.session.models[change.model]
            seen.append((change.model, state.reference, window.claims_tab.progress.text()))

    window.controller.changed.connect(note)
    window.tabs.setCurrentWidget(window.claims_tab)
    with qtbot.waitSignal(window.probes_done, timeout=240_000):
        window.text.setPlainText(TEXT)
        window.run_now()
    running = [(model, step, label) for model, step, label in seen if step is not None]
    assert {model for model, _, _ in running} == {"tiny-bert", "tiny-gpt2", "tiny-elmo"}
    assert all(f"{model} {100 * d // t} %" in label for model, (d, t), label in running)
    for model in ("tiny-bert", "tiny-gpt2", "tiny-elmo"):
        steps = [step[0] for m, step, _ in running if m == model]
        assert steps == sorted(steps) and window.session.models[model].reference is None
    assert window.claims_tab.progress.isHidden()
