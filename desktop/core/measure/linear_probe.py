"""A linear probe per layer: how well frozen word vectors tell each word's part of speech.

Every model gets the same sentences, the same training words and the same classifier budget
(standardised features, ``LogisticRegression(C=PROBE_C, max_iter=PROBE_MAX_ITER)``), so that
layer-by-layer accuracies compare across models: the article's claims that Transformers extract
features better than LSTMs, how accuracy changes with depth, whether ELMo's concatenated halves
fuse context as well as a joint encoder, and what a left-only model loses on words whose label
needs the next word. Encoding the sentences is the slow part (seconds to a minute per model),
so results are cached on disk (``probe_cache``) and computed once per model and data.
"""

from __future__ import annotations

import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from desktop.core.cancel import check_cancel
from desktop.core.measure.probe_cache import cache_path, model_fingerprint, read_entry, user_cache_dir, write_entry
from desktop.core.measure.probing_data import ProbeData
from desktop.core.measure.similarity import word_vectors
from desktop.core.models.base import ModelAdapter

PROBE_VERSION = 1  # bump when the features or the classifier change: old cache entries are ignored
PROBE_C = 1.0
PROBE_MAX_ITER = 300
ENCODE_BATCH = 16  # sentences per encode_many call: a cancel waits for at most one batch
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Score:
    accuracy: float  # on every test word
    next_dependent: float | None  # on the test words whose label needs the next word (None: there are none)


@dataclass(frozen=True)
class LayerProbe:
    name: str
    score: Score  # the whole vector (for ELMo's LSTM layers: the concatenation of both halves)
    forward: Score | None = None  # ELMo's LSTM layers: the forward half alone
    backward: Score | None = None


@dataclass(frozen=True)
class ProbeResult:
    model: str
    data: str  # "en", "zh"
    parameters: int
    layers: tuple[LayerProbe, ...]
    static: LayerProbe  # the no-context view (token-embedding table, ELMo's char-CNN)
    majority: Score  # always answering the most frequent training tag
    n_train: int
    n_test: int
    n_next_dependent: int
    seconds: float  # encoding and training, when it was computed
    from_cache: bool = False

    def best(self) -> LayerProbe:
        return max(self.layers, key=lambda layer: layer.score.accuracy)


@dataclass
class Features:
    """Frozen word vectors of every labelled word, per layer, in data order (ELMo's halves are slices)."""

    layers: list[np.ndarray]  # [layers] of [words, dim]
    static: np.ndarray
    static_name: str
    halves_from: int | None  # the first layer split into ELMo's halves (None: no halves)
    direction_split: int | None

    def fits(self, names: list[str]) -> int:
        """Classifiers to train: one per layer, two more per split layer, the static view if it is no layer."""
        halves = 0 if self.halves_from is None else 2 * (len(names) - self.halves_from)
        return len(names) + halves + (self.static_name not in names)


@dataclass
class _Collected:
    """The sentences encoded so far: kept when a probe is cancelled, so the next run resumes."""

    per_layer: list[list[np.ndarray]]
    static: list[np.ndarray]
    features: Features | None = None
    next_start: int = 0


_UNFINISHED: dict[str, _Collected] = {}  # resume key -> what a cancelled run had encoded


def collect_features(adapter: ModelAdapter, data: ProbeData, progress: Progress, resume: str = "") -> Features:
    """Encode each sentence once, ``ENCODE_BATCH`` at a time (``encode_many`` batches where the family
    can; ``check_cancel`` between batches), and pool the labelled words' vectors. With a ``resume``
    key a cancelled run leaves what it encoded, and the next run with that key starts after it: a
    user who keeps typing still gets the probe done, one slice per pause."""
    got = _UNFINISHED.pop(resume, None) or _Collected([[] for _ in adapter.layer_names], [])
    for start in range(got.next_start, len(data.sentences), ENCODE_BATCH):
        if resume:
            _UNFINISHED[resume] = got
        check_cancel()
        batch = data.sentences[start : start + ENCODE_BATCH]
        _add_batch(adapter, batch, got)
        got.next_start = start + len(batch)
        assert got.features is not None
        progress(got.next_start, len(data.sentences) + got.features.fits(adapter.layer_names))
    _UNFINISHED.pop(resume, None)
    if got.features is None:
        raise ValueError(f"the probing data {data.name} has no labelled sentence")
    features = got.features
    features.layers = [np.concatenate(rows).astype(np.float32) for rows in got.per_layer]
    features.static = np.concatenate(got.static).astype(np.float32)
    return features


def _add_batch(adapter: ModelAdapter, batch: list[Any], got: _Collected) -> None:
    """Append one batch's labelled word vectors (every layer, and the static view) to ``got``."""
    encoded = adapter.encode_many([s.text for s in batch])
    layers: list[list[np.ndarray]] = [[] for _ in got.per_layer]
    static: list[np.ndarray] = []
    for sentence, enc in zip(batch, encoded, strict=True):
        words = list(sentence.words)
        for layer, rows in enumerate(layers):
            rows.append(word_vectors(enc, layer, words))
        baseline = adapter.static_baseline(enc, words)
        static.append(baseline.vectors if baseline.vectors is not None else word_vectors(enc, baseline.name, words))
        if got.features is None:
            split = enc.direction_split
            halves_from = None if split is None else baseline.first_contextual
            got.features = Features([], np.empty(0), baseline.name, halves_from, split)
    for rows, new in zip(got.per_layer, layers, strict=True):  # all or nothing: a cancel never leaves half a batch
        rows.extend(new)
    got.static.extend(static)


