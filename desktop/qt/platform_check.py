"""Can the window open here? Asked before Qt starts, because a Qt platform plugin that cannot load
aborts the process (no exception to catch): on a fresh Linux desktop the xcb plugin needs system
libraries that pip cannot install. Says in one line what is missing and the apt line to run."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

# the sonames Qt's xcb plugin loads and the Debian/Ubuntu packages that ship them
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}
HEADLESS = {"offscreen", "minimal", "vnc"}


def missing_libraries(ldd_output: str) -> list[str]:
    """The sonames ``ldd`` could not find, in its order."""
    return list(dict.fromkeys(re.findall(r"^\s*(\S+) => not found", ldd_output, flags=re.MULTILINE)))


def xcb_plugin() -> Path | None:
    found = importlib.util.find_spec("PySide6")
    if found is None or not found.submodule_search_locations:
        return None
    plugin = Path(next(iter(found.submodule_search_locations))) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def platform_problem(env: Mapping[str, str]) -> str | None:
    """Why the window cannot open with this environment, or None (including when it cannot tell)."""
    platform = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if not sys.platform.startswith("linux") or platform in HEADLESS:
        return None
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return (
            "no display to open the window on (DISPLAY is not set): start it from a desktop session, "
            "or use `python main.py screenshot` / the command line"
        )
    if platform not in ("", "xcb") or (not platform and not env.get("DISPLAY")):
        return None  # Wayland: its plugin needs none of the xcb libraries
    plugin, ldd = xcb_plugin(), shutil.which("ldd")
    if plugin is None or ldd is None:
        return None
    output = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=20).stdout
    missing = missing_libraries(output)
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(DEBIAN_PACKAGES.get(lib, lib) for lib in missing))
    return f"the window needs system libraries that are missing ({', '.join(missing)}): sudo apt-get install {packages}"
