"""What the window asks of one model, as tasks that run in its process or in the compute process.

Each function takes the model's adapter first and returns the values the front end shows, one
stage each; its other arguments are plain data (``desktop.core.compute.task``). State a task keeps
between calls (an open corpus index) lives here, once per process, keyed by model: a model's tasks
run on one thread only, in either process.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.compute.task import current_report
from desktop.core.corpus.build import Step
from desktop.core.corpus.neighbours import CorpusSearch
from desktop.core.corpus.window import (
    CorpusAnswer,
    ask,
    build,
    built,
    corpus_folders,
    folder_for,
    not_built,
    window_corpus,
)
from desktop.core.encoding import Encoding
from desktop.core.measure.probes import PolysemyResult, predict
from desktop.core.measure.projection import Method, Projection, project
from desktop.core.models.base import ModelAdapter, SlotPrediction, Unavailable
from desktop.core.models.device import DeviceChoice, device_for
from desktop.core.pipeline import ModelResult, stages
from desktop.core.store.registry import ModelSpec

if TYPE_CHECKING:
    from desktop.core.measure.finetune_rows import FineTuneRow, Settings
    from desktop.core.measure.finetune_rows import Step as TrainStep
    from desktop.core.measure.probing_data import ProbeData

_searches: dict[str, CorpusSearch] = {}  # model -> its open corpus index (one thread per model)
# model -> its encoding of the text it analysed last (gone with the model)
_encodings: weakref.WeakKeyDictionary[ModelAdapter, Encoding] = weakref.WeakKeyDictionary()


def prepare(request: str | None) -> list[DeviceChoice]:
    """Import the model libraries once, then say where the models go (asks torch)."""
    from desktop.core.models import preload_libraries

    preload_libraries()
    return [device_for(request)]


def analyse_text(adapter: ModelAdapter, text: str) -> Iterator[ModelResult]:
    """Every stage of the pipeline; the reference probe's progress goes to whoever listens. The
    text's encoding is kept for the word probes that follow (``encoded``)."""
    for result in stages(adapter, text, progress=current_report()):
        _encodings[adapter] = result.analysis.encoding
        yield result


def encoded(adapter: ModelAdapter, text: str) -> Encoding:
    """The model's encoding of ``text``: the one its analysis made, else made again (a text
    restored from the window's recent texts). The word probes ask for it by text, so that an
    encoding never travels back to the compute process (hundreds of MB for a long text)."""
    kept = _encodings.get(adapter)
    return kept if kept is not None and kept.text == text else adapter.encode(text)


def guess_slot(adapter: ModelAdapter, text: str, span: tuple[int, int]) -> list[SlotPrediction | Unavailable]:
    return [adapter.predict_slot(text, span)]


def predict_word(adapter: ModelAdapter, text: str, word: int) -> list[Any]:
    return [predict(adapter, text, word)]


def follow_word(adapter: ModelAdapter, text: str, word: str) -> list[PolysemyResult | Unavailable]:
    from desktop.core.analysis import polysemy_probe

    return [polysemy_probe(adapter, encoded(adapter, text), word)]


def umap_layer(adapter: ModelAdapter, text: str, layer: str) -> list[Projection | Unavailable]:
    return [project(adapter, encoded(adapter, text), Method.UMAP, [layer])]


def score_continuations(adapter: ModelAdapter, text: str, found: dict[str, Any]) -> list[Any]:
    from desktop.core.claims.continuations import score_written

    return [score_written(adapter, text, found)]


def search_corpus(adapter: ModelAdapter, root: Path, text: str, word: int, layer: str) -> list[CorpusAnswer]:
    """The corpus uses nearest to the text's word; says so when the model's corpus is not built."""
    folder = folder_for(adapter.name, root)
    if not built(folder, adapter.name):
        return [not_built(adapter.name, text, word, folder)]
    search = _searches.get(adapter.name)
    if search is None or search.corpus.folder != folder:
        search = _searches[adapter.name] = CorpusSearch(folder)
    return [ask(search, adapter, text, word, layer)]


def build_corpus(
    adapter: ModelAdapter, spec: ModelSpec, root: Path, sentences: Callable[[], Iterable[str]]
) -> Iterator[Step]:
    """The model's corpus vectors, a chunk per value (it resumes from the chunks on disk)."""
    yield Step(adapter.name, "prepare", 0, 1, 0.0, None)
    yield from build(window_corpus(corpus_folders(root)[1], sentences), spec, adapter)


def finetune_row(adapter: ModelAdapter, data: ProbeData, settings: Settings) -> Iterator[TrainStep | FineTuneRow]:
    from desktop.core.measure.finetune import compare  # torch: in the worker, when asked

    return compare(adapter, data, settings)
