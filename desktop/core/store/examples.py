"""The example texts the window offers (resources/examples.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from desktop.core.store.registry import RESOURCES

EXAMPLES_FILE = RESOURCES / "examples.toml"


@dataclass(frozen=True)
class Example:
    key: str
    label: str  # English source text, translated by the front end
    text: str


def load_examples(path: Path = EXAMPLES_FILE) -> dict[str, Example]:
    with path.open("rb") as f:
        data = tomllib.load(f)
    return {key: Example(key, entry["label"], entry["text"]) for key, entry in data.items()}
