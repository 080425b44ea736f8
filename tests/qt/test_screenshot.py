"""`python main.py screenshot` as a user runs it: a fresh process, offscreen, waits for the models."""

from __future__ import annotations

import os

import pytest
from processes import run_main
from PySide6.QtGui import QImage, QPixmap

from desktop.cli.main import run


def test_screenshot_command_writes_the_window(tiny_registry, tmp_path) -> None:
    out = tmp_path / "shot.png"
    (tmp_path / "shot.ini").write_text("[mine]\nkeep=1\n")  # the user's own file beside the PNG
    env = {**os.environ, "BGE_REGISTRY": str(tiny_registry), "QT_QPA_PLATFORM": "offscreen"}
    result = run_main("screenshot", "--out", str(out), "--lang", "zh", "--tab", "compare", env=env)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() >= 1000 and image.height() >= 700
    assert (tmp_path / "shot.ini").read_text() == "[mine]\nkeep=1\n", "settings live elsewhere"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["models.toml", "shot.ini", "shot.png"]


def test_a_png_that_cannot_be_saved_is_one_line_and_exit_2(
    tiny_registry, tmp_path, qapp, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "shot.png"
    out.write_bytes(b"yesterday's picture")
    monkeypatch.setattr(QPixmap, "save", lambda *args: False)
    code = run(["screenshot", "--out", str(out), "--models", "tiny-bert", "--lang", "en"])
    stdout, err = capsys.readouterr()
    assert code == 2 and "wrote" not in stdout
    assert err == f"error: cannot write {out}: the save failed\n"
    assert out.read_bytes() == b"yesterday's picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["models.toml", "shot.png"]


def test_screenshot_into_a_missing_folder_fails_before_the_window(tiny_registry, tmp_path, capsys) -> None:
    out = tmp_path / "no-such-folder" / "shot.png"
    code = run(["screenshot", "--out", str(out), "--models", "tiny-bert"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err == f"error: cannot write {out}: the folder {out.parent} does not exist\n"


def test_screenshot_unknown_tab_is_one_clear_line(tiny_registry, tmp_path) -> None:
    env = {**os.environ, "BGE_REGISTRY": str(tiny_registry), "QT_QPA_PLATFORM": "offscreen"}
    result = run_main("screenshot", "--out", str(tmp_path / "x.png"), "--tab", "nope", env=env)
    assert result.returncode == 2
    assert result.stderr.startswith("error: no tab named 'nope'") and "Traceback" not in result.stderr


def test_screenshot_shows_the_tabs_a_first_start_shows(tiny_registry, tmp_path, tiny_dir, qapp, capsys) -> None:
    with tiny_registry.open("a", encoding="utf-8") as f:  # installed, but no tab by default (as MiniLM)
        f.write(f'[[model]]\nname = "quiet"\nfamily = "encoder"\npath = "{(tiny_dir / "tiny-bert").as_posix()}"\n')
        f.write("tab = false\n")
    code = run(["screenshot", "--out", str(tmp_path / "x.png"), "--tab", "quiet", "--lang", "en"])
    assert code == 2 and capsys.readouterr().err.startswith("error: no tab named 'quiet'")
    assert run(["screenshot", "--out", str(tmp_path / "x.png"), "--tab", "quiet", "--models", "quiet"]) == 0


def test_the_window_runs_its_models_in_a_process_of_their_own_unless_told(tiny_registry, tmp_path) -> None:
    """``--compute``: the budget is set before the output is checked, so a refused run shows it."""
    from desktop.core.runtime import current_budget

    out = str(tmp_path / "missing" / "x.png")
    assert run(["screenshot", "--out", out, "--models", "tiny-bert"]) == 2
    assert current_budget().own_process
    assert run(["screenshot", "--out", out, "--models", "tiny-bert", "--compute", "thread"]) == 2
    assert not current_budget().own_process
    assert run(["compare", "--text", "the bank", "--models", "tiny-bert", "--json", out]) == 2
    assert not current_budget().own_process  # the command line runs its models itself
