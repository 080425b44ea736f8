"""Every model has its own name: a name given twice is refused, an added folder whose name is taken
is renamed, and the window never gets two models with one name."""

from __future__ import annotations

import json
import shutil

import pytest

from desktop.cli.main import run
from desktop.core.session import Session


def test_a_registered_name_twice_is_refused(tiny_registry, capsys) -> None:
    assert run(["compare", "--text", "the bank", "--models", "tiny-bert,tiny-bert"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --models names tiny-bert more than once") and err.count("\n") == 1


def test_added_folders_with_taken_names_are_renamed(tiny_registry, tiny_dir, tmp_path, capsys) -> None:
    other = tmp_path / "elsewhere" / "tiny-bert"  # the same folder name as the registered model
    shutil.copytree(tiny_dir / "tiny-bert", other)
    out = tmp_path / "c.json"
    argv = ["compare", "--text", "the river bank", "--models", "tiny-bert", "--json", str(out)]
    argv += ["--model", f"encoder={tiny_dir / 'tiny-bert'}", "--model", f"encoder={other}"]
    assert run(argv) == 0, capsys.readouterr().err
    names = [m["name"] for m in json.loads(out.read_text(encoding="utf-8"))["models"]]
    assert names == ["tiny-bert", "tiny-bert-2", "tiny-bert-3"]


def test_the_session_refuses_two_models_with_one_name() -> None:
    with pytest.raises(ValueError, match="share a name"):
        Session(["a", "a"])
