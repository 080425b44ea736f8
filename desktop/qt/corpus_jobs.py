"""The controller's corpus jobs (the Corpus tab): a search per model, and the build of the model's
corpus on first use, in the model's own worker.

The build is the worker's least wanted job and is cut into steps (a chunk of sentences, a shard):
each step takes one turn of the compute budget, so other models compute in between, and any other
job put on the model's worker (a new text's analysis, a word's probe) stops the build at its next
step and puts it back behind itself: the build resumes from its last chunk on disk when the worker
is free again (desktop/core/corpus/build.py writes chunks before it counts them).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from desktop.core.compute.task import Task
from desktop.core.corpus.window import window_sentences
from desktop.core.model_tasks import build_corpus, search_corpus
from desktop.core.models.base import Unavailable
from desktop.core.session import Failure
from desktop.core.store.registry import user_data_dir
from desktop.qt.worker import Job

if TYPE_CHECKING:
    from desktop.qt.controller import Controller

SEARCH, BUILD = "corpus", "corpus_build"
CORPUS_JOBS = (SEARCH, BUILD)


def shipped_sentences() -> Iterator[str]:
    """The window corpus's sentences: WordNet's English (when installed) and the People's Daily's Chinese."""
    from desktop.training.corpus import read_glosses
    from desktop.training.corpus import sentences as wordnet_sentences

    english: Iterable[str] | None
    try:
        english = wordnet_sentences(read_glosses())
    except FileNotFoundError:
        english = None
    return window_sentences(english)


class CorpusJobs:
    """What the Corpus tab asks, as jobs on the models' workers; answers go to the session."""

    def __init__(self, controller: Controller) -> None:
        self.controller = controller
        self.session = controller.session
        self.root = user_data_dir()
        self._builds: dict[str, Job] = {}  # the build job of each model that is building
        self._asked: dict[str, tuple[int, int, int, str]] = {}  # model -> (request, revision, word, layer)
        self._stopped = False  # "Stop building" holds until the user picks a word again

    # -- requests (GUI thread) ----------------------------------------------------------------
    def request(self, name: str, word: int, layer: str) -> None:
        """The corpus uses nearest to the text's word ``word`` for one model."""
        state = self.session.models[name]
        if state.result is None or not 0 <= word < len(state.result.analysis.encoding.words):
            return
        self._stopped = False
        request = self.session.ask(name, SEARCH)
        self._asked[name] = (request, self.session.revision, word, layer)
        self._put_search(name)

    def _put_search(self, name: str) -> None:
        request, _, word, layer = self._asked[name]
        text = self.session.text
        self.controller._put(name, SEARCH, Task(search_corpus, (self.root, text, word, layer)), request)

    def building(self, name: str) -> bool:
        return name in self._builds

    def before_put(self, name: str, kind: str) -> tuple[str, ...]:
        """The kinds a new job of ``kind`` replaces on top of its own: any job but the corpus's stops a build."""
        return (BUILD,) if kind not in CORPUS_JOBS and name in self._builds else ()

    def after_put(self, name: str, kind: str) -> None:
        """Put a build that a job of ``kind`` stopped back behind it (it resumes from disk)."""
        if kind not in CORPUS_JOBS and name in self._builds:
            self._start_build(name)

    def stop(self) -> None:
        """Stop every build; the next word picked resumes it."""
        self._stopped = True
        for name, job in list(self._builds.items()):
            job.token.cancel()
            del self._builds[name]
            self.session.set_corpus_build(name, None)

    def _start_build(self, name: str) -> None:
        task = Task(build_corpus, (self.controller.specs[name], self.root, shipped_sentences))
        job = Job(BUILD, lambda: self.controller._run(name, task))
        self._builds[name] = job
        self.controller._workers[name].put(job)

    # -- answers (GUI thread) -----------------------------------------------------------------
    def on_finished(self, name: str, job: Job, value: Any) -> None:
        if job.kind == SEARCH and value is not None:
            wanted = self.session.set_answer(name, SEARCH, job.tag, value)
            idle = name not in self._builds and not (self._stopped or self.controller.closed)
            if wanted and value.found is None and idle:
                self._start_build(name)
        elif job.kind == BUILD and self._builds.get(name) is job:
            if value is not None:
                self.session.set_corpus_build(name, value)
                return
            del self._builds[name]
            self.session.set_corpus_build(name, None)
            asked = self._asked.get(name)
            if asked is not None and asked[1] == self.session.revision and not self.controller.closed:
                self._put_search(name)  # the same request: answered now from the built corpus

    def on_failed(self, name: str, job: Job, failure: Failure) -> None:
        if job.kind == BUILD:
            if self._builds.get(name) is not job:
                return
            del self._builds[name]
            self.session.set_corpus_build(name, None)
        asked = self._asked.get(name)
        request = job.tag if job.kind == SEARCH else asked[0] if asked is not None else None
        if request is not None:
            self.session.set_answer(name, SEARCH, request, Unavailable(failure.message))
