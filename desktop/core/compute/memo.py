"""The values of one task, pickled with one memo: an object sent in an earlier value arrives as the
very same object again.

Why: a task's stages share their parts (every stage of a text's analysis carries the same
``Analysis``), and the views skip a redraw when a part is the object they drew. Pickled one by one,
each stage arrived as new copies, and every view redrew at every stage (measured with
scripts/bench_gui.py: twice the GUI thread's time per Run on some tabs, and the Projection tab's
identity check compared arrays). This relies on the rule the worker threads already follow: a value
once yielded is never changed afterwards.
"""

from __future__ import annotations

import io
import pickle
from typing import Any


class Packer:
    """The sending side: one per task."""

    def __init__(self) -> None:
        self._out = io.BytesIO()
        self._pickler = pickle.Pickler(self._out, protocol=pickle.HIGHEST_PROTOCOL)

    def pack(self, value: Any) -> bytes:
        self._out.seek(0)
        self._out.truncate()
        self._pickler.dump(value)
        return self._out.getvalue()


class Unpacker:
    """The receiving side: one per task, fed the packed values in the order they were packed."""

    def __init__(self) -> None:
        self._in = io.BytesIO()
        self._unpickler = pickle.Unpickler(self)  # reads through the methods below

    def unpack(self, data: bytes) -> Any:
        self._in = io.BytesIO(data)
        return self._unpickler.load()

    def read(self, size: int = -1) -> bytes:
        return self._in.read(size)

    def readline(self) -> bytes:
        return self._in.readline()

    def readinto(self, buffer: bytearray | memoryview) -> int:
        return self._in.readinto(buffer)
