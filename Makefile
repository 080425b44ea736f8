# The two commands of the README: both set up what is missing first.
.PHONY: run test setup lint

run: setup
	.venv/bin/python main.py

test: setup
	.venv/bin/ruff check .
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest

setup:
	bash scripts/setup.sh
