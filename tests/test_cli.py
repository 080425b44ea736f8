"""The headless CLI: bad input gives a result or one clear line, never a traceback; a broken
model is named with its file while the other models still give their results."""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path

import h5py
import numpy as np
import pytest
from processes import run_main

from desktop.cli.main import run


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _assert_one_clear_line(err: str) -> None:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_is_one_clear_line(tiny_registry, capsys, text: str) -> None:
    code, out, err = _run(capsys, "compare", "--text", text)
    assert code == 2 and out == ""
    _assert_one_clear_line(err)
    assert "empty" in err


@pytest.mark.parametrize(
    "text",
    [
        "Emoji 😀👍🏽 and 👨‍👩‍👧 families",
        "我在银行存钱。我们在河岸边野餐。",
        "שלום עולם, مرحبا بالعالم",
        "a literal [MASK] in the text",
        "a literal <|endoftext|> in the text",
        "control \x01\x02\x7f characters\tand\ttabs",
    ],
)
def test_unusual_text_gives_a_result_from_every_model(tiny_registry, capsys, tmp_path, text: str) -> None:
    out_json = tmp_path / "out.json"
    code, _out, err = _run(capsys, "compare", "--text", text, "--json", str(out_json))
    assert code == 0, err
    assert "Traceback" not in err
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert [m["name"] for m in data["models"]] == ["tiny-bert", "tiny-gpt2", "tiny-elmo"]
    for m in data["models"]:
        for start, end in m["spans"]:
            assert text[start:end]


