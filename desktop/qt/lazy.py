"""Views that draw only while they are on screen.

Three models' results can arrive together; drawing every hidden tab each time would cost the GUI
thread three tabs' drawing. A view marks itself stale and draws when it is next shown. A view whose
drawing is too long for one turn of the event loop draws some parts at later turns
(``draw_part_later``); a part whose turn came while the view was hidden is drawn when it is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from desktop.qt.paced import pacer


class DrawnWhenShown(QWidget):
    _stale = False

    def redraw(self) -> None:
        """Draw everything from the session (subclasses)."""
        raise NotImplementedError

    def mark_stale(self) -> None:
        """Draw again: when next shown, or, on screen, at the pacer's next turn (several parts of a
        result arriving within one turn are drawn once)."""
        self._stale = True
        if self.isVisible():
            pacer().later(self, self._draw_if_stale)

    def redraw_at_once(self) -> None:
        """Draw now if on screen: for the view's own controls, whose user waits for the answer."""
        self._stale = True
        if self.isVisible():
            pacer().cancel(self)
            self._draw_now()

    def _draw_if_stale(self) -> None:
        if self._stale:
            self._draw_now()

    @property
    def _late_parts(self) -> dict[str, Callable[[], None]]:
        """The parts waiting for a later turn, by name (made on first use: mixed into Qt classes,
        this class has no ``__init__`` of its own)."""
        waiting = getattr(self, "_late_parts_by_name", None)
        if waiting is None:
            waiting = self._late_parts_by_name = {}
        return waiting

    def draw_part_later(self, part: str, job: Callable[[], None]) -> None:
        """Draw ``part`` at a later turn of the pacer (a newer job for it replaces the waiting one)."""
        self._late_parts[part] = job
        pacer().later(self, lambda: self._draw_part(part), part)

    def drop_part(self, part: str) -> None:
        """Forget ``part``'s waiting job: what it would draw is no longer wanted."""
        self._late_parts.pop(part, None)
        pacer().cancel(self, part)

    def _draw_part(self, part: str) -> None:
        job = self._late_parts.pop(part, None)
        if job is not None:
            job()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._draw_now()
        for part in self._late_parts:  # their turn was dropped while the view was hidden
            pacer().later(self, lambda part=part: self._draw_part(part), part)

    def ensure_drawn(self) -> None:
        """Draw now if stale, shown or not, plots and waiting parts included: an export grabs views
        that are off screen."""
        if self._stale:
            self._draw_now()
        for part in list(self._late_parts):
            pacer().cancel(self, part)
            self._draw_part(part)
        pacer().flush()

    def _draw_now(self) -> None:
        self._stale = False
        self.redraw()
