# Two entry points for a newcomer: `make run` and `make test`. Both set up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.setup-stamp
KERNEL := hsn-analysis
# The browser test drives Debian's chromium; playwright's own browser download cannot work here.
CHROMIUM := /usr/bin/chromium

# The PDF's text font (DejaVu Sans) comes with matplotlib; for what it cannot draw, emoji and
# Chinese, Japanese or Korean in the data, the PDF falls back on these two open fonts (a character
# no font has fails the run by name). pdftoppm (poppler-utils) turns the PDF into pictures for
# the page-fill check.
SYSTEM_PACKAGES := fonts-noto-color-emoji fonts-wqy-microhei poppler-utils

.PHONY: setup system-packages run test bench lint format example-workbook clean

setup: $(STAMP)

# Re-run set-up when the dependencies change; the stamp makes a second call instant.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 eller nyare krävs")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "HSN uppföljning (Python 3)"
	touch $@

run: setup system-packages
	$(BIN)/hsn-report run --period 2025-T2

test: setup system-packages $(CHROMIUM)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/pytest -n auto

system-packages:
	@dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || { \
	if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
	$$sudo apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $(SYSTEM_PACKAGES); }

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
	$$sudo apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium

# Speed and memory against the targets, measured side by side (about 2,5 minutes; see README).
bench: setup system-packages
	$(BIN)/python bench/run.py $(BENCH_ARGS)

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# data/exempel.xlsx is generated from the CSV files; run after editing them.
example-workbook: setup
	$(BIN)/python scripts/make_example_workbook.py data/exempel data/exempel.xlsx

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis *.egg-info