def test_nul_bytes_from_a_file(tiny_registry, capsys, tmp_path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(b"the river\x00 bank\x00\x00 was wide")
    code, out, err = _run(capsys, "compare", "--text-file", str(src))
    assert code == 0, err
    assert out.count("== tiny-") == 3


def test_not_utf8_file_is_one_clear_line(tiny_registry, capsys, tmp_path) -> None:
    src = tmp_path / "latin1.txt"
    src.write_bytes("caf\xe9".encode("latin-1"))
    code, _, err = _run(capsys, "compare", "--text-file", str(src))
    assert code == 2
    _assert_one_clear_line(err)


def test_twenty_thousand_characters_are_windowed_not_cut(tiny_registry, capsys, tmp_path) -> None:
    sentence = "The teacher typed a long text about the river bank and the bank that holds money. "
    text = (sentence * (20_000 // len(sentence) + 1))[:20_000]
    out_json = tmp_path / "long.json"
    code, out, err = _run(capsys, "compare", "--text", text, "--json", str(out_json))
    assert code == 0, err
    data = json.loads(out_json.read_text(encoding="utf-8"))
    bert = data["models"][0]
    assert bert["windowed"] and len(bert["windows"]) > 10
    assert bert["spans"][-1][1] >= len(text.rstrip()) - 1, "the end of the text is encoded"
    assert "windows" in out


def test_json_has_the_contract_fields(tiny_registry, capsys, tmp_path) -> None:
    out_json = tmp_path / "c.json"
    code, out, _ = _run(
        capsys, "compare", "--text", "I deposited cash at the bank. We sat on the river bank.", "--json", str(out_json)
    )
    assert code == 0
    data = json.loads(out_json.read_text(encoding="utf-8"))
    for m in data["models"]:
        for key in ("name", "family", "tokens", "spans", "word_ids", "layer_names", "layers", "timings_ms"):
            assert key in m
        n = len(m["layer_names"])
        assert m["layer_indices"] == sorted({0, round((n - 1) / 2), n - 1})  # default: first, middle, last
        assert len(m["layers"]) == len(m["layer_indices"])
        assert len(m["layers"][0]) == len(m["tokens"]) == len(m["spans"]) == len(m["word_ids"])
    elmo = data["models"][2]
    assert elmo["family"] == "elmo" and elmo["halves"]["backward"] == [16, 32]
    assert len(elmo["layers"][1][0]) == 32
    assert data["agreement"]["models"] == ["tiny-bert", "tiny-gpt2", "tiny-elmo"]
    assert data["agreement"]["words"] == data["agreement"]["of_words"] == len(elmo["words"])
    assert "sentence similarity" in out and "most similar token pairs" in out


def _corrupt(tiny_dir: Path, tmp_path: Path, kind: str) -> tuple[str, str]:
    """A broken copy of a tiny model: returns (--model argument, file the message must name)."""
    if kind == "absent":
        return f"encoder={tmp_path / 'nowhere'}", str(tmp_path / "nowhere")
    if kind == "truncated safetensors":
        folder = tmp_path / "bad-bert"
        import shutil

        shutil.copytree(tiny_dir / "tiny-bert", folder)
        weights = folder / "model.safetensors"
        weights.write_bytes(weights.read_bytes()[:100])
        return f"encoder={folder}", str(weights)
    if kind == "truncated hdf5":
        folder = tmp_path / "bad-elmo"
        folder.mkdir()
        (folder / "options.json").write_bytes((tiny_dir / "tiny-elmo" / "options.json").read_bytes())
        data = (tiny_dir / "tiny-elmo" / "lm_weights.hdf5").read_bytes()
        (folder / "lm_weights.hdf5").write_bytes(data[: len(data) // 3])
        return f"elmo={folder}", str(folder / "lm_weights.hdf5")
    if kind == "wrong family":
        return f"decoder={tiny_dir / 'tiny-bert'}", str(tiny_dir / "tiny-bert")
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["absent", "truncated safetensors", "truncated hdf5", "wrong family"])
def test_broken_model_is_named_and_others_still_run(tiny_registry, tiny_dir, capsys, tmp_path, kind) -> None:
    argument, named_file = _corrupt(tiny_dir, tmp_path, kind)
    out_json = tmp_path / "r.json"
    code, _out, err = _run(capsys, "compare", "--text", "the river bank", "--model", argument, "--json", str(out_json))
    assert code == 1
    _assert_one_clear_line(err)
    assert named_file in err
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert [m["name"] for m in data["models"]] == ["tiny-bert", "tiny-gpt2", "tiny-elmo"]
    assert len(data["errors"]) == 1 and named_file in data["errors"][0]["message"]


def test_unknown_registered_name(tiny_registry, capsys) -> None:
    code, _, err = _run(capsys, "compare", "--text", "x", "--models", "tiny-bert,nope")
    assert code == 2
    _assert_one_clear_line(err)
    assert "nope" in err


def test_hdf5_without_elmo_layout_is_named(tiny_registry, capsys, tmp_path, tiny_dir) -> None:
    folder = tmp_path / "not-elmo"
    folder.mkdir()
    (folder / "options.json").write_bytes((tiny_dir / "tiny-elmo" / "options.json").read_bytes())
    with h5py.File(folder / "weights.hdf5", "w") as f:
        f["something"] = [1, 2, 3]
    code, _, err = _run(capsys, "compare", "--text", "a b", "--models", "tiny-bert", "--model", f"elmo={folder}")
    assert code == 1 and "weights.hdf5" in err and "layout" in err


def test_main_entry_point_runs_models_and_compare(tiny_registry, tmp_path) -> None:
    """The real entry point in a fresh process, as a user would type it."""
    env = {**os.environ, "BGE_REGISTRY": str(tiny_registry)}
    models = run_main("models", env=env)
    assert models.returncode == 0 and "tiny-elmo" in models.stdout and "available" in models.stdout
    compare = run_main("compare", "--text", "我在银行存钱。I sat on the river bank.", env=env)
    assert compare.returncode == 0, compare.stderr
    assert compare.stdout.count("== tiny-") == 3 and "Traceback" not in compare.stderr


@pytest.mark.parametrize("probe", ["direction", "polysemy", "cka", "predict", "nsp"])
def test_probe_commands_write_json(tiny_registry, capsys, tmp_path, probe: str) -> None:
    out_json = tmp_path / f"{probe}.json"
    text = "I deposited cash at the bank. We had a picnic on the river bank."
    code, out, err = _run(capsys, "probe", probe, "--text", text, "--json", str(out_json))
    assert code == 0, err
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["probe"] == probe and data["errors"] == []
    results = data["results"]
    if probe == "direction":
        assert [r["model"] for r in results] == ["tiny-bert", "tiny-gpt2", "tiny-elmo"]
        elmo = results[2]
        assert elmo["words"][5] == "bank" and "forward" in elmo["layers"][1] and "backward" in elmo["layers"][1]
        assert all(len(layer["matrix"]) == 16 for layer in elmo["layers"])
    elif probe == "polysemy":
        assert {r["word"] for r in results} == {"bank"}
    elif probe == "cka":
        assert len(results[0]["labels"]) == 9 and len(results[0]["matrix"]) == 9
    elif probe == "predict":
        assert results[0]["word"] == "bank" and results[0]["guesses"][0]["context"] == "both sides"
        assert results[1]["guesses"][0]["context"] == "left only" and "no softmax" in results[2]["unavailable"]
    else:
        assert 0 < results[0]["probability"] < 1 and "unavailable" in results[1]
    assert "tiny-bert" in out


def test_probe_without_a_repeated_word_names_the_problem(tiny_registry, capsys) -> None:
    code, _, err = _run(capsys, "probe", "polysemy", "--text", "nothing repeats", "--models", "tiny-elmo")
    assert code == 1 and "occurs twice" in err and "Traceback" not in err


def test_json_into_a_missing_folder_fails_before_any_model_runs(tiny_registry, capsys, tmp_path, monkeypatch) -> None:
    import desktop.core.models

    loaded: list[str] = []
    monkeypatch.setattr(desktop.core.models, "load_adapter", lambda spec: loaded.append(spec.name))
    out_json = tmp_path / "missing" / "r.json"
    code, out, err = _run(capsys, "compare", "--text", "the river bank", "--json", str(out_json))
    assert code == 2 and out == "" and loaded == []
    _assert_one_clear_line(err)
    assert f"cannot write {out_json}: the folder {out_json.parent} does not exist" in err


def test_json_onto_a_folder_fails_before_any_model_runs(tiny_registry, capsys, tmp_path) -> None:
    code, out, err = _run(capsys, "probe", "cka", "--text", "the river bank", "--json", str(tmp_path))
    assert code == 2 and out == ""
    _assert_one_clear_line(err)
    assert "it is a folder" in err


def test_a_failed_json_write_keeps_the_previous_file(tiny_registry, capsys, tmp_path, monkeypatch) -> None:
    from desktop.cli import json_out

    out_json = tmp_path / "r.json"
    assert _run(capsys, "compare", "--text", "the river bank", "--models", "tiny-bert", "--json", str(out_json))[0] == 0
    good = out_json.read_text(encoding="utf-8")
    real_replaced = json_out.replaced

    class FullDisk:
        """Takes 100 characters, then the disk is full."""

        def __init__(self, f) -> None:
            self.f, self.room = f, 100

        def write(self, text: str) -> int:
            self.f.write(text[: self.room])
            if len(text) > self.room:
                raise OSError(28, "No space left on device")
            self.room -= len(text)
            return len(text)

    @contextmanager
    def half_then_full_disk(path, mode, **kwargs):
        with real_replaced(path, mode, **kwargs) as f:
            yield FullDisk(f)

    monkeypatch.setattr(json_out, "replaced", half_then_full_disk)
    code, out, err = _run(
        capsys, "compare", "--text", "a different text", "--models", "tiny-bert", "--json", str(out_json)
    )
    assert code == 2 and f"wrote {out_json}" not in out
    _assert_one_clear_line(err)
    assert f"cannot write {out_json}: No space left on device" in err
    assert out_json.read_text(encoding="utf-8") == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["models.toml", "r.json"]


def test_each_model_is_written_before_the_next_one_loads(tiny_registry, capsys, tmp_path, monkeypatch) -> None:
    """--json streams: a model's result is in the file and let go before the next model runs."""
    import desktop.core.models
    from desktop.cli import json_out

    events: list[str] = []
    real_load, real_model = desktop.core.models.load_adapter, json_out.JsonStream.model
    monkeypatch.setattr(desktop.core.models, "load_adapter", lambda spec: events.append("load") or real_load(spec))
    monkeypatch.setattr(json_out.JsonStream, "model", lambda self, r: events.append("write") or real_model(self, r))
    assert _run(capsys, "compare", "--text", "the river bank", "--json", str(tmp_path / "r.json"))[0] == 0
    assert events == ["load", "write"] * 3


@pytest.mark.parametrize(
    ("layers", "picked"),
    [("all", [0, 1, 2]), ("last", [2]), ("first,-1", [0, 2]), ("middle,0,middle", [0, 1])],
)
def test_json_holds_the_layers_asked_for(tiny_registry, capsys, tmp_path, layers: str, picked: list[int]) -> None:
    out_json = tmp_path / "r.json"
    argv = ["compare", "--text", "the river bank", "--models", "tiny-elmo", "--json", str(out_json)]
    assert _run(capsys, *argv, "--layers", layers)[0] == 0
    (elmo,) = json.loads(out_json.read_text(encoding="utf-8"))["models"]
    assert elmo["layer_indices"] == picked and len(elmo["layers"]) == len(picked)


def test_a_layer_a_model_lacks_is_a_note_and_a_bad_name_is_refused_first(tiny_registry, capsys, tmp_path) -> None:
    out_json = tmp_path / "r.json"
    argv = ["compare", "--text", "the river bank", "--models", "tiny-elmo", "--json", str(out_json)]
    assert _run(capsys, *argv, "--layers", "last,7")[0] == 0
    (elmo,) = json.loads(out_json.read_text(encoding="utf-8"))["models"]
    assert elmo["layer_indices"] == [2] and any("--layers 7: tiny-elmo has 3 layers" in n for n in elmo["notes"])
    code, out, err = _run(capsys, *argv, "--layers", "top")
    assert code == 2 and out == ""
    _assert_one_clear_line(err)


@pytest.mark.parametrize("precision", ["float16", "float32"])
def test_json_numbers_read_back_as_the_precision_asked_for(
    tiny_registry, adapters, capsys, tmp_path, precision: str
) -> None:
    text = "I deposited cash at the bank. We sat on the river bank."
    out_json = tmp_path / "r.json"
    argv = ["compare", "--text", text, "--models", "tiny-bert", "--json", str(out_json), "--layers", "all"]
    assert _run(capsys, *argv, "--precision", precision)[0] == 0
    (bert,) = json.loads(out_json.read_text(encoding="utf-8"))["models"]
    written = np.array(bert["layers"], dtype=np.float64).astype(precision)
    assert np.array_equal(written, adapters["encoder"].encode(text).layers.astype(precision))


def test_each_number_is_the_shortest_decimal_that_reads_back() -> None:
    from desktop.cli.json_out import shortest_decimals

    values = np.array([0.1, -0.0, 65504.0, 1e-7, 3.14159265, -2.5e-3], dtype=np.float32)
    assert [repr(v) for v in shortest_decimals(values, np.float16).tolist()] == [
        "0.1",
        "-0.0",
        "65500.0",
        "1e-07",
        "3.14",
        "-0.0025",
    ]
    rng = np.random.default_rng(0)
    many = (rng.standard_normal((64, 50)) * 10.0 ** rng.integers(-6, 4, (64, 50))).astype(np.float32)
    for dtype in (np.float16, np.float32):
        back = np.array(json.loads(json.dumps(shortest_decimals(many, dtype).tolist()))).astype(dtype)
        assert np.array_equal(back, many.astype(dtype))


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["prefetch", "gpt2"], "prefetch"),
        (["--debug", "prefetch", "gpt2"], "prefetch"),
        (["--threads", "2", "prefetch"], "prefetch"),
        (["--threads=2", "--debug", "prefetch"], "prefetch"),
        (["--thr", "2", "compare", "--text", "prefetch"], "compare"),
        (["--debug"], None),
        ([], None),
    ],
)
def test_the_command_is_found_after_global_options(argv: list[str], command: str | None) -> None:
    from desktop.cli.main import command_of

    assert command_of(argv) == command


def test_prefetch_after_global_options_is_not_made_offline(monkeypatch) -> None:
    from desktop.cli.main import prepare_environment

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    prepare_environment(["--debug", "prefetch", "gpt2"])
    assert "HF_HUB_OFFLINE" not in os.environ
    prepare_environment(["--debug", "compare", "--text", "x"])
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_train_after_global_options_reaches_the_trainer(monkeypatch) -> None:
    import desktop.training.run

    seen: list[list[str]] = []
    monkeypatch.setattr(desktop.training.run, "main", lambda argv: seen.append(argv) or 0)
    assert run(["--debug", "train", "--model", "bert"]) == 0
    assert seen == [["--model", "bert"]]


def _recorded_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An ELMo folder with SHA256SUMS: a.json whole, b.hdf5 damaged, c.hdf5 gone."""
    import hashlib

    folder = tmp_path / "elmo"
    folder.mkdir()
    monkeypatch.setenv("BGE_ELMO_DIR", str(folder))
    monkeypatch.setenv("BGE_DATA_DIR", str(tmp_path / "data"))
    (folder / "a.json").write_bytes(b"{}")
    (folder / "b.hdf5").write_bytes(b"cut")
    sums = {n: hashlib.sha256(b"{}" if n == "a.json" else b"whole").hexdigest() for n in ("a.json", "b.hdf5", "c.hdf5")}
    (folder / "SHA256SUMS").write_text("".join(f"{d}  {n}\n" for n, d in sums.items()))
    return folder


def test_prefetch_verify_names_each_file_ok_damaged_or_missing(capsys, tmp_path, monkeypatch) -> None:
    folder = _recorded_folder(tmp_path, monkeypatch)
    code, out, err = _run(capsys, "prefetch", "--verify")
    assert code == 1 and err == ""
    assert out.splitlines() == [
        f"ok       {folder / 'a.json'}",
        f"damaged  {folder / 'b.hdf5'}",
        f"missing  {folder / 'c.hdf5'}",
    ]
    (folder / "SHA256SUMS").write_text((folder / "SHA256SUMS").read_text().splitlines()[0] + "\n")
    code, out, _ = _run(capsys, "prefetch", "--verify")
    assert code == 0 and out == f"ok       {folder / 'a.json'}\n"


def test_prefetch_verify_takes_no_names(capsys, tmp_path, monkeypatch) -> None:
    _recorded_folder(tmp_path, monkeypatch)
    code, _, err = _run(capsys, "prefetch", "--verify", "gpt2")
    assert code == 2
    _assert_one_clear_line(err)


def test_compare_states_every_cap_on_a_long_text(tiny_registry, capsys, tmp_path) -> None:
    """A long text is measured in part in several places; each part is stated on screen and in the JSON."""
    from desktop.core.measure.influence import FUTURE_WINDOW
    from desktop.core.measure.probes import MAX_DIRECTION_WORDS

    text = " ".join(["We sat on the river bank."] * 12)  # 84 words
    out_json = tmp_path / "r.json"
    code, out, err = _run(capsys, "compare", "--text", text, "--models", "tiny-bert", "--json", str(out_json))
    assert code == 0, err
    (bert,) = json.loads(out_json.read_text(encoding="utf-8"))["models"]
    direction = f"direction probe: measured on the first {MAX_DIRECTION_WORDS} of 84 words"
    look_ahead = f"re-ran only the {FUTURE_WINDOW} words before it (of 82)"
    for stated in (direction, look_ahead):
        assert any(line.strip().startswith("note: ") and stated in line for line in out.splitlines())
        assert any(stated in note for note in bert["notes"])


def test_compare_makes_no_projection_it_would_not_print(tiny_registry, tiny_specs, capsys, monkeypatch) -> None:
    """compare prints and writes no projection, so it computes none (PCA of every layer and
    scikit-learn's import were 1.5 s of a 20,000-character run); the window's analysis still has one."""
    import desktop.core.analysis as analysis
    from desktop.core.models import load_adapter

    def refuse(*_args, **_kwargs):
        raise AssertionError("compare projected the words")

    monkeypatch.setattr(analysis, "project", refuse)
    text = "We sat on the bank. The bank was closed."
    code, out, err = _run(capsys, "compare", "--text", text, "--models", "tiny-bert")
    assert code == 0, err
    assert "== tiny-bert" in out and "projection" not in out
    with pytest.raises(AssertionError, match="projected"):
        analysis.analyse(load_adapter(tiny_specs["encoder"]), "We sat on the bank.")


def test_float16_rows_are_looked_up_as_the_same_json_text() -> None:
    """Every float16 value's text is formatted once; a layer written by looking it up is the same JSON."""
    from desktop.cli.json_out import float16_texts, json_rows, shortest_decimals

    every = np.arange(2**16, dtype=np.uint16).view(np.float16).astype(np.float32).reshape(256, 256)
    with np.errstate(invalid="ignore"):  # the infinities and NaNs
        expected = json.dumps(shortest_decimals(every, np.float16).tolist())[1:-1]
    assert json_rows(every, np.float16) == expected
    assert float16_texts()[np.float16(0.1).view(np.uint16)] == "0.1"
    rng = np.random.default_rng(1)
    rows = (rng.standard_normal((7, 33)) * 10.0 ** rng.integers(-8, 4, (7, 33))).astype(np.float32)
    for dtype in (np.float16, np.float32):
        assert json_rows(rows, dtype) == json.dumps(shortest_decimals(rows, dtype).tolist())[1:-1]


def test_evaluate_without_wordnet_says_how_to_get_it(tiny_registry, capsys, tmp_path) -> None:
    code, _out, err = _run(capsys, "evaluate", "--languages", "en", "--corpus-dir", str(tmp_path / "nowhere"))
    assert code == 2 and "en: skipped" in err and "apt-get install wordnet-base" in err
    assert "Traceback" not in err
