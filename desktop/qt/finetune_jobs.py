"""The controller's fine-tuning jobs (the Claims tab's feature-based vs fine-tuning table): on demand
only, one per model, in the model's own worker.

The job yields a step every few training steps, so the compute budget's turn goes to the other
models in between; a new text's analysis on the same model waits for it (a minute per mini model
the first time, then the row comes from the disk cache at once). Cancelling stops it at its next
training step and keeps nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from desktop.core.claims.reference import reference_language
from desktop.core.compute.task import Task
from desktop.core.measure.finetune_rows import FineTuneRow, Settings, Step
from desktop.core.measure.probing_data import ProbeData, reference_data
from desktop.core.model_tasks import finetune_row
from desktop.core.session import Failure
from desktop.qt.worker import Job

if TYPE_CHECKING:
    from desktop.qt.controller import Controller

FINETUNE = "finetune"


class FineTuneJobs:
    def __init__(self, controller: Controller) -> None:
        self.controller = controller
        self.session = controller.session
        self._jobs: dict[str, Job] = {}  # the fine-tuning job of each model that runs one
        self.settings = Settings()
        self.data: Callable[[str], ProbeData] = reference_data  # the probing set of a language

    def request(self) -> None:
        """Every loaded model's row, on the probing set in the text's language (English without a text)."""
        language = reference_language(self.session.text)
        for name in self.session.runnable():
            worker = self.controller._workers.get(name)
            if worker is None or name in self._jobs:
                continue

            job = Job(FINETUNE, lambda name=name: self._run(name, language))
            self._jobs[name] = job
            self.session.set_finetune_steps(name, (0, self.settings.steps))
            worker.put(job)

    def _run(self, name: str, language: str) -> Iterator[Step | FineTuneRow]:
        """The job body (the model's worker thread): the probing set is read here, not on the GUI thread."""
        return self.controller._run(name, Task(finetune_row, (self.data(language), self.settings)))

    @property
    def running(self) -> bool:
        return bool(self._jobs)

    def cancel(self) -> None:
        for name, job in list(self._jobs.items()):
            job.token.cancel()
            del self._jobs[name]
            self.session.set_finetune_steps(name, None)

    # -- answers (GUI thread) -----------------------------------------------------------------
    def on_finished(self, name: str, job: Job, value: Any) -> None:
        if self._jobs.get(name) is not job:  # a cancelled job's last words
            return
        if isinstance(value, Step):
            self.session.set_finetune_steps(name, (value.done, value.total))
        elif isinstance(value, FineTuneRow):
            self.session.set_finetune(name, value)
        else:  # the end of the job (a model that never loaded ends without a row)
            del self._jobs[name]
            self.session.set_finetune_steps(name, None)

    def on_failed(self, name: str, job: Job, failure: Failure) -> None:
        if self._jobs.pop(name, None) is job:
            self.session.set_finetune(name, failure)
