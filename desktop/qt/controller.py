"""Between the window and the workers: turns what the user asks into jobs, and answers into
session updates. The only place that knows which job computes what.

One worker thread per model (the models are not thread-safe) and one for the cross-model results.
Everything here runs on the GUI thread except the job bodies, which each run on their worker's
thread. A model's job is a ``Task`` (desktop.core.model_tasks): it runs where the models are, in
the compute process (desktop.core.compute, the window's default) or in this one (``--compute
thread``, the tests); the worker thread then only waits for its values.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from desktop.core import model_tasks as tasks
from desktop.core.claims import judge
from desktop.core.claims.continuations import written
from desktop.core.compute.client import ComputeProcess
from desktop.core.compute.local import LocalModels
from desktop.core.compute.task import HostTask, Report, Task
from desktop.core.cross import cross_results
from desktop.core.models.base import Unavailable
from desktop.core.models.device import DeviceChoice
from desktop.core.pipeline import ModelResult
from desktop.core.runtime import LATER, current_budget
from desktop.core.session import Change, Failure, RunState, Session
from desktop.core.store.registry import ModelSpec
from desktop.qt.collector import keep_loaded, release_loaded
from desktop.qt.corpus_jobs import CORPUS_JOBS, CorpusJobs
from desktop.qt.finetune_jobs import FINETUNE, FineTuneJobs
from desktop.qt.worker import Job, Worker

# most wanted first
MODEL_JOBS = ("load", "analyse", "slot", "predict", "polysemy", "score", "projection", *CORPUS_JOBS, FINETUNE)
WORD_JOBS = ("slot", "predict", "polysemy", "projection")


class Controller(QObject):
    changed = Signal(object)  # Change, on the GUI thread
    device_chosen = Signal(object)  # DeviceChoice: where the models go, known once torch is imported
    _load_progress = Signal(str, object, object)  # model, bytes read, bytes in all (from a worker thread)
    _reference_progress = Signal(str, int, int, int)  # model, revision, steps done, steps in all (a worker thread)

    def __init__(self, specs: list[ModelSpec], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.specs = {s.name: s for s in specs}
        self.session = Session(list(self.specs))
        self.session.subscribe(self._forward)
        # where the models are: made by the preload job, before any model's worker starts
        self.models: LocalModels | ComputeProcess | None = None
        self.own_process = current_budget().own_process
        self.device = "cpu"  # where the models go when they load: chosen with the libraries' import
        # the request (None: BGE_DEVICE, else auto), met off the GUI thread (it asks torch);
        # desktop/qt/device_menu.py sets it
        self.device_request: str | None = "cpu"
        self._workers: dict[str, Worker] = {}
        self.started = self.closed = False
        self.corpus = CorpusJobs(self)  # the Corpus tab's searches and builds
        self.finetune = FineTuneJobs(self)  # the Claims tab's feature-based vs fine-tuning table, on demand
        self._cross = Worker("cross-model", ("preload", "cross", "claims"), self)
        self._cross.finished.connect(self._on_cross)
        self._cross.failed.connect(self._on_cross_failed)
        self._load_progress.connect(self._on_load_progress, Qt.ConnectionType.QueuedConnection)
        self._reference_progress.connect(self.session.set_reference_progress, Qt.ConnectionType.QueuedConnection)

    def _forward(self, change: Change) -> None:
        self.changed.emit(change)

    def start(self) -> None:
        """Import the model libraries on a worker thread, then start one worker per model; each
        loads in its own thread while the window stays live."""
        self.started = True
        for name in self.specs:
            self.session.set_status(name, RunState.LOADING)
        self._cross.put(Job("preload", self._prepare))

    def apply_choice(self, choice: DeviceChoice) -> None:
        """Where the models will load (before any does): the preload's answer, on the GUI thread."""
        self.device = choice.device
        self.device_chosen.emit(choice)

    def _start_models(self) -> None:
        for name, spec in self.specs.items():
            worker = Worker(f"model-{name}", MODEL_JOBS, self)
            worker.finished.connect(lambda job, value, last, name=name: self._on_finished(name, job, value))
            worker.failed.connect(lambda job, failure, name=name: self._on_failed(name, job, failure))
            self._workers[name] = worker
            worker.put(Job("load", lambda spec=spec: self._load(spec)))
        if self.session.text:
            self.submit(self.session.text)

    # -- job bodies (worker threads) ----------------------------------------------------------
    def _prepare(self) -> Iterator[DeviceChoice]:
        """Start where the models will be, import their libraries there, and meet the device request."""
        models = ComputeProcess(current_budget().per_turn) if self.own_process else LocalModels()
        self.models = models
        if self.closed:  # the window closed while the process started
            models.close()
            return
        yield from models.call(HostTask(tasks.prepare, (self.device_request,)))

    def _load(self, spec: ModelSpec) -> Iterator[float]:
        """Load in one turn of the compute budget, as before; the bytes read go out as they are."""
        report = lambda done, total: self._load_progress.emit(spec.name, done, total)  # noqa: E731
        assert self.models is not None  # the workers start after the preload
        yield from self.models.load(spec.name, spec, self.device, report)

    def _run(self, name: str, task: Task, report: Report | None = None) -> Iterator[Any]:
        """``task``'s values; nothing when the model did not load (its tab says why)."""
        assert self.models is not None
        yield from self.models.run(name, task, report)

    # -- requests (GUI thread) ----------------------------------------------------------------
    def submit(self, text: str) -> None:
        revision = self.session.submit(text)
        if not self._workers:  # still importing the libraries: the models take the text once started
            return
        for name in filter(self.session.needs_run, self.session.models):  # a text seen again is restored
            if self.session.models[name].state is not RunState.LOADING:
                self.session.set_status(name, RunState.RUNNING)
            task = Task(tasks.analyse_text, (text,))
            self._put(name, "analyse", task, revision, (*WORD_JOBS, "score"), self._reporter(name, revision))
        if self.session.claims is not None:  # restored: its snapshot may predate the continuations' scores
            self._restored_claims(revision)

    def _restored_claims(self, revision: int) -> None:
        """A restored text's snapshot was kept when its verdicts first came in; the third model's
        scores of the continuations may have come later, or not before the text was left. Score
        what is missing (a small job per decoder, never the analysis again), and judge again with
        the marks and scores of now."""
        self._score_continuations(revision)
        if self.session.senses or any(isinstance(s.answers.get("score"), dict) for s in self.session.models.values()):
            self._judge_claims(revision)

    def _reporter(self, name: str, revision: int) -> Any:
        """The reference probe's progress, sent to the GUI thread when its percentage changes."""
        last = [-1]

        def report(done: int, total: int) -> None:
            percent = 100 * done // max(total, 1)
            if percent != last[0]:
                last[0] = percent
                self._reference_progress.emit(name, revision, done, total)

        return report

    def request_slot(self, name: str, word: int) -> None:
        """The model's own guess for one word of the analysed text (its tab's probe)."""
        state = self.session.models[name]
        if state.result is None or not 0 <= word < len(state.result.analysis.encoding.words):
            return
        state.selected_word = word
        if state.result.analysis.own.slot is not None:
            self.session.ask(name, "slot")  # nothing to compute: the tab shows why not
            return
        span = state.result.analysis.encoding.word_spans[word]
        request = self.session.ask(name, "slot")
        self._put(name, "slot", Task(tasks.guess_slot, (self.session.text, span)), request)

    def request_predict(self, word: int) -> None:
        """The same slot through every model (the Compare tab)."""
        self.session.slot_word = word
        for name in self.session.runnable():
            self._predict(name, word)

    def _predict(self, name: str, word: int) -> None:
        request = self.session.ask(name, "predict")
        self._put(name, "predict", Task(tasks.predict_word, (self.session.text, word)), request)

    def set_senses(self, word: str, marks: tuple[int | None, ...]) -> None:
        """The user marked the senses of ``word``'s uses: the verdicts are judged again (no model runs)."""
        self.session.set_senses(word, marks)
        if any(r.claims is not None for r in self.session.results().values()):
            self._judge_claims(self.session.revision)

    def request_polysemy(self, word: str) -> None:
        """Follow another repeated word ('' = the one the probe picks by itself)."""
        self.session.polysemy_word = word
        for name, state in self.session.models.items():
            if state.result is not None and word:
                text = state.result.analysis.encoding.text
                request = self.session.ask(name, "polysemy")
                self._put(name, "polysemy", Task(tasks.follow_word, (text, word)), request)
            else:
                state.answers.pop("polysemy", None)
        self.session.notify(None, "polysemy")

    def request_projection(self, name: str, layer: str) -> None:
        """A UMAP projection of one layer and the static one (the Projection tab; PCA comes with the
        analysis). Seconds of work: a newer request or text cancels it between its two fits."""
        state = self.session.models[name]
        if state.result is None:
            return
        text = state.result.analysis.encoding.text
        request = self.session.ask(name, "projection")
        self._put(name, "projection", Task(tasks.umap_layer, (text, layer)), request)

    def request_corpus(self, name: str, word: int, layer: str) -> None:
        """The corpus uses nearest to the text's word ``word`` for one model (the Corpus tab)."""
        self.corpus.request(name, word, layer)

    def pick_corpus_word(self, word: int) -> None:
        """The word the Corpus tab follows (a word clicked in a model's tab, or picked in the Corpus tab)."""
        self.session.corpus_word = word
        self.session.notify(None, "corpus")

    def _put(
        self, name: str, kind: str, task: Task, tag: int, replaces: tuple[str, ...] = (), report: Report | None = None
    ) -> None:
        replaces += self.corpus.before_put(name, kind)  # a running corpus build gives way
        self._workers[name].put(Job(kind, lambda: self._run(name, task, report), tag, replaces))
        self.corpus.after_put(name, kind)

    # -- answers (GUI thread) -----------------------------------------------------------------
    def _on_finished(self, name: str, job: Job, value: Any) -> None:
        if job.kind in CORPUS_JOBS:  # the end of a build (None) matters too
            self.corpus.on_finished(name, job, value)
            return
        if job.kind == FINETUNE:  # its steps, its row and its end
            self.finetune.on_finished(name, job, value)
            return
        if value is None:
            return
        if job.kind == "load":
            keep_loaded()  # the model stays as long as the window: out of the collector's full walks
            state = self.session.models[name]
            waiting = state.result is None and self.session.text
            self.session.set_status(name, RunState.RUNNING if waiting else RunState.WAITING, value)
        elif job.kind == "analyse":
            self._on_result(name, job.tag, value)
        elif self.session.set_answer(name, job.kind, job.tag, value) and job.kind == "score":
            self._judge_claims(self.session.revision)  # another model's continuations, scored by this one

    def _on_result(self, name: str, revision: int, result: ModelResult) -> None:
        """Defaults are set before the result is: its notification may apply a session file's picks
        (the last model to answer completes the text), which must not be overwritten afterwards."""
        state = self.session.models[name]
        first = state.result is None
        if revision == self.session.revision and not self.session.results():  # the text's first result
            self.session.slot_word = result.analysis.default_word  # picks the Compare tab's slot
        if not self.session.set_result(name, revision, result):
            return
        if result.claims is not None:
            self._judge_claims(revision)
            self._score_continuations(revision)
        if not first:
            return
        self.request_slot(name, state.selected_word)  # the default word, or the session file's pick
        self._predict(name, self.session.slot_word)
        text = self.session.text
        analyses = {n: r.analysis for n, r in self.session.results().items()}
        # after every model's first result: a comparison of some of them can wait
        self._cross.put(Job("cross", lambda: [cross_results(text, analyses)], revision, rank=LATER))

    def _judge_claims(self, revision: int) -> None:
        """One verdict per claim over every model whose measurements are in (cheap, but not a view's job)."""
        measured = {
            n: (r.analysis.encoding.family.value, r.claims)
            for n, r in self.session.results().items()
            if r.claims is not None
        }
        complete = {n for n, r in self.session.results().items() if r.complete}  # the verdicts that are final
        marks = dict(self.session.senses)
        scores = {
            n: s.answers["score"] for n, s in self.session.models.items() if isinstance(s.answers.get("score"), dict)
        }
        self._cross.put(Job("claims", lambda: [(judge(measured, marks, scores), complete)], revision))

    def _score_continuations(self, revision: int) -> None:
        """Each model with a left-to-right head scores the continuations the other models wrote, as a
        small job in its own worker; the verdicts are judged again when the scores come."""
        results = self.session.results()
        found = written({n: (r.analysis.encoding.family.value, r.claims) for n, r in results.items()})
        for name, result in results.items():
            answered = self.session.models[name].answers.get("score")
            if isinstance(result.analysis.own.continuation, Unavailable) or not any(
                writer != name and writer not in (answered if isinstance(answered, dict) else {}) for writer in found
            ):
                continue
            task = Task(tasks.score_continuations, (self.session.text, found))
            self._put(name, "score", task, self.session.ask(name, "score"))

    def _on_load_progress(self, name: str, done: int, total: int) -> None:
        if not self.closed and self.session.models[name].state is RunState.LOADING:
            self.session.set_load_progress(name, done / total)

    def _on_failed(self, name: str, job: Job, failure: Failure) -> None:
        if job.kind in CORPUS_JOBS:
            self.corpus.on_failed(name, job, failure)
        elif job.kind == FINETUNE:
            self.finetune.on_failed(name, job, failure)
        elif job.kind == "load":
            self.session.set_load_failure(name, failure)
        elif job.kind == "analyse":
            self.session.set_failure(name, job.tag, failure)
        else:  # a word-level probe failed: say so where its answer would be
            self.session.set_answer(name, job.kind, job.tag, Unavailable(failure.message))

    def _on_cross(self, job: Job, value: Any) -> None:
        if value is None:  # the end-of-job marker
            return
        if job.kind == "preload" and not self.closed:
            self.apply_choice(value)
            self._start_models()
        elif job.kind == "cross":
            self.session.set_cross(job.tag, value)
        elif job.kind == "claims":
            self.session.set_claims(job.tag, *value)

    def _on_cross_failed(self, job: Job, failure: Failure) -> None:
        if job.kind == "preload" and not self.closed:  # each model will say what it misses when it loads
            self.models = self.models or LocalModels()  # the compute process could not start
            self.apply_choice(DeviceChoice("cpu", "cpu", "CPU", failure.message))
            self._start_models()
        else:
            self.session.set_cross_failure(job.tag, failure)

    def runs(self, name: str, kind: str = "analyse") -> int:
        """How many jobs of a kind a model's worker really started (coalescing shows here)."""
        return self._workers[name].runs[kind]

    def threads_running(self) -> list[str]:
        workers = {**self._workers, "cross-model": self._cross}
        return [name for name, worker in workers.items() if worker.running]

    # -- closing ------------------------------------------------------------------------------
    def shutdown(self, budget_ms: int = 1800) -> None:
        """Stop every worker, sharing one time budget so that closing stays under two seconds."""
        self.closed = True  # an answer still on its way starts nothing new
        release_loaded()
        deadline = time.perf_counter() + budget_ms / 1000
        workers = [*self._workers.values(), self._cross]
        for worker in workers:
            worker.stop()
        for worker in workers:
            worker.wait(max(50, int((deadline - time.perf_counter()) * 1000)))
        if self.models is not None:  # a compute process ends here (a task half-way is not waited for)
            self.models.close()
