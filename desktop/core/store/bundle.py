"""Bundles: models packed on one machine into a zip and installed on laptops with no internet.

A bundle is a zip of ``models/<name>/<file>`` members (weights stored as they are, text files
deflated) and ``bundle.json``: each model's registry entry and the size and SHA-256 of each of
its files. Installing reads the whole bundle into a hidden staging folder, checking every
file's size and checksum on the way; only when every file of every model is right does anything
move into place (``<user data>/models/<name>/``) and reach the user's model list. A damaged,
truncated or crafted bundle therefore installs nothing, and the error names the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from desktop.core.cancel import check_cancel
from desktop.core.encoding import Family
from desktop.core.messages import Msg, msg, plain
from desktop.core.store.atomic import replaced
from desktop.core.store.errors import AlreadyThere, StoreError
from desktop.core.store.registry import ModelSpec, installed_folder, load_registry, resolve, user_data_dir
from desktop.core.store.user_models import (
    NAME_PATTERN,
    free_bytes,
    model_files,
    user_entries,
    write_user_entries,
)

Progress = Callable[[int, int], None]  # (bytes done, bytes in all)
MANIFEST = "bundle.json"
FORMAT = "bert-gpt-elmo model bundle"
VERSION = 1
CHUNK = 1 << 20
FILE_PATTERN = re.compile(r"\w[\w.+-]{0,199}")
DEFLATED_SUFFIXES = (".json", ".txt", ".md", ".model")
ENTRY_KEYS = ("name", "family", "display", "elmo_options", "elmo_weights")
MAX_MANIFEST_BYTES = 4 << 20


def default_bundle_specs(specs: list[ModelSpec]) -> list[ModelSpec]:
    """What ``bundle`` packs when no model is named: each available model a fresh install lacks —
    the Hugging Face checkpoints, the original ELMo and the models the user added. Models that ship
    in the program's folder, come with a Python package or are made by setup are left out."""
    provided = [s for s in specs if not s.user_added and (s.path is not None or s.python_package or s.data_path)]
    return [s for s in specs if s not in provided and resolve(s).available]


