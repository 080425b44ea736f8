"""The Corpus tab: for the word picked (clicked in a model's tab, or chosen here), the uses of the
same word across a corpus closest to this one, per model: at a contextual layer and at the static
layer side by side, each corpus sentence with the word marked and its cosine.

It draws ``session.models[name].answers["corpus"]`` and ``corpus_build`` (the build on first use,
desktop/qt/corpus_jobs.py); what it needs goes out as ``corpus_requested`` once per model, text,
word and layer, while the tab is on screen.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.corpus.build import Step
from desktop.core.corpus.neighbours import LayerNeighbours
from desktop.core.corpus.store import stored_positions
from desktop.core.corpus.window import WINDOW_SENTENCES, CorpusAnswer, corpus_folders, percent
from desktop.core.messages import layer_label
from desktop.core.models.base import Unavailable
from desktop.core.session import Change, ModelState, Session
from desktop.core.store.registry import user_data_dir
from desktop.qt.i18n import Retranslated, tr, tr_msg
from desktop.qt.layouts import scrolled
from desktop.qt.lazy import DrawnWhenShown
from desktop.qt.paced import pacer

MARK = "background-color:#ffe08a; font-weight:bold"  # the word in each sentence
# a use per paragraph, its wrapped lines indented past the rank and cosine (Qt's rich text takes
# pixels there, not em): an HTML table with a column each laid out the same lists three times slower
# (two lists of ten, 36-45 ms against 12 ms, at every answer)
ROW = "margin-top:0; margin-bottom:2px; margin-left:{px}px; text-indent:-{px}px"
LAYERS = ("first", "middle", "last")
ERROR = "color:#b03a2e"
GREY = "#666666"
TIE = 1e-3  # cosines this close are one value


def build_text(name: str, step: Step) -> str:
    """The build's line, "mini-bert: building the corpus 45 % — 2 min left", for the tab and the status bar."""
    if step.stage == "prepare":
        return tr("{name}: preparing the corpus…").format(name=name)
    done = tr("{name}: building the corpus {percent} %").format(name=name, percent=percent(step))
    if step.seconds_left is None or step.stage != "encode":
        return done
    seconds = int(step.seconds_left)
    left = tr("{n} s left").format(n=seconds) if seconds < 90 else tr("{n} min left").format(n=round(seconds / 60))
    return f"{done} — {left}"


def uses_html(title: str, found: LayerNeighbours, word: str, indent_px: int) -> str:
    """One layer's uses, best first: rank, cosine, the sentence with the word marked."""
    row = ROW.format(px=indent_px)
    rows = []
    for n, use in enumerate(found.uses, 1):
        s, e = use.span
        sentence = (
            f"{escape(use.sentence[:s])}<span style='{MARK}'>{escape(use.sentence[s:e])}</span>"
            f"{escape(use.sentence[e:])}"
        )
        rows.append(f"<p style='{row}'><span style='white-space:pre'>{n:>2}. {use.score:.3f}  </span>{sentence}</p>")
    body = "".join(rows) or "<br>" + escape(tr("No other use of “{word}” in the corpus.").format(word=word))
    scores = [use.score for use in found.uses]
    if len(scores) > 1 and max(scores) - min(scores) < TIE:  # the static layer: one vector per form
        tie = tr("Every use has the same vector here: the order is the corpus's, not a ranking.")
        body = f"<br><span style='color:{GREY}'>{escape(tie)}</span>{body}"
    return f"<b>{escape(title)}</b>{body}"


