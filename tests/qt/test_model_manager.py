"""Which models get tabs, the model manager, and loading progress, with tiny models only: the
registry is a temporary file (BGE_REGISTRY) and the user data folder a temporary one
(BGE_DATA_DIR), so the real ones are never read or written."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog
from windows import close_and_delete

from desktop.core.models import load_adapter
from desktop.core.models import progress as load_progress
from desktop.core.models.progress import read_ahead
from desktop.core.session import RunState
from desktop.core.store.bundle import write_bundle
from desktop.core.store.registry import load_registry, resolve
from desktop.qt.main_window import MainWindow
from desktop.qt.model_manager import ModelManager
from desktop.qt.tab_choice import remember_tabs

TEXT = "We sat on the river bank."
WAIT_MS = 60_000
MISSING = (
    '[[model]]\nname = "far-away"\nfamily = "decoder"\nhf_repos = ["nobody/not-in-any-cache"]\n'
    'get = "Copy it from the workshop USB stick."\n\n'
)


@pytest.fixture
def registry(tiny_registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tiny models, one model that is not on this machine, and an empty user data folder."""
    monkeypatch.setenv("BGE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    with tiny_registry.open("a", encoding="utf-8") as f:
        f.write(MISSING)
    return tiny_registry


@pytest.fixture
def windows(qtbot) -> Iterator[list[MainWindow]]:
    """Every window a test builds; each is closed at the end and must leave no thread running."""
    built: list[MainWindow] = []
    yield built
    for win in built:
        close_and_delete(win)


def _open(qtbot, windows: list[MainWindow], settings: QSettings, start: bool = True) -> MainWindow:
    from desktop.qt.app import build_window

    win = build_window(load_registry(), "en", settings, choose_tabs=True)
    windows.append(win)  # closed by the fixture (qtbot would close a replaced window twice)
    win.show()
    if start:
        win.start()
    return win


def _replace(qtbot, windows: list[MainWindow], win: MainWindow, names: list[str]) -> MainWindow:
    """Apply a tab choice; the old window's workers must have stopped when it returns."""
    new = win.apply_tab_models(names)
    if new is not win:
        assert not win.controller.threads_running(), "the replaced window left threads running"
        windows.remove(win)
        windows.append(new)
    return new


def test_models_not_installed_get_no_tab_and_the_manager_says_what_is_missing(
    qtbot, registry: Path, windows: list, settings: QSettings
) -> None:
    win = _open(qtbot, windows, settings, start=False)
    assert win.tab_models() == ["tiny-bert", "tiny-gpt2", "tiny-elmo"]
    assert "far-away" not in win.state_labels and win.statusBar().currentMessage() == ""
    assert "Model manager…" in [a.text() for a in win.menus["models"].actions()]
    dialog = ModelManager(win)
    rows = {r.spec.name: i for i, r in enumerate(dialog.rows)}
    assert set(rows) == {"tiny-bert", "tiny-gpt2", "tiny-elmo", "far-away"}
    far = rows["far-away"]
    assert dialog.table.item(far, 3).text() == "not installed"
    details = dialog.table.item(far, 5).text()
    assert "nobody/not-in-any-cache" in details and "Copy it from the workshop USB stick." in details
    assert not dialog.table.item(far, 0).flags() & Qt.ItemFlag.ItemIsEnabled, "it cannot be ticked"
    assert dialog.table.item(rows["tiny-bert"], 0).checkState() == Qt.CheckState.Checked
    assert dialog.table.item(rows["tiny-bert"], 4).text().endswith("MB")
    assert dialog.chosen_tabs() == ["tiny-bert", "tiny-gpt2", "tiny-elmo"] and not dialog.touched


def test_an_installed_model_that_fails_to_load_keeps_its_error_page(
    qtbot, registry: Path, windows: list, settings: QSettings, tiny_dir: Path, tmp_path: Path
) -> None:
    damaged = tmp_path / "damaged-gpt2"
    shutil.copytree(tiny_dir / "tiny-gpt2", damaged)
    (damaged / "model.safetensors").write_bytes(b"not a safetensors file")
    with registry.open("a", encoding="utf-8") as f:
        f.write(f'[[model]]\nname = "damaged"\nfamily = "decoder"\npath = "{damaged.as_posix()}"\n')
    win = _open(qtbot, windows, settings)
    assert "damaged" in win.tab_models(), "it is installed: it gets a tab"
    tab = win.model_tabs["damaged"]
    qtbot.waitUntil(lambda: win.session.models["damaged"].load_failed, timeout=WAIT_MS)
    win.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.stack.currentIndex() == 1, timeout=5000)
    assert "model.safetensors" in tab.error_label.text()
    assert "error" in win.state_labels["damaged"].text()


