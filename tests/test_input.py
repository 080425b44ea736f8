"""Bad input is one clear line and changes nothing: control characters alone are not a text, and
the user's text cannot drive the terminal."""

from __future__ import annotations

import pytest

from desktop.cli.main import run


@pytest.mark.parametrize("text", ["\x00\x00\x00", "\x01\x1b\x7f \t\n", "\u200b\u200d"])
def test_control_characters_alone_are_bad_input(tiny_registry, capsys, text: str) -> None:
    assert run(["compare", "--text", text]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: the text is empty") and err.count("\n") == 1


def test_escape_sequences_reach_the_terminal_escaped(tiny_registry, capsys) -> None:
    text = "I sat by the \x1b[2J\x1b[31mriver bank.\nThe bank\x07 was closed."
    assert run(["compare", "--text", text, "--models", "tiny-elmo"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[2J" in out, "the user sees what was there"
