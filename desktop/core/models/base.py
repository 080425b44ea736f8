"""The adapter interface every model family implements, and the errors they raise."""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.encoding import Encoding, Family, MaskKind


class ModelError(Exception):
    """A model could not be loaded or run. Says which model, which file, and what to do."""

    def __init__(self, model: str, message: str, path: Path | str | None = None, hint: str = "") -> None:
        self.model = model
        self.message = message
        self.path = str(path) if path is not None else None
        self.hint = hint
        where = f" ({self.path})" if self.path else ""
        tail = f" {hint}" if hint else ""
        super().__init__(f"model '{model}'{where}: {message}.{tail}")


class Cancelled(Exception):
    """The run was stopped between two windows because its result is no longer wanted."""


class InputError(ValueError):
    """The text cannot be encoded (empty, whitespace only...). One clear line for the user."""


@dataclass
class Prediction:
    """Top-k candidates for one slot, best first."""

    tokens: list[str]
    probs: list[float]


@dataclass
class Capabilities:
    """Which probes this checkpoint can answer (heads present in the weights, not just the class)."""

    masked_fill: bool = False
    next_sentence: bool = False
    next_token: bool = False
    missing: dict[str, str] = field(default_factory=dict)  # probe -> why not


def check_text(text: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise InputError("the text is empty: type or paste some text first")
    return text


class ModelAdapter(ABC):
    """One loaded model. ``encode`` is safe to call from one worker thread at a time per adapter;
    a lock makes a second caller wait instead of corrupting the tokenizer's state."""

    family: Family
    mask_kind: MaskKind

    def __init__(self, name: str) -> None:
        self.name = name
        self._lock = threading.Lock()
        self.capabilities = Capabilities()
        # Set from another thread to stop a long (windowed) run at the next window boundary.
        self.cancel = threading.Event()

    def check_cancel(self) -> None:
        if self.cancel.is_set():
            raise Cancelled(self.name)

    @property
    @abstractmethod
    def parameters(self) -> int: ...

    @property
    @abstractmethod
    def layer_names(self) -> list[str]: ...

    def encode(self, text: str) -> Encoding:
        check_text(text)
        with self._lock:
            return self._encode(text)

    @abstractmethod
    def _encode(self, text: str) -> Encoding: ...


def elapsed_ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000.0
