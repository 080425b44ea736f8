"""The lesson sidebar: the article's lessons one at a time, each a prepared text, a view to look
at, a question, and an answer drawn from the live claim records (``Session.claims``).

Going to a lesson runs its text, shows its view and frames the panel to look at for a moment; the
answer stays hidden until asked for. The sidebar draws what the session holds: it computes
nothing, and redraws the answer when the claims (or a model's state) change.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDockWidget,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabBar,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.claims import ClaimRecord
from desktop.core.claims.record import ClaimSpec, load_specs
from desktop.core.encoding import Family
from desktop.core.models.base import FAMILY_NAMES
from desktop.core.session import Change
from desktop.core.store.lessons import FAMILY_VIEWS, Lesson, LessonError, load_lessons
from desktop.qt.i18n import tr, tr_msg
from desktop.qt.knowledge_panel import VERDICT_COLOURS, verdict_label

if TYPE_CHECKING:
    from desktop.qt.main_window import MainWindow
    from desktop.qt.model_tab import ModelTab

SETTINGS_KEY = "lessons/current"
VISIBLE_KEY = "lessons/visible"
FLASH_MS = 2000
FLASH_COLOUR = "#e67e22"


class Flash(QWidget):
    """An orange frame laid over a widget, and its tab's name in orange, for two seconds: where the
    lesson asks you to look. One per sidebar, moved from target to target."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()
        self.target: QWidget | None = None
        self.tab: tuple[QTabBar, int] | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(FLASH_MS)
        self.timer.timeout.connect(self.stop)

    def start(self, target: QWidget, bar: QTabBar, index: int) -> None:
        self.stop()
        self.setParent(target)
        target.installEventFilter(self)
        self.target, self.tab = target, (bar, index)
        self.setGeometry(target.rect())
        self.raise_()
        self.show()
        bar.setTabTextColor(index, QColor(FLASH_COLOUR))
        self.timer.start()

    def stop(self) -> None:
        self.hide()
        if self.target is not None:
            self.target.removeEventFilter(self)
        if self.tab is not None:
            self.tab[0].setTabTextColor(self.tab[1], QColor())  # invalid: the tab bar's own colour
        self.target = self.tab = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.target.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(QPen(QColor(FLASH_COLOUR), 4))
        painter.drawRect(self.rect().adjusted(2, 2, -2, -2))


