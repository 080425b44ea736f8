"""Which models exist, where their files are, and whether they are on this machine.

Everything here is a file-system look-up: asking whether a model is available never touches
the network (Hugging Face repos are looked up in the local cache only).
"""

from __future__ import annotations

import importlib.util
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs
from huggingface_hub import try_to_load_from_cache

from desktop.core.encoding import Family
from desktop.core.messages import Msg, msg
from desktop.core.store.errors import StoreError

APP_NAME = "bert-gpt-elmo"
RESOURCES = Path(__file__).resolve().parents[3] / "resources"
REGISTRY_FILE = RESOURCES / "models.toml"
ELMO_DIR_ENV = "BGE_ELMO_DIR"


def user_data_dir() -> Path:
    """Where the program keeps downloaded files (platform conventions; BGE_DATA_DIR overrides)."""
    return Path(os.environ.get("BGE_DATA_DIR") or platformdirs.user_data_dir(APP_NAME))


def user_registry_path() -> Path:
    """The models the user added (from a folder or a bundle), kept apart from the shipped list."""
    return user_data_dir() / "models.toml"


def installed_folder(name: str) -> Path:
    """Where a model installed from a bundle (or converted by setup) lives in the user data folder."""
    return user_data_dir() / "models" / name


# the how-to-get-it hint of every user-added model (load_adapter shows it when its files are gone)
USER_GET = msg("You added this model yourself: if its folder was moved or deleted, remove it and add it again.")


def elmo_search_dirs() -> list[Path]:
    dirs = [Path(os.environ[ELMO_DIR_ENV]).expanduser()] if os.environ.get(ELMO_DIR_ENV) else []
    return [*dirs, user_data_dir() / "elmo"]


@dataclass
class ModelSpec:
    """One entry of the registry (or one ``--model FAMILY=PATH`` given for a single run)."""

    name: str
    family: Family
    display: str = ""
    knowledge: str = ""  # key into resources/knowledge
    hf_repos: list[str] = field(default_factory=list)  # alternatives, first found in the cache wins
    path: Path | None = None  # a transformers folder, or for ELMo a folder with options + weights
    data_path: str = ""  # a folder inside the user data dir (a model converted there by setup)
    python_package: str = ""  # a package that ships the model folder
    package_subdir: str = ""
    elmo_options: str = ""
    elmo_weights: str = ""
    get: str = ""  # how to get the files, shown when they are missing
    urls: list[str] = field(default_factory=list)  # ELMo: where `main.py prefetch` downloads the files
    sha256: dict[str, str] = field(default_factory=dict)  # file name -> known checksum, where published
    user_added: bool = False  # from the user's own list (user_registry_path), not shipped
    tab: bool = True  # a tab when installed, until the user chooses; False: no tab until ticked in the manager

    def __post_init__(self) -> None:
        self.display = self.display or self.name
        self.knowledge = (
            self.knowledge or {Family.ENCODER: "bert", Family.DECODER: "gpt", Family.ELMO: "elmo"}[self.family]
        )


@dataclass
class Resolved:
    """Where a model's files are on this machine, or what is missing."""

    spec: ModelSpec
    folder: Path | None = None  # transformers models
    options: Path | None = None  # ELMo
    weights: Path | None = None  # ELMo
    missing: list[Msg] = field(default_factory=list)

    @property
    def available(self) -> bool:
        return not self.missing


def load_registry(path: Path | None = None) -> list[ModelSpec]:
    """The registered models: resources/models.toml (or the file BGE_REGISTRY names), followed by
    the ones the user added (user_registry_path). An explicit ``path`` reads that file alone."""
    if path is not None:
        return _read_registry(path)
    shipped = _read_registry(Path(os.environ.get("BGE_REGISTRY") or REGISTRY_FILE))
    user_file = user_registry_path()
    if not user_file.is_file():
        return shipped
    try:
        added = _read_registry(user_file, user_added=True)
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise StoreError(
            msg(
                "the list of models you added, {path}, cannot be read ({reason}): fix or delete that file",
                path=str(user_file),
                reason=str(exc),
            ),
            user_file,
        ) from exc
    taken = sorted({s.name for s in shipped} & {s.name for s in added})
    if taken:
        raise StoreError(
            msg(
                "{path} names models the program already has ({names}): rename or delete them in that file",
                path=str(user_file),
                names=", ".join(taken),
            ),
            user_file,
        )
    return shipped + added


