"""Senses the user marks: which meaning each use of a repeated word has, when no cue word says.

A mark is a sense number per use of the word, in the order the uses appear (``None``: not
marked). The window's polysemy panel sets them and keeps them in the session (and in session
files); the CLI reads them as ``--senses "bank=1,1,2"``. They override the shipped cue words'
senses when the polysemy claim is judged (``polysemy.mark_senses``).
"""

from __future__ import annotations

from desktop.core.claims.record import Measure
from desktop.core.measure.probes import MAX_USES, uses
from desktop.core.messages import Msg, msg
from desktop.core.models.base import InputError
from desktop.core.text.words import split_words

Marks = dict[str, tuple[int | None, ...]]  # word (lower case) -> sense number per use
UNMARKED = "?"
MAX_SENSES = 9


def parse_senses(spec: str, text: str) -> tuple[str, tuple[int | None, ...]]:
    """``WORD=S,S,...``: one sense number (1-9) per use of WORD in ``text``, ``?`` for a use left
    unmarked. Raises ``InputError`` saying what is wrong and what would be right."""
    word, sep, listed = spec.partition("=")
    word = word.strip()
    example = msg("for example {example}", example="bank=1,1,2")
    if not sep or not word:
        raise InputError(msg("--senses takes WORD=SENSES ({example}), not '{spec}'", example=example, spec=spec))
    count = len(uses(split_words(text)[0], word))
    if count < 2:
        raise InputError(msg("--senses: '{word}' is not used twice in the text", word=word))
    items = [item.strip() for item in listed.split(",")]
    if len(items) != count:
        raise InputError(
            msg(
                "--senses: '{word}' is used {count} times in the text; give {count} senses, one per use in order "
                "('?' for a use you leave unmarked), not {given}",
                word=word,
                count=count,
                given=len(items),
            )
        )
    bad = [item for item in items if item != UNMARKED and not (item.isdigit() and 1 <= int(item) <= MAX_SENSES)]
    if bad:
        raise InputError(
            msg("--senses: a sense is a number from 1 to {top} or '?', not '{bad}'", top=MAX_SENSES, bad=bad[0])
        )
    return word.lower(), tuple(None if item == UNMARKED else int(item) for item in items)


def applicable(marks: Marks, measured: Measure) -> tuple[int | None, ...] | Msg | None:
    """The marks for the measured word (cut to the uses it compares), a reason they cannot apply
    (their count no longer matches the text's uses), or None when that word has no marks."""
    found = marks.get(str(measured.values["word"]).lower())
    if found is None or all(sense is None for sense in found):
        return None
    compared = measured.values["uses"]
    if len(found) == compared or (compared == MAX_USES and len(found) > compared):
        return found[:compared]
    return msg(
        "your senses for '{word}' mark {marked} uses, the text has {uses}: not used",
        word=measured.values["word"],
        marked=len(found),
        uses=compared,
    )
