"""The window's corpus: small enough to build on first use in about a minute per mini model, and
the question the Corpus tab asks of it (the selected word, in its sentence).

Which corpus: a user's own ``corpus build`` in the default folder (``<data dir>/corpus/shipped``)
when this model is built there, else the window's own folder (``<data dir>/corpus/window``), built
in the background on first use: ``WINDOW_SENTENCES`` sentences of the shipped source (WordNet's
English and the People's Daily's Chinese, interleaved) — first those that use a word of the sense
list (the words the examples and lessons are about), then the others in order — so that the
examples' words have uses to compare. A build stopped anywhere resumes (desktop/core/corpus/build.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.core.cancel import check_cancel
from desktop.core.corpus.build import Step, build_steps, is_built, model_store
from desktop.core.corpus.neighbours import CorpusSearch, Neighbours, neighbours
from desktop.core.corpus.sources import shipped
from desktop.core.corpus.store import Corpus, open_corpus, prepare
from desktop.core.corpus.vectors import DEFAULT_LAYERS, open_model
from desktop.core.measure.senses import senses
from desktop.core.models.base import ModelAdapter
from desktop.core.store.registry import ModelSpec
from desktop.core.text.words import split_sentences, split_words

WINDOW_SENTENCES = 6_000  # about 25 s of encoding per mini model at 250 sentences/s (README: bench_corpus)
K = 10
_preparing = threading.Lock()  # two models' workers may ask for the window corpus at once


@dataclass(frozen=True)
class CorpusAnswer:
    """The Corpus tab's answer for one model: ``found`` None means the corpus is not built yet."""

    model: str
    word: str
    sentence: str  # the sentence of the text the word is used in
    span: tuple[int, int]  # the word in ``sentence``
    folder: str
    n_sentences: int
    found: Neighbours | None


def corpus_folders(root: Path) -> tuple[Path, Path]:
    """The user's default ``corpus build`` folder and the window's own one."""
    return root / "corpus" / "shipped", root / "corpus" / "window"


def folder_for(model: str, root: Path) -> Path:
    """The user's bigger corpus where this model is built in it, else the window's."""
    user, own = corpus_folders(root)
    corpus = open_corpus(user)
    if corpus is not None and is_built(open_model(user, model), corpus):
        return user
    return own


def focused(sentences: Iterable[str], words: Iterable[str], limit: int) -> Iterator[str]:
    """Up to ``limit`` sentences: those using one of ``words`` first (at most half), then the others
    in order. One pass over the source; memory holds ``limit`` sentences."""
    wanted = [w.lower() for w in words]
    picked: list[str] = []
    rest: list[str] = []
    for n, sentence in enumerate(sentences):
        if n % 4096 == 0:
            check_cancel()
        lower = sentence.lower()
        if len(picked) < limit // 2 and any(w in lower for w in wanted):
            picked.append(sentence)
        elif len(rest) < limit:
            rest.append(sentence)
    yield from picked
    yield from rest[: limit - len(picked)]


def window_sentences(english: Iterable[str] | None, limit: int = WINDOW_SENTENCES) -> Iterator[str]:
    """The shipped source's sentences the window's corpus takes (``english`` None: WordNet is missing)."""
    stream, _missing = shipped(english)
    return focused(stream, senses(), limit)


def window_corpus(folder: Path, sentences: Callable[[], Iterable[str]], limit: int = WINDOW_SENTENCES) -> Corpus:
    """The window's corpus in ``folder``, prepared once from ``sentences()`` (the first model to ask
    prepares it; another waits for it)."""
    while not _preparing.acquire(timeout=0.05):
        check_cancel()
    try:
        found = open_corpus(folder)
        if found is not None:
            return found
        return prepare(folder, sentences(), f"window, first {limit}", limit, lambda *_: None)
    finally:
        _preparing.release()


def build(corpus: Corpus, spec: ModelSpec, adapter: ModelAdapter) -> Iterator[Step]:
    """The model's build in ``corpus`` (resumed where it stopped), a step a chunk; no faiss index:
    the tab asks only for uses of the same word, an exact scan of their vectors."""
    store = model_store(corpus, adapter, list(DEFAULT_LAYERS), index=False)
    yield from build_steps(corpus, spec, adapter, store, "local")


def built(folder: Path, model: str) -> bool:
    corpus = open_corpus(folder)
    return corpus is not None and is_built(open_model(folder, model), corpus)


def in_sentence(text: str, word: int) -> tuple[str, int, tuple[int, int]]:
    """The sentence of ``text`` that holds word ``word`` (the text's words), the word's position
    among that sentence's words, and its span there: the corpus was encoded a sentence at a time."""
    spans = split_words(text)[1]
    start, end = spans[word]
    for lo, hi in split_sentences(text):
        if lo <= start < hi:
            sentence = text[lo:hi]
            offset = len(sentence) - len(sentence.lstrip())
            sentence = sentence.strip()
            inner = split_words(sentence)[1]
            here = start - lo - offset  # a sentence alone may be cut into words a little differently
            at = min(range(len(inner)), key=lambda i: (not inner[i][0] <= here < inner[i][1], abs(inner[i][0] - here)))
            return sentence, at, inner[at]
    return text, word, (start, end)


def ask(search: CorpusSearch, adapter: ModelAdapter, text: str, word: int, layer: str) -> CorpusAnswer:
    """The ``K`` nearest corpus uses of the text's word ``word`` in ``layer`` and in the static view."""
    sentence, at, span = in_sentence(text, word)
    found = neighbours(search, adapter, sentence, str(at), layer, K)
    corpus = search.corpus
    return CorpusAnswer(adapter.name, found.word, sentence, span, str(corpus.folder), corpus.n_sentences, found)


def not_built(model: str, text: str, word: int, folder: Path) -> CorpusAnswer:
    sentence, _, span = in_sentence(text, word)
    return CorpusAnswer(model, sentence[span[0] : span[1]], sentence, span, str(folder), 0, None)


def percent(step: Step) -> int:
    """One number for a build: reading the sentences, then encoding (most of it), then indexing."""
    share = step.done / max(step.total, 1)
    return int({"prepare": 0.0, "encode": 90 * share, "index": 90 + 10 * share}[step.stage])
