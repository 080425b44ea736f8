"""The window in Chinese on every example text: no English words reach the user outside model
names, the text's own tokens and words, numbers and the article's technical terms."""

from __future__ import annotations

import html
import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QTableWidget, QTabWidget, QTextBrowser

from desktop.core.encoding import Family
from desktop.core.store.examples import load_examples
from desktop.core.store.registry import ModelSpec
from desktop.qt.main_window import MainWindow

# terms the Chinese article itself writes in Latin letters, and the program's own names
TERMS_TEXT = """BERT GPT ELMo LSTM CNN MLM NSP Transformer Encoder Decoder Word2Vec word2vec softmax CKA Pearson
PNG JSON CSV Ctrl Enter MASK ms GFLOPs BERT-base BERT-large look-ahead mask padding token embedding biLSTM WordPiece
BPE NaN English txt PCA UMAP umap-learn SVG CPU GPU CUDA WordNet top-1 top-5"""
TERMS = set(TERMS_TEXT.split())
TERMS |= {"context", "before"}  # the article's own "（context before）"
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*[A-Za-z0-9]")


def visible_texts(window: MainWindow) -> list[str]:
    texts = [window.windowTitle()]
    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window):
            texts.append(label.text())
    texts += [b.text() for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window)]
    texts += [g.title() for g in window.findChildren(QGroupBox)]
    texts += [b.toPlainText() for b in window.findChildren(QTextBrowser) if b.isVisibleTo(window)]  # drawn when shown
    for tabs in window.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    for box in window.findChildren(QComboBox):
        if box is not window.language_box:
            texts += [box.itemText(i) for i in range(box.count())]
    for table in window.findChildren(QTableWidget):
        texts += [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        texts += [
            table.item(r, c).text()
            for r in range(table.rowCount())
            for c in range(table.columnCount())
            if table.item(r, c) is not None and not table.isRowHidden(r)
        ]
    return texts


def allowed(window: MainWindow) -> set[str]:
    """Names, the user's own text and what the models made of it, numbers, file paths."""
    words = set(TERMS)
    for example in load_examples().values():  # the example menu quotes its words ("bank")
        words |= set(WORD.findall(example.text))
    for spec in window.specs:
        words |= set(WORD.findall(spec.name + " " + spec.display))
    for result in window.session.results().values():
        enc = result.analysis.encoding
        words |= {w for t in enc.tokens + enc.labels + enc.words for w in WORD.findall(t)}
        pred = result.analysis.own.continuation
        if hasattr(pred, "text"):
            words |= {w for t in [pred.text, *pred.next_token.tokens] for w in WORD.findall(t)}
    for record in window.session.claims or []:  # what the models wrote when asked to continue the text
        for measure in record.measures.values():
            written = [measure.values.get("continuation", ""), measure.values.get("sampled", {}).get("text", "")]
            words |= {w for t in written for w in WORD.findall(str(t))}
    for state in window.session.models.values():
        for answer in state.answers.values():
            for guess in getattr(answer, "guesses", []):
                words |= {w for t in guess.prediction.tokens for w in WORD.findall(t)}
    return words


@pytest.fixture
def window_specs(tiny_specs: dict[str, ModelSpec], tmp_path) -> list[ModelSpec]:
    """The tiny models and a missing one, without the shared fixture's English hint."""
    missing = ModelSpec("broken", Family.DECODER, path=tmp_path / "no-such-model")
    return [tiny_specs["encoder"], tiny_specs["decoder"], tiny_specs["elmo"], missing]


@pytest.mark.parametrize("example", sorted(load_examples()))
def test_no_english_in_the_chinese_window(qtbot, window: MainWindow, example: str) -> None:
    window.language_box.setCurrentIndex(window.language_box.findData("zh"))
    qtbot.waitUntil(lambda: window.run_button.text() == "运行（Ctrl+Enter）", timeout=5000)
    with qtbot.waitSignal(window.probes_done, timeout=240_000):  # the first text runs the reference probe
        window.text.setPlainText(load_examples()[example].text)
        window.run_now()
    english: set[str] = set()
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        qtbot.wait(50)
        texts = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", t)) for t in visible_texts(window))
        texts = re.sub(r"/[\w./-]+", " ", texts)  # file paths are shown as they are
        texts = re.sub(r"`[^`]*`", " ", texts)  # so are commands to type
        english |= set(WORD.findall(texts)) - allowed(window)
    assert not english, " ".join(sorted(english))
