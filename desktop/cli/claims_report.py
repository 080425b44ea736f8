"""The claims as the CLI prints them: verdict, claim, how it was measured, each model's numbers."""

from __future__ import annotations

from typing import Any

from desktop.core.claims import ClaimRecord
from desktop.core.measure.probes import to_jsonable

MARKS = {"shown": "SHOWN", "not shown on this text": "NOT SHOWN", "contradicted": "CONTRADICTED"}


def claim_lines(records: list[ClaimRecord]) -> list[str]:
    lines = []
    for r in records:
        lines += [
            "",
            f"[{MARKS[r.verdict.value]}] {r.id}: {r.spec.claim}",
            f"    measured: {r.spec.method}",
            f"    verdict:  {r.reason.english()}",
        ]
        lines += [f"    {name}: {m.summary.english()}" for name, m in r.measures.items()]
        lines += [f"    {name}: (not measured) {why.english()}" for name, why in r.missing.items()]
    return lines


def claims_json(text: str, models: list[str], records: list[ClaimRecord], errors: list[dict]) -> dict[str, Any]:
    return {
        "text": text,
        "models": models,
        "claims": to_jsonable([r.to_json() for r in records]),
        "errors": errors,
    }
