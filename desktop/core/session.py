"""The state of one window, free of Qt: the text, each model's status and results, the
cross-model results. Workers compute; the session keeps; views subscribe and draw.

Every result comes back with the revision (text) and request id it was asked for; the session
alone decides whether it is still wanted, so a late answer to an old text is dropped in one place.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from desktop.core.claims import ClaimRecord, Marks
from desktop.core.corpus.build import Step
from desktop.core.corpus.window import CorpusAnswer
from desktop.core.cross import CrossResults
from desktop.core.measure.probes import PolysemyResult
from desktop.core.measure.projection import Projection
from desktop.core.messages import Msg, plain
from desktop.core.models.base import InputError, ModelError, SlotPrediction, Unavailable
from desktop.core.pipeline import ModelResult
from desktop.core.recent import RecentTexts, Snapshot

if TYPE_CHECKING:  # it imports torch, a second of the window's start
    from desktop.core.measure.finetune_rows import FineTuneRow


class RunState(StrEnum):
    WAITING = "waiting"
    LOADING = "loading"
    RUNNING = "running"
    DONE = "done"
    ERROR = "error"


class FailedElsewhere(Exception):
    """A failure already described where it happened (the compute process): passed on as it is."""

    def __init__(self, failure: Failure) -> None:
        self.failure = failure
        super().__init__(failure.message.english())


@dataclass
class Failure:
    """What went wrong, for the user: the message, the file, what to do, and the detail."""

    message: Msg
    path: str | None = None
    hint: Msg | None = None
    detail: str = ""

    @classmethod
    def from_exception(cls, exc: BaseException) -> Failure:
        if isinstance(exc, FailedElsewhere):
            return exc.failure
        if isinstance(exc, ModelError):  # expected and explained: no traceback for the user
            return cls(exc.text, exc.path, exc.hint_text)
        if isinstance(exc, InputError):
            return cls(exc.text)
        detail = "".join(traceback.format_exception(exc))
        return cls(plain(f"{type(exc).__name__}: {exc}"), detail=detail)


WordAnswer = SlotPrediction | PolysemyResult | Projection | CorpusAnswer | Unavailable


@dataclass
class ModelState:
    name: str
    state: RunState = RunState.WAITING
    elapsed_ms: float = 0.0
    failure: Failure | None = None
    load_failed: bool = False
    load_progress: float | None = None  # share of the weight files read while loading, where known
    result: ModelResult | None = None  # for ``Session.text``; the slow probes arrive in a second stage
    selected_word: int = 0  # the word the model's tab shows and fills
    answers: dict[str, WordAnswer] = field(default_factory=dict)  # "slot", "predict", "polysemy", "projection",
    # "corpus"
    reference: tuple[int, int] | None = None  # the reference probe's steps done and total, while it runs
    corpus_build: Step | None = None  # the window corpus's build, while it runs (not tied to a text)
    finetune: FineTuneRow | Failure | None = None  # feature-based vs fine-tuning (not tied to a text)
    finetune_steps: tuple[int, int] | None = None  # its steps done and total, while it runs

    @property
    def gave_up(self) -> bool:
        """The model cannot load, or failed on the current text: nothing will come."""
        return self.load_failed or self.state is RunState.ERROR

    @property
    def finished(self) -> bool:
        """Nothing more will come for the current text."""
        return self.gave_up or (self.result is not None and self.result.complete)


@dataclass(frozen=True)
class Change:
    model: str | None  # None: the text or the cross-model results
    part: str  # "text", "status", "loading", "result", "slot", "predict", "polysemy", "cross", "claims", "senses"


class Session:
    def __init__(self, names: list[str]) -> None:
        if len(set(names)) != len(names):  # each model has its own state, tab and worker
            raise ValueError(f"two models share a name: {sorted({n for n in names if names.count(n) > 1})}")
        self.text = ""
        self.revision = 0
        self.models = {name: ModelState(name) for name in names}
        self.cross: CrossResults | None = None
        self.cross_failure: Failure | None = None
        self.claims: list[ClaimRecord] | None = None  # judged over the models whose measurements are in
        self.claims_models: set[str] = set()  # the models whose every claim was in when they were judged
        self.slot_word = 0  # the Compare tab's slot
        self.polysemy_word = ""  # "" = the word the probe picks by itself
        self.senses: Marks = {}  # the senses the user marked per use of a word; kept across texts
        self.corpus_word = -1  # the Corpus tab's word; -1 = the word the model tabs show
        self._asked: dict[tuple[str, str], int] = {}  # (model, kind) -> newest request id
        self._next_request = 0
        self._listeners: list[Callable[[Change], None]] = []
        self.recent = RecentTexts()  # finished texts, restored at once when submitted again

    def subscribe(self, listener: Callable[[Change], None]) -> None:
        self._listeners.append(listener)

    def notify(self, model: str | None, part: str) -> None:
        for listener in self._listeners:
            listener(Change(model, part))

    # -- what the user asked ------------------------------------------------------------------
    def submit(self, text: str) -> int:
        """A new text: every result of the old one is dropped. Returns its revision."""
        self.text = text
        self.revision += 1
        self.cross = self.cross_failure = self.claims = None
        self.claims_models = set()
        self.polysemy_word = ""
        self.corpus_word = -1
        for state in self.models.values():
            state.result = None
            state.answers.clear()
        self._asked.clear()
        self.notify(None, "text")
        snapshot = self.recent.get(text)
        if snapshot is not None:
            self._restore(snapshot)
        return self.revision

    def needs_run(self, model: str) -> bool:
        """The model can run and has no complete result for the text (a restored one has)."""
        state = self.models[model]
        return not state.load_failed and not (state.result is not None and state.result.complete)

    def _restore(self, snapshot: Snapshot) -> None:
        for name, result in snapshot.results.items():
            if name not in self.models or self.models[name].load_failed:
                continue
            state = self.models[name]
            state.result, state.answers = result, dict(snapshot.answers.get(name, {}))
            state.selected_word = snapshot.selected.get(name, result.analysis.default_word)
            self.set_status(name, RunState.DONE, result.analysis.encoding.timings_ms["total"])
            self.notify(name, "result")
            for kind in state.answers:
                self.notify(name, kind)
        self.slot_word = snapshot.slot_word
        self.cross, self.claims, self.claims_models = snapshot.cross, snapshot.claims, set(snapshot.claims_models)
        self.notify(None, "cross")
        self.notify(None, "claims")

    def _keep_if_finished(self) -> None:
        if not self.finished or self.cross is None or self.claims is None:
            return
        done = {n: s for n, s in self.models.items() if s.result is not None and s.result.complete}
        snapshot = Snapshot(
            {n: s.result for n, s in done.items()},
            {n: {k: a for k, a in s.answers.items() if k not in ("polysemy", "corpus")} for n, s in done.items()},
            {n: s.selected_word for n, s in done.items()},
            self.cross,
            self.claims,
            frozenset(self.claims_models),
            self.slot_word,
        )
        self.recent.keep(self.text, snapshot)

    def runnable(self) -> list[str]:
        return [n for n, s in self.models.items() if not s.load_failed]

    def ask(self, model: str, kind: str) -> int:
        """Record a word-level request; only the newest one per (model, kind) is kept."""
        self._next_request += 1
        self._asked[(model, kind)] = self._next_request
        self.models[model].answers.pop(kind, None)
        return self._next_request

    def set_senses(self, word: str, marks: tuple[int | None, ...]) -> None:
        """The user's sense per use of ``word`` (all None: the marks are cleared)."""
        if any(sense is not None for sense in marks):
            self.senses[word.lower()] = tuple(marks)
        else:
            self.senses.pop(word.lower(), None)
        self.notify(None, "senses")

    # -- what the workers answered ------------------------------------------------------------
    def set_status(self, model: str, state: RunState, elapsed_ms: float = 0.0, failure: Failure | None = None) -> None:
        s = self.models[model]
        s.state, s.elapsed_ms, s.failure = state, elapsed_ms, failure
        self.notify(model, "status")

    def set_load_progress(self, model: str, fraction: float) -> None:
        """How much of the model's weight files is read (0..1); the status bar shows it. A part of
        its own, so that views that draw the status are not redrawn a hundred times per model."""
        self.models[model].load_progress = fraction
        self.notify(model, "loading")

    def set_load_failure(self, model: str, failure: Failure) -> None:
        """The model cannot load: it will take no text, and its tab says why."""
        self.models[model].load_failed = True
        self.set_status(model, RunState.ERROR, failure=failure)

    def set_result(self, model: str, revision: int, result: ModelResult) -> bool:
        if revision != self.revision:
            return False
        s = self.models[model]
        first = s.result is None
        s.result = result
        if first:
            s.selected_word = result.analysis.default_word
            s.state, s.elapsed_ms = RunState.DONE, result.analysis.encoding.timings_ms["total"]
            self.notify(model, "status")
        self.notify(model, "result")
        self._keep_if_finished()
        return True

    def set_reference_progress(self, model: str, revision: int, done: int, total: int) -> None:
        """How far the model's reference probe is (it runs once per model, then comes from the cache)."""
        if revision == self.revision:
            self.models[model].reference = (done, total) if done < total else None
            self.notify(model, "reference")

    def set_corpus_build(self, model: str, step: Step | None) -> None:
        """How far the model's corpus build is (None: not building); the Corpus tab and the status bar show it."""
        self.models[model].corpus_build = step
        self.notify(model, "corpus_build")

    def set_finetune_steps(self, model: str, steps: tuple[int, int] | None) -> None:
        """How far the model's fine-tuning comparison is (None: not running); the Claims tab shows it."""
        self.models[model].finetune_steps = steps
        self.notify(model, "finetune")

    def set_finetune(self, model: str, found: FineTuneRow | Failure) -> None:
        self.models[model].finetune, self.models[model].finetune_steps = found, None
        self.notify(model, "finetune")

    def set_failure(self, model: str, revision: int, failure: Failure) -> None:
        if revision == self.revision:
            self.set_status(model, RunState.ERROR, failure=failure)

    def set_answer(self, model: str, kind: str, request: int, answer: Any) -> bool:
        if self._asked.get((model, kind)) != request:
            return False
        self.models[model].answers[kind] = answer
        self.notify(model, kind)
        self._keep_if_finished()
        return True

    def set_cross(self, revision: int, cross: CrossResults) -> bool:
        if revision != self.revision:
            return False
        self.cross, self.cross_failure = cross, None
        self.notify(None, "cross")
        self._keep_if_finished()
        return True

    def set_claims(self, revision: int, records: list[ClaimRecord], models: set[str]) -> bool:
        if revision != self.revision:
            return False
        self.claims, self.claims_models = records, models
        self.notify(None, "claims")
        self._keep_if_finished()
        return True

    def set_cross_failure(self, revision: int, failure: Failure) -> None:
        if revision == self.revision:
            self.cross_failure = failure
            self.notify(None, "cross")

    # -- progress -----------------------------------------------------------------------------
    def results(self) -> dict[str, ModelResult]:
        return {n: s.result for n, s in self.models.items() if s.result is not None}

    @property
    def answered(self) -> bool:
        """Every model has its first result for the text, or cannot give one."""
        return all(s.gave_up or s.result is not None for s in self.models.values())

    @property
    def finished(self) -> bool:
        """Every model is done with the text, and the cross-model results cover all of them."""
        covered = set(self.cross.models) if self.cross is not None else set()
        results = set(self.results())
        judged = {n for n in results if not self.models[n].gave_up}  # a model that failed later has no verdicts
        return all(s.finished for s in self.models.values()) and covered == results and judged <= self.claims_models
