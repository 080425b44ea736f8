"""Claims about what the models are made of: the feature extractor and the cost of BERT.

The architecture is read from the loaded modules (what the weights are), never from a table; the
published figures come from resources/knowledge/published.toml with their sources.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.claims.inputs import ModelInputs
from desktop.core.claims.record import CLAIMS_FILE, Measure, ModelEntry, Verdict
from desktop.core.messages import Msg, msg

if TYPE_CHECKING:
    import torch

PUBLISHED_FILE = CLAIMS_FILE.with_name("published.toml")
_LSTM_CELL = re.compile(r"lstm", re.IGNORECASE)


def module_census(network: torch.nn.Module) -> dict[str, int]:
    """Recurrent layers (one per direction and depth), attention blocks (outermost only) and
    convolutions found among the modules."""
    import torch  # here: the window imports the claims before torch is needed

    lstm = attention = conv = 0
    outer: list[str] = []
    for name, module in network.named_modules():
        kind = type(module).__name__
        if isinstance(module, torch.nn.LSTM):
            lstm += module.num_layers * (2 if module.bidirectional else 1)
        elif _LSTM_CELL.search(kind) and "Cell" in kind:
            lstm += 1
        elif kind.endswith("Attention") and not any(name.startswith(o + ".") for o in outer):
            outer.append(name)
            attention += 1
        elif isinstance(module, torch.nn.Conv1d | torch.nn.Conv2d):
            conv += 1
    return {"lstm_layers": lstm, "attention_blocks": attention, "convolutions": conv}


def measure_extractor(m: ModelInputs) -> Measure:
    census = module_census(m.adapter.network())
    return Measure(
        census,
        msg(
            "Read from the weights: {lstm} LSTM layers, {attention} attention blocks, {conv} convolutions.",
            lstm=census["lstm_layers"],
            attention=census["attention_blocks"],
            conv=census["convolutions"],
        ),
    )


def judge_extractor(entries: dict[str, ModelEntry]) -> tuple[Verdict, Msg]:
    measured = {n: e for n, e in entries.items() if isinstance(e.measure, Measure)}
    if not measured:
        return Verdict.NOT_SHOWN, msg("no model has been measured yet")
    wrong = []
    for name, e in measured.items():
        v = e.measure.values  # type: ignore[union-attr]
        lstm_only = v["lstm_layers"] > 0 and v["attention_blocks"] == 0
        attention_only = v["attention_blocks"] > 0 and v["lstm_layers"] == 0
        if not (lstm_only if e.family == "elmo" else attention_only):
            wrong.append(name)
    if wrong:
        return Verdict.CONTRADICTED, msg(
            "these models are not built as the article says: {models}", models=", ".join(wrong)
        )
    return Verdict.SHOWN, msg(
        "every loaded ELMo is LSTMs without attention, every BERT and GPT attention without LSTMs ({n} models)",
        n=len(measured),
    )


def published() -> list[dict]:
    with PUBLISHED_FILE.open("rb") as f:
        return list(tomllib.load(f).values())


def card_training(folder: Path | None) -> dict[str, float]:
    """Training tokens and wall time from a mini model's MODEL_CARD.md, when it has one."""
    card = None if folder is None else folder / "MODEL_CARD.md"
    if card is None or not card.is_file():
        return {}
    found, text = {}, card.read_text(encoding="utf-8")
    for key, label in (("training_tokens", "model tokens seen"), ("wall_time_s", "wall time (s)")):
        row = re.search(rf"^\| {re.escape(label)} \| ([\d,.]+) \|", text, re.MULTILINE)
        if row:
            found[key] = float(row.group(1).replace(",", ""))
    return found


def _model_folder(m: ModelInputs) -> Path | None:
    adapter = m.adapter
    folder = getattr(adapter, "folder", None) or getattr(getattr(adapter, "weights_path", None), "parent", None)
    return folder if isinstance(folder, Path) else None


def measure_cost(m: ModelInputs) -> Measure:
    """Parameters, and compute per token as 2 multiply-adds per weight that a token passes through
    (embedding tables are looked up, not multiplied, so they are left out)."""
    import torch

    network = m.adapter.network()
    looked_up = {id(e.weight) for e in network.modules() if isinstance(e, torch.nn.Embedding)}
    multiplied = sum(p.numel() for p in network.parameters() if id(p) not in looked_up)
    values = {"parameters": m.adapter.parameters, "flops_per_token": 2 * multiplied}
    values |= card_training(_model_folder(m))
    summary = msg(
        "{parameters:,} parameters; about {gflops:.3f} GFLOPs per token.",
        parameters=values["parameters"],
        gflops=values["flops_per_token"] / 1e9,
    )
    if "training_tokens" in values:
        summary = msg(
            "{size} Trained here on {tokens:,} tokens in {minutes:.0f} min.",
            size=summary,
            tokens=int(values["training_tokens"]),
            minutes=values.get("wall_time_s", float("nan")) / 60,
        )
    return Measure(values, summary)


def judge_cost(entries: dict[str, ModelEntry]) -> tuple[Verdict, Msg]:
    """Judged on the published originals: the loaded models are other sizes (the minis were made
    equal on purpose, so that a difference between them comes from the architecture)."""
    rows = published()
    bert = max((r for r in rows if r["family"] == "encoder"), key=lambda r: r["parameters"])
    others = [r for r in rows if r["family"] != "encoder"]
    larger = all(bert["parameters"] > r["parameters"] and bert["training_words"] > r["training_words"] for r in others)
    verdict = Verdict.SHOWN if larger else Verdict.CONTRADICTED
    return verdict, msg(
        "published: {bert} has {p:,} parameters and read {w:,} words, against at most {op:,} parameters and "
        "{ow:,} words for GPT and ELMo; the loaded models are not these originals",
        bert=bert["model"],
        p=bert["parameters"],
        w=bert["training_words"],
        op=max(r["parameters"] for r in others),
        ow=max(r["training_words"] for r in others),
    )
