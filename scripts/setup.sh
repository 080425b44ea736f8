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

if ! fc-list 2>/dev/null | grep -qi "CJK"; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "setup: installing a CJK font (fonts-noto-cjk) for Chinese labels"
        (apt-get install -y -q fonts-noto-cjk >/dev/null 2>&1 \
            || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q fonts-noto-cjk >/dev/null 2>&1; }) \
            || echo "setup: could not install fonts-noto-cjk; Chinese text may show as boxes"
    else
        echo "setup: no CJK font found; install Noto Sans CJK (Debian: fonts-noto-cjk) to see Chinese labels"
    fi
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
PIP=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
"${PIP[@]}" --upgrade pip
"${PIP[@]}" "$TORCH_SPEC"
"${PIP[@]}" -e ".[test]"
# allennlp 2.10.1, the last release, declares torch<1.13, which was never built for Python 3.11.
# Its ELMo code runs on current torch: install it without its declared dependencies (the ones
# the ELMo import chain needs are in pyproject.toml) and import it through
# desktop/core/allennlp_compat.py.
"${PIP[@]}" --no-deps "allennlp==2.10.1"
touch "$STAMP"
echo "setup: done (.venv)"