def _read_registry(path: Path, user_added: bool = False) -> list[ModelSpec]:
    with path.open("rb") as f:
        data = tomllib.load(f)
    specs = []
    for entry in data.get("model", []):
        entry = dict(entry)
        family = Family(entry.pop("family"))
        if "path" in entry:  # a relative path is relative to the registry file's folder
            entry["path"] = path.parent / Path(entry["path"]).expanduser()
        if isinstance(entry.get("hf_repos"), str):
            entry["hf_repos"] = [entry["hf_repos"]]
        if user_added:
            entry.setdefault("get", USER_GET.text)
        specs.append(ModelSpec(family=family, user_added=user_added, **entry))
    names = [s.name for s in specs]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"{path}: model names must be unique, repeated: {', '.join(sorted(duplicates))}")
    return specs


def spec_from_argument(argument: str) -> ModelSpec:
    """``FAMILY=PATH`` from the command line: an unregistered model for this run."""
    family_text, sep, path_text = argument.partition("=")
    if not sep or not path_text:
        raise ValueError(f"--model expects FAMILY=PATH, got '{argument}'")
    try:
        family = Family(family_text.strip().lower())
    except ValueError:
        choices = ", ".join(f.value for f in Family)
        raise ValueError(f"--model: unknown family '{family_text}' (choose {choices})") from None
    path = Path(path_text).expanduser()
    return ModelSpec(name=path.name or str(path), family=family, path=path)


def _hf_cache_folder(repo: str) -> Path | None:
    found = try_to_load_from_cache(repo, "config.json")
    return Path(found).parent if isinstance(found, str) else None


def _resolve_elmo_folder(spec: ModelSpec, folder: Path, res: Resolved) -> None:
    if not folder.is_dir():
        res.missing.append(msg("the folder {folder}", folder=str(folder)))
        return
    options = sorted(folder.glob("*.json")) if not spec.elmo_options else [folder / spec.elmo_options]
    weights = sorted(folder.glob("*.hdf5")) if not spec.elmo_weights else [folder / spec.elmo_weights]
    for kind, found in (("options *.json", options), ("weights *.hdf5", weights)):
        present = [p for p in found if p.is_file()]
        if len(present) != 1:
            names = ", ".join(p.name for p in present) or "-"
            res.missing.append(
                msg(
                    "one {kind} in {folder} (found {count}: {names})",
                    kind=kind,
                    folder=str(folder),
                    count=len(present),
                    names=names,
                )
            )
    if not res.missing:
        res.options, res.weights = options[0], weights[0]


def resolve(spec: ModelSpec) -> Resolved:
    """Find the spec's files locally. Cheap: only existence checks, no model loading.

    A shipped model whose usual source is missing (no Hugging Face cache on this laptop) is also
    looked for where ``install-bundle`` puts it: ``installed_folder(name)``."""
    res = _resolve(spec)
    if res.available or spec.user_added or spec.data_path or not installed_folder(spec.name).is_dir():
        return res
    found = _resolve(replace(spec, path=installed_folder(spec.name)))
    if not found.available:
        return res
    found.spec = spec
    return found


def _resolve(spec: ModelSpec) -> Resolved:
    res = Resolved(spec)
    if spec.family is Family.ELMO:
        if spec.path is not None or spec.data_path:
            _resolve_elmo_folder(spec, spec.path or user_data_dir() / spec.data_path, res)
            return res
        for folder in elmo_search_dirs():
            attempt = Resolved(spec)
            _resolve_elmo_folder(spec, folder, attempt)
            if attempt.available:
                return attempt
        wanted = " + ".join(x for x in (spec.elmo_options, spec.elmo_weights) if x) or "options *.json + weights *.hdf5"
        where = " or ".join(str(d) for d in elmo_search_dirs())
        res.missing.append(msg("{files} in {where}", files=wanted, where=where))
        return res
    if spec.path is not None:
        res.folder = spec.path
    elif spec.data_path:
        res.folder = user_data_dir() / spec.data_path
    elif spec.python_package:
        found = importlib.util.find_spec(spec.python_package)
        if found is None or not found.submodule_search_locations:
            res.missing.append(msg("the Python package {package}", package=spec.python_package))
            return res
        res.folder = Path(next(iter(found.submodule_search_locations))) / spec.package_subdir
    else:
        res.folder = next((f for r in spec.hf_repos if (f := _hf_cache_folder(r)) is not None), None)
        if res.folder is None:
            cache = os.environ.get("HF_HUB_CACHE") or os.environ.get("HF_HOME") or "~/.cache/huggingface"
            repos = " or ".join(spec.hf_repos)
            res.missing.append(msg("{repos} in the local Hugging Face cache ({cache})", repos=repos, cache=cache))
            return res
    if not (res.folder / "config.json").is_file():
        res.missing.append(msg("the file {path}", path=str(res.folder / "config.json")))
    return res
