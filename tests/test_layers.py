"""Imports point down the layers (see ARCHITECTURE.md): a module may import its own package or a
lower layer, never a higher one, so that the core runs without the front ends or the trainer."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# lowest first; a module belongs to the longest prefix that names it
LAYERS = [
    (
        "desktop.core.text",
        "desktop.core.encoding",
        "desktop.core.imports",
        "desktop.core.runtime",
        "desktop.core.messages",
        "desktop.core.cancel",
    ),
    ("desktop.core.store",),
    ("desktop.core.models",),
    ("desktop.core.measure",),
    ("desktop.core.analysis", "desktop.core.claims", "desktop.core.corpus"),
    (
        "desktop.core.session",
        "desktop.core.recent",
        "desktop.core.pipeline",
        "desktop.core.cross",
        "desktop.core.export",
    ),
    ("desktop.core.model_tasks", "desktop.core.compute"),
    ("desktop.training",),
    ("desktop.qt",),
    ("desktop.cli",),
]


def layer_of(module: str) -> int | None:
    best: tuple[int, int] | None = None
    for rank, prefixes in enumerate(LAYERS):
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and (best is None or len(p) > best[1]):
                best = (rank, len(p))
    return None if best is None else best[0]


def imports_of(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found += [f"{node.module}.{a.name}" for a in node.names]
    return [m for m in found if m.startswith("desktop.")]


def test_every_desktop_module_has_a_layer() -> None:
    modules = [".".join(p.relative_to(ROOT).with_suffix("").parts) for p in (ROOT / "desktop").rglob("*.py")]
    unplaced = [m for m in modules if m.split(".")[-1] != "__init__" and layer_of(m) is None]
    assert not unplaced


def test_imports_point_down() -> None:
    upward = []
    for path in (ROOT / "desktop").rglob("*.py"):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        own = layer_of(module)
        if own is None:
            continue
        for target in imports_of(path):
            rank = layer_of(target)
            if rank is not None and rank > own:
                upward.append(f"{module} -> {target}")
    assert not upward, "\n".join(sorted(set(upward)))


def test_layer_rule_catches_an_upward_import(tmp_path: Path) -> None:
    bad = tmp_path / "m.py"
    bad.write_text("from desktop.training.corpus import read_glosses\n", encoding="utf-8")
    assert layer_of("desktop.core.measure.probes") < layer_of(imports_of(bad)[0])
