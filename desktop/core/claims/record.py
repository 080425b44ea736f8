"""What a measured claim is: each model's numbers on the user's text and one verdict across them.

A verdict is computed from numbers that could have come out the other way: ``contradicted`` is a
real outcome, and ``not shown on this text`` says why (too few words, no model of a family, a
head missing), never a canned sentence standing in for evidence.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from desktop.core.messages import Msg

CLAIMS_FILE = Path(__file__).resolve().parents[3] / "resources" / "knowledge" / "claims.toml"


class Verdict(StrEnum):
    SHOWN = "shown"
    NOT_SHOWN = "not shown on this text"
    CONTRADICTED = "contradicted"


@dataclass(frozen=True)
class Measure:
    """One model's measurement for one claim: JSON-able numbers and the sentence that reports them."""

    values: dict[str, Any]
    summary: Msg


@dataclass(frozen=True)
class ClaimSpec:
    id: str
    claim: str  # English source text; its Chinese (the article's words) is in the translations
    method: str
    families: tuple[str, ...]


@dataclass(frozen=True)
class ModelEntry:
    """What a verdict reads about one model: its family, display name and measurement (or why none)."""

    family: str
    measure: Measure | Msg  # a Msg: why this model has no measurement


@dataclass(frozen=True)
class ClaimRecord:
    spec: ClaimSpec
    verdict: Verdict
    reason: Msg  # why this verdict, with the deciding numbers
    models: list[str]  # the models the verdict compared
    measures: dict[str, Measure] = field(default_factory=dict)
    missing: dict[str, Msg] = field(default_factory=dict)  # model -> why it has no measurement

    @property
    def id(self) -> str:
        return self.spec.id

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "claim": self.spec.claim,
            "method": self.spec.method,
            "verdict": self.verdict.value,
            "reason": self.reason.english(),
            "models": self.models,
            "values": {name: m.values for name, m in self.measures.items()},
            "summaries": {name: m.summary.english() for name, m in self.measures.items()},
            "missing": {name: why.english() for name, why in self.missing.items()},
        }


def load_specs(path: Path = CLAIMS_FILE) -> dict[str, ClaimSpec]:
    with path.open("rb") as f:
        data = tomllib.load(f)
    return {
        key: ClaimSpec(key, entry["claim"], entry["method"], tuple(entry["families"])) for key, entry in data.items()
    }
