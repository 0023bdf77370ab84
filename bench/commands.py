"""The command lines the benchmark times, and the empty notebook of the naive pipeline."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

KERNEL = "hsn-analysis"
PERIOD = "2025-T2"
BATCH_PERIODS = "2024-T1..2025-T3"  # the six tertials of the example data
# The executables of this environment. Not resolved: the venv's python is a symlink, and
# resolving it would leave the venv for the system interpreter's bin directory.
BIN = Path(sys.executable).parent


def write_floor_notebook(path: Path) -> Path:
    """An empty notebook: one code cell, tagged `parameters`, that sets the period."""
    cell = nbformat.v4.new_code_cell(f'period = "{PERIOD}"', metadata={"tags": ["parameters"]})
    notebook = nbformat.v4.new_notebook(cells=[cell])
    notebook.metadata["kernelspec"] = {"name": KERNEL, "display_name": KERNEL, "language": "python"}
    nbformat.write(notebook, path)
    return path


def floor_commands(folder: Path) -> list[list[str]]:
    """The naive pipeline an analyst would write: the papermill CLI, then the nbconvert CLI.

    The notebook is written into `folder` (a fresh one per run) by the caller.
    """
    source, executed = folder / "in.ipynb", folder / "out.ipynb"
    return [
        [str(BIN / "papermill"), "-k", KERNEL, str(source), str(executed), "-p", "period", PERIOD],
        [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
    ]


def report_command(out: Path) -> list[str]:
    """One report end to end on the example data (the default --data)."""
    return [str(BIN / "hsn-report"), "run", "--period", PERIOD, "--out", str(out)]


def batch_command(out: Path, jobs: int) -> list[str]:
    """The six tertials of the example data in one command, with `jobs` processes."""
    return [
        str(BIN / "hsn-report"),
        "run",
        "--period",
        BATCH_PERIODS,
        "--jobs",
        str(jobs),
        "--out",
        str(out),
    ]


def probe_command(data: Path, profile_to: Path | None = None) -> list[str]:
    """A fresh process measuring load+validate and compute on `data` (bench/probe.py)."""
    command = [sys.executable, str(Path(__file__).with_name("probe.py")), str(data)]
    return command + (["--profile", str(profile_to)] if profile_to else [])
