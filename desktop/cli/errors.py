"""How the command line fails: one line and an exit code, shared by every command."""

from __future__ import annotations

EXIT_MODEL_FAILED = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad arguments or input: printed as one line, exit code 2."""
