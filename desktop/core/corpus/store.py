"""The corpus on disk, shared by every model: the sentences and the words table.

``sentences.txt`` holds one sentence a line; the tables are raw little-endian arrays read as
``numpy.memmap``: ``sentence_offsets`` (int64, n+1 byte offsets into sentences.txt),
``sentence_rows`` (int64, n+1: the first words-table row of each sentence) and, one entry per stored
word, ``word_sentence`` (int32), ``word_position`` (int32, the word's index among the program's
words of its sentence) and ``word_vocab`` (int32, into ``vocab.json``); ``vocab_rows`` and
``vocab_starts`` (int64) list the rows of each vocabulary entry. A stored word is a program word
(desktop/core/text/words.split_words) with a letter in it: punctuation and numbers have no
senses worth a neighbour. ``corpus.json`` is written last: a folder without it is rebuilt.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from desktop.core.cancel import check_cancel
from desktop.core.corpus.sources import SourceError
from desktop.core.messages import msg
from desktop.core.store.atomic import replaced
from desktop.core.text.words import split_words

CORPUS_VERSION = 1
MAX_CHARS = 300  # a longer line is rarely one sentence: left out
FLUSH_EVERY = 4096  # sentences between two appends to the tables
TABLES = {
    "sentence_offsets": np.int64,
    "sentence_rows": np.int64,
    "word_sentence": np.int32,
    "word_position": np.int32,
    "word_vocab": np.int32,
}
POSTINGS = {"vocab_rows": np.int64, "vocab_starts": np.int64}  # the rows of each vocabulary entry
Progress = Callable[[int, int | None], None]


def stored_positions(words: list[str]) -> list[int]:
    """The words of a sentence that get a vector: those with a letter (CJK characters are letters)."""
    return [i for i, w in enumerate(words) if any(ch.isalpha() for ch in w)]


@dataclass
class Corpus:
    """A prepared corpus folder, opened read-only (tables as memory maps)."""

    folder: Path
    source: str
    n_sentences: int
    n_words: int

    def table(self, name: str) -> np.ndarray:
        return np.memmap(self.folder / f"{name}.bin", dtype=(TABLES | POSTINGS)[name], mode="r")

    @cached_property
    def forms(self) -> dict[str, list[int]]:
        """Vocabulary ids by lower-case form ("Bank" and "bank" are one word to a reader)."""
        found: dict[str, list[int]] = {}
        for i, word in enumerate(self.vocab):
            found.setdefault(word.lower(), []).append(i)
        return found

    def uses_of(self, word: str) -> np.ndarray:
        """The words-table rows of every use of ``word`` (any case), ascending."""
        rows, starts = self.table("vocab_rows"), self.table("vocab_starts")
        parts = [np.asarray(rows[starts[i] : starts[i + 1]]) for i in self.forms.get(word.lower(), [])]
        return np.sort(np.concatenate(parts)) if parts else np.empty(0, np.int64)

    @cached_property
    def vocab(self) -> list[str]:
        return json.loads((self.folder / "vocab.json").read_text(encoding="utf-8"))

    @cached_property
    def rows(self) -> np.ndarray:
        return self.table("sentence_rows")

    def sentences(self, start: int, stop: int) -> list[str]:
        """Sentences ``[start, stop)``: one read of the text file."""
        offsets = self.table("sentence_offsets")
        with (self.folder / "sentences.txt").open("rb") as f:
            f.seek(int(offsets[start]))
            raw = f.read(int(offsets[stop] - offsets[start]))
        return raw.decode("utf-8").split("\n")[: stop - start]

    def positions(self, start: int, stop: int) -> list[np.ndarray]:
        """For each sentence of ``[start, stop)``, the positions of its stored words."""
        positions = self.table("word_position")
        return [np.asarray(positions[self.rows[i] : self.rows[i + 1]]) for i in range(start, stop)]

    def word(self, row: int) -> tuple[int, int, str]:
        """Row ``row`` of the words table: sentence id, word position, word text."""
        return (
            int(self.table("word_sentence")[row]),
            int(self.table("word_position")[row]),
            self.vocab[int(self.table("word_vocab")[row])],
        )


def open_corpus(folder: Path) -> Corpus | None:
    """The corpus prepared in ``folder``; None where none was finished (or an older format)."""
    try:
        info = json.loads((folder / "corpus.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if info.get("version") != CORPUS_VERSION:
        return None
    return Corpus(folder, info["source"], info["sentences"], info["words"])


class _Writer:
    """Appends sentences and their words to the tables, ``FLUSH_EVERY`` sentences at a time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.text = (folder / "sentences.txt").open("wb")
        self.files = {name: (folder / f"{name}.bin").open("wb") for name in TABLES}
        self.vocab: dict[str, int] = {}
        self.pending: dict[str, list[int]] = {name: [] for name in TABLES}
        self.offset = self.rows = self.n = 0
        self.pending["sentence_offsets"].append(0)
        self.pending["sentence_rows"].append(0)

    def add(self, sentence: str) -> bool:
        """Store one sentence; False (and nothing stored) when it is too long or has no word to keep."""
        sentence = " ".join(sentence.split())
        words = split_words(sentence)[0] if len(sentence) <= MAX_CHARS else []
        keep = stored_positions(words)
        if not keep:
            return False
        raw = sentence.encode("utf-8") + b"\n"
        self.text.write(raw)
        self.offset += len(raw)
        self.rows += len(keep)
        p = self.pending
        p["sentence_offsets"].append(self.offset)
        p["sentence_rows"].append(self.rows)
        p["word_sentence"].extend([self.n] * len(keep))
        p["word_position"].extend(keep)
        p["word_vocab"].extend(self.vocab.setdefault(words[i], len(self.vocab)) for i in keep)
        self.n += 1
        return True

    def flush(self) -> None:
        for name, values in self.pending.items():
            np.asarray(values, dtype=TABLES[name]).tofile(self.files[name])
            values.clear()

    def close(self) -> None:
        self.flush()
        self.text.close()
        for f in self.files.values():
            f.close()


