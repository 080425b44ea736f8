"""A session file: what a teacher set up in the window (the text, the language, each model's word
and layer, the Compare tab's picks and the senses marked there, the lesson, the open model tabs),
so that a class can be prepared once and reopened. Small JSON; no results (they are recomputed
from the text).

Reading checks every field before anything is applied: a file that is not ours, damaged or from
a newer version raises ``WorkspaceError`` with a message for the user, and the window keeps what
it had. A field added later is optional (``senses``): a file without it reads with the default,
and an older program ignores it, so it needs no new version. Models the file names that this
machine lacks are kept and reported, never fatal.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.messages import Msg, msg
from desktop.core.store.atomic import write_text
from desktop.core.store.registry import user_data_dir

FORMAT = "bert-gpt-elmo-session"
VERSION = 1
MAX_BYTES = 8_000_000  # the text box takes 2 MB files; a session is that text and a few picks
LAST_SESSION = "last-session.json"


class WorkspaceError(Exception):
    """A session file that cannot be used; ``text`` says why, for the user."""

    def __init__(self, text: Msg) -> None:
        super().__init__(text.english())
        self.text = text


@dataclass
class ModelView:
    """One model tab's picks: the clicked word (index and the word itself, checked on restore),
    the heatmap's layer (-1 = the top one), which heatmap page, and which ELMo half."""

    word_index: int = -1  # -1: the model's own default word
    word: str = ""
    layer: int = -1
    page: int = 0  # 0: token × token similarity; 1: who sees whom
    half: int = 0  # 0: the whole vector; 1: forward half; 2: backward half


@dataclass
class Workspace:
    text: str
    language: str = ""  # "" = keep the window's
    models: dict[str, ModelView] = field(default_factory=dict)
    slot_word: int = -1  # the Compare tab's slot (-1 = the automatic one)
    polysemy_word: str = ""  # "" = the word the polysemy probe picks by itself
    current_tab: str = ""  # a model name, "compare" or "claims"
    lesson: str = ""  # the lesson sidebar's current lesson id
    tab_models: list[str] | None = None  # the models with a tab; None = the window's own list
    senses: dict[str, list[int | None]] = field(default_factory=dict)  # the user's sense per use of a word

    def to_json(self) -> str:
        data = {"format": FORMAT, "version": VERSION, **asdict(self)}
        return json.dumps(data, ensure_ascii=False, indent=1)

    def unknown_models(self, known: list[str]) -> list[str]:
        """The models this file names that the window does not have (reported, then skipped)."""
        named = [*self.models, *(self.tab_models or [])]
        return sorted({n for n in named if n not in known})


def from_json(data: str) -> Workspace:
    """Parse and check a session file's content; ``WorkspaceError`` says what is wrong."""
    try:
        raw = json.loads(data)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise WorkspaceError(msg("This is not a session file (not JSON: {why}).", why=str(exc))) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise WorkspaceError(msg("This is not a session file of this program."))
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise WorkspaceError(_damaged("version"))
    if version > VERSION:
        raise WorkspaceError(
            msg(
                "This session file was written by a newer version of the program (format {found}; this one reads "
                "format {supported}). Update the program to open it.",
                found=version,
                supported=VERSION,
            )
        )
    return Workspace(
        text=_typed(raw, "text", str, required=True),
        language=_typed(raw, "language", str, ""),
        models=_models(raw.get("models", {})),
        slot_word=_typed(raw, "slot_word", int, -1),
        polysemy_word=_typed(raw, "polysemy_word", str, ""),
        current_tab=_typed(raw, "current_tab", str, ""),
        lesson=_typed(raw, "lesson", str, ""),
        tab_models=_names(raw.get("tab_models")),
        senses=_senses(raw.get("senses", {})),
    )


def read_workspace(path: Path) -> Workspace:
    """A session file from disk: unreadable, too large or invalid raises ``WorkspaceError``."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise WorkspaceError(msg("This is not a session file (larger than 8 MB)."))
        data = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise WorkspaceError(msg("This is not a session file (not UTF-8 text).")) from None
    except OSError as exc:
        raise WorkspaceError(msg("Cannot read {path}: {why}", path=str(path), why=exc.strerror or str(exc))) from None
    return from_json(data)


def write_workspace(path: Path, workspace: Workspace) -> None:
    """Written whole or not at all: a failed save (OSError) leaves the previous file."""
    write_text(path, workspace.to_json())


def last_session_path() -> Path:
    """Where the window keeps the session it had when it was closed (BGE_DATA_DIR overrides)."""
    return user_data_dir() / LAST_SESSION


def _damaged(name: str) -> Msg:
    return msg("The session file is damaged: '{field}' is missing or has the wrong type.", field=name)


def _typed(raw: dict[str, Any], key: str, kind: type, default: Any = None, required: bool = False) -> Any:
    if key not in raw:
        if required:
            raise WorkspaceError(_damaged(key))
        return default
    value = raw[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise WorkspaceError(_damaged(key))
    return value


def _models(raw: Any) -> dict[str, ModelView]:
    if not isinstance(raw, dict):
        raise WorkspaceError(_damaged("models"))
    views = {}
    for name, entry in raw.items():
        if not isinstance(entry, dict):
            raise WorkspaceError(_damaged(f"models.{name}"))
        defaults = ModelView()
        values = {}
        for key, default in asdict(defaults).items():
            values[key] = _typed(entry, key, type(default), default)
        views[name] = ModelView(**values)
    return views


def _senses(raw: Any) -> dict[str, list[int | None]]:
    """word -> a sense number (1 or more) or null per use; a field added in format 1 without a new
    version: an older program reads such a file and leaves the marks out."""
    if not isinstance(raw, dict):
        raise WorkspaceError(_damaged("senses"))
    for word, marks in raw.items():
        valid = isinstance(marks, list) and all(
            m is None or (isinstance(m, int) and not isinstance(m, bool) and m >= 1) for m in marks
        )
        if not word or not valid:
            raise WorkspaceError(_damaged(f"senses.{word}"))
    return {word: list(marks) for word, marks in raw.items()}


def _names(raw: Any) -> list[str] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(isinstance(n, str) for n in raw):
        raise WorkspaceError(_damaged("tab_models"))
    return list(raw)
