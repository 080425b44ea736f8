"""Tokens as a reader can read them, and which of them a model cannot read.

A byte-level BPE (GPT-2, RoBERTa) stores each piece as bytes spelled with stand-in characters
("Ġbank", and "æĪĳ" for 我). Shown as they are, the pieces of a character it never learned whole
are mojibake ("æ Ī ĳ"), and decoded alone they are "�". Here the pieces are decoded together,
so that each byte is known to belong to its character.
"""

from __future__ import annotations

import codecs
from typing import Any

from tokenizers import decoders
from transformers.convert_slow_tokenizer import bytes_to_unicode

from desktop.core.encoding import Unknown
from desktop.core.messages import msg

UNK_TOKENS = msg("unknown to its vocabulary ([UNK])")
BYTE_PIECES = msg("bytes its tokenizer could not join into a character (its training text had few or none of them)")
UNSEEN_CHARACTERS = msg(
    "words with characters that none of its vocabulary's words holds (its training text had few or none of them)"
)
_BYTE_OF = {ch: byte for byte, ch in bytes_to_unicode().items()}
# the share of a character's UTF-8 bytes that one piece holds (a character has at most 4 bytes)
_FRACTIONS = {(1, 2): "½", (1, 3): "⅓", (2, 3): "⅔", (1, 4): "¼", (2, 4): "½", (3, 4): "¾"}
_VISIBLE = {" ": "␣", "\n": "↵", "\t": "⇥", "\r": "␍"}


def is_byte_level(tokenizer: Any) -> bool:
    """Whether a fast tokenizer's pieces are GPT-2-style bytes (its decoder says so)."""
    return isinstance(getattr(getattr(tokenizer, "backend_tokenizer", None), "decoder", None), decoders.ByteLevel)


def visible(text: str) -> str:
    """Whitespace and control characters drawn as signs: a byte-level piece carries the space
    before its word (" bank" and "bank" are different tokens), so the space must show."""
    return "".join(_VISIBLE.get(ch) or (ch if ch.isprintable() else ascii(ch)[1:-1]) for ch in text)


def piece_bytes(piece: str) -> bytes:
    """The bytes a byte-level piece stands for (an added token such as <|endoftext|> as its UTF-8)."""
    return b"".join(bytes([_BYTE_OF[ch]]) if ch in _BYTE_OF else ch.encode("utf-8") for ch in piece)


def byte_level_labels(pieces: list[str]) -> list[str]:
    """Each piece as the characters it holds.

    A piece holding part of a character shows that character followed by the share of its bytes
    the piece holds: "银⅓" then "银⅔" for 银's three bytes cut after the first. The character
    itself says what was cut, the fraction that it was cut and how much of it this piece has,
    in one extra sign that Chinese text never uses (unlike "…", which it does), so a heatmap's
    tick label stays short.
    """
    data = [piece_bytes(p) for p in pieces]
    owner = [t for t, d in enumerate(data) for _ in d]  # the piece each byte of the stream is in
    parts: list[list[str]] = [[] for _ in pieces]
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    start = 0
    stream = b"".join(data)
    for end in range(1, len(stream) + 1):
        chars = decoder.decode(stream[end - 1 : end], final=end == len(stream))
        if not chars:
            continue
        holders = owner[start:end]
        for t in dict.fromkeys(holders):
            share = holders.count(t)
            whole = share == len(holders)
            fraction = _FRACTIONS.get((share, len(holders)), f"{share}/{len(holders)}")
            parts[t].append(visible(chars) if whole else chars + fraction)
        start = end
    return ["".join(p) for p in parts]


def lone_bytes(pieces: list[str]) -> list[int]:
    """Byte-level BPE: the pieces that are one byte of a longer character.

    Such a byte is one no merge ever joined to its neighbours, because the tokenizer's training
    text held too little of the character: the model's vector for it says next to nothing. A
    merged piece that cuts a character is not counted: in a script it has seen, BPE merges bytes
    across character boundaries ("我在银⅔" then "银⅓行"), and such pieces were learned.
    """
    return [t for t, p in enumerate(pieces) if len(b := piece_bytes(p)) == 1 and b[0] >= 0x80]


def unk_tokens(ids: list[int], unk_id: int | None) -> Unknown:
    """WordPiece and Unigram: the tokens the tokenizer replaced by its unknown token."""
    return Unknown([i for i, t in enumerate(ids) if unk_id is not None and t == unk_id], UNK_TOKENS)


def unseen_character_words(words: list[str], vocabulary: list[str]) -> Unknown:
    """ELMo: the words holding a character that no word of its output vocabulary holds.

    ELMo reads any word through its character CNN, so no word is unknown to its input; but the
    vocabulary is its training text's frequent words, so a character none of them holds is one
    the CNN hardly ever saw, and a word made of such characters (a whole script it never saw)
    gives vectors that mean little. A rare English word is not counted: its letters are known.
    """
    seen = set("".join(vocabulary))
    return Unknown([i for i, w in enumerate(words) if not set(w) <= seen], UNSEEN_CHARACTERS)
