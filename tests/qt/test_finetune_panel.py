"""The Claims tab's feature-based vs fine-tuning table: started by its button only, with progress,
cancellable, and the models the window shows are never the ones trained."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch

from desktop.core.measure.finetune import FineTuneRow, Settings
from desktop.core.session import RunState
from desktop.qt.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).parent.parent))
from test_finetune import write_lexicon_data

MODELS = ("tiny-bert", "tiny-gpt2", "tiny-elmo")


@pytest.fixture(autouse=True)
def one_thread() -> Iterator[None]:
    """As the window runs (one compute thread on two cores; see tests/test_finetune.py), set before
    the window's workers start."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def loaded(window: MainWindow, qtbot) -> None:
    qtbot.waitUntil(lambda: all(window.session.models[m].state is RunState.WAITING for m in MODELS), timeout=60_000)


def use_lexicon(window: MainWindow, tmp_path: Path, steps: int) -> None:
    data = write_lexicon_data(tmp_path / "lexicon.jsonl", n=24)
    window.controller.finetune.data = lambda language: data
    window.controller.finetune.settings = Settings(steps=steps, batch=4)


def test_the_button_fine_tunes_copies_and_shows_a_row_per_model(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BGE_CACHE_DIR", str(tmp_path / "cache"))
    loaded(window, qtbot)
    use_lexicon(window, tmp_path, steps=12)
    panel = window.claims_tab.finetune
    assert all(window.session.models[m].finetune is None for m in MODELS)  # never started by itself
    assert re.search(r"\(about [1-9]\d* min the first time\)", panel.button.text())  # how many load is timing
    adapters = window.controller.models.adapters
    before = {m: {k: v.clone() for k, v in a.network().state_dict().items()} for m, a in adapters.items()}
    seen: list[str] = []
    window.controller.changed.connect(lambda change: change.part == "finetune" and seen.append(panel.status.text()))
    panel.button.click()
    assert panel.running() and "Cancel" in panel.button.text()
    qtbot.waitUntil(lambda: not panel.running(), timeout=180_000)
    rows = {m: window.session.models[m].finetune for m in MODELS}
    assert all(isinstance(row, FineTuneRow) and row.steps == 12 for row in rows.values())
    assert any("tiny-elmo 83 %" in text for text in seen)  # step 10 of 12
    for name, adapter in adapters.items():
        after = adapter.network().state_dict()
        assert all(torch.equal(before[name][k], after[k]) for k in after)
    assert all(m in panel.table.text() for m in MODELS) and not panel.status.isVisibleTo(panel)
    assert "Run the fine-tuning comparison" in panel.button.text()


def test_cancel_stops_every_model_and_keeps_nothing(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BGE_CACHE_DIR", str(tmp_path / "cache"))
    loaded(window, qtbot)
    use_lexicon(window, tmp_path, steps=100_000)
    panel = window.claims_tab.finetune
    panel.button.click()
    qtbot.waitUntil(
        lambda: any((s.finetune_steps or (0,))[0] > 0 for s in window.session.models.values()), timeout=60_000
    )
    panel.button.click()
    assert not panel.running() and all(window.session.models[m].finetune is None for m in MODELS)
    window.text.setPlainText("The river bank was muddy.")
    window.run_now()  # the workers are free again: each model analyses the text
    qtbot.waitUntil(lambda: all(window.session.models[m].result is not None for m in MODELS), timeout=60_000)
    assert all(window.session.models[m].finetune is None for m in MODELS)
    assert not list((tmp_path / "cache").glob("finetune/*.json"))