def test_a_model_added_from_a_folder_gets_a_tab_and_runs(
    qtbot, registry: Path, windows: list, settings: QSettings, tiny_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "my-bert"
    shutil.copytree(tiny_dir / "tiny-bert", folder)
    win = _open(qtbot, windows, settings)
    win.text.setPlainText(TEXT)
    dialog = ModelManager(win)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    with qtbot.waitSignal(dialog.task_finished, timeout=WAIT_MS):
        dialog.add_button.click()  # detected and registered on a thread
    row = next(i for i, r in enumerate(dialog.rows) if r.spec.name == "my-bert")
    assert dialog.rows[row].spec.user_added and "added by you" in dialog.table.item(row, 1).text()
    assert "encoder" in dialog.table.item(row, 2).text() and dialog.touched
    dialog.table.selectRow(row)
    assert dialog.remove_button.isEnabled(), "a model the user added can be removed"
    dialog.table.selectRow(0)
    assert not dialog.remove_button.isEnabled(), "a shipped one cannot"
    new = _replace(qtbot, windows, win, dialog.chosen_tabs())
    assert new is not win and new.tab_models() == ["tiny-bert", "tiny-gpt2", "tiny-elmo", "my-bert"]
    assert new.text.toPlainText() == TEXT and new.language.language == "en"
    qtbot.waitUntil(lambda: new.session.models["my-bert"].result is not None, timeout=WAIT_MS)
    assert new.session.models["my-bert"].result.analysis.encoding.text == TEXT


def test_the_tab_choice_is_remembered_and_a_model_gone_is_skipped_with_a_message(
    qtbot, registry: Path, windows: list, settings: QSettings, tiny_dir: Path, tmp_path: Path
) -> None:
    win = _open(qtbot, windows, settings)
    win.text.setPlainText(TEXT)
    win.tabs.setCurrentWidget(win.compare)
    new = _replace(qtbot, windows, win, ["tiny-gpt2", "tiny-elmo"])
    assert new.tab_models() == ["tiny-gpt2", "tiny-elmo"] and new.tabs.currentWidget() is new.compare
    assert new.apply_tab_models(["tiny-gpt2", "tiny-elmo"]) is new, "the same choice changes nothing"
    again = _open(qtbot, windows, settings, start=False)
    assert again.tab_models() == ["tiny-gpt2", "tiny-elmo"]
    # a chosen model whose files are gone: skipped, with one message naming it
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace((tiny_dir / "tiny-elmo").as_posix(), (tmp_path / "gone").as_posix()))
    assert not resolve(next(s for s in load_registry() if s.name == "tiny-elmo")).available
    later = _open(qtbot, windows, settings, start=False)
    assert later.tab_models() == ["tiny-gpt2"]
    assert "tiny-elmo" in later.statusBar().currentMessage()
    remember_tabs(settings, [])  # nothing chosen: no model tab, and the status bar says where to choose
    empty = _open(qtbot, windows, settings, start=False)
    assert empty.tab_models() == [] and "Model manager" in empty.statusBar().currentMessage()


def test_loading_progress_reaches_100_percent(qtbot, registry: Path, windows: list, settings: QSettings) -> None:
    win = _open(qtbot, windows, settings, start=False)
    labels: list[str] = []
    fractions: list[float] = []

    def seen(change) -> None:
        if change.model == "tiny-elmo" and change.part in ("status", "loading"):
            labels.append(win.state_labels["tiny-elmo"].text())
            fractions.append(win.session.models["tiny-elmo"].load_progress or 0.0)

    win.controller.changed.connect(seen)
    win.start()
    qtbot.waitUntil(lambda: win.session.models["tiny-elmo"].state is RunState.WAITING, timeout=WAIT_MS)
    assert "tiny-elmo: loading 100 %" in labels and fractions == sorted(fractions) and fractions[-1] == 1.0
    assert labels[-1] == "tiny-elmo: ready"


def test_read_ahead_counts_every_byte_of_the_weights(tiny_specs: dict, monkeypatch) -> None:
    monkeypatch.setattr(load_progress, "CHUNK_BYTES", 4096)
    res = resolve(tiny_specs["elmo"])
    files = load_progress.weight_files(res)
    assert res.weights in files
    steps = list(read_ahead(files))
    total = sum(p.stat().st_size for p in files)
    assert steps[-1].done == steps[-1].total == total and steps[-1].fraction == 1.0
    assert [s.done for s in steps] == sorted(s.done for s in steps) and len(steps) <= 101
    calls: list[tuple[int, int]] = []
    adapter = load_adapter(tiny_specs["encoder"], progress=lambda done, total: calls.append((done, total)))
    size = (tiny_specs["encoder"].path / "model.safetensors").stat().st_size
    assert adapter.name == "tiny-bert" and calls[-1] == (size, size)


