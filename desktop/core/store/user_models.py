"""Models the user adds: a model folder on this machine, or one installed from a bundle.

They are kept in their own file, ``user_registry_path()`` (TOML, the shipped registry's
``[[model]]`` format), so that the shipped list is never rewritten; ``load_registry`` returns the
shipped models followed by these. Everything here is a file-system operation: nothing loads a
model, so the window can call it without waiting for torch to run anything.
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from desktop.core.encoding import Family
from desktop.core.messages import joined, msg
from desktop.core.store.atomic import write_text
from desktop.core.store.errors import StoreError
from desktop.core.store.registry import (
    USER_GET,
    ModelSpec,
    Resolved,
    load_registry,
    resolve,
    user_registry_path,
)

__all__ = [
    "StoreError",
    "add_model_folder",
    "check_name",
    "detect_family",
    "disk_size",
    "model_files",
    "remove_model",
    "user_entries",
    "user_registry_path",
    "write_user_entries",
]

NAME_PATTERN = re.compile(r"\w[\w.+-]{0,63}")
# the suffixes of the architectures a causal LM head has (as desktop/core/models/decoder.py reads them)
CAUSAL_ARCH_SUFFIXES = ("ForCausalLM", "LMHeadModel")
# what a transformers folder needs besides config.json (as desktop/core/models/transformer.py checks)
WEIGHT_FILES = ("model.safetensors", "model.safetensors.index.json", "pytorch_model.bin")
TOKENIZER_FILE_SETS = (("tokenizer.json",), ("vocab.txt",), ("vocab.json", "merges.txt"))
# the files of a transformers folder a copy needs: configuration, tokenizer, weights, cards
KEPT_SUFFIXES = (".json", ".txt", ".model", ".safetensors", ".md")
SUPPORTED = msg(
    "the program runs BERT-style encoders (masked language models), GPT-style causal language models "
    "and ELMo (one options *.json and one weights *.hdf5)"
)
HEADER = (
    "# Models you added (the Models menu, `main.py add-model` or `main.py install-bundle`).\n"
    "# The program rewrites this file; the shipped list is resources/models.toml.\n"
)


def detect_family(folder: Path) -> Family:
    """Which adapter can load the folder: a transformers ``config.json`` says encoder or decoder by
    its model type and head (the adapters' own tests), a lone options JSON + HDF5 pair is ELMo."""
    config = folder / "config.json"
    if config.is_file():
        return _transformers_family(_read_json(config), folder)
    jsons, weights = sorted(folder.glob("*.json")), sorted(folder.glob("*.hdf5"))
    if not weights:
        raise StoreError(
            msg(
                "{folder} is not a model folder: it has no config.json (a transformers model) and no "
                "weights *.hdf5 (ELMo); {supported}",
                folder=str(folder),
                supported=SUPPORTED,
            ),
            folder,
        )
    if len(jsons) != 1 or len(weights) != 1:
        raise StoreError(
            msg(
                "{folder} holds {json} *.json and {hdf5} *.hdf5 files: an ELMo folder needs exactly one of each",
                folder=str(folder),
                json=len(jsons),
                hdf5=len(weights),
            ),
            folder,
        )
    options = _read_json(jsons[0])
    if not isinstance(options, dict) or not {"lstm", "char_cnn"} <= options.keys():
        raise StoreError(
            msg("{path} is not an ELMo options file (it has no lstm and char_cnn sections)", path=str(jsons[0])),
            jsons[0],
        )
    return Family.ELMO


def _transformers_family(config: Any, folder: Path) -> Family:
    from transformers.models.auto.modeling_auto import (
        MODEL_FOR_CAUSAL_LM_MAPPING_NAMES,
        MODEL_FOR_MASKED_LM_MAPPING_NAMES,
    )

    config = config if isinstance(config, dict) else {}
    kind, archs = str(config.get("model_type", "")), [str(a) for a in config.get("architectures") or []]
    causal_head = any(a.endswith(CAUSAL_ARCH_SUFFIXES) for a in archs)
    is_encoder = kind in MODEL_FOR_MASKED_LM_MAPPING_NAMES
    is_decoder = kind in MODEL_FOR_CAUSAL_LM_MAPPING_NAMES and (not archs or causal_head)
    if is_decoder and (causal_head or not is_encoder):
        return Family.DECODER
    if is_encoder:
        return Family.ENCODER
    raise StoreError(
        msg(
            "{folder} holds a '{kind}' model ({archs}), which this program cannot run: {supported}",
            folder=str(folder),
            kind=kind or "?",
            archs=", ".join(archs) or "-",
            supported=SUPPORTED,
        ),
        folder,
    )


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(
            msg("{path} cannot be read as JSON ({reason})", path=str(path), reason=str(exc)), path
        ) from exc


def check_name(name: str, taken: Iterable[ModelSpec]) -> None:
    """A name becomes a tab, a worker and a folder: plain characters, and not one already in use."""
    if not NAME_PATTERN.fullmatch(name):
        raise StoreError(
            msg(
                "'{name}' cannot be a model name: use letters, digits and . + - _ (no spaces, at most 64)",
                name=name,
            )
        )
    clash = next((s for s in taken if s.name == name), None)
    if clash is not None and not clash.user_added:
        raise StoreError(msg("'{name}' is the name of a model that comes with the program: choose another", name=name))
    if clash is not None:
        raise StoreError(msg("you already added a model named '{name}': choose another name", name=name))


def add_model_folder(folder: Path, name: str | None = None, display: str = "") -> ModelSpec:
    """Register a model folder on this machine under ``name`` (default: the folder's name). The
    folder stays where it is and is read from there; nothing is copied."""
    folder = folder.expanduser().resolve()
    if not folder.is_dir():
        raise StoreError(msg("the folder {folder} does not exist", folder=str(folder)), folder)
    family = detect_family(folder)
    name = name if name is not None else re.sub(r"\s+", "-", folder.name.strip())
    check_name(name, load_registry())
    spec = ModelSpec(name, family, display=display, path=folder, get=USER_GET.text, user_added=True)
    found = resolve(spec)
    if not found.available:
        raise StoreError(
            msg("the model in {folder} is incomplete: missing {what}", folder=str(folder), what=joined(found.missing)),
            folder,
        )
    if family is not Family.ELMO:
        _check_transformers_files(folder)
    entry: dict[str, str] = {"name": name, "family": family.value, "path": str(folder)}
    if display:
        entry["display"] = display
    if found.options is not None and found.weights is not None:
        entry |= {"elmo_options": found.options.name, "elmo_weights": found.weights.name}
    write_user_entries([*user_entries(), entry])
    spec.elmo_options, spec.elmo_weights = entry.get("elmo_options", ""), entry.get("elmo_weights", "")
    return spec


def _check_transformers_files(folder: Path) -> None:
    if not any((folder / f).is_file() for f in WEIGHT_FILES):
        raise StoreError(
            msg("{folder} has no weights file ({files})", folder=str(folder), files=", ".join(WEIGHT_FILES)), folder
        )
    if not any(all((folder / f).is_file() for f in files) for files in TOKENIZER_FILE_SETS):
        raise StoreError(
            msg(
                "{folder} has no tokenizer files (tokenizer.json, vocab.txt, or vocab.json + merges.txt)",
                folder=str(folder),
            ),
            folder,
        )


def remove_model(name: str) -> None:
    """Forget a model the user added. Its files are NOT deleted: a folder added from this machine
    stays where it was, and one installed from a bundle stays in the user data folder."""
    entries = user_entries()
    kept = [e for e in entries if e.get("name") != name]
    if len(kept) == len(entries):
        if any(s.name == name for s in load_registry()):
            raise StoreError(msg("'{name}' comes with the program: only models you added can be removed", name=name))
        raise StoreError(msg("there is no model named '{name}'", name=name))
    write_user_entries(kept)


def user_entries() -> list[dict[str, Any]]:
    """The raw ``[[model]]`` tables of the user's file (none when it does not exist yet)."""
    path = user_registry_path()
    if not path.is_file():
        return []
    try:
        with path.open("rb") as f:
            return [dict(e) for e in tomllib.load(f).get("model", [])]
    except (OSError, ValueError) as exc:
        raise StoreError(
            msg(
                "the list of models you added, {path}, cannot be read ({reason}): fix or delete that file",
                path=str(path),
                reason=str(exc),
            ),
            path,
        ) from exc


def write_user_entries(entries: list[dict[str, Any]]) -> None:
    """Rewrite the user's file atomically (a reader sees the old list or the new one, never half)."""
    path = user_registry_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tables = ["[[model]]\n" + "".join(f"{key} = {_toml_value(value)}\n" for key, value in e.items()) for e in entries]
    write_text(path, HEADER + "".join("\n" + t for t in tables))


def _toml_value(value: Any) -> str:
    """Strings and lists of strings, the only values an entry holds (a JSON string is a TOML string)."""
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(str(v), ensure_ascii=False) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def model_files(resolved: Resolved) -> list[Path]:
    """The files that make up an available model, as the program reads them: ELMo's options,
    weights and word softmax; a transformers folder's configuration, tokenizer and weights
    (safetensors only, where they exist, since they are loaded first). Cards and licences come
    along; other frameworks' weights, hidden files and sub-folders do not."""
    if resolved.options is not None and resolved.weights is not None:
        weights = resolved.weights
        # the softmax beside the weights, named as desktop/core/models/elmo.softmax_files names it
        stem = weights.name.removesuffix(".hdf5").removesuffix("_weights")
        extra = [weights.with_name(f"{stem}_softmax.safetensors"), weights.with_name(f"{stem}_softmax_vocab.txt")]
        extra.append(weights.with_name("MODEL_CARD.md"))
        return [resolved.options, weights, *(p for p in extra if p.is_file())]
    if resolved.folder is None:
        return []
    files = sorted(p for p in resolved.folder.iterdir() if p.is_file() and not p.name.startswith("."))
    has_safetensors = any(p.suffix == ".safetensors" for p in files)
    kept = [
        p
        for p in files
        if p.suffix in KEPT_SUFFIXES
        or p.name.upper().startswith(("LICENSE", "NOTICE"))
        or (not has_safetensors and p.name.startswith("pytorch_model") and p.suffix == ".bin")
    ]
    return kept


def disk_size(resolved: Resolved) -> int:
    """Bytes on disk of ``model_files``: a Hugging Face cache's links are followed to their blobs,
    and a file reached twice (two links to one blob) counts once."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for path in model_files(resolved):
        try:
            info = path.stat()  # follows the link
        except OSError:
            continue
        if (info.st_dev, info.st_ino) not in seen:
            seen.add((info.st_dev, info.st_ino))
            total += info.st_size
    return total


def free_bytes(folder: Path) -> int:
    """Free space where ``folder`` (or its nearest existing parent) lives."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return shutil.disk_usage(folder).free