class LessonPanel(QDockWidget):
    def __init__(self, window: MainWindow, lessons: list[Lesson], problem: str = "") -> None:
        super().__init__(window)
        self.setObjectName("lessons")  # for saveState
        self.main = window
        self.lessons = lessons
        self.problem = problem  # the lesson files could not be read: said instead of a lesson
        self.index = 0
        self.placed: QWidget | None = None  # the tab a lesson put on screen, while the user keeps it there
        self.frame = Flash(self)
        self.flash_soon = QTimer(self)  # once the tab just put on screen is laid out
        self.flash_soon.setSingleShot(True)
        self.flash_soon.setInterval(0)
        self.flash_soon.timeout.connect(self.flash)
        self.retranslate_soon = QTimer(self)
        self.retranslate_soon.setSingleShot(True)
        self.retranslate_soon.setInterval(0)
        self.retranslate_soon.timeout.connect(self.retranslate)
        self.specs = load_specs()
        self.previous_action, self.next_action = QAction(self), QAction(self)
        self.setWidget(self._body())
        self.setMinimumWidth(300)
        self.answer_button.clicked.connect(self.show_answer)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        window.tabs.currentChanged.connect(self._tab_changed)

    def _body(self) -> QWidget:
        self.counter, self.title, self.where, self.question = QLabel(), QLabel(), QLabel(), QLabel()
        for label in (self.title, self.where, self.question):
            label.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.question_box = QGroupBox()
        QVBoxLayout(self.question_box).addWidget(self.question)
        self.answer_button = QPushButton()
        self.answer = QTextBrowser()
        self.answer.hide()
        self.previous_button, self.next_button = QPushButton(), QPushButton()
        row = QHBoxLayout()
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        for widget in (self.counter, self.title, self.where, self.question_box, self.answer_button):
            layout.addWidget(widget)
        layout.addWidget(self.answer, 1)
        layout.addStretch()
        layout.addLayout(row)
        return body

    # -- the position -------------------------------------------------------------------------
    @property
    def lesson(self) -> Lesson | None:
        return self.lessons[self.index] if self.lessons else None

    def current_id(self) -> str:
        """The lesson on show ("" when there are none)."""
        return self.lesson.id if self.lesson else ""

    def go_to(self, lesson_id: str, run: bool = True) -> None:
        """Show that lesson: its text (run at once unless ``run`` is False), its view, its question."""
        ids = [lesson.id for lesson in self.lessons]
        if lesson_id not in ids:
            raise KeyError(f"no lesson {lesson_id!r} (lessons: {', '.join(ids)})")
        self.index = ids.index(lesson_id)
        self.main.settings.setValue(SETTINGS_KEY, lesson_id)
        self.answer.hide()
        self.retranslate()
        self._apply_text(run)
        self.place_view()

    def step(self, delta: int) -> None:
        if self.lessons:
            self.go_to(self.lessons[(self.index + delta) % len(self.lessons)].id)

    def restore(self) -> None:
        """The lesson shown last time, without running it (the window runs its text at start)."""
        saved = str(self.main.settings.value(SETTINGS_KEY, "") or "")
        ids = [lesson.id for lesson in self.lessons]
        self.index = ids.index(saved) if saved in ids else 0
        self.retranslate()

    def starting_text(self) -> str:
        """The text the window starts with: the restored lesson's while the sidebar is open, else ""."""
        if self.isHidden() or self.lesson is None:
            return ""
        return self.lesson.text(self.main.language.language)

    def _apply_text(self, run: bool) -> None:
        window = self.main
        window.text.blockSignals(True)  # not the debounce: run at once, or by the window's start
        window.text.setPlainText(self.lesson.text(window.language.language))
        window.text.blockSignals(False)
        if run:
            window.run_now()

    # -- the view -----------------------------------------------------------------------------
    def place_view(self) -> None:
        """Put the lesson's tab on screen, open its panel and frame it."""
        lesson = self.lesson
        tab = self._tab(lesson)
        if tab is None:
            return
        if lesson.view in FAMILY_VIEWS and lesson.panel in ("heatmap", "direction"):
            tab.views.setCurrentIndex(1 if lesson.panel == "direction" else 0)
        self.main.tabs.setCurrentWidget(tab)
        self.placed = tab
        self.flash_soon.start()

    def _tab(self, lesson: Lesson) -> QWidget | None:
        window = self.main
        if lesson.view == "compare":
            return window.compare
        if lesson.view == "claims":
            return window.claims_tab
        return choose_model_tab(window, lesson.view)

    def flash(self) -> None:
        """Frame the lesson's panel (or its whole tab) and colour the tab's name for two seconds."""
        lesson, tabs = self.lesson, self.main.tabs
        tab = self._tab(lesson) if lesson else None
        if tab is None:
            return
        target = panel_widget(self.main, lesson.view, lesson.panel, tab) or tab
        area = tab.findChild(QScrollArea)
        if area is not None and target is not tab:
            area.ensureWidgetVisible(target, 0, 0)
        self.frame.start(target, tabs.tabBar(), tabs.indexOf(tab))

    def _tab_changed(self) -> None:
        if self.main.tabs.currentWidget() is not self.placed:
            self.placed = None  # the user chose a tab: the lesson no longer moves it

    def _follow(self) -> None:
        """A family's tab that cannot read the lesson's text gives way to one of that family that can,
        as long as the user has not picked another tab."""
        lesson = self.lesson
        if lesson is None or lesson.view not in FAMILY_VIEWS or self.placed is None:
            return
        better = choose_model_tab(self.main, lesson.view)
        if better is not None and better is not self.placed:
            self.place_view()

    # -- the answer ---------------------------------------------------------------------------
    def show_answer(self) -> None:
        self.answer.show()
        self.draw_answer()

    def on_change(self, change: Change) -> None:
        if change.part in ("status", "result", "claims", "text"):
            self._follow()
            if not self.answer.isHidden():  # asked for (drawn even while the sidebar is closed)
                self.draw_answer()

    def draw_answer(self) -> None:
        lesson = self.lesson
        if lesson is None:
            return
        parts = [f"<p><b>{escape(tr('The article'))}:</b> {escape(tr(lesson.explanation))}</p>"]
        parts += [claim_html(self.main, self.specs[claim]) for claim in lesson.claims]
        self.answer.setHtml("".join(parts))

    # -- language -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._swap_text()
            self.retranslate_soon.start()  # after the tabs, whose titles it quotes
        super().changeEvent(event)

    def _swap_text(self) -> None:
        """The lesson's text in the other language, still untouched, becomes this language's."""
        lesson, text = self.lesson, self.main.text.toPlainText()
        if lesson is None or text not in (lesson.text_en, lesson.text_zh):
            return  # the user's own text stays
        if text != lesson.text(self.main.language.language):
            self._apply_text(run=True)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Lessons"))
        self.previous_action.setText(tr("Previous lesson"))
        self.next_action.setText(tr("Next lesson"))
        self.answer_button.setText(tr("Show answer"))
        self.previous_button.setText(tr("← Previous (Alt+Left)"))
        self.next_button.setText(tr("Next (Alt+Right) →"))
        self.question_box.setTitle(tr("Question — answer it before you look"))
        lesson = self.lesson
        if lesson is None:
            self.title.setText(escape(tr("No lessons: {why}").format(why=self.problem or "resources/lessons")))
            return
        self.counter.setText(tr("Lesson {n} of {total}").format(n=self.index + 1, total=len(self.lessons)))
        self.title.setText(f"<h3>{escape(tr(lesson.title))}</h3>")
        self.where.setText(tr("Look at: {view}").format(view=view_title(self.main, lesson)))
        self.question.setText(tr(lesson.question))
        if not self.answer.isHidden():  # asked for (drawn even while the sidebar is closed)
            self.draw_answer()


