"""The Claims tab's newer parts as pictures for docs/, in English (English text) and Chinese (Chinese
text): the NSP reference set (in the MLM + NSP record), the continuations scored by a third model (in
the generation record), the feature-based vs fine-tuning table after it has run, the senses marked
per use in the Compare tab's polysemy panel and the polysemy record they regroup. `main.py screenshot`
takes the window as it opens; these parts need a scroll, the table's button and the user's marks.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/claims_pictures.py --judge FOLDER [--out docs]
FOLDER: a second GPT-style model for the window (e.g. `main.py train --model gpt --seed 7 ...`):
the third model must be a decoder that wrote none of the compared texts, and the shipped mini-GPT
is the only one installed. Every model fine-tunes once (then its row comes from the disk cache).
The pictures in docs/ were made with the shipped bilingual minis and a judge trained by
`main.py train --model gpt --corpus bilingual --seed 7 --token-budget 800000 --threads 1` (4 min).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.core.claims.record import ClaimRecord  # noqa: E402
from desktop.core.encoding import Family  # noqa: E402
from desktop.core.store.registry import ModelSpec, load_registry  # noqa: E402
from desktop.qt.app import application, build_window  # noqa: E402
from desktop.qt.i18n import tr  # noqa: E402
from desktop.qt.main_window import MainWindow  # noqa: E402
from desktop.qt.paced import pacer  # noqa: E402
from desktop.qt.worker import wait_for_parked  # noqa: E402

MODELS = ("mini-bert", "mini-gpt", "mini-elmo")
TEXTS = {  # two sentences or more (NSP), one word in two senses (the marks)
    "en": (
        "I deposited cash at the bank. She works at the bank. We had a picnic on the river bank.",
        "bank",
        (1, 1, 2),
    ),
    "zh": ("春天公园里开满了花。我们花三天时间准备考试。", "花", (1, 2)),
}
SCORED = "perplexity of the greedy continuations under"


def wait(app: QApplication, done, timeout_s: float) -> bool:
    """Run the event loop until ``done()`` or the timeout; whether it came true."""
    end = time.monotonic() + timeout_s
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    return done()


def record(window: MainWindow, claim: str):
    return next((r for r in window.session.claims or [] if r.id == claim), None)


def scorable(generation: ClaimRecord, families: dict[str, Family]) -> bool:
    """Whether a third model can score the generation record: it compares a BERT's continuation with a
    GPT's, and a BERT that reads the text as unknown (mini-BERT on Chinese) wrote none to score."""
    measured = {families.get(name) for name in generation.measures}
    return Family.ENCODER in measured and Family.DECODER in measured


def scroll_table_to(app: QApplication, window: MainWindow, claim: str | None) -> None:
    """The claims table scrolled so that ``claim``'s record starts at its top (None: to its end)."""
    table = window.claims_tab.table
    bar = table.verticalScrollBar()
    if claim is None:
        bar.setValue(bar.maximum())
        app.processEvents()
        return
    table.moveCursor(table.textCursor().MoveOperation.Start)
    table.find(tr(record(window, claim).spec.claim))
    cursor = table.textCursor()
    cursor.setPosition(cursor.selectionStart())  # the claim's first line, not its last
    top = table.cursorRect(cursor).top()
    table.setTextCursor(cursor)
    bar.setValue(bar.value() + top - 24)  # the record's cell border and padding too
    app.processEvents()


def save(widget: QWidget, path: Path) -> None:
    """256 colours without dithering: the text stays as sharp, the file is a fifth of the size."""
    flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
    widget.grab().toImage().convertToFormat(QImage.Format.Format_Indexed8, flags).save(str(path), "PNG")
    print(f"wrote {path} ({path.stat().st_size // 1024} KB)")


def pictures(app: QApplication, specs: list[ModelSpec], language: str, out: Path) -> None:
    text, word, marks = TEXTS[language]
    with tempfile.TemporaryDirectory(prefix="bge-pictures-") as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = build_window(specs, language, settings)
        window.resize(1400, 1500)  # the claims table keeps room for three records beside the fine-tuning table
        window.text.setPlainText(text)
        window.show()
        window.start()
        window.run_now()
        generation = lambda: record(window, "bert-not-generative")  # noqa: E731
        assert wait(app, lambda: window.session.finished, 900), "the claims did not come in"
        if scorable(generation(), {s.name: s.family for s in specs}):
            assert wait(app, lambda: SCORED in generation().reason.english(), 120), generation().reason.english()
        print(f"{language} generation record: {generation().reason.english()}")
        window.controller.set_senses(word, marks)
        window.controller.finetune.request()
        states = window.session.models.values()
        assert wait(app, lambda: all(s.finetune is not None for s in states if not s.load_failed), 1800)
        wait(app, lambda: False, 1)  # the verdicts judged again with the marks
        window.tabs.setCurrentWidget(window.claims_tab)
        records = ((None, "nsp-continuations"), ("polysemy", "senses"))  # NSP and generation: the last three
        for claim, name in records:
            scroll_table_to(app, window, claim)
            save(window.claims_tab.table, out / f"screenshot-claims-{name}-{language}.png")
        save(window.claims_tab.finetune, out / f"screenshot-claims-finetune-{language}.png")
        window.tabs.setCurrentWidget(window.compare)
        app.processEvents()
        pacer().flush()  # the plots still waiting for their turn
        save(window.compare.probes.polysemy_box, out / f"screenshot-sense-marks-{language}.png")
        window.close()
        wait_for_parked()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judge", type=Path, required=True, help="a second GPT-style model folder")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--lang", choices=("en", "zh"), nargs="*", default=["en", "zh"])
    args = parser.parse_args()
    registry = {s.name: s for s in load_registry()}
    specs = [registry[name] for name in MODELS] + [ModelSpec(args.judge.name, Family.DECODER, path=args.judge)]
    app = application()
    for language in args.lang:
        pictures(app, specs, language, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
