"""Memory after a big text: a 1 MB paste analysed to the end, then a short text again.

Known problem, not fixed: with the tiny models 55-300 MB stay resident after the short text's
results are in and every worker is idle (770-910 MB while the 1 MB text's results are held), and
each further cycle adds some 30-80 MB. It is not Python objects (their count and pymalloc's blocks
return to the baseline), nor oneDNN's primitive cache, nor glibc's heap (the program fixes its mmap
threshold; the number of arenas does not matter). It is CPython's small-object allocator: its 1 MiB
arenas grow from 268 to 323 to 361 over two cycles (+55 and +94 MB resident) while the bytes in use
stay the same, each kept by the few objects still alive in it; with PYTHONMALLOC=malloc the same
two cycles leave +54 and +56 MB. Strict:
when it is fixed, this test passes and the marker must go."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from test_soak import BIG, FINAL, at_rest, close_window, open_window


@pytest.mark.xfail(strict=True, reason="a 1 MB text leaves 55-300 MB resident once replaced (see docstring)")
def test_a_big_text_leaves_no_more_than_50_mb_behind(qtbot, window_specs, settings) -> None:
    window = open_window(qtbot, window_specs, settings)
    try:
        with qtbot.waitSignal(window.probes_done, timeout=120_000):
            window.text.setPlainText(FINAL)
            window.run_now()
        start_mb = at_rest(qtbot, window)
        window.text.setPlainText(BIG)
        window.run_now()
        QApplication.processEvents()
        at_rest(qtbot, window)  # the 1 MB text analysed to the end
        window.text.setPlainText(FINAL)
        window.run_now()
        QApplication.processEvents()
        grown = at_rest(qtbot, window) - start_mb
    finally:
        close_window(window)
    assert grown <= 50, f"{grown:.0f} MB stayed after the 1 MB text"
