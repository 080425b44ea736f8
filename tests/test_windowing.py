from __future__ import annotations

import itertools

import numpy as np
import pytest

from desktop.core.text.windowing import plan_windows, stitch


@pytest.mark.parametrize("n, max_len", [(1, 8), (8, 8), (9, 8), (100, 8), (1000, 64), (37, 5)])
def test_windows_cover_everything_within_limit_with_overlap(n: int, max_len: int) -> None:
    windows = plan_windows(n, max_len)
    assert windows[0].start == 0 and windows[-1].end == n
    assert all(w.end - w.start <= max_len for w in windows)
    for a, b in itertools.pairwise(windows):
        assert b.start < a.end, "consecutive windows must overlap"
        assert b.start > a.start


def test_stitch_takes_each_token_from_the_window_where_it_is_most_central() -> None:
    windows = plan_windows(20, 8, overlap=4)
    # each window's output holds (window id, absolute token index)
    outputs = [
        np.stack([np.full(w.end - w.start, k), np.arange(w.start, w.end)], -1)[None].astype(float)
        for k, w in enumerate(windows)
    ]
    joined = stitch(windows, outputs)
    assert joined.shape == (1, 20, 2)
    assert joined[0, :, 1].tolist() == list(range(20)), "every token exactly once, in order"
    sources = joined[0, :, 0].astype(int)
    assert (np.diff(sources) >= 0).all()
    for t, k in enumerate(sources):
        w = windows[k]
        assert w.start <= t < w.end
        # no other window that holds t has it farther from its edges
        margin = min(t - w.start, w.end - 1 - t)
        others = [min(t - o.start, o.end - 1 - t) for o in windows if o.start <= t < o.end]
        assert margin >= max(others) - 1
