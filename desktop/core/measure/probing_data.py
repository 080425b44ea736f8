"""The labelled words the linear probe trains and tests on (resources/probing/, see its NOTICE).

Each line of a ``pos_<language>.jsonl`` file is one sentence: ``split`` ("train" or "test"),
``text``, and ``labels`` as ``[start, end, tag, next_dependent]`` character spans. Labels are
attached here to the program's own words (``split_words``), so the probe reads the same word
vectors as every other view; a span that is no longer a word (another jieba version would
segment differently) is dropped and counted rather than guessed.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from desktop.core.store.registry import RESOURCES
from desktop.core.text.words import split_words

PROBING_DIR = RESOURCES / "probing"
LANGUAGES = ("en", "zh")


@dataclass(frozen=True)
class LabelledSentence:
    text: str
    test: bool
    words: tuple[int, ...]  # indices into split_words(text)
    tags: tuple[str, ...]
    next_dependent: tuple[bool, ...]  # the label needs the word after it (see the NOTICE's rule)


@dataclass(frozen=True)
class ProbeData:
    name: str  # "en", "zh", or a file's stem
    sentences: tuple[LabelledSentence, ...]
    digest: str  # sha256 of the file and of where its labels fell among the words: part of the cache key
    dropped: int  # labels whose span is not one of the program's words

    def tags(self, test: bool) -> list[str]:
        return [t for s in self.sentences if s.test == test for t in s.tags]

    def next_dependent(self) -> list[bool]:
        """Per test label, in the order of ``tags(test=True)``."""
        return [d for s in self.sentences if s.test for d in s.next_dependent]


def data_path(language: str) -> Path:
    if language not in LANGUAGES:
        raise ValueError(f"no probing data for language {language!r} (have: {', '.join(LANGUAGES)})")
    return PROBING_DIR / f"pos_{language}.jsonl"


def load_probe_data(path: Path, name: str | None = None) -> ProbeData:
    raw = path.read_bytes()
    sentences, dropped = [], 0
    for line in raw.decode("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        _, spans = split_words(row["text"])
        index = {span: i for i, span in enumerate(spans)}
        kept = [label for label in row["labels"] if (label[0], label[1]) in index]
        dropped += len(row["labels"]) - len(kept)
        if kept:
            sentences.append(
                LabelledSentence(
                    text=row["text"],
                    test=row["split"] == "test",
                    words=tuple(index[(s, e)] for s, e, _, _ in kept),
                    tags=tuple(tag for _, _, tag, _ in kept),
                    next_dependent=tuple(bool(dep) for *_, dep in kept),
                )
            )
    # the alignment joins the hash, so a new jieba dictionary that moves the words makes a new key
    digest = hashlib.sha256(raw + repr([s.words for s in sentences]).encode()).hexdigest()
    return ProbeData(name or path.stem, tuple(sentences), digest, dropped)


@functools.cache
def reference_data(language: str) -> ProbeData:
    """The shipped data for ``language`` ("en" or "zh"), read and aligned once per process (the
    pipeline asks for it with every text)."""
    return load_probe_data(data_path(language), language)
