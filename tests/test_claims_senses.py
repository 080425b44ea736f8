"""Senses the user marks: parsed with clear errors, kept in session files, and regrouping the
polysemy claim's pairs so that its verdict follows the user's senses, both ways."""

from __future__ import annotations

import json

import numpy as np
import pytest

from desktop.core.claims import Measure, Verdict, judge
from desktop.core.claims.marks import parse_senses
from desktop.core.models.base import InputError
from desktop.core.store.workspace import Workspace, WorkspaceError, from_json

TEXT = "I went to the bank. The bank was closed. We sat on the river bank."


def test_the_senses_option_is_checked_against_the_text() -> None:
    assert parse_senses("Bank=1,1,2", TEXT) == ("bank", (1, 1, 2))
    assert parse_senses("bank = 1, ?, 2", TEXT) == ("bank", (1, None, 2))
    with pytest.raises(InputError, match="used 3 times in the text; give 3 senses"):
        parse_senses("bank=1,2", TEXT)
    with pytest.raises(InputError, match="takes WORD=SENSES"):
        parse_senses("bank", TEXT)
    with pytest.raises(InputError, match="a number from 1 to 9 or '\\?', not '0'"):
        parse_senses("bank=1,0,2", TEXT)
    with pytest.raises(InputError, match="'river' is not used twice"):
        parse_senses("river=1,2", TEXT)


def _measured(close: tuple[int, int]) -> Measure:
    """Three uses of 'bank' over a static and a contextual layer; at the contextual layer only the
    uses in ``close`` are similar (0.9), every other pair 0.3."""
    contextual = np.full((3, 3), 0.3)
    contextual[close[0], close[1]] = contextual[close[1], close[0]] = 0.9
    np.fill_diagonal(contextual, 1.0)
    values = {
        "word": "bank",
        "uses": 3,
        "senses": [None, None, None],
        "senses_from": None,
        "pairs": [np.ones((3, 3)).tolist(), contextual.tolist()],
        "layers": ["embeddings", "layer 1"],
        "static_layer": "embeddings",
        "first_contextual": 1,
        "mean": [1.0, 0.5],
        "lowest": [1.0, 0.3],
        "same_sense": [None, None],
        "different_sense": [None, None],
        "position_only": [None, 0.95],
    }
    return Measure(values, None)  # type: ignore[arg-type]


def _polysemy(close: tuple[int, int], marks: dict | None):
    records = judge({"bert": ("encoder", {"polysemy": _measured(close)})}, marks)
    return next(r for r in records if r.id == "polysemy")


def test_marked_senses_regroup_the_pairs_and_decide_the_verdict() -> None:
    unmarked = _polysemy((0, 1), None)
    assert unmarked.measures["bert"].values["senses_from"] is None
    agree = _polysemy((0, 1), {"bank": (1, 1, 2)})  # the two uses marked alike are the close pair
    values = agree.measures["bert"].values
    assert values["senses_from"] == "marked by you" and values["senses"] == ["sense 1", "sense 1", "sense 2"]
    assert values["same_sense"][1] == pytest.approx(0.9) and values["different_sense"][1] == pytest.approx(0.3)
    assert agree.verdict is Verdict.SHOWN and "(senses marked by you)" in agree.reason.english()
    assert agree.measures["bert"].summary.english().startswith("Senses marked by you.")
    disagree = _polysemy((0, 1), {"bank": (1, 2, 2)})  # the close pair marked as two senses
    assert disagree.verdict is Verdict.CONTRADICTED
    stale = _polysemy((0, 1), {"bank": (1, 2)})  # marks for another text: reported, not used
    assert stale.measures["bert"].values["senses_from"] is None
    assert "mark 2 uses, the text has 3" in stale.measures["bert"].values["marks_not_used"]


def test_session_files_keep_the_marks_and_read_files_without_them() -> None:
    saved = Workspace(text=TEXT, senses={"bank": [1, None, 2]}).to_json()
    assert from_json(saved).senses == {"bank": [1, None, 2]}
    older = json.loads(saved)
    del older["senses"]
    assert from_json(json.dumps(older)).senses == {}
    for bad in ({"bank": [0, 1]}, {"bank": "1,2"}, ["bank"], {"bank": [True, 1]}):
        with pytest.raises(WorkspaceError, match="senses"):
            from_json(json.dumps({**older, "senses": bad}))


def test_the_command_line_refuses_a_wrong_count_before_loading_a_model(tiny_registry, capsys) -> None:
    from desktop.cli.main import run

    assert run(["claims", "--text", TEXT, "--senses", "bank=1,2"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "'bank' is used 3 times in the text; give 3 senses" in err
