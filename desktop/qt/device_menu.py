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

from desktop.core.messages import plain
from desktop.core.models.device import DeviceChoice, check_request, choose_device, cuda_available
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
    try:
        return choose_device(remembered_device(settings))
    except ValueError as exc:  # BGE_DEVICE holds no valid request
        return DeviceChoice("auto", "cpu", "CPU", plain(str(exc)))


def install_device_menu(window: MainWindow) -> None:
    """Choose the window's device (before its controller starts), add the menu and the status-bar label."""
    choice = window_device(window.settings)
    window.device = choice
    window.controller.device = choice.device
    menu = window.menus["models"].addMenu("")
    menu.setObjectName("device-menu")
    menu.setToolTipsVisible(True)
    group = QActionGroup(menu)
    actions: dict[str, QAction] = {}
    for request in MENU_REQUESTS:
        actions[request] = action = QAction(menu)
        action.setCheckable(True)
        action.setData(request)
        group.addAction(action)
        menu.addAction(action)
    actions[choice.requested.split(":")[0]].setChecked(True)
    actions["cuda"].setEnabled(cuda_available())
    group.triggered.connect(lambda action: apply_device(window, action.data()))
    label = QLabel()
    label.setObjectName("device-label")
    window.statusBar().addPermanentWidget(label)

    def retranslate(*_: object) -> None:
        menu.setTitle(tr("Device"))
        actions["auto"].setText(tr("Automatic (a GPU when there is one)"))
        actions["cpu"].setText(tr("CPU"))
        actions["cuda"].setText(tr("GPU (CUDA)"))
        actions["cuda"].setToolTip("" if actions["cuda"].isEnabled() else tr("torch sees no CUDA GPU on this machine"))
        where = choice.label if choice.device != "cpu" else tr("CPU")
        label.setText(tr("Models run on: {device}").format(device=where))
        label.setToolTip(fallback_text(choice))

    retranslate()
    window.language.changed.connect(retranslate)
    if choice.problem is not None:
        window.statusBar().showMessage(fallback_text(choice), 15000)


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