class _Counter:
    """Bytes done across every file of a bundle, reported to the caller's progress callback."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def add(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(self.done, self.total)


@dataclass
class _Packed:
    entry: dict[str, str]
    files: list[tuple[Path, str]]  # (file on disk, its name in the bundle's model folder)


def write_bundle(out: Path, specs: list[ModelSpec], force: bool = False, progress: Progress | None = None) -> int:
    """Pack the models into ``out`` (a temporary file renamed at the end); return the bytes packed.
    An existing ``out`` is replaced only with ``force``."""
    if out.exists() and not force:
        raise AlreadyThere(msg("{path} already exists", path=str(out)), out)
    names = [s.name for s in specs]
    if not specs or len(set(names)) != len(names):
        raise StoreError(msg("name each model to pack once (got: {names})", names=", ".join(names) or "-"))
    packed = [_pack_plan(spec) for spec in specs]
    counter = _Counter(sum(path.stat().st_size for p in packed for path, _ in p.files), progress)
    manifest: dict[str, Any] = {"format": FORMAT, "version": VERSION, "models": []}
    with replaced(out, "wb") as raw, zipfile.ZipFile(raw, "w", allowZip64=True) as zf:
        for p in packed:
            records = []
            for path, name in p.files:
                member = f"models/{p.entry['name']}/{name}"
                size, digest = _copy_into(zf, path, member, counter.add)
                records.append({"name": name, "size": size, "sha256": digest})
            manifest["models"].append({"entry": p.entry, "files": records})
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1), zipfile.ZIP_DEFLATED)
    return counter.done


def _pack_plan(spec: ModelSpec) -> _Packed:
    found = resolve(spec)
    if not found.available:
        raise StoreError(msg("{name} is not on this machine, so it cannot be packed", name=spec.name))
    files = [(path, path.name) for path in model_files(found)]
    odd = [name for _, name in files if not FILE_PATTERN.fullmatch(name)]
    if odd or not NAME_PATTERN.fullmatch(spec.name):
        raise StoreError(
            msg(
                "{name}: a bundle holds plain file names only, not {names}",
                name=spec.name,
                names=", ".join(odd) or spec.name,
            )
        )
    entry = {"name": spec.name, "family": spec.family.value}
    if spec.display != spec.name:
        entry["display"] = spec.display
    if found.options is not None and found.weights is not None:
        entry |= {"elmo_options": found.options.name, "elmo_weights": found.weights.name}
    return _Packed(entry, files)


def _copy_into(zf: zipfile.ZipFile, path: Path, member: str, progress: Callable[[int], None]) -> tuple[int, str]:
    info = zipfile.ZipInfo(member, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED if path.suffix in DEFLATED_SUFFIXES else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as src, zf.open(info, "w", force_zip64=True) as dst:
        while chunk := src.read(CHUNK):
            check_cancel()
            digest.update(chunk)
            dst.write(chunk)
            size += len(chunk)
            progress(len(chunk))
    return size, digest.hexdigest()


@dataclass
class BundledModel:
    """One model of a bundle, as its manifest describes it."""

    entry: dict[str, str]
    files: list[dict[str, Any]]  # name, size, sha256

    @property
    def name(self) -> str:
        return self.entry["name"]

    @property
    def size(self) -> int:
        return sum(f["size"] for f in self.files)

    def member(self, file: dict[str, Any]) -> str:
        return f"models/{self.name}/{file['name']}"


@dataclass
class Installed:
    """What ``install_bundle`` did with one model: ``folder`` is None when it was skipped."""

    name: str
    folder: Path | None
    note: Msg
    registered: bool = False


@dataclass
class _Plan:
    model: BundledModel
    register: bool  # a new user entry (False: a shipped model, found in its installed folder)
    replaces: bool = False
    staged: Path = field(default_factory=Path)


def read_manifest(bundle: Path) -> list[BundledModel]:
    """The models in ``bundle``, after checking that its members are exactly what its manifest
    lists (no path outside a model folder, nothing extra, nothing missing). Reads no model file."""
    with _open_zip(bundle) as zf:
        return _checked_manifest(zf, bundle)


def _open_zip(bundle: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(bundle)
    except (OSError, zipfile.BadZipFile, zlib.error) as exc:
        raise StoreError(
            msg(
                "{path} is not a model bundle, or it is damaged or cut short ({reason})",
                path=str(bundle),
                reason=str(exc),
            ),
            bundle,
        ) from exc


def _bad(bundle: Path, why: Msg) -> StoreError:
    return StoreError(msg("{path} is not a valid model bundle: {why}", path=str(bundle), why=why), bundle)


def _checked_manifest(zf: zipfile.ZipFile, bundle: Path) -> list[BundledModel]:
    names = zf.namelist()
    if MANIFEST not in names:
        raise _bad(bundle, msg("it has no {manifest}", manifest=MANIFEST))
    try:
        if zf.getinfo(MANIFEST).file_size > MAX_MANIFEST_BYTES:
            raise ValueError(f"larger than {MAX_MANIFEST_BYTES} bytes")
        data = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except (ValueError, zipfile.BadZipFile, zlib.error, OSError) as exc:
        raise _bad(bundle, msg("{manifest} cannot be read ({reason})", manifest=MANIFEST, reason=str(exc))) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise _bad(
            bundle, msg("{manifest} is not a version {version} bundle manifest", manifest=MANIFEST, version=VERSION)
        )
    models = [_checked_model(m, bundle) for m in data.get("models") or []]
    expected = [MANIFEST] + [m.member(f) for m in models for f in m.files]
    unexpected = [n for n in names if n not in expected]
    if unexpected:
        raise _bad(bundle, msg("unexpected member {member}", member=unexpected[0]))
    wrong = [n for n in expected if n not in names] + [n for n in names + expected if (names + expected).count(n) > 2]
    if wrong:
        raise _bad(bundle, msg("the file {member} is missing or listed twice", member=wrong[0]))
    if not models:
        raise _bad(bundle, msg("it holds no model"))
    return models


def _checked_model(raw: Any, bundle: Path) -> BundledModel:
    try:
        entry = {k: str(raw["entry"][k]) for k in ENTRY_KEYS if k in raw["entry"]}
        files = [{"name": str(f["name"]), "size": int(f["size"]), "sha256": str(f["sha256"])} for f in raw["files"]]
        Family(entry["family"])
        name = entry["name"]
    except (KeyError, TypeError, ValueError) as exc:
        raise _bad(bundle, msg("a model entry of the manifest is malformed ({reason})", reason=repr(exc))) from exc
    bad = (
        [name]
        if not NAME_PATTERN.fullmatch(name)
        else [f["name"] for f in files if not FILE_PATTERN.fullmatch(f["name"])]
    )
    if bad:
        raise _bad(bundle, msg("the name {name} is not a plain file name", name=bad[0]))
    listed = {f["name"] for f in files}
    elmo = [entry.get("elmo_options", ""), entry.get("elmo_weights", "")]
    if (
        not files
        or any(f["size"] < 0 for f in files)
        or (entry["family"] == Family.ELMO.value and not set(elmo) <= listed)
    ):
        raise _bad(bundle, msg("the files of {name} do not make a model", name=name))
    return BundledModel(entry, files)


def install_bundle(bundle: Path, force: bool = False, progress: Progress | None = None) -> list[Installed]:
    """Install every model of ``bundle`` under ``<user data>/models/<name>/`` and register the new
    ones, or install nothing: each file is checked against the manifest (size, SHA-256) before any
    model is moved into place. A model the program already has on this machine is skipped; one
    that is installed or registered already is replaced only with ``force``."""
    with _open_zip(bundle) as zf:
        models = _checked_manifest(zf, bundle)
        plans, skipped = _plan(models, force)
        if not plans:
            return skipped
        total = sum(p.model.size for p in plans)
        models_dir = user_data_dir() / "models"
        if total > free_bytes(models_dir):
            raise StoreError(
                msg("{folder} has too little free space for {mb:.1f} MB", folder=str(models_dir), mb=total / 1e6),
                models_dir,
            )
        models_dir.mkdir(parents=True, exist_ok=True)
        staging = models_dir / f".staging-{secrets.token_hex(4)}"
        try:
            _stage(zf, bundle, plans, staging, _Counter(total, progress))
            return skipped + _commit(plans, staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _plan(models: list[BundledModel], force: bool) -> tuple[list[_Plan], list[Installed]]:
    """What each model needs, checked for all of them before any file is read."""
    registry = {s.name: s for s in load_registry()}
    plans, skipped = [], []
    for model in models:
        known = registry.get(model.name)
        final = installed_folder(model.name)
        if known is not None and known.family.value != model.entry["family"]:
            raise StoreError(
                msg("the bundle's {name} is not the same kind of model as this machine's", name=model.name)
            )
        if known is not None and not known.user_added and _found_elsewhere(known, final):
            skipped.append(Installed(model.name, None, msg("already on this machine: skipped")))
            continue
        if (final.exists() or (known is not None and known.user_added)) and not force:
            raise AlreadyThere(msg("{name} is installed already", name=model.name), final)
        register = known is None or known.user_added
        plans.append(_Plan(model, register=register, replaces=final.exists() or (known is not None and register)))
    return plans, skipped


def _found_elsewhere(spec: ModelSpec, final: Path) -> bool:
    """A shipped model is on this machine, and not in the folder a bundle installs it to."""
    found = resolve(spec)
    source = found.folder or (found.options.parent if found.options else None)
    return found.available and source != final


def _stage(zf: zipfile.ZipFile, bundle: Path, plans: list[_Plan], staging: Path, counter: _Counter) -> None:
    for plan in plans:
        plan.staged = staging / plan.model.name
        plan.staged.mkdir(parents=True)
        for file in plan.model.files:
            with (plan.staged / file["name"]).open("wb") as out:
                _extract(zf, bundle, plan.model.member(file), file, out, counter.add)


def _extract(
    zf: zipfile.ZipFile,
    bundle: Path,
    member: str,
    file: dict[str, Any],
    out: IO[bytes],
    progress: Callable[[int], None],
) -> None:
    """Copy one member out, never more bytes than the manifest lists, and check its size and SHA-256."""
    digest, size, why = hashlib.sha256(), 0, None
    try:
        with zf.open(member) as src:
            while size <= file["size"] and (chunk := src.read(min(CHUNK, file["size"] - size + 1))):
                check_cancel()
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
                progress(len(chunk))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:  # the zip's own CRC check, a cut stream
        why = plain(str(exc))
    if why is None and size != file["size"]:
        why = msg("its size does not match the manifest")
    elif why is None and digest.hexdigest() != file["sha256"]:
        why = msg("its SHA-256 does not match the manifest")
    if why is not None:
        raise StoreError(
            msg(
                "{member} in {path} is damaged ({why}); nothing was installed", member=member, path=str(bundle), why=why
            ),
            bundle,
        )


def _commit(plans: list[_Plan], staging: Path) -> list[Installed]:
    """Every file is checked: move the models into place, then register the new ones at once."""
    entries = user_entries()
    done = []
    for plan in plans:
        final = installed_folder(plan.model.name)
        if final.exists():
            os.replace(final, staging / f".old-{plan.model.name}")  # removed with the staging folder
        os.replace(plan.staged, final)
        note = msg("replaced") if plan.replaces else msg("installed")
        done.append(Installed(plan.model.name, final, note, registered=plan.register))
        if plan.register:
            entries = [e for e in entries if e.get("name") != plan.model.name]
            entries.append(_user_entry(plan.model))
    if any(plan.register for plan in plans):
        write_user_entries(entries)
    return done


def _user_entry(model: BundledModel) -> dict[str, str]:
    entry = {k: v for k, v in model.entry.items() if v}
    entry["data_path"] = f"models/{model.name}"
    return entry
