"""One word segmentation shared by every model, so that WordPiece, BPE and ELMo results line up.

A word is a run of letters/digits (with inner apostrophes or hyphens: "don't", "well-known"),
a Chinese word as jieba segments a run of CJK characters ("银行", "河岸" — Chinese has no spaces,
and one character is often not a word), or any other single visible symbol (punctuation,
emoji). Whitespace and control/format characters (NUL, zero-width joiners, direction marks)
separate words and belong to none. Sentences end after . ! ? followed by whitespace, after
。！？ with or without it (and any closing quote), and at line breaks.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path

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
    rf"|[{_CJK}]+"  # a run of ideographs/kana: segmented into words by jieba
    r"|\S"  # any other visible character on its own
)
_CJK_RUN = re.compile(rf"[{_CJK}]")
_CLOSERS = "”’」』）"
_SENTENCE_END = re.compile(rf"(?<=[.!?])\s+|(?<=[。！？])(?![{_CLOSERS}])\s*|(?<=[。！？][{_CLOSERS}])\s*|\n+")
_JIEBA_LOCK = threading.Lock()
# words jieba's own dictionary splits although a lesson needs them whole ("河岸" beside "银行")
USER_DICTIONARY = Path(__file__).resolve().parents[3] / "resources" / "text" / "jieba_user_dict.txt"


def is_cjk(char: str) -> bool:
    """A Chinese or Japanese character (the scripts jieba segments)."""
    return _CJK_RUN.match(char) is not None


@functools.cache
def _segmenter() -> Callable[[str], list[tuple[str, int, int]]]:
    """jieba's tokenizer, loaded once (its dictionary takes about half a second)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.load_userdict(str(USER_DICTIONARY))
    return lambda run: list(tokenizer.tokenize(run, HMM=True))


def _chinese_words(run: str, offset: int) -> list[tuple[str, tuple[int, int]]]:
    with _JIEBA_LOCK:  # one worker thread at a time: jieba's caches are not thread-safe
        pieces = _segmenter()(run)
    return [(word, (offset + start, offset + end)) for word, start, end in pieces]


def _is_separator(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def split_words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Words of ``text`` and their ``[start, end)`` character spans."""
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _WORD_RE.finditer(text):
        if len(m.group()) == 1 and _is_separator(m.group()):
            continue
        if _CJK_RUN.match(m.group()):
            for word, span in _chinese_words(m.group(), m.start()):
                words.append(word)
                spans.append(span)
        else:
            words.append(m.group())
            spans.append(m.span())
    return words, spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences (see the module's rule)."""
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