def choose_model_tab(window: MainWindow, family: str) -> ModelTab | None:
    """The family's tab to look at: the first model that has read the text without a coverage
    warning, else the first that loads, else the first."""
    tabs = [window.model_tabs[s.name] for s in window.specs if s.family == family]
    usable = [t for t in tabs if not t.state.load_failed]
    readable = [
        t
        for t in usable
        if t.analysis is not None
        and t.analysis.encoding.text == window.session.text
        and t.analysis.encoding.coverage_warning is None
    ]
    return (readable or usable or tabs or [None])[0]


def panel_widget(window: MainWindow, view: str, panel: str, tab: QWidget) -> QWidget | None:
    """The widget that a lesson's ``panel`` names (see desktop/core/store/lessons.VIEWS)."""
    if not panel:
        return None
    if view in FAMILY_VIEWS:
        widgets = {
            "tokens": tab.tokens_box,
            "heatmap": tab.heatmap_box,
            "direction": tab.heatmap_box,
            "curves": tab.curves_box,
            "sentences": tab.sentences_box,
            "probe": tab.probe_box,
            "knowledge": tab.knowledge,
        }
    elif view == "compare":
        compare, probes = window.compare, window.compare.probes
        widgets = {
            "grid": compare.grid_box,
            "latency": compare.latency_box,
            "agreement": compare.agreement,
            "direction": probes.direction_box,
            "polysemy": probes.polysemy_box,
            "cka": probes.cka_box,
            "predict": probes.predict_box,
        }
    else:
        claims = window.claims_tab
        widgets = {"table": claims.table, "masks": claims.masks_box, "finetune": claims.finetune}
    return widgets[panel]


