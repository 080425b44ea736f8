"""Next-sentence prediction on a shipped reference set: does the NSP head tell a real next sentence
from a random one better than a coin would?

One pair of the user's sentences is a single draw; the reference set (resources/nsp/, see its
NOTICE) gives a rate. Each passage makes two pairs: its own two sentences (is next) and its first
sentence with the second sentence of the passage half the list away (random). Computed once per
model and language, then read from the disk cache (``probe_cache``: keyed by the weights'
fingerprint and the data's hash).
"""

from __future__ import annotations

import hashlib
import math
import tomllib
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from desktop.core.cancel import check_cancel
from desktop.core.measure.probe_cache import cache_path, model_fingerprint, read_entry, user_cache_dir, write_entry
from desktop.core.models.base import ModelAdapter, NextSentence, Unavailable
from desktop.core.store.registry import RESOURCES

NSP_DIR = RESOURCES / "nsp"
LANGUAGES = ("en", "zh")
NSP_VERSION = 1  # bump when the pairing or the scoring changes: old cache entries are ignored
THRESHOLD = 0.5  # P(is next) above this counts as "is next"


@dataclass(frozen=True)
class NspPair:
    first: str
    second: str
    is_next: bool


@dataclass(frozen=True)
class NspData:
    language: str
    pairs: tuple[NspPair, ...]
    digest: str  # sha256 of the passages file: part of the cache key


@dataclass(frozen=True)
class NspReference:
    language: str
    pairs: int
    accuracy: float  # share of pairs on the right side of THRESHOLD
    mean_true: float  # mean P(is next) over the real next sentences
    mean_random: float  # ... over the random second sentences
    from_cache: bool = False

    @property
    def margin(self) -> float:
        """Two standard errors of a coin's accuracy on this many pairs: 2·sqrt(0.25 / n) = 1 / sqrt(n)."""
        return 1 / math.sqrt(max(self.pairs, 1))

    def to_json(self) -> dict[str, float | int | str]:
        found = asdict(self)
        del found["from_cache"]
        return {**found, "chance_margin": self.margin}


def pair_up(passages: list[tuple[str, str]]) -> list[NspPair]:
    """Each passage's real pair, then its first sentence with the second of passage i + n/2 (never itself)."""
    n = len(passages)
    if n < 2:
        raise ValueError("the NSP reference set needs two passages or more")
    real = [NspPair(a, b, True) for a, b in passages]
    shuffled = [NspPair(a, passages[(i + n // 2) % n][1], False) for i, (a, _) in enumerate(passages)]
    return real + shuffled


@cache
def nsp_data(language: str, folder: Path = NSP_DIR) -> NspData:
    if language not in LANGUAGES:
        raise ValueError(f"no NSP reference set for language {language!r} (have: {', '.join(LANGUAGES)})")
    raw = (folder / f"passages_{language}.toml").read_bytes()
    passages = [(str(a), str(b)) for a, b in tomllib.loads(raw.decode("utf-8"))["passages"]]
    return NspData(language, tuple(pair_up(passages)), hashlib.sha256(raw).hexdigest())


def score(probabilities: list[float], truth: list[bool], language: str) -> NspReference:
    hits = [(p > THRESHOLD) == t for p, t in zip(probabilities, truth, strict=True)]
    true = [p for p, t in zip(probabilities, truth, strict=True) if t]
    random = [p for p, t in zip(probabilities, truth, strict=True) if not t]
    return NspReference(language, len(hits), sum(hits) / len(hits), sum(true) / len(true), sum(random) / len(random))


def run_reference(adapter: ModelAdapter, data: NspData) -> NspReference | Unavailable:
    probabilities = []
    for pair in data.pairs:
        check_cancel()
        found = adapter.next_sentence(pair.first, pair.second)
        if isinstance(found, Unavailable):
            return found
        assert isinstance(found, NextSentence)
        probabilities.append(found.probability)
    return score(probabilities, [p.is_next for p in data.pairs], data.language)


def nsp_reference(adapter: ModelAdapter, language: str, cache_dir: Path | None = None) -> NspReference | Unavailable:
    """The NSP head's accuracy on the reference set of ``language``; a model without the head says so."""
    missing = adapter.next_sentence_support()
    if missing is not None:
        return missing
    data = nsp_data(language)
    key = {
        "model": adapter.name,
        "weights": model_fingerprint(adapter),
        "data": data.digest,
        "version": NSP_VERSION,
    }
    path = cache_path(cache_dir or user_cache_dir(), "nsp-reference", adapter.name, language, key)
    entry = read_entry(path)
    if entry is not None and entry.get("key") == key:
        try:
            found = entry["result"]
            fields = ("language", "pairs", "accuracy", "mean_true", "mean_random")
            return NspReference(**{k: found[k] for k in fields}, from_cache=True)
        except (KeyError, TypeError):
            pass  # a broken entry: measure again
    result = run_reference(adapter, data)
    if isinstance(result, NspReference):
        write_entry(path, {"key": key, "result": result.to_json()})
    return result
