"""Where the project's own files are, found from the package so commands work from any folder;
the outputs (and a local copy of the example data) are the current folder's."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DATA = PROJECT_ROOT / "data" / "exempel"
NOTEBOOKS = PROJECT_ROOT / "notebooks"
REPORT_NOTEBOOK = NOTEBOOKS / "uppfoljning.ipynb"
EXPLORE_NOTEBOOK = NOTEBOOKS / "utforska.ipynb"
UNIT_NOTEBOOK = NOTEBOOKS / "enhet.ipynb"
# Relative on purpose: `outputs/` is the current folder's, wherever the package is installed.
OUTPUTS = Path("outputs")
# The example data a command uses without --data when the current folder has its own copy.
LOCAL_EXAMPLE_DATA = Path("data") / "exempel"
TEMPLATES = Path(__file__).resolve().parent / "report" / "templates"
REPORT_TEMPLATE = "hsn_rapport"