class ModelSection(QGroupBox):
    """One model: its build's progress or its message, then the two lists side by side."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(260)
        self.lists = [QLabel(), QLabel()]
        lists = QHBoxLayout()
        for label in self.lists:
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lists.addWidget(label, 1)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.progress)
        layout.addLayout(top)
        layout.addLayout(lists)

    def show_build(self, step: Step | None) -> bool:
        """The build's progress; False when it is not building."""
        self.progress.setVisible(step is not None)
        if step is None:
            return False
        self.progress.setValue(percent(step))
        self.status.setText(escape(build_text(self.name, step)))
        return True

    def show_message(self, text: str, error: bool = False) -> None:
        self.status.setText(f"<span style='{ERROR}'>{escape(text)}</span>" if error else escape(text))
        for label in self.lists:
            label.clear()
            label.hide()

    def show_working(self, text: str) -> None:
        """What the model is doing for a new text or word, over the last uses, greyed until the new
        ones come: emptying the lists and filling them again relaid out the whole tab twice per model
        and text (a GUI stall of up to 200 ms in ``scripts/bench_gui.py`` with the Corpus tab on screen)."""
        self.status.setText(escape(text))
        for label in self.lists:
            label.setEnabled(False)

    def show_answer(self, answer: CorpusAnswer, warning: str) -> None:
        assert answer.found is not None
        note = tr("{n} sentences; cosine with this use of “{word}”.").format(
            n=f"{answer.n_sentences:,}", word=answer.word
        )
        status = escape(note)
        if warning:  # e.g. Chinese through an English vocabulary: every use is the same [UNK]
            status = f"<b style='{ERROR}'>{escape(warning)}</b><br>{status}"
        self.status.setText(status)
        layers = answer.found.layers
        titles = [tr("{layer} (in context)").format(layer=tr_msg(layer_label(layers[0].name)))]
        if len(layers) > 1:
            titles.append(tr("Static layer: {layer}").format(layer=tr_msg(layer_label(layers[1].name))))
        indent = QFontMetrics(self.font()).horizontalAdvance("10. 0.000  ")  # follows the zoom
        for label, layer, title in zip(self.lists, layers, titles, strict=False):
            label.setText(uses_html(title, layer, answer.word, indent))
            label.setEnabled(True)
            label.show()
        self.lists[1].setVisible(len(layers) > 1)


