"""Where the project's own files are, found from the package so commands work from any folder."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DATA = PROJECT_ROOT / "data" / "exempel"
NOTEBOOKS = PROJECT_ROOT / "notebooks"
REPORT_NOTEBOOK = NOTEBOOKS / "uppfoljning.ipynb"
EXPLORE_NOTEBOOK = NOTEBOOKS / "utforska.ipynb"
OUTPUTS = PROJECT_ROOT / "outputs"
TEMPLATES = Path(__file__).resolve().parent / "report" / "templates"
REPORT_TEMPLATE = "hsn_rapport"
