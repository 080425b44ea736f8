"""The window with tiny models: every tab fills, a broken model shows its error while the others
run, language switches at once, typing fast coalesces runs, closing stops every thread."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication

from desktop.qt.main_window import MainWindow

TEXT = "I deposited cash at the bank. We had a picnic on the river bank."
WAIT_MS = 60_000


def _type_and_wait(qtbot, window: MainWindow, text: str) -> None:
    with qtbot.waitSignal(window.all_done, timeout=WAIT_MS):
        window.text.setPlainText(text)
        window.run_now()


def test_window_appears_before_models_load(qtbot, window: MainWindow) -> None:
    assert window.isVisible()
    assert set(window.model_tabs) == {"tiny-bert", "tiny-gpt2", "tiny-elmo", "broken"}
    assert window.tabs.count() == 8  # + Compare, Claims, Projection, Corpus


def test_typing_fills_every_tab_and_the_broken_one_shows_its_error(qtbot, window: MainWindow) -> None:
    _type_and_wait(qtbot, window, TEXT)
    for name in ("tiny-bert", "tiny-gpt2", "tiny-elmo"):
        tab = window.model_tabs[name]
        window.tabs.setCurrentWidget(tab)  # hidden tabs draw when shown
        tab.ensure_drawn()  # the one on screen when its answer came: at the pacer's next turn
        assert tab.analysis is not None and tab.analysis.encoding.text == TEXT
        assert tab.stack.currentIndex() == 2
        assert tab.tokens.count() == len(tab.analysis.encoding.tokens)
        assert tab.heatmap.image.image.shape == (len(tab.analysis.encoding.tokens),) * 2
        assert "done in" in window.state_labels[name].text()
    broken = window.model_tabs["broken"]
    assert broken.stack.currentIndex() == 1
    assert "no-such-model" in broken.error_label.text() and "put a model there" in broken.error_label.text()
    assert "error" in window.state_labels["broken"].text()
    assert set(window.compare.results) == {"tiny-bert", "tiny-gpt2", "tiny-elmo"}
    window.tabs.setCurrentWidget(window.compare)
    # the cross-model results come from their own worker, after the models' first results
    qtbot.waitUntil(lambda: "Agreement between models" in window.compare.agreement.text(), timeout=WAIT_MS)
    window.tabs.setCurrentWidget(window.model_tabs["tiny-elmo"])  # a panel is laid out when shown
    panel = window.model_tabs["tiny-elmo"].knowledge.toPlainText()
    assert "On your text" in panel or "This model" in panel  # first-stage evidence, or the claims' verdicts
    elmo, bert = window.model_tabs["tiny-elmo"], window.model_tabs["tiny-bert"]
    window.tabs.setCurrentWidget(bert)
    assert elmo.views.isTabVisible(elmo.HALVES) and not bert.views.isTabVisible(bert.HALVES)  # ELMo's alone


def test_clicking_a_word_asks_bert_to_fill_it(qtbot, window: MainWindow) -> None:
    _type_and_wait(qtbot, window, TEXT)
    tab = window.model_tabs["tiny-bert"]
    window.tabs.setCurrentWidget(tab)
    tab.word_selected.emit(2)  # a click on "cash"
    qtbot.waitUntil(lambda: getattr(tab.state.answers.get("slot"), "word", None) == "cash", timeout=WAIT_MS)
    assert "cash" in tab.probe.text() and tab.state.selected_word == 2


def test_language_switch_changes_labels_at_once_and_is_remembered(qtbot, window: MainWindow, settings) -> None:
    _type_and_wait(qtbot, window, TEXT)
    assert window.run_button.text() == "Run (Ctrl+Enter)"
    window.language_box.setCurrentIndex(window.language_box.findData("zh"))
    qtbot.waitUntil(lambda: window.run_button.text() == "运行（Ctrl+Enter）", timeout=5000)
    assert window.tabs.tabText(window.tabs.indexOf(window.compare)) == "对比"
    tab = window.model_tabs["tiny-elmo"]
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: "优点" in tab.knowledge.toPlainText(), timeout=5000)
    # each claim with its verdict and this model's numbers, once the claims are measured
    qtbot.waitUntil(lambda: "本模型" in tab.knowledge.toPlainText(), timeout=240_000)
    assert tab.views.tabText(0) == "词元×词元余弦相似度"
    assert "完成" in window.state_labels["tiny-bert"].text()
    assert settings.value("ui/language") == "zh"
    window.language_box.setCurrentIndex(window.language_box.findData("en"))
    qtbot.waitUntil(lambda: window.run_button.text() == "Run (Ctrl+Enter)", timeout=5000)
    qtbot.waitUntil(lambda: "Strengths" in tab.knowledge.toPlainText(), timeout=5000)


def test_saved_language_is_used_next_time(qtbot, window_specs, settings) -> None:
    from desktop.qt.app import build_window

    settings.setValue("ui/language", "zh")
    win = build_window(window_specs, None, settings)
    qtbot.addWidget(win)
    assert win.run_button.text() == "运行（Ctrl+Enter）"


def test_two_hundred_quick_edits_end_with_the_last_text_and_few_runs(qtbot, window: MainWindow) -> None:
    _type_and_wait(qtbot, window, TEXT)  # models loaded
    before = {name: window.controller.runs(name) for name in window.model_tabs}
    with qtbot.waitSignal(window.all_done, timeout=WAIT_MS):
        for i in range(200):
            window.text.setPlainText(f"edit number {i}: the river bank")
            QApplication.processEvents()
    last = "edit number 199: the river bank"
    for name in ("tiny-bert", "tiny-gpt2", "tiny-elmo"):
        assert window.model_tabs[name].analysis.encoding.text == last
        assert window.controller.runs(name) - before[name] <= 3, "typing fast must not build a backlog"


def test_submissions_queued_behind_a_running_one_are_coalesced(qtbot, window: MainWindow) -> None:
    _type_and_wait(qtbot, window, TEXT)
    before = window.controller.runs("tiny-elmo")
    long_text = " ".join(["the river bank was wide ."] * 150)  # several ELMo windows: a slow run
    with qtbot.waitSignal(window.all_done, timeout=WAIT_MS):
        for i in range(50):
            window.text.blockSignals(True)
            window.text.setPlainText(f"{long_text} {i}")
            window.text.blockSignals(False)
            window.run_now()
    assert window.model_tabs["tiny-elmo"].analysis.encoding.text.endswith(" 49")
    assert window.controller.runs("tiny-elmo") - before < 50 / 2


def test_bad_file_drop_keeps_the_text(qtbot, window: MainWindow, tmp_path) -> None:
    window.text.setPlainText("keep me")
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9".encode("latin-1"))
    assert not window.text.load_file(bad)
    assert window.text.toPlainText() == "keep me"
    good = tmp_path / "ok.txt"
    good.write_text("我在银行存钱。", encoding="utf-8")
    assert window.text.load_file(good) and window.text.toPlainText() == "我在银行存钱。"


def test_closing_mid_run_returns_fast_and_leaves_no_thread(qtbot, window: MainWindow) -> None:
    _type_and_wait(qtbot, window, TEXT)
    window.text.setPlainText(" ".join(["the river bank was wide and the bank held money ."] * 400))
    window.run_now()
    start = time.perf_counter()
    window.close()
    assert time.perf_counter() - start < 2.0
    assert not window.controller.threads_running()


def test_probes_arrive_and_export(qtbot, window: MainWindow, tmp_path) -> None:
    import csv
    import json

    import numpy as np

    with qtbot.waitSignal(window.probes_done, timeout=WAIT_MS):
        window.text.setPlainText(TEXT)
        window.run_now()
    window.tabs.setCurrentWidget(window.compare)
    panel = window.compare.probes
    models = window.session.models
    qtbot.waitUntil(lambda: all("predict" in models[n].answers for n in models if n != "broken"), timeout=WAIT_MS)
    panel.ensure_drawn()  # the last answers, drawn (on screen: at the pacer's next turn)
    gpt = models["tiny-gpt2"].result.deep.direction.layers[-1].matrix
    assert np.nanmax(gpt[np.triu_indices_from(gpt, k=1)]) <= 1e-5
    assert panel.polysemy.item(2, 1).text() == "1.000"  # ELMo's char-CNN layer: one vector for both 'bank's
    assert panel.polysemy.item(0, 2).text().endswith("(layer 1)")  # BERT's context starts after "embeddings"
    assert panel.polysemy.item(2, 2).text().endswith("(LSTM 1)")
    assert panel.cka_result() is not None and len(panel.cka_result().labels) == 9
    assert panel.slot.currentText() == "15. bank"
    assert (
        panel.predict_table.item(0, 1).text() == "both sides" and panel.predict_table.item(1, 1).text() == "left only"
    )
    assert "no softmax" in panel.predict_table.item(2, 2).text()
    panel.export(tmp_path / "p.json", "json")
    panel.export(tmp_path / "p.csv", "csv")
    panel.export(tmp_path / "p.png", "png")
    data = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert set(data["direction"]) == {"tiny-bert", "tiny-gpt2", "tiny-elmo"}
    rows = list(csv.reader((tmp_path / "p.csv").open(encoding="utf-8")))
    assert rows[0][0] == "probe" and {r[0] for r in rows[1:]} == {"direction", "polysemy", "cka"}
    assert (tmp_path / "p.png").stat().st_size > 10_000
    tab = window.model_tabs["tiny-gpt2"]
    window.tabs.setCurrentWidget(tab)
    tab.views.setCurrentIndex(1)
    assert "0.000" in tab.direction_note.text()


def test_the_user_can_pick_the_polysemy_word(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.probes_done, timeout=WAIT_MS):
        window.text.setPlainText(TEXT)
        window.run_now()
    window.tabs.setCurrentWidget(window.compare)
    panel = window.compare.probes
    assert panel.polysemy_word.itemText(0).startswith("bank") and panel.polysemy_word.findData("the") > 0
    index = panel.polysemy_word.findData("the")
    panel.polysemy_word.setCurrentIndex(index)
    panel.polysemy_word.activated.emit(index)
    ran = [n for n in window.session.models if n != "broken"]
    qtbot.waitUntil(lambda: all("polysemy" in window.session.models[n].answers for n in ran), timeout=WAIT_MS)
    assert {panel.polysemy_result(n).word for n in ran} == {"the"}
    qtbot.waitUntil(lambda: "'the'" in panel.polysemy_note.text(), timeout=5000)  # drawn at the next turn


def test_a_dropped_folder_or_pipe_is_refused_and_the_text_kept(qtbot, window: MainWindow, tmp_path) -> None:
    import os

    messages: list[str] = []
    window.text.file_rejected.connect(messages.append)
    window.text.setPlainText("keep me")
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)  # reading it would block the window forever
    for path in (tmp_path, pipe):
        assert not window.text.load_file(path)
    assert window.text.toPlainText() == "keep me"
    assert len(messages) == 2 and all("not a regular file" in m for m in messages)


def test_a_click_fills_the_word_of_the_analysed_text_not_the_editor(qtbot, window: MainWindow) -> None:
    """The editor may already hold the next text: a click asks about the text the tab shows, and
    only the newest click's answer is kept."""
    _type_and_wait(qtbot, window, TEXT)
    tab = window.model_tabs["tiny-bert"]
    window.tabs.setCurrentWidget(tab)
    window.text.blockSignals(True)
    window.text.setPlainText("completely different words here")  # typed, not run yet
    window.text.blockSignals(False)
    tab.word_selected.emit(5)  # "bank" in the analysed text
    tab.word_selected.emit(2)  # then "cash": the first answer must not land
    qtbot.waitUntil(lambda: getattr(tab.state.answers.get("slot"), "word", None) == "cash", timeout=WAIT_MS)
    qtbot.wait(200)
    assert tab.state.answers["slot"].word == "cash" and tab.state.answers["slot"].span == (12, 16)


def test_a_capped_probe_says_so_in_its_view(qtbot, window: MainWindow) -> None:
    """On a long text the direction probe measures the first words alone, and the tab says how many;
    the look-ahead check ran on a window, and the facts panel says so."""
    long_text = " ".join(["We sat on the river bank."] * 12)  # 84 words
    window.text.setPlainText(long_text)
    window.run_now()  # no wait for every claim: the direction probe's result is what this needs
    tab = window.model_tabs["tiny-gpt2"]
    window.tabs.setCurrentWidget(tab)
    tab.views.setCurrentIndex(1)
    qtbot.waitUntil(lambda: tab.state.result is not None and tab.state.result.deep is not None, timeout=3 * WAIT_MS)
    qtbot.wait(200)
    assert "of 84 words" in tab.direction_note.text(), tab.direction_note.text()
    assert "look-ahead check" in tab.knowledge.toPlainText(), tab.knowledge.toPlainText()
