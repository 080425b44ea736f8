"""Overlapping windows for text longer than a model's maximum length, and stitching them back.

Each token's vector is taken from the window in which it sits farthest from an edge, so that
every token keeps as much context as the model allows; nothing is cut.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from desktop.core.cancel import check_cancel
from desktop.core.encoding import Window


def plan_windows(n_tokens: int, max_len: int, overlap: int | None = None) -> list[Window]:
    """Windows of at most ``max_len`` tokens covering ``[0, n_tokens)``, consecutive ones
    sharing ``overlap`` tokens (a quarter of the window by default)."""
    if max_len < 2:
        raise ValueError(f"max_len must be at least 2, got {max_len}")
    if n_tokens <= max_len:
        return [Window(0, n_tokens)]
    overlap = max_len // 4 if overlap is None else overlap
    if not 0 <= overlap < max_len:
        raise ValueError(f"overlap must be in [0, {max_len}), got {overlap}")
    windows: list[Window] = []
    start = 0
    while True:
        end = min(start + max_len, n_tokens)
        windows.append(Window(start, end))
        if end == n_tokens:
            return windows
        start = end - overlap


def stitch(windows: list[Window], outputs: list[np.ndarray]) -> np.ndarray:
    """Join per-window outputs ``[layers, window_len, dim]`` into ``[layers, n_tokens, dim]``.

    In the overlap between window k and k+1 the first half comes from k, the rest from k+1.
    """
    if len(windows) != len(outputs):
        raise ValueError("one output per window is needed")
    n_layers, _, dim = outputs[0].shape
    result = np.empty((n_layers, windows[-1].end, dim), dtype=outputs[0].dtype)
    cut = 0
    for k, (win, out) in enumerate(zip(windows, outputs, strict=True)):
        nxt = windows[k + 1] if k + 1 < len(windows) else None
        take_to = win.end if nxt is None else (nxt.start + win.end + 1) // 2
        result[:, cut:take_to] = out[:, cut - win.start : take_to - win.start]
        cut = take_to
    return result


def run_in_windows(n_tokens: int, max_len: int, run: Callable[[Window], np.ndarray]) -> tuple[np.ndarray, list[Window]]:
    """``run`` each window (``[layers, window_len, dim]``) and stitch: ``[layers, n_tokens, dim]``.
    A cancelled request stops between two windows."""
    windows = plan_windows(n_tokens, max_len)
    outputs = []
    for win in windows:
        check_cancel()
        outputs.append(run(win))
    return np.ascontiguousarray(stitch(windows, outputs), dtype=np.float32), windows
