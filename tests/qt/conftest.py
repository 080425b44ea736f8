"""Qt fixtures: the window on the offscreen platform with tiny models and a broken one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from windows import started_window

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings

from desktop.core.encoding import Family
from desktop.core.runtime import return_large_buffers_to_the_system
from desktop.core.store.registry import ModelSpec


def pytest_configure(config: pytest.Config) -> None:
    return_large_buffers_to_the_system()  # as the program's start does (desktop/cli/main.py run)


@pytest.fixture(autouse=True)
def small_window_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Corpus tab builds its corpus the first time it is shown: in a Qt test, in the test's own
    folder and from a few sentences, never 6,000 of them in the user's data folder."""
    import desktop.qt.corpus_jobs as jobs

    sentences = ["The bank of the river was wide.", "She put money in the bank.", "我去银行存钱。", "河岸上长满了花。"]
    monkeypatch.setattr(jobs, "user_data_dir", lambda: tmp_path / "corpus-data")
    monkeypatch.setattr(jobs, "shipped_sentences", lambda: iter(sentences))


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window_specs(tiny_specs: dict[str, ModelSpec], tmp_path: Path) -> list[ModelSpec]:
    broken = ModelSpec("broken", Family.DECODER, path=tmp_path / "no-such-model", get="put a model there")
    return [tiny_specs["encoder"], tiny_specs["decoder"], tiny_specs["elmo"], broken]


@pytest.fixture
def window(qtbot, window_specs: list[ModelSpec], settings: QSettings) -> Iterator:
    with started_window(qtbot, window_specs, settings) as win:
        yield win
