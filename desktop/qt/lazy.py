"""Views that draw only while they are on screen.

Three models' results can arrive together; drawing every hidden tab each time would cost the GUI
thread three tabs' drawing. A view marks itself stale and draws when it is next shown.
"""

from __future__ import annotations

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

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._draw_now()

    def ensure_drawn(self) -> None:
        """Draw now if stale, shown or not, plots included: an export grabs views that are off screen."""
        if self._stale:
            self._draw_now()
        pacer().flush()

    def _draw_now(self) -> None:
        self._stale = False
        self.redraw()
