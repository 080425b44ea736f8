"""The article's claims about each family, read from resources/knowledge (English source text;
the translation file holds the Chinese, as for every other string the window shows)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from desktop.core.store.registry import RESOURCES

KNOWLEDGE_FILE = RESOURCES / "knowledge" / "families.toml"
FACETS = ("extractor", "direction", "mask", "pretraining")


@dataclass(frozen=True)
class Claim:
    text: str
    claim: str  # which live measurement supports or qualifies it (an id of resources/knowledge/claims.toml)


@dataclass(frozen=True)
class FamilyKnowledge:
    key: str
    title: str
    facets: dict[str, str]  # facet -> sentence
    pros: list[Claim]
    cons: list[Claim]


def _claims(entries: list[dict], where: str) -> list[Claim]:
    if any(not e.get("text") or not e.get("claim") for e in entries):
        raise ValueError(f"{where}: each entry needs text and claim")
    return [Claim(e["text"], e["claim"]) for e in entries]


def load_knowledge(path: Path = KNOWLEDGE_FILE) -> dict[str, FamilyKnowledge]:
    with path.open("rb") as f:
        data = tomllib.load(f)
    result = {}
    for key, entry in data.items():
        missing = [f for f in ("title", *FACETS) if not isinstance(entry.get(f), str)]
        if missing:
            raise ValueError(f"{path}: [{key}] needs {', '.join(missing)}")
        facets = {facet: entry[facet] for facet in FACETS}
        pros, cons = _claims(entry["pros"], f"{key}.pros"), _claims(entry["cons"], f"{key}.cons")
        result[key] = FamilyKnowledge(key, entry["title"], facets, pros, cons)
    return result
