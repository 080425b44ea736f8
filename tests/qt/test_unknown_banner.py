"""A model tab says so, above its results, when the model cannot read the text (issue 9)."""

from __future__ import annotations

from desktop.qt.main_window import MainWindow
from desktop.qt.model_tab import UNKNOWN_COLOR

UNSEEN = "猫和狗"  # characters none of the tiny models' training text holds
ENGLISH = "I deposited cash at the bank."


def _run(qtbot, window: MainWindow, text: str) -> None:
    with qtbot.waitSignal(window.all_done, timeout=60_000):
        window.text.setPlainText(text)
        window.run_now()
    for tab in window.model_tabs.values():  # hidden tabs draw when shown
        window.tabs.setCurrentWidget(tab)
        tab.ensure_drawn()  # the one on screen at the answer draws at the pacer's next turn


def test_the_tab_warns_in_both_languages_and_marks_the_unknown_tokens(qtbot, window: MainWindow) -> None:
    _run(qtbot, window, UNSEEN)
    bert, gpt, elmo = (window.model_tabs[n] for n in ("tiny-bert", "tiny-gpt2", "tiny-elmo"))
    assert not bert.banner.isHidden() and bert.banner.text().startswith("⚠ 3 of 3 tokens are unknown")
    assert [bert.tokens.item(i).text() for i in range(3)] == ["[UNK]"] * 3
    assert [bert.tokens.item(i).toolTip() for i in range(3)] == list(UNSEEN)  # what each [UNK] stands for
    assert bert.tokens.item(0).foreground().color() == UNKNOWN_COLOR
    assert not gpt.banner.isHidden() and "could not join into a character" in gpt.banner.text()
    assert gpt.tokens.item(0).text() == "猫⅓"
    assert elmo.banner.isHidden()  # allennlp's test weights have no vocabulary: it cannot tell

    window.language_box.setCurrentIndex(window.language_box.findData("zh"))
    window.tabs.setCurrentWidget(bert)
    qtbot.waitUntil(lambda: "没有意义" in bert.banner.text(), timeout=5000)
    assert "3 个词元中有 3 个" in bert.banner.text()

    _run(qtbot, window, ENGLISH)
    assert bert.banner.isHidden() and gpt.banner.isHidden()
    assert bert.tokens.item(0).foreground().color() != UNKNOWN_COLOR
