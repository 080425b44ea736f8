"""The error the model store raises for things the user can act on (a folder that is not a model,
a damaged bundle, a broken list of added models): a translatable sentence and the file it is about."""

from __future__ import annotations

from pathlib import Path

from desktop.core.messages import Msg


class StoreError(Exception):
    """``text`` is shown translated by the window (``tr_msg``) and in English by the CLI."""

    def __init__(self, text: Msg, path: Path | str | None = None) -> None:
        self.text = text
        self.path = str(path) if path is not None else None
        super().__init__(text.english())


class AlreadyThere(StoreError):
    """The file or model is there already: the caller may ask the user, then call again with
    ``force=True`` (the CLI's ``--force``)."""
