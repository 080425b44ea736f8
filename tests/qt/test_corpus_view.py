"""The Corpus tab: built on first use in each model's worker with progress, then the neighbours;
a second word does not rebuild; stop and a new text do not break it; a failing model stays in
its own section. The corpus is a few dozen sentences written here (the shipped source is patched)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from windows import close_and_delete

from desktop.core.corpus.window import CorpusAnswer
from desktop.core.models.base import Unavailable
from desktop.core.session import Change
from desktop.core.store.registry import ModelSpec
from desktop.qt.paced import pacer

ENGLISH = [
    "I deposited cash at the bank.",
    "We had a picnic on the river bank.",
    "The bank raised its interest rates.",
    "Fish swam near the muddy bank of the stream.",
    "She works at a bank in the city.",
    "The boat drifted toward the grassy bank.",
    "He borrowed money from the bank.",
    "Children played on the bank of the lake.",
    "The light was too bright to read.",
    "This bag is light enough to carry.",
    "A plant needs water and light.",
    "The plant makes cars for export.",
]
CHINESE = [
    "我去银行存钱。",
    "他在银行工作。",
    "银行的利息提高了。",
    "我们在河岸边散步。",
    "河岸上长满了花。",
    "这家银行很大。",
    "她从银行借了钱。",
    "花园里的花开了。",
]
SENTENCES = [s for pair in zip(ENGLISH, CHINESE * 2, strict=False) for s in pair] + ENGLISH[len(CHINESE) :]
TEXT = "I deposited cash at the bank. We had a picnic on the river bank."
MODELS = ("tiny-bert", "tiny-gpt2", "tiny-elmo")


@pytest.fixture
def corpus_window(qtbot, window_specs: list[ModelSpec], settings: QSettings, tmp_path: Path, monkeypatch) -> Iterator:
    """The window with a tiny corpus source (in the test's folder: tests/qt/conftest.py); the analysis leaves out
    the claims (their reference probe takes a minute on a first run, and the corpus waits behind it)."""
    import desktop.core.model_tasks as tasks
    import desktop.qt.corpus_jobs as jobs
    from desktop.qt.app import build_window

    monkeypatch.setattr(jobs, "shipped_sentences", lambda: iter(SENTENCES))
    monkeypatch.setattr(tasks, "stages", partial(tasks.stages, claims=False))
    win = build_window(window_specs, "en", settings)
    qtbot.addWidget(win)
    win.show()
    win.text.setPlainText(TEXT)
    win.start()
    _analysed(win, qtbot)
    yield win
    close_and_delete(win)


def _analysed(win, qtbot) -> None:
    qtbot.waitUntil(lambda: all(s.finished for s in win.session.models.values()), timeout=20_000)


def _answered(win, qtbot, timeout: int = 8000) -> None:
    """Every answer in, and drawn (each model's section is drawn by a job of its own)."""
    qtbot.waitUntil(lambda: win.corpus_tab.answered() and not pacer().pending(), timeout=timeout)


def _slow_builds(monkeypatch, names: tuple[str, ...], step_s: float = 0.15) -> None:
    """Builds of a few seconds for these models: four sentences a step, ``step_s`` a step."""
    import desktop.core.corpus.build as build
    import desktop.core.model_tasks as tasks

    real = tasks.build

    def slow_build(corpus, spec, adapter):
        for step in real(corpus, spec, adapter):
            time.sleep(step_s if spec.name in names else 0)
            yield step

    monkeypatch.setattr(build, "CHUNK", 4)
    monkeypatch.setattr(tasks, "build", slow_build)


def _builds(win) -> dict[str, int]:
    return {name: win.controller.runs(name, "corpus_build") for name in MODELS}


def test_first_use_builds_with_progress_then_neighbours(corpus_window, qtbot) -> None:
    win = corpus_window
    seen: dict[str, list[str]] = {name: [] for name in MODELS}

    def watch(change: Change) -> None:
        if change.part == "corpus_build" and win.session.models[change.model].corpus_build is not None:
            seen[change.model].append(win.state_labels[change.model].text())

    win.session.subscribe(watch)
    win.tabs.setCurrentWidget(win.corpus_tab)  # the first use: each model builds its corpus
    _answered(win, qtbot)
    for name in MODELS:
        assert any("building the corpus" in text for text in seen[name]), seen[name]
        answer = win.session.models[name].answers["corpus"]
        assert isinstance(answer, CorpusAnswer) and answer.found is not None
        assert answer.word == "bank" and answer.n_sentences == len(SENTENCES)
        contextual, static = answer.found.layers
        assert len(contextual.uses) == 8 and {u.word.lower() for u in contextual.uses} == {"bank"}
        assert all(-1.0 <= u.score <= 1.0001 for u in contextual.uses)
        assert [u.score for u in contextual.uses] == sorted((u.score for u in contextual.uses), reverse=True)
        assert all(abs(u.score - 1.0) < 1e-3 for u in static.uses)  # one vector for every use of a form
        section = win.corpus_tab.sections[name]
        assert "background-color" in section.lists[0].text() and "bank" in section.lists[0].text()
        assert win.session.models[name].corpus_build is None and "building" not in win.state_labels[name].text()
    broken = win.corpus_tab.sections["broken"].status.text()
    assert "broken" in broken and "did not analyse" in broken  # its own section says why; the others work


def test_second_word_does_not_rebuild_and_chinese_works(corpus_window, qtbot) -> None:
    win = corpus_window
    win.tabs.setCurrentWidget(win.corpus_tab)
    _answered(win, qtbot)
    before = _builds(win)
    win.controller.pick_corpus_word(14)  # the second "bank"
    _answered(win, qtbot)
    answer = win.session.models["tiny-bert"].answers["corpus"]
    assert answer.sentence == "We had a picnic on the river bank." and _builds(win) == before
    win.text.setPlainText("我去银行存钱。")
    win.run_now()
    _analysed(win, qtbot)
    _answered(win, qtbot)
    for name in MODELS:
        answer = win.session.models[name].answers["corpus"]
        assert isinstance(answer, CorpusAnswer) and answer.found is not None, name
    assert _builds(win) == before  # the corpus holds both languages: built once
    answer = win.session.models["tiny-bert"].answers["corpus"]
    assert answer.sentence == "我去银行存钱。" and answer.word in answer.sentence
    uses = answer.found.layers[0].uses
    assert uses and all(u.word == answer.word and u.sentence[u.span[0] : u.span[1]] == answer.word for u in uses)


def test_stop_then_new_text_goes_on_building(corpus_window, qtbot, monkeypatch) -> None:
    _slow_builds(monkeypatch, ("tiny-bert", "tiny-gpt2", "tiny-elmo"))
    win = corpus_window
    win.tabs.setCurrentWidget(win.corpus_tab)
    # other jobs pre-empt a build (it resumes behind them), so the three need not all be building at once
    qtbot.waitUntil(lambda: any(win.session.models[n].corpus_build is not None for n in MODELS), timeout=30_000)
    win.corpus_tab.stop_button.click()
    assert all(s.corpus_build is None for s in win.session.models.values())
    qtbot.wait(300)  # a stopped build says nothing more
    assert all(s.corpus_build is None for s in win.session.models.values())
    assert "Stopped" in win.corpus_tab.sections["tiny-bert"].status.text()
    win.text.setPlainText("The river bank was covered in flowers.")
    win.run_now()
    _analysed(win, qtbot)
    _answered(win, qtbot, 20_000)  # the new text's word asks again: the builds go on from their last chunk
    for name in MODELS:
        assert win.session.models[name].answers["corpus"].sentence == "The river bank was covered in flowers."


def test_a_failing_build_stays_in_its_section(corpus_window, qtbot, monkeypatch) -> None:
    import desktop.core.model_tasks as tasks

    real = tasks.build

    def build(corpus, spec, adapter):
        if spec.name == "tiny-gpt2":
            raise RuntimeError("no room on the disk")
        yield from real(corpus, spec, adapter)

    monkeypatch.setattr(tasks, "build", build)
    win = corpus_window
    win.tabs.setCurrentWidget(win.corpus_tab)
    _answered(win, qtbot)
    failed = win.session.models["tiny-gpt2"].answers["corpus"]
    assert isinstance(failed, Unavailable) and "no room on the disk" in failed.reason.english()
    assert "no room on the disk" in win.corpus_tab.sections["tiny-gpt2"].status.text()
    for name in ("tiny-bert", "tiny-elmo"):
        assert win.session.models[name].answers["corpus"].found is not None


def test_a_new_text_during_a_build_is_analysed_first(corpus_window, qtbot, monkeypatch) -> None:
    _slow_builds(monkeypatch, ("tiny-bert",), step_s=0.6)  # long enough to be under way when the text comes
    win = corpus_window
    win.tabs.setCurrentWidget(win.corpus_tab)
    qtbot.waitUntil(lambda: win.session.models["tiny-bert"].corpus_build is not None, timeout=30_000)
    win.text.setPlainText("The bank was closed on Sunday.")
    win.run_now()
    _analysed(win, qtbot)
    assert win.session.models["tiny-bert"].corpus_build is not None  # analysed in the middle of the build
    _answered(win, qtbot)
    assert win.controller.runs("tiny-bert", "corpus_build") >= 2  # stopped for the analysis, then put back
    assert win.session.models["tiny-bert"].answers["corpus"].sentence == "The bank was closed on Sunday."


def test_a_new_text_keeps_the_last_uses_greyed_until_its_own_come(corpus_window, qtbot) -> None:
    """Emptying every model's lists at a new text and filling them again relaid the tab out twice
    per model: the last uses stay, greyed, under what the model is doing."""
    win = corpus_window
    win.tabs.setCurrentWidget(win.corpus_tab)
    _answered(win, qtbot)
    section = win.corpus_tab.sections["tiny-bert"]
    before = section.lists[0].text()
    win.text.setPlainText("The muddy bank of the river was steep.")
    win.run_now()
    qtbot.waitUntil(lambda: not section.lists[0].isEnabled(), timeout=5000)
    assert section.lists[0].isVisibleTo(section) and section.lists[0].text() == before
    _analysed(win, qtbot)
    _answered(win, qtbot)
    qtbot.waitUntil(lambda: section.lists[0].isEnabled(), timeout=5000)
    assert section.lists[0].isVisibleTo(section) and section.lists[0].text() != before