class CorpusTab(Retranslated, DrawnWhenShown):
    corpus_requested = Signal(str, int, str)  # model, word of the text, layer (first/middle/last)
    word_picked = Signal(int)  # the word picked in the tab's own list
    stop_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._asked: dict[str, tuple[int, int, str]] = {}  # model -> (revision, word, layer) last asked
        self._items: list[tuple[int, str]] = []  # the word list's (word index, word)
        self.intro, self.note, self.query = QLabel(), QLabel(), QLabel()
        for label in (self.intro, self.note, self.query):
            label.setWordWrap(True)
        self.query.setTextFormat(Qt.TextFormat.RichText)
        self.word_box, self.layer_box = QComboBox(), QComboBox()
        self.layer_box.addItems(["", "", ""])
        self.layer_box.setCurrentIndex(2)
        self.pick_labels = [QLabel(), QLabel()]
        self.stop_button = QPushButton()
        self.stop_button.clicked.connect(self.stop_requested)
        self.word_box.activated.connect(lambda i: self.word_picked.emit(self.word_box.itemData(i)))
        self.layer_box.currentIndexChanged.connect(self.redraw_at_once)
        row = QHBoxLayout()
        for label, box in zip(self.pick_labels, (self.word_box, self.layer_box), strict=True):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            row.addWidget(label)
            row.addWidget(box)
        row.addStretch()
        row.addWidget(self.stop_button)
        self.sections = {name: ModelSection(name) for name in session.models}
        inner = QWidget()
        column = QVBoxLayout(inner)
        for section in self.sections.values():
            column.addWidget(section)
        column.addStretch()
        layout = QVBoxLayout(self)
        for item in (self.intro, row, self.query, self.note):
            layout.addLayout(item) if isinstance(item, QHBoxLayout) else layout.addWidget(item)
        layout.addWidget(scrolled(inner), 1)
        self.retranslate()

    def on_change(self, change: Change) -> None:
        if change.part == "corpus_build" and change.model in self.sections:
            self._draw_build(change.model)
        elif change.part in ("text", "result", "status", "corpus"):
            self.mark_stale()

    def _draw_build(self, name: str) -> None:
        """Only the section's progress line: a build reports every few hundred milliseconds."""
        section = self.sections[name]
        if not section.show_build(self.session.models[name].corpus_build):
            self.mark_stale()
        self.stop_button.setEnabled(any(s.corpus_build is not None for s in self.session.models.values()))

    def answered(self) -> bool:
        """Every model that analysed the text has its corpus answer (or why not), and no build runs."""
        states = [s for s in self.session.models.values() if s.result is not None and not s.gave_up]
        found = [s.answers.get("corpus") for s in states]
        done = [isinstance(a, Unavailable) or (isinstance(a, CorpusAnswer) and a.found is not None) for a in found]
        return bool(states) and all(done) and all(s.corpus_build is None for s in states)

    # -- drawing ------------------------------------------------------------------------------
    def word(self) -> tuple[int, list[str]] | None:
        """The word the tab shows (the one picked, else the one the first model's tab shows) and the text's words."""
        results = [s for s in self.session.models.values() if s.result is not None]
        if not results:
            return None
        words = results[0].result.analysis.encoding.words
        chosen = self.session.corpus_word if self.session.corpus_word >= 0 else results[0].selected_word
        kept = stored_positions(words)
        if not kept:
            return None
        return (chosen if chosen in kept else kept[0]), words

    def redraw(self) -> None:
        picked = self.word()
        self._fill_words(picked)
        self.stop_button.setEnabled(any(s.corpus_build is not None for s in self.session.models.values()))
        if picked is None:
            self.query.setText(escape(tr("The corpus's uses appear when a model has analysed the text.")))
        layer = LAYERS[self.layer_box.currentIndex()]
        for name, section in self.sections.items():
            state = self.session.models[name]
            if picked is not None and state.result is not None and self.isVisible():  # not for an export
                key = (self.session.revision, picked[0], layer)
                if self._asked.get(name) != key:
                    self._asked[name] = key
                    self.corpus_requested.emit(name, picked[0], layer)
            # a section per pacer job: each lays out two word-wrapped rich-text lists, and four models'
            # answers drawn in one go held the event loop for 60-80 ms (when they were tables)
            pacer().later(section, lambda section=section, state=state: self._draw_section(section, state))
        answer = next((s.answers.get("corpus") for s in self.session.models.values() if s.answers.get("corpus")), None)
        if isinstance(answer, CorpusAnswer):
            s, e = answer.span
            marked = f"{escape(answer.sentence[:s])}<span style='{MARK}'>{escape(answer.sentence[s:e])}</span>"
            self.query.setText(
                escape(tr("“{word}” in your text:").format(word=answer.word))
                + f" {marked}{escape(answer.sentence[e:])}"
            )

    def _draw_section(self, section: ModelSection, state: ModelState) -> None:
        if state.gave_up and state.failure is not None:
            section.show_message(
                tr("{name} did not analyse the text: {why}").format(name=state.name, why=tr_msg(state.failure.message)),
                error=True,
            )
            section.show_build(None)
            return
        building = section.show_build(state.corpus_build)
        answer = state.answers.get("corpus")
        if isinstance(answer, Unavailable):
            section.show_message(
                tr("No corpus for {name}: {why}").format(name=state.name, why=tr_msg(answer.reason)), True
            )
        elif isinstance(answer, CorpusAnswer) and answer.found is not None:
            warning = state.result.analysis.encoding.coverage_warning if state.result is not None else None
            section.show_answer(answer, tr_msg(warning) if warning is not None else "")
        elif building:
            for label in section.lists:
                label.hide()
        elif isinstance(answer, CorpusAnswer):
            section.show_message(
                tr("Stopped: {name}'s corpus is not built. Pick a word to go on building it.").format(name=state.name)
            )
        elif state.result is None:
            section.show_working(tr("Waiting for {name}'s analysis of the text…").format(name=state.name))
        else:
            section.show_working(tr("Searching the corpus…"))

    def _fill_words(self, picked: tuple[int, list[str]] | None) -> None:
        self.word_box.blockSignals(True)
        items = [] if picked is None else [(i, picked[1][i]) for i in stored_positions(picked[1])]
        if items != self._items:
            self._items = items
            self.word_box.clear()
            for i, word in items:
                self.word_box.addItem(f"{word}  ({i + 1})", i)
        if picked is not None:
            self.word_box.setCurrentIndex(max(0, self.word_box.findData(picked[0])))
        self.word_box.blockSignals(False)

    # -- language -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.intro.setText(
            tr(
                "Other uses of the same word across a corpus, nearest to its use in your text first: at a "
                "layer in context (left) and at the static layer (right), where every use of a word has the "
                "same vector. Click a word in a model's tab, or pick it here."
            )
        )
        user, own = corpus_folders(user_data_dir())
        self.note.setText(
            tr(
                "The corpus: up to {n} sentences of WordNet's English and the People's Daily's Chinese, built "
                "for each model the first time it is asked (about a minute for a mini model), in {own}. A model "
                "built with `python main.py corpus build` in {user} uses that bigger corpus instead."
            ).format(n=f"{WINDOW_SENTENCES:,}", own=own, user=user)
        )
        for label, text in zip(self.pick_labels, (tr("Word:"), tr("Layer:")), strict=True):
            label.setText(text)
        for i, text in enumerate((tr("first layer"), tr("middle layer"), tr("last layer"))):
            self.layer_box.setItemText(i, text)
        self.stop_button.setText(tr("Stop building"))
        self.mark_stale()
