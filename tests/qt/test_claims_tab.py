"""The Claims tab's attention masks: drawn one picture per pacer turn (desktop/qt/claims_tab.py), and
still every picture of the text, the pictures of an earlier, longer text hidden."""

from __future__ import annotations

import numpy as np

from desktop.qt.main_window import MainWindow
from desktop.qt.paced import pacer

WAIT_MS = 120_000


def _shown_masks(qtbot, window: MainWindow, text: str) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """(the matrices the shown mask plots hold, the ones the masks claim measured) for ``text``."""
    with qtbot.waitSignal(window.probes_done, timeout=WAIT_MS):
        window.text.setPlainText(text)
        window.run_now()
    qtbot.waitUntil(lambda: pacer().pending() == 0, timeout=WAIT_MS)
    tab = window.claims_tab
    shown = [heat._matrix for label, heat in tab.maps if not heat.isHidden() and not label.isHidden()]
    records = [r for r in window.session.claims or [] if r.id == "masks"]
    measures = [m for r in records for m in r.measures.values()]
    wanted = [np.asarray(rows, np.float32) for m in measures for rows in m.values["visible"]]
    return shown, wanted


def test_every_mask_of_the_text_is_drawn_and_an_older_texts_extra_ones_are_hidden(qtbot, window: MainWindow):
    window.tabs.setCurrentWidget(window.claims_tab)
    counts = []
    for text in ("The bank was closed. We sat by the river bank.", "Hello", "One sentence only here."):
        shown, wanted = _shown_masks(qtbot, window, text)
        counts.append(len(wanted))
        assert len(shown) == len(wanted), text
        for got, expected in zip(shown, wanted, strict=True):
            np.testing.assert_array_equal(got, expected)
    assert counts[0] > 0 and counts[1] == 0 and counts[2] > 0  # one word: no batch to show, every plot hidden
