"""Process-wide settings decided once, before any model runs."""

from __future__ import annotations

import os


def configure_torch_threads(threads: int | None = None, leave_free: int = 0) -> int:
    """Set torch's intra-op thread count explicitly (BGE_THREADS overrides the default).

    The window passes ``leave_free=1`` so that the GUI thread keeps a core while models run.
    """
    import torch

    if threads is None:
        env = os.environ.get("BGE_THREADS", "")
        threads = int(env) if env.isdigit() and int(env) > 0 else max(1, (os.cpu_count() or 1) - leave_free)
    torch.set_num_threads(max(1, threads))
    return torch.get_num_threads()
