"""Import allennlp's ELMo modules on a current stack (Python 3.11, torch 2.x, transformers 5).

allennlp 2.10.1 is archived and pins torch<1.13, so it is installed with ``--no-deps``
(see ``scripts/setup.sh``). Its package ``__init__`` then imports the whole
library, including modules that need packages the ELMo code never touches (spacy,
cached_path, fairscale, torchvision) or names that newer libraries removed
(``huggingface_hub.HfFolder``). This module puts small stand-ins in ``sys.modules`` for
exactly the duration of the import and removes them right after, so nothing else in the
process ever sees them. Each stand-in below says which import needs it.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop.core.imports import IMPORT_LOCK

_STANDIN_MARK = "__bge_standin__"


class _Anything:
    """A class that accepts any construction and any attribute: a base for stand-in classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self


class _StandinModule(types.ModuleType):
    """A module whose every attribute is a fresh subclassable class (fairscale, torchvision, spacy)."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return type(name, (_Anything,), {})


def _local_cached_path(url_or_filename: str | Path, *args: Any, **kwargs: Any) -> str:
    """allennlp's ``Elmo`` passes its options and weight paths through this; stay local."""
    path = Path(url_or_filename).expanduser()
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist (remote downloads are not supported)")
    return str(path)


_STANDIN_PACKAGES = (
    "spacy",
    "spacy.tokens",
    "spacy.language",
    "spacy.cli",
    "spacy.cli.download",
    "fairscale",
    "fairscale.nn",
    "fairscale.nn.checkpoint",
    "fairscale.nn.checkpoint.checkpoint_activations",
    "fairscale.nn.wrap",
    "fairscale.nn.misc",
    "fairscale.optim",
    "fairscale.optim.grad_scaler",
    "torchvision",
    "torchvision.ops",
    "torchvision.ops.boxes",
    "torchvision.models",
    "torchvision.models.detection",
    "torchvision.models.detection.backbone_utils",
    "torchvision.transforms",
    "torchvision.io",
    "torchvision.io.image",
    "cached_path",
    "cached_path.cache_file",
    "cached_path.common",
    "cached_path.file_lock",
    "cached_path.meta",
)


def _make_standins() -> dict[str, types.ModuleType]:
    mods: dict[str, types.ModuleType] = {}
    for name in _STANDIN_PACKAGES:
        mod = _StandinModule(name)
        setattr(mod, _STANDIN_MARK, True)
        mod.__path__ = []  # a package, so that submodule imports resolve through sys.modules
        mods[name] = mod
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(mods[parent], child, mod)
    # allennlp keeps a reference to this module and calls it at run time on the
    # options and weight paths, long after the stand-ins left sys.modules.
    mods["cached_path"].cached_path = _local_cached_path  # type: ignore[attr-defined]
    return mods


@contextmanager
def _standins() -> Iterator[None]:
    """Install stand-ins for packages that are truly absent; remove them afterwards."""
    import huggingface_hub

    standins = _make_standins()
    tops = {name.split(".")[0] for name in standins} - {"cached_path"}
    installed = {top for top in tops if top in sys.modules or importlib.util.find_spec(top)}
    added: list[str] = []
    for name, mod in standins.items():
        if name.split(".")[0] in installed:
            continue  # the real package is there: let allennlp use it
        if name not in sys.modules:
            sys.modules[name] = mod
            added.append(name)
    hub_added = [n for n in ("HfFolder", "Repository") if not hasattr(huggingface_hub, n)]
    for n in hub_added:
        setattr(huggingface_hub, n, type(n, (_Anything,), {}))
    try:
        yield
    finally:
        for name in added:
            if getattr(sys.modules.get(name), _STANDIN_MARK, False):
                del sys.modules[name]
        for n in hub_added:
            delattr(huggingface_hub, n)


def load_elmo_modules() -> types.SimpleNamespace:
    """Import and return what the ELMo adapter uses from allennlp.

    transformers is imported first: its optional-dependency check inspects
    ``torchvision.__spec__`` and must never see a stand-in.
    """
    with IMPORT_LOCK:
        import transformers  # noqa: F401  (order matters, see docstring)

        with _standins():
            from allennlp.modules.elmo import _ElmoBiLm, batch_to_ids
            from allennlp.nn.util import remove_sentence_boundaries

    return types.SimpleNamespace(
        ElmoBiLm=_ElmoBiLm,
        batch_to_ids=batch_to_ids,
        remove_sentence_boundaries=remove_sentence_boundaries,
    )


def allennlp_installed() -> bool:
    return importlib.util.find_spec("allennlp") is not None