def prepare(folder: Path, sentences: Iterable[str], source: str, limit: int | None, progress: Progress) -> Corpus:
    """The corpus in ``folder``, kept when one from the same source is there, else written anew.
    Streams: memory holds the vocabulary and one flush worth of rows, whatever the corpus size."""
    found = open_corpus(folder)
    if found is not None:
        if found.source != source:
            raise SourceError(
                msg("{folder} holds a corpus of {other}: choose another --out", folder=str(folder), other=found.source)
            )
        return found
    folder.mkdir(parents=True, exist_ok=True)
    writer = _Writer(folder)
    t0 = time.monotonic()
    try:
        for sentence in sentences:
            if writer.add(sentence) and writer.n % FLUSH_EVERY == 0:
                writer.flush()
                check_cancel()
                progress(writer.n, limit)
            if limit is not None and writer.n >= limit:
                break
    finally:
        writer.close()
    if writer.n == 0:
        raise SourceError(msg("the source has no sentence with a word in it"))
    with replaced(folder / "vocab.json", "w", encoding="utf-8") as f:
        json.dump(list(writer.vocab), f, ensure_ascii=False)
    write_postings(folder, len(writer.vocab))
    info = {"version": CORPUS_VERSION, "source": source, "sentences": writer.n, "words": writer.rows}
    info["seconds"] = round(time.monotonic() - t0, 1)
    with replaced(folder / "corpus.json", "w", encoding="utf-8") as f:
        json.dump(info, f, ensure_ascii=False)
    progress(writer.n, writer.n)
    return Corpus(folder, source, writer.n, writer.rows)


def write_postings(folder: Path, n_vocab: int) -> None:
    """The rows grouped by vocabulary entry, for "the other uses of this word". One sort of the
    word ids: 12 bytes a stored word in memory, the one step of the build that grows with the corpus."""
    vocab = np.fromfile(folder / "word_vocab.bin", dtype=TABLES["word_vocab"])
    np.argsort(vocab, kind="stable").astype(np.int64).tofile(folder / "vocab_rows.bin")
    starts = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(np.bincount(vocab, minlength=n_vocab), out=starts[1:])
    starts.tofile(folder / "vocab_starts.bin")
