"""Entry point: `python main.py` opens the window; `python main.py COMMAND ...` runs headless."""

from __future__ import annotations

import os
import sys


def main() -> int:
    # Never reach a model hub by accident: everything loads from local files, except when the
    # user asks to download (`prefetch`).
    from desktop.cli.main import prepare_environment, run

    prepare_environment(sys.argv[1:])
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in {"utf-8", "utf8"}:
            stream.reconfigure(encoding="utf-8", errors="replace")
    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
