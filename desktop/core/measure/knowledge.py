"""The article's claims about each family, in Chinese and English, read from resources/knowledge."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from desktop.core.store.registry import RESOURCES

KNOWLEDGE_FILE = RESOURCES / "knowledge" / "families.toml"
LANGUAGES = ("zh", "en")
FACETS = ("extractor", "direction", "mask", "pretraining")


@dataclass(frozen=True)
class Claim:
    text: dict[str, str]  # language -> sentence
    claim: str  # which live measurement supports or qualifies it


@dataclass(frozen=True)
class FamilyKnowledge:
    key: str
    title: dict[str, str]
    facets: dict[str, dict[str, str]]  # facet -> language -> sentence
    pros: list[Claim]
    cons: list[Claim]


def _claims(entries: list[dict], where: str) -> list[Claim]:
    out = []
    for e in entries:
        missing = [lang for lang in LANGUAGES if not e.get(lang)]
        if missing or not e.get("claim"):
            raise ValueError(f"{where}: each entry needs {', '.join(LANGUAGES)} and claim")
        out.append(Claim({lang: e[lang] for lang in LANGUAGES}, e["claim"]))
    return out


def load_knowledge(path: Path = KNOWLEDGE_FILE) -> dict[str, FamilyKnowledge]:
    with path.open("rb") as f:
        data = tomllib.load(f)
    result = {}
    for key, entry in data.items():
        facets = {facet: entry[facet] for facet in FACETS}
        for facet, text in [("title", entry["title"]), *facets.items()]:
            if set(LANGUAGES) - set(text):
                raise ValueError(f"{path}: [{key}].{facet} needs {', '.join(LANGUAGES)}")
        result[key] = FamilyKnowledge(
            key, entry["title"], facets, _claims(entry["pros"], f"{key}.pros"), _claims(entry["cons"], f"{key}.cons")
        )
    return result
