"""One adapter per model family behind one interface (see ``base.ModelAdapter``)."""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.encoding import Family
from desktop.core.imports import IMPORT_LOCK
from desktop.core.messages import joined, msg
from desktop.core.models.base import ModelAdapter, ModelError
from desktop.core.models.progress import read_ahead, weight_files
from desktop.core.store.registry import ModelSpec, resolve


def load_adapter(spec: ModelSpec, progress: Callable[[int, int], None] | None = None) -> ModelAdapter:
    """Load a model from local files; a ``ModelError`` says which file is missing and how to get it.
    With ``progress``, the weight files are read ahead and ``progress(done_bytes, total_bytes)``
    is called as they are (see ``desktop.core.models.progress``)."""
    res = resolve(spec)
    if not res.available:
        raise ModelError(
            spec.name, msg("missing {what}", what=joined(res.missing)), hint=msg(spec.get) if spec.get else ""
        )
    if progress is not None:
        for step in read_ahead(weight_files(res)):
            progress(step.done, step.total)
    # Loading runs under the import lock: transformers and allennlp import lazily while they
    # build a model, which is not safe in two threads at once (see desktop.core.imports).
    with IMPORT_LOCK:
        from desktop.core.models.decoder import DecoderAdapter
        from desktop.core.models.elmo import ElmoAdapter
        from desktop.core.models.encoder import EncoderAdapter

        if spec.family is Family.ELMO:
            assert res.options is not None and res.weights is not None
            return ElmoAdapter(spec.name, res.options, res.weights)
        assert res.folder is not None
        if spec.family is Family.ENCODER:
            return EncoderAdapter.load(spec.name, res.folder)
        return DecoderAdapter.load(spec.name, res.folder)


def preload_libraries() -> None:
    """Import transformers and allennlp once, before any model worker runs: allennlp's import puts
    short-lived stand-ins into ``sys.modules``, which another thread's lazy import must never see."""
    from desktop.core.models.allennlp_compat import allennlp_installed, load_elmo_modules

    with IMPORT_LOCK:
        import sklearn.decomposition  # the analysis's PCA: imported here, not before the window shows
        import sklearn.linear_model  # noqa: F401  (the reference probe)

        import desktop.core.models.decoder
        import desktop.core.models.elmo
        import desktop.core.models.encoder  # noqa: F401

        if allennlp_installed():
            load_elmo_modules()
