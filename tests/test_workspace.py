"""Session files: what is written reads back the same; a file that is not ours, damaged or from a
newer version is refused with a message; the HTML report is one file that references nothing
outside itself and escapes what it shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from desktop.core.claims.record import ClaimRecord, ClaimSpec, Measure, Verdict
from desktop.core.export.report import Figure, Section, Table, build_report
from desktop.core.messages import msg
from desktop.core.store.workspace import (
    FORMAT,
    VERSION,
    ModelView,
    Workspace,
    WorkspaceError,
    from_json,
    last_session_path,
    read_workspace,
    write_workspace,
)


def _workspace() -> Workspace:
    return Workspace(
        text="我在银行存钱。\nThe river bank.",
        language="zh",
        models={"mini-bert": ModelView(2, "存钱", 3, 1, 0), "mini-elmo": ModelView(layer=1, half=2)},
        slot_word=4,
        polysemy_word="bank",
        current_tab="compare",
        lesson="polysemy-1",
        tab_models=["mini-bert", "mini-elmo"],
    )


def test_a_session_reads_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    write_workspace(path, _workspace())
    assert read_workspace(path) == _workspace()
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["format"] == FORMAT and raw["version"] == VERSION and "我在银行" in path.read_text(encoding="utf-8")


def test_fields_a_file_leaves_out_take_their_defaults() -> None:
    found = from_json(json.dumps({"format": FORMAT, "version": 1, "text": "hello"}))
    assert found == Workspace(text="hello")
    assert found.tab_models is None and found.slot_word == -1


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("not json at all {", "not JSON"),
        ("[1, 2]", "not a session file of this program"),
        (json.dumps({"format": "something-else", "version": 1, "text": "x"}), "not a session file of this program"),
        (json.dumps({"format": FORMAT, "version": VERSION + 1, "text": "x"}), "newer version"),
        (json.dumps({"format": FORMAT, "version": "1", "text": "x"}), "'version'"),
        (json.dumps({"format": FORMAT, "version": 1}), "'text' is missing"),
        (json.dumps({"format": FORMAT, "version": 1, "text": 3}), "'text' is missing or has the wrong type"),
        (json.dumps({"format": FORMAT, "version": 1, "text": "x", "models": {"m": {"layer": "top"}}}), "'layer'"),
        (json.dumps({"format": FORMAT, "version": 1, "text": "x", "slot_word": True}), "'slot_word'"),
        (json.dumps({"format": FORMAT, "version": 1, "text": "x", "tab_models": ["a", 1]}), "'tab_models'"),
    ],
)
def test_a_bad_file_is_refused_with_a_message(content: str, says: str) -> None:
    with pytest.raises(WorkspaceError) as caught:
        from_json(content)
    assert says in caught.value.text.english()


def test_unreadable_and_non_text_files_are_refused(tmp_path: Path) -> None:
    binary = tmp_path / "b.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(WorkspaceError, match="not UTF-8"):
        read_workspace(binary)
    with pytest.raises(WorkspaceError, match="Cannot read"):
        read_workspace(tmp_path / "missing.json")


def test_models_the_machine_lacks_are_reported_not_fatal() -> None:
    found = _workspace()
    assert found.unknown_models(["mini-bert"]) == ["mini-elmo"]
    assert found.unknown_models(["mini-bert", "mini-elmo", "gpt2"]) == []


def test_the_last_session_lives_in_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BGE_DATA_DIR", str(tmp_path))
    assert last_session_path().parent == tmp_path


def _record(claim_id: str, verdict: Verdict) -> ClaimRecord:
    spec = ClaimSpec(claim_id, "GPT sees only <the left>", "replace later words", ("gpt",))
    measure = Measure({"peak": 0.0, "rows": [[1.0, None]]}, msg("largest change {v}", v="0.000"))
    return ClaimRecord(spec, verdict, msg("no later word moved an earlier one"), ["m"], {"m": measure})


def test_the_report_is_one_file_with_every_picture_and_claim() -> None:
    png = b"\x89PNG\r\n\x1a\nfake"
    sections = [
        Section("m <1>", [Figure("heat & map", png), Figure("curves", png)], notes=["a <note>"]),
        Section("compare", [Figure("grid", png)], [Table("agreement", ["", "m"], [["m", "1.00"]])]),
    ]
    records = [_record("gpt-one-way", Verdict.SHOWN), _record("masks", Verdict.CONTRADICTED)]
    html = build_report("I <b>sat</b> by the bank.", sections, records, lambda s: s, "en", complete=False)
    assert html.count("<img ") == 3 and html.count("data:image/png;base64,") == 3
    assert "I &lt;b&gt;sat&lt;/b&gt; by the bank." in html and "<b>sat</b>" not in html
    assert "m &lt;1&gt;" in html and "heat &amp; map" in html and "GPT sees only &lt;the left&gt;" in html
    assert "id='claim-gpt-one-way'" in html and "id='claim-masks'" in html and "contradicted" in html
    assert "still being computed" in html
    assert not re.search(r"""(src|href)=['"](?!data:)""", html)  # nothing outside the file


def test_the_report_is_in_the_language_it_is_given() -> None:
    def fake_chinese(text: str) -> str:
        return {"The text": "文本", "shown": "已显示"}.get(text, text)

    html = build_report("文字", [], [_record("x", Verdict.SHOWN)], fake_chinese, "zh")
    assert "<h2>文本</h2>" in html and "已显示" in html and "lang='zh-CN'" in html
    assert "still being computed" not in html
