"""The lesson sidebar with the tiny models: moving between lessons changes the text and the tab,
the answer waits for "Show answer" and then shows the live verdict, the position survives a
restart, and the lesson's text follows the interface language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.core.store.lessons import FAMILY_VIEWS, VIEWS, Lesson
from desktop.qt.i18n import tr_msg
from desktop.qt.knowledge_panel import verdict_label
from desktop.qt.lesson_panel import panel_widget
from desktop.qt.main_window import MainWindow

WAIT_MS = 240_000  # the first text runs each model's reference probe


def _expected_tab(window: MainWindow, lesson: Lesson) -> QWidget:
    if lesson.view == "compare":
        return window.compare
    if lesson.view == "claims":
        return window.claims_tab
    return window.model_tabs[next(s.name for s in window.specs if s.family == lesson.view)]


def test_every_view_and_panel_a_lesson_may_name_is_a_widget_of_its_tab(window: MainWindow) -> None:
    for view, panels in VIEWS.items():
        lesson = Lesson("x", "t", view, "", "a", "b", "q", ("masks",), "e")
        tab = _expected_tab(window, lesson)
        for panel in panels:
            widget = panel_widget(window, view, panel, tab)
            assert isinstance(widget, QWidget) and tab.isAncestorOf(widget), (view, panel)
    assert set(FAMILY_VIEWS) <= {s.family.value for s in window.specs}


def test_next_and_previous_change_the_text_and_the_tab(qtbot, window: MainWindow) -> None:
    panel = window.lesson_panel
    panel.show()
    lessons = panel.lessons
    panel.go_to(lessons[0].id)
    seen_tabs = set()
    for k in range(1, len(lessons)):
        panel.next_button.click()
        lesson = lessons[k]
        assert panel.current_id() == lesson.id
        assert window.text.toPlainText() == lesson.text_en and window.session.text == lesson.text_en  # run at once
        assert window.tabs.currentWidget() is _expected_tab(window, lesson)
        assert panel.counter.text() == f"Lesson {k + 1} of {len(lessons)}"
        seen_tabs.add(window.tabs.currentIndex())
    assert len(seen_tabs) >= 4  # the lessons visit model tabs, Compare and Claims
    panel.previous_button.click()
    assert panel.current_id() == lessons[-2].id and window.text.toPlainText() == lessons[-2].text_en
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert panel.current_id() == lessons[-1].id
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert panel.current_id() == lessons[0].id  # after the last, the first again
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert panel.current_id() == lessons[-1].id


def test_the_answer_is_hidden_until_asked_then_shows_the_live_verdict(qtbot, window: MainWindow) -> None:
    panel = window.lesson_panel
    panel.show()
    with qtbot.waitSignal(window.probes_done, timeout=WAIT_MS):
        panel.go_to("one-way-gpt")
        assert window.model_tabs["tiny-gpt2"].views.currentIndex() == 1  # the direction map is open
        assert panel.answer.isHidden()
        panel.answer_button.click()
        assert panel.answer.isVisible()
        assert "measuring…" in panel.answer.toPlainText()  # the claims of this text are not in yet
    record = next(r for r in window.session.claims if r.id == "gpt-one-way")
    shown = panel.answer.toPlainText()
    assert verdict_label(record.verdict) in shown and tr_msg(record.reason) in shown
    assert all(tr_msg(m.summary) in shown for m in record.measures.values())
    assert "measuring…" not in shown
    panel.step(1)
    assert panel.answer.isHidden()  # a new lesson asks its question first


def test_a_claim_whose_family_has_no_model_says_so(qtbot, window: MainWindow) -> None:
    panel = window.lesson_panel
    for name in ("tiny-bert",):  # as if the only encoder had failed to load
        window.session.models[name].load_failed = True
    panel.go_to("mlm", run=False)
    panel.show_answer()
    assert "No encoder model is loaded (tiny-bert)." in panel.answer.toPlainText()


def test_the_position_and_the_sidebar_are_remembered(qtbot, window: MainWindow, window_specs, settings) -> None:
    from desktop.qt.app import build_window

    window.lesson_panel.show()
    window.lesson_panel.go_to("masks", run=False)
    again = build_window(window_specs, "en", settings)
    qtbot.addWidget(again)
    assert again.lesson_panel.current_id() == "masks"
    assert not again.lesson_panel.isHidden()
    assert again.lesson_panel.starting_text() == again.lesson_panel.lesson.text_en
    assert again.tabs.currentWidget() is again.claims_tab  # its view is put back too
    window.lesson_panel.hide()
    hidden = build_window(window_specs, "en", settings)
    qtbot.addWidget(hidden)
    assert hidden.lesson_panel.isHidden() and hidden.lesson_panel.starting_text() == ""


def test_the_lesson_text_follows_the_language(qtbot, window: MainWindow) -> None:
    panel = window.lesson_panel
    panel.show()
    panel.go_to("polysemy")
    lesson = panel.lesson
    window.language_box.setCurrentIndex(window.language_box.findData("zh"))
    qtbot.waitUntil(
        lambda: (
            panel.question.text()
            == "word2vec 给每个词一个向量。这里同一个词用了两种意思：它的两个向量在静态层相同吗？在最上层呢？"
        ),
        timeout=5000,
    )
    assert window.text.toPlainText() == lesson.text_zh and window.session.text == lesson.text_zh
    assert panel.answer_button.text() == "显示答案"
    window.text.setPlainText("my own text")  # the user's own text is never replaced
    window.language_box.setCurrentIndex(window.language_box.findData("en"))
    qtbot.waitUntil(lambda: panel.answer_button.text() == "Show answer", timeout=5000)
    assert window.text.toPlainText() == "my own text"


def test_screenshot_of_an_unknown_lesson_is_one_clear_line(tiny_registry, tmp_path, qapp, capsys) -> None:
    from desktop.cli.main import run

    code = run(["screenshot", "--out", str(tmp_path / "x.png"), "--models", "tiny-bert", "--lesson", "nope"])
    _, err = capsys.readouterr()
    assert code == 2 and err.startswith("error: no lesson named 'nope' (lessons: extractors, ")
    assert not (tmp_path / "x.png").exists()
