"""The teacher's handout: one self-contained HTML file of the current text — the text, each view's
pictures, the article's claims with their verdicts and numbers.

The window renders the pictures (PNG bytes) and hands them over with the claim records; this module
only assembles the document, so that it needs no Qt and every string it writes is escaped here.
Pictures are embedded as base64 data URIs: the file references nothing outside itself and can be
mailed or opened from a USB stick. Headings are ``Msg`` templates rendered with the caller's
``translate`` (the window's current language).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from desktop.core.claims import ClaimRecord, Verdict
from desktop.core.measure.probes import to_jsonable
from desktop.core.messages import Msg, msg

Translate = Callable[[str], str]

VERDICTS = {
    Verdict.SHOWN: (msg("shown"), "#1b7f3b"),
    Verdict.NOT_SHOWN: (msg("not shown on this text"), "#888888"),
    Verdict.CONTRADICTED: (msg("contradicted"), "#b03a2e"),
}
STYLE = """
body { font-family: "Noto Sans CJK SC", "Noto Sans", "Segoe UI", sans-serif; margin: 2em auto; max-width: 1100px;
       color: #222; line-height: 1.45; }
pre.text { white-space: pre-wrap; background: #f6f6f6; border: 1px solid #ddd; padding: 0.8em; font-size: 1.05em; }
figure { display: inline-block; vertical-align: top; margin: 0.5em 1em 1em 0; }
figure img { max-width: 100%; border: 1px solid #ddd; }
figcaption { font-size: 0.9em; color: #444; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
td, th { border: 1px solid #ccc; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
.note { color: #7b241c; background: #fdecea; padding: 0.5em; border: 1px solid #e6b0aa; }
.id { color: #888; font-size: 0.85em; }
details pre { white-space: pre-wrap; word-break: break-all; font-size: 0.8em; max-height: 20em; overflow: auto; }
"""


@dataclass(frozen=True)
class Figure:
    """One rendered view: its caption (already in the user's language) and a PNG."""

    caption: str
    png: bytes


@dataclass(frozen=True)
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    title: str
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # plain-text paragraphs


def build_report(
    text: str,
    sections: list[Section],
    records: list[ClaimRecord],
    translate: Translate,
    language: str = "en",
    complete: bool = True,
) -> str:
    """The whole HTML document; ``complete=False`` says so at the top (results still coming)."""
    t = _translator(translate)
    title = t(msg("BERT · GPT · ELMo — report on your text"))
    parts = [
        f"<!DOCTYPE html>\n<html lang='{'zh-CN' if language == 'zh' else escape(language)}'><head>",
        f"<meta charset='utf-8'><title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p class='id'>{escape(t(msg('Made on {when}', when=datetime.now().strftime('%Y-%m-%d %H:%M'))))}</p>",
    ]
    if not complete:
        note = msg("Some results were still being computed when this report was made: it shows what was there.")
        parts.append(f"<p class='note'>{escape(t(note))}</p>")
    parts += [f"<h2>{escape(t(msg('The text')))}</h2>", f"<pre class='text'>{escape(text)}</pre>"]
    parts += [_section(s) for s in sections]
    parts.append(_claims(records, translate))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _translator(translate: Translate) -> Callable[[Msg], str]:
    return lambda message: message.render(translate)


def _section(section: Section) -> str:
    parts = [f"<h2>{escape(section.title)}</h2>"]
    parts += [_figure(f) for f in section.figures]
    parts += [_table(table) for table in section.tables]
    parts += [f"<p>{escape(note)}</p>" for note in section.notes]
    return "\n".join(parts)


def _figure(figure: Figure) -> str:
    data = base64.b64encode(figure.png).decode("ascii")
    caption = escape(figure.caption)
    return (
        f"<figure><img src='data:image/png;base64,{data}' alt='{caption}'><figcaption>{caption}</figcaption></figure>"
    )


def _table(table: Table) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in table.header)
    rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in table.rows)
    return f"<table><caption>{escape(table.caption)}</caption><tr>{head}</tr>{rows}</table>"


def _claims(records: list[ClaimRecord], translate: Translate) -> str:
    t = _translator(translate)
    heading = "<h2>" + escape(t(msg("The article's claims on this text"))) + "</h2>"
    if not records:
        return heading + "<p>" + escape(t(msg("The claims are measured after every model's probes."))) + "</p>"
    head = "".join(f"<th>{escape(t(h))}</th>" for h in (msg("claim"), msg("verdict"), msg("evidence")))
    return heading + f"<table><tr>{head}</tr>" + "".join(_claim_row(r, translate) for r in records) + "</table>"


def _claim_row(record: ClaimRecord, translate: Translate) -> str:
    t = _translator(translate)
    label, colour = VERDICTS[record.verdict]
    models = "".join(f"<br>▸ <b>{escape(name)}</b>: {escape(t(m.summary))}" for name, m in record.measures.items())
    missing = "".join(f"<br>▸ {escape(name)}: {escape(t(why))}" for name, why in record.missing.items())
    values = {name: to_jsonable(m.values) for name, m in record.measures.items()}
    numbers = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return (
        f"<tr id='claim-{escape(record.id)}'><td><b>{escape(translate(record.spec.claim))}</b><br>"
        f"<small>{escape(translate(record.spec.method))}</small><br><span class='id'>{escape(record.id)}</span></td>"
        f"<td><b style='color:{colour}'>{escape(t(label))}</b></td>"
        f"<td>{escape(t(record.reason))}{models}{missing}"
        f"<details><summary>{escape(t(msg('numbers')))}</summary><pre>{escape(numbers)}</pre></details></td></tr>"
    )
