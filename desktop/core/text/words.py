"""One word segmentation shared by every model, so that WordPiece, BPE and ELMo results line up.

A word is a run of letters/digits (with inner apostrophes or hyphens: "don't", "well-known"),
a single CJK ideograph or kana (Chinese has no spaces; BERT's tokenizer splits CJK per
character too), or any other single visible symbol (punctuation, emoji). Whitespace and
control/format characters (NUL, zero-width joiners, direction marks) separate words and
belong to none.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

_CJK = (
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # compatibility ideographs
    "\U00020000-\U0002fa1f"  # extensions B-F, supplement
)
_WORD_CHAR = rf"[^\W_{_CJK}]"
_WORD_RE = re.compile(
    rf"{_WORD_CHAR}+(?:['’\-]{_WORD_CHAR}+)*"  # letters/digits with inner ' or -
    rf"|[{_CJK}]"  # one ideograph
    r"|\S"  # any other visible character on its own
)
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n+")


def _is_separator(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def split_words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Words of ``text`` and their ``[start, end)`` character spans."""
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _WORD_RE.finditer(text):
        if len(m.group()) == 1 and _is_separator(m.group()):
            continue
        words.append(m.group())
        spans.append(m.span())
    return words, spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences: split after . ! ? (and CJK 。！？) or at line breaks."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def token_word_ids(token_spans: list[tuple[int, int]], word_spans: list[tuple[int, int]]) -> list[int | None]:
    """Map each token to the word it overlaps most (None when it overlaps none, e.g. a space)."""
    starts = [s for s, _ in word_spans]
    out: list[int | None] = []
    for ts, te in token_spans:
        best, best_overlap = None, 0
        i = max(bisect.bisect_right(starts, ts) - 1, 0)
        while i < len(word_spans) and word_spans[i][0] < te:
            ws, we = word_spans[i]
            overlap = min(te, we) - max(ts, ws)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
            i += 1
        out.append(best)
    return out