def test_a_bundle_installs_with_its_progress_bar(
    qtbot, registry: Path, windows: list, settings: QSettings, tiny_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    from desktop.core.store.user_models import add_model_folder, remove_model

    folder = tmp_path / "packed-gpt"
    shutil.copytree(tiny_dir / "tiny-gpt2", folder)
    bundle = tmp_path / "models.zip"
    write_bundle(bundle, [add_model_folder(folder)])
    remove_model("packed-gpt")
    win = _open(qtbot, windows, settings, start=False)
    dialog = ModelManager(win)
    values: list[int] = []
    dialog.progress.valueChanged.connect(values.append)
    with qtbot.waitSignal(dialog.task_finished, timeout=WAIT_MS):
        dialog.install_from(bundle)
    assert values and values[-1] == dialog.progress.maximum()
    row = next(r for r in dialog.rows if r.spec.name == "packed-gpt")
    assert row.resolved.available and "packed-gpt" in dialog.chosen_tabs()
    assert "packed-gpt" in dialog.result.text()


def test_unticking_a_model_in_the_menu_dialog_removes_its_tab(
    qtbot, registry: Path, windows: list, settings: QSettings, monkeypatch
) -> None:
    from desktop.qt import app, model_manager

    def untick_elmo(dialog: ModelManager) -> int:
        row = next(i for i, r in enumerate(dialog.rows) if r.spec.name == "tiny-elmo")
        dialog.table.item(row, 0).setCheckState(Qt.CheckState.Unchecked)
        return 1

    monkeypatch.setattr(ModelManager, "exec", untick_elmo)
    win = _open(qtbot, windows, settings)
    next(a for a in win.menus["models"].actions() if a.objectName() == "model-manager").trigger()
    new = win.replaced_by
    assert new is not None and new in app._replacements and new.tab_models() == ["tiny-bert", "tiny-gpt2"]
    assert not win.controller.threads_running()
    windows.remove(win)
    windows.append(new)
    assert model_manager.open_model_manager(new) is new, "closing without a change keeps the window"


def test_a_folder_that_is_no_model_is_refused_and_an_added_one_can_be_removed(
    qtbot, registry: Path, windows: list, settings: QSettings, tiny_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "readme.txt").write_text("not a model", encoding="utf-8")
    win = _open(qtbot, windows, settings, start=False)
    dialog = ModelManager(win)
    with qtbot.waitSignal(dialog.task_finished, timeout=WAIT_MS):
        dialog.add_folder(notes)
    assert warnings and "is not a model folder" in warnings[0] and not dialog.touched
    assert "notes" not in [r.spec.name for r in dialog.rows]
    folder = tmp_path / "my-elmo"
    shutil.copytree(tiny_dir / "tiny-elmo", folder)
    with qtbot.waitSignal(dialog.task_finished, timeout=WAIT_MS):
        dialog.add_folder(folder)
    assert "my-elmo" in dialog.chosen_tabs()
    assert dialog.remove("my-elmo") and "my-elmo" not in [r.spec.name for r in dialog.rows]
    assert folder.is_dir(), "removing forgets the model; its files stay"
    assert not dialog.remove("tiny-bert") and "comes with the program" in warnings[-1]


def test_an_entry_with_tab_false_is_installed_but_no_tab_until_ticked(
    qtbot, tiny_registry: Path, tiny_dir: Path, windows: list, settings: QSettings
) -> None:
    with tiny_registry.open("a", encoding="utf-8") as f:  # as MiniLM: on the machine, left out by default
        f.write(f'[[model]]\nname = "quiet"\nfamily = "encoder"\npath = "{(tiny_dir / "tiny-bert").as_posix()}"\n')
        f.write("tab = false\n")
    win = _open(qtbot, windows, settings, start=False)
    assert win.tab_models() == ["tiny-bert", "tiny-gpt2", "tiny-elmo"]
    dialog = ModelManager(win)
    row = next(i for i, r in enumerate(dialog.rows) if r.spec.name == "quiet")
    assert dialog.table.item(row, 3).text() != "not installed"
    assert dialog.table.item(row, 0).flags() & Qt.ItemFlag.ItemIsEnabled, "it can be ticked"
    assert dialog.table.item(row, 0).checkState() == Qt.CheckState.Unchecked
    win = _replace(qtbot, windows, win, ["tiny-bert", "quiet"])
    assert win.tab_models() == ["tiny-bert", "quiet"]
