"""Which models the window shows as tabs: the user's choice, remembered in QSettings.

By default every registered model that is on this machine gets a tab (unless its registry entry
says ``tab = false``: a model the others make redundant), so that a model not installed is a line
in the model manager rather than an error page. A model given for one run
only (``--model FAMILY=PATH``, or specs handed to ``build_window`` directly) always gets its tab.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from desktop.core.store.errors import StoreError
from desktop.core.store.registry import ModelSpec, load_registry, resolve
from desktop.qt.i18n import tr

if TYPE_CHECKING:
    from desktop.qt.main_window import MainWindow

TABS_KEY = "models/tabs"


def remembered_tabs(settings: QSettings) -> list[str] | None:
    """The names the user chose, or None when they never chose (or the value is unreadable)."""
    raw = settings.value(TABS_KEY, None)
    try:
        names = json.loads(str(raw)) if raw not in (None, "") else None
    except ValueError:
        return None
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else None


def remember_tabs(settings: QSettings, names: list[str]) -> None:
    settings.setValue(TABS_KEY, json.dumps(names, ensure_ascii=False))  # JSON: an empty list stays a list


def registered() -> list[ModelSpec]:
    """The registry, or nothing when the user's list of added models cannot be read (the model
    manager shows why)."""
    try:
        return load_registry()
    except StoreError:
        return []


def _wanted(spec: ModelSpec, chosen: list[str] | None) -> bool:
    """Whether the user's choice, or before they chose the registry's default, gives ``spec`` a tab."""
    return spec.name in chosen if chosen is not None else spec.tab


def tab_specs(specs: list[ModelSpec], settings: QSettings) -> tuple[list[ModelSpec], list[str]]:
    """Which of ``specs`` get a tab, and the chosen names skipped because they are not available."""
    names = {s.name for s in registered()}
    wanted = remembered_tabs(settings)
    shown: list[ModelSpec] = []
    skipped: list[str] = []
    for spec in specs:
        if spec.name not in names:  # given for this run only
            shown.append(spec)
        elif not _wanted(spec, wanted):
            continue
        elif resolve(spec).available:
            shown.append(spec)
        elif wanted is not None:
            skipped.append(spec.name)
    return shown, skipped


def skipped_message(skipped: list[str]) -> str:
    return tr("Not shown as tabs, not installed: {names} (see Models ▸ Model manager…)").format(
        names=", ".join(skipped)
    )


def startup_note(shown: list[ModelSpec], skipped: list[str]) -> str:
    """What the status bar says about the tabs when the window opens ("" when all is as chosen)."""
    if not shown:
        return tr("No model is shown as a tab: choose some in Models ▸ Model manager…")
    return skipped_message(skipped) if skipped else ""


def apply_tab_models(window: MainWindow, names: list[str]) -> MainWindow:
    """Show ``names`` as the window's model tabs and remember the choice. The tabs, workers and
    session are built for a fixed set of models, so the window is replaced by a new one that
    keeps the text, language and geometry (``desktop.qt.app`` does it); that window is returned
    (``window`` itself when nothing changes, or when no app replaces it: then the choice is
    only remembered for the next start)."""
    registry = {s.name: s for s in registered()}
    catalog = {s.name: s for s in window.specs} | registry
    kept = list(dict.fromkeys(n for n in names if n in catalog))
    remember_tabs(window.settings, [n for n in kept if n in registry])
    shown = [catalog[n] for n in kept if resolve(catalog[n]).available]
    skipped = [n for n in kept if catalog[n] not in shown]
    if [s.name for s in shown] == window.tab_models():
        if skipped:
            window.statusBar().showMessage(skipped_message(skipped), 15000)
        return window
    window.tab_models_chosen.emit(shown)
    new = window.replaced_by or window
    if skipped:
        new.statusBar().showMessage(skipped_message(skipped), 15000)
    return new