def view_title(window: MainWindow, lesson: Lesson) -> str:
    """Where to look, in words: the tab's name, then the panel's title."""
    if lesson.view in FAMILY_VIEWS:
        tab = choose_model_tab(window, lesson.view)
        name = tab.spec.name if tab is not None else tr_msg(FAMILY_NAMES[Family(lesson.view)])
    else:
        tab = window.compare if lesson.view == "compare" else window.claims_tab
        name = tr("Compare") if lesson.view == "compare" else tr("Claims")
    if not lesson.panel or tab is None:
        return name
    widget = panel_widget(window, lesson.view, lesson.panel, tab)
    if lesson.view in FAMILY_VIEWS and lesson.panel == "direction":
        title = tab.views.tabText(1)
    elif isinstance(widget, QGroupBox):
        title = widget.title()
    else:
        titles = {
            "agreement": tr("Agreement between models"),
            "table": tr("the claims table"),
            "knowledge": tr("what the article says"),
        }
        title = titles[lesson.panel]
    return f"{name} › {title}"


def claim_html(window: MainWindow, spec: ClaimSpec) -> str:
    """One claim's live record: the verdict, why, each model's numbers; or what it is waiting for."""
    session = window.session
    html = f"<hr><p><b>{escape(tr(spec.claim))}</b>"
    for family in spec.families:
        names = [s.name for s in window.specs if s.family == family]
        if not any(not session.models[n].load_failed for n in names):
            family_name = tr_msg(FAMILY_NAMES[Family(family)])
            failed = ", ".join(names) or tr("none in this window")
            line = tr("No {family} model is loaded ({models}).").format(family=family_name, models=failed)
            html += f"<br><span style='color:#b03a2e'>{escape(line)}</span>"
    record = next((r for r in session.claims or [] if r.id == spec.id), None)
    if record is None:
        return html + f"<br><i>{escape(tr('measuring…'))}</i></p>"
    html += record_html(record)
    if not session.finished:
        html += f"<br><small><i>{escape(tr('measuring…'))}</i></small>"
    return html + "</p>"


def record_html(record: ClaimRecord) -> str:
    """The verdict and why, then each model's numbers: first the models that could read the text,
    then, in grey, those whose numbers carry a warning that they could not."""
    colour = VERDICT_COLOURS[record.verdict]
    html = f"<br><b style='color:{colour}'>{escape(verdict_label(record.verdict))}</b>: {escape(tr_msg(record.reason))}"
    measures = sorted(record.measures.items(), key=lambda item: "coverage_warning" in item[1].values)
    for name, measure in measures:
        line = f"▸ <b>{escape(name)}</b>: {escape(tr_msg(measure.summary))}"
        html += f"<br><span style='color:#888'>{line}</span>" if "coverage_warning" in measure.values else f"<br>{line}"
    return html + "".join(
        f"<br><span style='color:#888'>▸ {escape(n)}: {escape(tr_msg(why))}</span>" for n, why in record.missing.items()
    )


def install_lessons(window: MainWindow) -> LessonPanel:
    """The sidebar on the left, toggled from the View menu; Alt+Left / Alt+Right move between lessons."""
    try:
        lessons, problem = load_lessons(), ""
    except LessonError as exc:
        lessons, problem = [], str(exc)
    panel = LessonPanel(window, lessons, problem)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, panel)
    view = window.menus["view"]
    view.addAction(panel.toggleViewAction())
    for action, keys, delta in ((panel.previous_action, "Alt+Left", -1), (panel.next_action, "Alt+Right", 1)):
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _=False, d=delta: panel.step(d) if panel.isVisible() else None)
        view.addAction(action)
    window.controller.changed.connect(panel.on_change)
    panel.restore()
    visible = str(window.settings.value(VISIBLE_KEY, "false")).lower() == "true"
    panel.setVisible(visible)
    panel.visibilityChanged.connect(lambda shown: window.settings.setValue(VISIBLE_KEY, bool(shown)))
    if visible and panel.lesson is not None:
        panel.place_view()
    return panel
