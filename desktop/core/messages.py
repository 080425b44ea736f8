"""User-visible sentences from the core, as message ids with parameters.

The id is the English template (``str.format`` syntax, format specs allowed); the front ends
translate it through the Qt translation file and then fill in the parameters, so the core never
holds a second language and the CLI prints the English. ``scripts/build_translations.py`` finds
every ``msg("...")`` literal under desktop/core.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Msg:
    text: str  # the English template: also the translation key
    params: tuple[tuple[str, Any], ...] = ()

    def render(self, translate: Callable[[str], str] | None = None) -> str:
        """The sentence, each template (this one's and any nested message's) passed through
        ``translate`` first; without it, the English."""
        values = {k: v.render(translate) if isinstance(v, Msg) else v for k, v in self.params}
        return (translate(self.text) if translate else self.text).format(**values)

    def english(self) -> str:
        return self.render()

    def __str__(self) -> str:
        return self.english()


def msg(template: str, /, **params: Any) -> Msg:
    return Msg(template, tuple(params.items()))


_NUMBERED = re.compile(r"^(layer|LSTM) (\d+)$")
# the adapters' fixed layer names, written out so that the translation script finds them
_FIXED = {m.text: m for m in (msg("embeddings"), msg("char-CNN (static)"), msg("input token embeddings (no position)"))}


def layer_label(name: str) -> Msg:
    """A layer's display name: the core's layer names are English keys ("layer 3", "LSTM 1");
    a name this table does not know (a user's own model) is shown as it is."""
    found = _NUMBERED.match(name)
    if found is None:
        return _FIXED.get(name, Msg(name))
    template = {"layer": msg("layer {n}"), "LSTM": msg("LSTM {n}")}[found.group(1)].text
    return msg(template, n=int(found.group(2)))


def plain(text: str) -> Msg:
    """Text that is not a template (a library's error, a path): shown as it is, in any language."""
    return msg("{text}", text=text)


def joined(parts: list[Msg], separator: str = "; ") -> Msg:
    """Several messages as one, each translated on its own."""
    template = separator.join(f"{{part{i}}}" for i in range(len(parts)))
    return Msg(template, tuple((f"part{i}", part) for i, part in enumerate(parts)))
