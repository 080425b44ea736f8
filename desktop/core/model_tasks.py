"""What the window asks of one model, as tasks that run in its process or in the compute process.

Each function takes the model's adapter first and returns the values the front end shows, one
stage each; its other arguments are plain data (``desktop.core.compute.task``). State a task keeps
between calls (an open corpus index) lives here, once per process, keyed by model: a model's tasks
run on one thread only, in either process.
"""

from __future__ import annotations

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


def prepare(request: str | None) -> list[DeviceChoice]:
    """Import the model libraries once, then say where the models go (asks torch)."""
    from desktop.core.models import preload_libraries

    preload_libraries()
    return [device_for(request)]


def analyse_text(adapter: ModelAdapter, text: str) -> Iterator[ModelResult]:
    """Every stage of the pipeline; the reference probe's progress goes to whoever listens."""
    yield from stages(adapter, text, progress=current_report())


def guess_slot(adapter: ModelAdapter, text: str, span: tuple[int, int]) -> list[SlotPrediction | Unavailable]:
    return [adapter.predict_slot(text, span)]


def predict_word(adapter: ModelAdapter, text: str, word: int) -> list[Any]:
    return [predict(adapter, text, word)]


def follow_word(adapter: ModelAdapter, encoding: Encoding, word: str) -> list[PolysemyResult | Unavailable]:
    from desktop.core.analysis import polysemy_probe

    return [polysemy_probe(adapter, encoding, word)]


def umap_layer(adapter: ModelAdapter, encoding: Encoding, layer: str) -> list[Projection]:
    return [project(adapter, encoding, Method.UMAP, [layer])]


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
