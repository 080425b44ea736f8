"""The lessons of the lesson sidebar (resources/lessons/*.toml), read and checked without Qt.

A lesson is teacher-edited data: a typo in a view name or a claim id must fail when the file is
read (and in the tests), not leave a lesson that points nowhere in front of a class.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.store.registry import RESOURCES

LESSONS_DIR = RESOURCES / "lessons"
CLAIMS_FILE = RESOURCES / "knowledge" / "claims.toml"

MODEL_PANELS = frozenset({"tokens", "heatmap", "direction", "curves", "sentences", "probe", "knowledge"})
FAMILY_VIEWS = ("encoder", "decoder", "elmo")  # a family's model tab
VIEWS: dict[str, frozenset[str]] = {
    **{family: MODEL_PANELS for family in FAMILY_VIEWS},
    "compare": frozenset({"grid", "latency", "agreement", "direction", "polysemy", "cka", "predict"}),
    "claims": frozenset({"table", "masks", "finetune"}),
}
REQUIRED = ("id", "title", "view", "text_en", "text_zh", "question", "claims", "explanation")


class LessonError(ValueError):
    """A lesson file that cannot be used as written (the message names the file and the lesson)."""


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str  # English source text; the Chinese is in the translations
    view: str  # a key of VIEWS
    panel: str  # "" = the view as a whole
    text_en: str
    text_zh: str
    question: str
    claims: tuple[str, ...]  # ids of resources/knowledge/claims.toml
    explanation: str

    def text(self, language: str) -> str:
        """The prepared text for the interface language (data, so both are stored, not translated)."""
        return self.text_zh if language == "zh" else self.text_en


def claim_ids(path: Path = CLAIMS_FILE) -> set[str]:
    with path.open("rb") as f:
        return set(tomllib.load(f))


def load_lessons(folder: Path = LESSONS_DIR, known_claims: Iterable[str] | None = None) -> list[Lesson]:
    """Every lesson of every ``*.toml`` in ``folder`` (files by name, lessons as written), checked."""
    known = set(claim_ids() if known_claims is None else known_claims)
    lessons: list[Lesson] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            with path.open("rb") as f:
                entries = tomllib.load(f).get("lesson", [])
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise LessonError(f"{path.name}: {exc}") from exc
        lessons += [_lesson(entry, path.name, known) for entry in entries]
    seen: set[str] = set()
    for lesson in lessons:
        if lesson.id in seen:
            raise LessonError(f"two lessons are named {lesson.id!r}")
        seen.add(lesson.id)
    return lessons


def _lesson(entry: dict[str, Any], file: str, known: set[str]) -> Lesson:
    where = f"{file}, lesson {entry.get('id', '?')!r}"
    absent = [key for key in REQUIRED if not entry.get(key)]
    if absent:
        raise LessonError(f"{where}: {', '.join(absent)} missing or empty")
    texts = [entry[key] for key in REQUIRED if key != "claims"] + [entry.get("panel", "")]
    if not all(isinstance(t, str) for t in texts) or not isinstance(entry["claims"], list):
        raise LessonError(f"{where}: every field is a string, and claims a list of claim ids")
    view, panel = entry["view"], entry.get("panel", "")
    if view not in VIEWS:
        raise LessonError(f"{where}: no view {view!r} (views: {', '.join(VIEWS)})")
    if panel and panel not in VIEWS[view]:
        raise LessonError(f"{where}: the {view} view has no panel {panel!r} (panels: {', '.join(sorted(VIEWS[view]))})")
    unknown = [c for c in entry["claims"] if c not in known]
    if unknown:
        raise LessonError(f"{where}: unknown claim ids {unknown} (see resources/knowledge/claims.toml)")
    texts_ok = all(entry[key].strip() for key in ("text_en", "text_zh"))
    if not texts_ok:
        raise LessonError(f"{where}: text_en and text_zh must not be blank")
    fields = {key: entry[key] for key in REQUIRED if key != "claims"}
    return Lesson(**fields, panel=panel, claims=tuple(entry["claims"]))
