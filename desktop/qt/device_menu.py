"""Models ▸ Device: where the window's models run (Automatic, CPU, GPU), remembered in QSettings.

A window's models are loaded once, for its life, and so is their device: a new choice builds a
new window with the same tabs in its place (``desktop.qt.app.replace_window``, as a new choice of
tabs does). A GPU that was asked for and is not there is no error: the models run on the CPU and
the status bar says why. The status bar always shows where the models run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QLabel

from desktop.core.models.device import DeviceChoice, check_request, default_request, device_for
from desktop.qt.i18n import tr, tr_msg

if TYPE_CHECKING:
    from desktop.qt.main_window import MainWindow

DEVICE_KEY = "models/device"
MENU_REQUESTS = ("auto", "cpu", "cuda")  # a remembered "cuda:N" checks the GPU item


def remembered_device(settings: QSettings) -> str | None:
    """The request the user chose (or gave with ``--device``), None when there is none or it is unreadable."""
    raw = str(settings.value(DEVICE_KEY, "") or "")
    try:
        return check_request(raw) if raw else None
    except ValueError:
        return None


def remember_device(settings: QSettings, request: str) -> None:
    settings.setValue(DEVICE_KEY, check_request(request))


def window_device(settings: QSettings) -> DeviceChoice:
    """The remembered request, else ``BGE_DEVICE``, else automatic, as this machine can meet it."""
    return device_for(remembered_device(settings))


def _requested(request: str | None) -> str:
    """The menu item a request checks, without asking torch."""
    try:
        return (request or default_request()).split(":")[0]
    except ValueError:
        return "auto"


def install_device_menu(window: MainWindow) -> None:
    """Add the menu and the status-bar label. The choice itself is made with the model libraries'
    import, off the GUI thread (``Controller.start``): asking torch means importing it, a second
    the window would otherwise take to appear."""
    request = remembered_device(window.settings)
    window.device = None
    window.controller.device_request = request
    menu = window.menus["models"].addMenu("")
    menu.setObjectName("device-menu")
    menu.setToolTipsVisible(True)
    group = QActionGroup(menu)
    actions: dict[str, QAction] = {}
    for item in MENU_REQUESTS:
        actions[item] = action = QAction(menu)
        action.setCheckable(True)
        action.setData(item)
        group.addAction(action)
        menu.addAction(action)
    actions[_requested(request)].setChecked(True)
    actions["cuda"].setEnabled(False)  # until torch has said whether it sees a GPU
    group.triggered.connect(lambda action: apply_device(window, action.data()))
    label = QLabel()
    label.setObjectName("device-label")
    window.statusBar().addPermanentWidget(label)

    def retranslate(*_: object) -> None:
        choice = window.device
        menu.setTitle(tr("Device"))
        actions["auto"].setText(tr("Automatic (a GPU when there is one)"))
        actions["cpu"].setText(tr("CPU"))
        actions["cuda"].setText(tr("GPU (CUDA)"))
        no_gpu = choice is not None and not actions["cuda"].isEnabled()  # unknown until torch has said
        actions["cuda"].setToolTip(tr("torch sees no CUDA GPU on this machine") if no_gpu else "")
        where = "…" if choice is None else choice.label if choice.device != "cpu" else tr("CPU")
        label.setText(tr("Models run on: {device}").format(device=where))
        label.setToolTip("" if choice is None else fallback_text(choice))

    def chosen(choice: DeviceChoice) -> None:
        window.device = choice
        actions["cuda"].setEnabled(choice.cuda)  # asked where the models are: this process may have no torch
        retranslate()
        if choice.problem is not None:
            window.statusBar().showMessage(fallback_text(choice), 15000)

    retranslate()
    window.language.changed.connect(retranslate)
    window.controller.device_chosen.connect(chosen)


def fallback_text(choice: DeviceChoice) -> str:
    """Why the models run on the CPU although something else was asked for ("" when they run as asked)."""
    if choice.problem is None:
        return ""
    return tr("{problem}: the models run on the CPU").format(problem=tr_msg(choice.problem))


def apply_device(window: MainWindow, request: str) -> MainWindow:
    """Remember ``request``; when it moves the models, the window that shows them on the new device
    replaces ``window`` and is returned (``window`` itself when nothing moves, or when no app
    replaces it: then the choice only takes effect at the next start)."""
    remember_device(window.settings, request)
    if window_device(window.settings).device == window.controller.device:
        return window
    window.tab_models_chosen.emit(window.specs)  # the same tabs, in a new window
    return window.replaced_by or window