def accuracy(hits: np.ndarray, subset: np.ndarray) -> Score:
    return Score(float(hits.mean()), float(hits[subset].mean()) if subset.any() else None)


def fit_score(x: np.ndarray, is_test: np.ndarray, tags: np.ndarray, subset: np.ndarray) -> Score:
    """Train on the training words' vectors, score on the test words: the probe's fixed budget."""
    from sklearn.exceptions import ConvergenceWarning  # here: a second to import, which the window need not wait for
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    probe = make_pipeline(StandardScaler(), LogisticRegression(C=PROBE_C, max_iter=PROBE_MAX_ITER))
    # one BLAS thread: on matrices this small more threads only wait for each other (measured: 100x
    # slower on 2 busy cores); the same budget for every model, converged or not
    with warnings.catch_warnings(), threadpool_limits(1):
        warnings.simplefilter("ignore", ConvergenceWarning)
        probe.fit(x[~is_test], tags[~is_test])
        return accuracy(probe.predict(x[is_test]) == tags[is_test], subset)


def probe_layers(features: Features, data: ProbeData, names: list[str], step: Callable[[], None]) -> ProbeResult:
    """Per layer the whole vector and, for ELMo's LSTM layers, each half; then the static view."""
    is_test = np.array([s.test for s in data.sentences for _ in s.tags])
    tags = np.array([t for s in data.sentences for t in s.tags])
    subset = np.array(data.next_dependent(), dtype=bool)

    def score(x: np.ndarray) -> Score:
        check_cancel()
        found = fit_score(x, is_test, tags, subset)
        step()
        return found

    layers = []
    split = features.direction_split
    for i, (name, x) in enumerate(zip(names, features.layers, strict=True)):
        if features.halves_from is not None and i >= features.halves_from:
            layers.append(LayerProbe(name, score(x), score(x[:, :split]), score(x[:, split:])))
        else:
            layers.append(LayerProbe(name, score(x)))
    by_name = {layer.name: layer for layer in layers}
    static = by_name.get(features.static_name) or LayerProbe(features.static_name, score(features.static))
    top = Counter(tags[~is_test].tolist()).most_common(1)[0][0]
    return ProbeResult(
        model="",
        data=data.name,
        parameters=0,
        layers=tuple(layers),
        static=static,
        majority=accuracy(tags[is_test] == top, subset),
        n_train=int((~is_test).sum()),
        n_test=int(is_test.sum()),
        n_next_dependent=int(subset.sum()),
        seconds=0.0,
    )


def run_probe(
    adapter: ModelAdapter, data: ProbeData, progress: Progress | None = None, resume: str = ""
) -> ProbeResult:
    """The probe without the cache: encode every sentence, then train one classifier per feature set."""
    if not data.tags(test=True) or len(set(data.tags(test=False))) < 2:
        raise ValueError(f"the probing data {data.name} needs test words and training words of two tags or more")
    report = progress or (lambda done, total: None)
    started = time.perf_counter()
    features = collect_features(adapter, data, report, resume)
    total = len(data.sentences) + features.fits(adapter.layer_names)
    done = len(data.sentences)

    def step() -> None:
        nonlocal done
        done += 1
        report(done, total)

    result = probe_layers(features, data, adapter.layer_names, step)
    return replace(result, model=adapter.name, parameters=adapter.parameters, seconds=time.perf_counter() - started)


# -- the cached entry point ---------------------------------------------------------------------


def result_to_json(result: ProbeResult) -> dict[str, Any]:
    found = asdict(result)
    del found["from_cache"]
    return found


def result_from_json(found: dict[str, Any]) -> ProbeResult:
    """The inverse of ``result_to_json`` (a malformed entry raises KeyError, TypeError or ValueError)."""

    def score(s: dict[str, Any]) -> Score:
        subset = s["next_dependent"]
        return Score(float(s["accuracy"]), None if subset is None else float(subset))

    def layer(d: dict[str, Any]) -> LayerProbe:
        halves = [None if d[k] is None else score(d[k]) for k in ("forward", "backward")]
        return LayerProbe(d["name"], score(d["score"]), *halves)

    return ProbeResult(
        **{k: found[k] for k in ("model", "data", "parameters", "n_train", "n_test", "n_next_dependent", "seconds")},
        layers=tuple(layer(d) for d in found["layers"]),
        static=layer(found["static"]),
        majority=score(found["majority"]),
        from_cache=True,
    )


def linear_probe(
    adapter: ModelAdapter, data: ProbeData, progress: Progress | None = None, cache_dir: Path | None = None
) -> ProbeResult:
    """The probe's result for this model and data: from the cache when this model (by its weights),
    this data (by its hash) and this probe version were measured before, else computed and stored."""
    key = {
        "model": adapter.name,
        "weights": model_fingerprint(adapter),
        "data": data.digest,
        "version": PROBE_VERSION,
        "C": PROBE_C,
        "max_iter": PROBE_MAX_ITER,
    }
    path = cache_path(cache_dir or user_cache_dir(), "linear-probe", adapter.name, data.name, key)
    entry = read_entry(path)
    if entry is not None and entry.get("key") == key:
        try:
            return result_from_json(entry["result"])
        except (KeyError, TypeError, ValueError):
            pass  # an entry from a broken write or an edited file: measure again
    result = run_probe(adapter, data, progress, resume=str(path))
    write_entry(path, {"key": key, "result": result_to_json(result)})
    return result
