"""The training corpus: Princeton WordNet 3.0 glosses (definitions and example sentences).

Every mini model is trained on exactly this text, so that their differences come from the
architecture and objective, not from the data. WordNet is small (about 1.5 M words), freely
licensed, and ships as a Debian package (``wordnet-base``: /usr/share/wordnet/data.*).

A data line is ``offset lex_filenum ss_type w_cnt word lex_id ... | gloss``; lines that start
with two spaces are the license header. The gloss is definitions separated by ``;`` and
example sentences in double quotes (sometimes followed by ``- Author``).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CORPUS_DIR = Path("/usr/share/wordnet")
DATA_FILES = {"n": "data.noun", "v": "data.verb", "a": "data.adj", "r": "data.adv"}
HELD_OUT_PERCENT = 5

_ADJ_MARKER = re.compile(r"\((?:a|p|ip)\)$")  # adjective position markers: able(a), galore(ip)
_SPACES = re.compile(r"\s+")
_ATTRIBUTION = re.compile(r'^"(?P<text>.*)"\s*(?:-.*)?$', re.DOTALL)  # "quote"- John Galsworthy


@dataclass(frozen=True)
class Gloss:
    """One synset: its lemmas and its gloss cut into segments (definitions first, then examples)."""

    synset: str  # "<offset>-<pos>", unique across the four files, e.g. "09213565-n"
    lemmas: tuple[str, ...]  # with spaces, e.g. ("bank", "river bank")
    definitions: tuple[str, ...]
    examples: tuple[str, ...]

    @property
    def segments(self) -> tuple[str, ...]:
        """Definitions then examples: the order in which WordNet prints them."""
        return self.definitions + self.examples

    @property
    def held_out(self) -> bool:
        return is_held_out(self.synset)


@dataclass(frozen=True)
class LemmaExample:
    """An example sentence that contains one of its synset's lemmas: material for a polysemy test."""

    lemma: str
    synset: str
    sentence: str
    span: tuple[int, int]  # [start, end) of the lemma (or its inflected form) in the sentence
    held_out: bool


def is_held_out(synset: str) -> bool:
    """Deterministic ~5 % split by a hash of the synset id (same on every machine and Python run)."""
    return zlib.crc32(synset.encode("ascii")) % 100 < HELD_OUT_PERCENT


def clean(text: str) -> str:
    return _SPACES.sub(" ", text.replace("`", "'")).strip(" ;")


def _split_outside_quotes(gloss: str) -> list[str]:
    """Split at ``;`` outside double quotes; an unclosed quote falls back to a plain split."""
    parts, start, in_quote = [], 0, False
    for i, ch in enumerate(gloss):
        if ch == '"':
            in_quote = not in_quote
        elif ch == ";" and not in_quote:
            parts.append(gloss[start:i])
            start = i + 1
    tail = gloss[start:]
    parts.extend(tail.split(";") if in_quote else [tail])
    return [p.strip() for p in parts if p.strip()]


def split_gloss(gloss: str) -> tuple[list[str], list[str]]:
    """Definitions and example sentences of one gloss, cleaned."""
    definitions, examples = [], []
    for part in _split_outside_quotes(gloss):
        if part.startswith('"'):
            m = _ATTRIBUTION.match(part)
            text = clean(m.group("text") if m else part.strip("\"'"))
            target = examples
        else:
            text = clean(part.replace('"', ""))
            target = definitions
        if any(ch.isalpha() for ch in text):
            target.append(text)
    return definitions, examples


def parse_data_line(line: str, pos: str) -> Gloss | None:
    """One synset from a data.* line; None for header lines and lines without a gloss."""
    if line.startswith("  ") or " | " not in line:
        return None
    head, gloss = line.split(" | ", 1)
    fields = head.split()
    offset, n_words = fields[0], int(fields[3], 16)
    lemmas = tuple(dict.fromkeys(_ADJ_MARKER.sub("", fields[4 + 2 * i]).replace("_", " ") for i in range(n_words)))
    definitions, examples = split_gloss(gloss)
    return Gloss(f"{offset}-{pos}", lemmas, tuple(definitions), tuple(examples))


def read_glosses(corpus_dir: Path = DEFAULT_CORPUS_DIR) -> list[Gloss]:
    """Every synset with a non-empty gloss, in file order (noun, verb, adj, adv)."""
    missing = [corpus_dir / name for name in DATA_FILES.values() if not (corpus_dir / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"WordNet data files not found: {', '.join(map(str, missing))} "
            "(on Debian/Ubuntu: `apt-get install wordnet-base`)"
        )
    glosses = []
    for pos, name in DATA_FILES.items():
        with (corpus_dir / name).open(encoding="utf-8", errors="replace") as f:
            for line in f:
                gloss = parse_data_line(line.rstrip("\n"), pos)
                if gloss is not None and gloss.segments:
                    glosses.append(gloss)
    return glosses


def split_train_held_out(glosses: Iterable[Gloss]) -> tuple[list[Gloss], list[Gloss]]:
    train, held_out = [], []
    for g in glosses:
        (held_out if g.held_out else train).append(g)
    return train, held_out


def sentences(glosses: Iterable[Gloss]) -> Iterator[str]:
    """Every definition and example, one clean sentence each."""
    for g in glosses:
        yield from g.segments


def _lemma_pattern(lemma: str) -> re.Pattern[str]:
    """The lemma or a regular inflection of its last word (bank, banks, banked, banking)."""
    body = r"\s+".join(re.escape(w) for w in lemma.split())
    return re.compile(rf"(?<![\w-]){body}(?:s|es|d|ed|ing)?(?![\w-])", re.IGNORECASE)


def lemma_examples(glosses: Iterable[Gloss]) -> list[LemmaExample]:
    """Each example sentence paired with the first of its synset's lemmas that it contains."""
    found = []
    for g in glosses:
        for sentence in g.examples:
            for lemma in g.lemmas:
                m = _lemma_pattern(lemma).search(sentence)
                if m:
                    found.append(LemmaExample(lemma, g.synset, sentence, m.span(), g.held_out))
                    break
    return found
