"""MODEL_CARD.md: what was trained, on what, how long, how well, and the command to do it again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

CARD_NAME = "MODEL_CARD.md"

_TITLES = {
    "bert": "mini-BERT (masked LM + next sentence prediction)",
    "gpt": "mini-GPT (causal language model)",
    "elmo": "mini-ELMo (forward + backward LSTM language models)",
}


def _value(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.4g}"
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}"
    return str(v)


def _table(rows: dict[str, Any]) -> list[str]:
    return ["| | |", "|---|---|", *(f"| {k} | {_value(v)} |" for k, v in rows.items())]


def _held_out_line(corpus: dict[str, Any]) -> str:
    if "held-out synsets" in corpus:
        return f"On the {corpus['held-out synsets']:,} held-out synsets (never trained on)."
    return "On the held-out documents of both languages (never trained on; sizes under Corpus)."


def render_card(result: dict[str, Any]) -> str:
    """The card as Markdown, from the dict that ``run.train`` returns."""
    lines = [f"# {_TITLES.get(result['model'], result['model'])}", ""]
    lines += [
        "Trained from scratch by this project (`desktop/training`), on the same corpus and with",
        "the same word budget as the other mini models, so that differences between them come from",
        "the architecture and the training objective.",
        "",
        "## Model",
        "",
        *_table(
            {
                "parameters (all trained)": result["parameters"],
                "vocabulary size": result["vocab_size"],
                "files": f"{', '.join(result['files'])} ({result['size_bytes'] / 1e6:.1f} MB)",
            }
        ),
        *(f"| {k} | {_value(v)} |" for k, v in result["architecture"].items()),
        "",
        "## Corpus",
        "",
        *_table(result["corpus"]),
        "",
        "## Training",
        "",
        *_table(
            {
                "seed": result["seed"],
                "budget (corpus words)": result["token_budget"],
                "corpus words seen": result["words_seen"],
                "model tokens seen": result["tokens_seen"],
                "steps": result["steps"],
                "stopped by": result["stopped_by"],
                "resumed from a checkpoint at steps": ", ".join(map(str, result.get("resumed_at", []))) or "never",
                "wall time (s)": round(result["seconds"], 1),
                "hardware": result.get("hardware", "not recorded"),
                "first / last training loss": f"{result['first_loss']:.4g} / {result['last_loss']:.4g}",
                "optimiser": result["optimiser"],
                "software": result["software"],
            }
        ),
        "",
        "## Held-out evaluation",
        "",
        _held_out_line(result["corpus"]),
        "",
        *_table(result["eval"]),
        "",
        "## Reproduce",
        "",
        "```bash",
        result["command"],
        "```",
        "",
        "With the same seed, corpus, software versions and CPU threads, on the same kind of CPU, the run is",
        "repeatable (resumed or not); a run stopped by `--max-minutes` is not (where it stops depends on the speed).",
        "",
    ]
    return "\n".join(lines)


def write_card(out_dir: Path, result: dict[str, Any]) -> Path:
    path = out_dir / CARD_NAME
    path.write_text(render_card(result), encoding="utf-8")
    return path


def read_held_out_metrics(folder: Path) -> dict[str, str]:
    """The "Held-out evaluation" table of a model card, as written by ``render_card``; {} if none."""
    path = folder / CARD_NAME
    if not path.is_file():
        return {}
    section = path.read_text(encoding="utf-8").split("## Held-out evaluation", 1)
    if len(section) < 2:
        return {}
    metrics = {}
    for line in section[1].split("\n## ", 1)[0].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0] and not set(cells[0]) <= {"-"}:
            metrics[cells[0]] = cells[1]
    return metrics
