"""The shipped sense list (resources/polysemy/senses.toml): words with two senses, and the cue words
that mark a use as one of them. The polysemy claim labels the uses of its word with it, and the
projection view colours every point of a listed word by it; both read it from here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop.core.text.words import split_words

SENSES_FILE = Path(__file__).resolve().parents[3] / "resources" / "polysemy" / "senses.toml"


@dataclass(frozen=True)
class Sense:
    gloss: str
    cues: frozenset[str]
    examples: tuple[str, ...]


@cache
def senses() -> dict[str, tuple[Sense, ...]]:
    with SENSES_FILE.open("rb") as f:
        words = tomllib.load(f)["word"]
    return {
        w["word"].lower(): tuple(Sense(s["gloss"], frozenset(s["cues"]), tuple(s["examples"])) for s in w["sense"])
        for w in words
    }


def sense_of(word: str, sentence: str) -> int | None:
    """The one sense whose cue words occur in the sentence; None if no sense or several do."""
    found = senses().get(word.lower(), ())
    words = {w.lower() for w in split_words(sentence)[0]}
    hits = [i for i, s in enumerate(found) if s.cues & words]
    return hits[0] if len(hits) == 1 else None
