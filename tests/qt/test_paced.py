"""Drawing in slices (desktop/qt/paced.py): plots are built and painted a few per event-loop turn,
so that a tab of heatmaps shown for the first time, or redrawn while on screen, does not hold the
GUI thread for the whole tab (issue 11; scripts/bench_gui.py measures the stalls)."""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desktop.qt.main_window import MainWindow
from desktop.qt.paced import Pacer

TEXT = "I deposited cash at the bank. We had a picnic on the river bank."
WAIT_MS = 120_000


def test_a_newer_job_replaces_the_waiting_one_and_flush_runs_them_in_order(qtbot) -> None:
    pacer, ran = Pacer(), []
    first, second = QObject(), QObject()
    pacer.later(first, lambda: ran.append("first, old"))
    pacer.later(second, lambda: ran.append("second"))
    pacer.later(first, lambda: ran.append("first, new"))  # replaces the old one, behind "second"
    assert pacer.pending() == 2
    pacer.flush()
    assert ran == ["second", "first, new"] and pacer.pending() == 0


def test_a_turn_runs_jobs_only_until_its_budget_is_spent(qtbot) -> None:
    pacer, ran = Pacer(), []
    owners = [QObject() for _ in range(6)]
    for i, owner in enumerate(owners):
        pacer.later(owner, lambda i=i: (time.sleep(0.01), ran.append(i)))
    pacer._turn()  # what the timer runs once per event-loop turn
    assert 1 <= len(ran) < 6 and ran == list(range(len(ran)))  # at least one, never all of them
    qtbot.waitUntil(lambda: len(ran) == 6, timeout=5000)  # the rest in the next turns, by themselves


def test_a_costly_job_ends_its_turn_and_cheap_ones_share_one(qtbot) -> None:
    """A turn is followed by the paint of what it changed: two heatmaps built in one turn (10-30 ms
    each) and painted together stalled the window 60-80 ms (scripts/bench_gui.py)."""
    pacer, ran = Pacer(), []
    owners = [QObject() for _ in range(4)]
    for i, owner in enumerate(owners):
        pacer.later(owner, lambda i=i: (time.sleep(0.009), ran.append(i)))  # 9 ms: less than the budget
    pacer._turn()
    assert ran == [0]  # a second 9 ms job would take the turn past its 15 ms budget
    pacer.flush()
    cheap = [QObject() for _ in range(5)]
    for i, owner in enumerate(cheap):
        pacer.later(owner, lambda i=i: ran.append(i))
    pacer._turn()
    assert pacer.pending() == 0  # jobs that cost nothing all run in the one turn


def test_a_job_known_to_be_costly_waits_for_the_next_turn(qtbot) -> None:
    """The next job's expected time is what its kind (owner class, part) took last: a 5 ms job is
    not followed by one known to take 14 ms (the masks after the Claims tab's text, 6 + 14 ms)."""

    class Cheap(QObject):
        pass

    class Costly(QObject):
        pass

    pacer, ran = Pacer(), []
    cheap, costly = Cheap(), Costly()
    pacer.later(costly, lambda: time.sleep(0.014))
    pacer._turn()  # learns its cost
    pacer.later(cheap, lambda: (time.sleep(0.005), ran.append("cheap")))
    pacer.later(costly, lambda: (time.sleep(0.014), ran.append("costly")))
    pacer._turn()
    assert ran == ["cheap"] and pacer.pending() == 1
    pacer._turn()
    assert ran == ["cheap", "costly"]


def test_settle_also_runs_the_jobs_of_widgets_that_a_job_added(qtbot) -> None:
    """A job that adds a widget to a shown layout: the widget is shown by a posted layout request and
    only then queues its own job, which a flush alone leaves waiting (a screenshot lost a plot)."""
    from PySide6.QtGui import QShowEvent
    from PySide6.QtWidgets import QVBoxLayout

    pacer, ran = Pacer(), []

    class Child(QWidget):
        def showEvent(self, event: QShowEvent) -> None:
            pacer.later(self, lambda: ran.append("child"))
            super().showEvent(event)

    parent = QWidget()
    qtbot.addWidget(parent)
    layout = QVBoxLayout(parent)
    parent.show()
    pacer.later(parent, lambda: layout.addWidget(Child()))
    pacer.flush()
    assert ran == []
    pacer.settle()
    assert ran == ["child"] and pacer.pending() == 0


def test_the_job_of_a_deleted_or_hidden_widget_is_dropped(qtbot) -> None:
    pacer, ran = Pacer(), []
    gone, hidden, kept = QObject(), QWidget(), QObject()
    qtbot.addWidget(hidden)
    hidden.show()
    for name, owner in (("gone", gone), ("hidden", hidden), ("kept", kept)):
        pacer.later(owner, lambda name=name: ran.append(name))
    shiboken6.delete(gone)
    hidden.hide()  # a closed window's views: drawn again when shown, not now
    pacer.flush()
    assert ran == ["kept"]


def test_showing_the_compare_tab_leaves_its_heatmaps_to_the_pacer(qtbot, window: MainWindow) -> None:
    from desktop.qt.paced import pacer

    with qtbot.waitSignal(window.probes_done, timeout=WAIT_MS):
        window.text.setPlainText(TEXT)
        window.run_now()
    maps = [h for row in window.compare.maps.values() for h in row]
    window.tabs.setCurrentWidget(window.compare)  # shown (and redrawn) synchronously, nothing painted yet
    shown = [h for h in maps if h.isVisible()]
    assert len(shown) >= 8 and all(h._plot is None for h in shown)
    assert pacer().pending() >= len(shown)
    pacer().flush()
    assert all(h._plot is not None and not h._dirty for h in shown)
    name = next(n for n in window.compare.maps if window.compare.maps[n][0].isVisible())
    words = window.session.models[name].result.analysis.encoding.words
    assert len(window.compare.maps[name][0]._labels) == len(words)  # the session's words, painted


def test_a_part_drawn_later_waits_while_hidden_and_an_export_draws_it_at_once(qtbot) -> None:
    """``draw_part_later``: the part's turn is dropped while the view is hidden, and comes again when
    it is shown; ``ensure_drawn`` (exports) draws a waiting part at once, shown or not."""
    from desktop.qt.lazy import DrawnWhenShown
    from desktop.qt.paced import pacer

    class View(DrawnWhenShown):
        def redraw(self) -> None:
            self.draw_part_later("slow", lambda: drawn.append("slow"))

    drawn: list[str] = []
    view = View()
    qtbot.addWidget(view)
    view.show()
    view.redraw_at_once()
    view.hide()
    qtbot.waitUntil(lambda: pacer().pending() == 0)
    assert drawn == []  # dropped while hidden
    view.show()
    qtbot.waitUntil(lambda: drawn == ["slow"])
    view.hide()
    view.redraw()  # a part queued while hidden
    view.ensure_drawn()
    assert drawn == ["slow", "slow"]
