"""Report runs shared by several test modules: each runs the real notebook once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.runs.runner import RunResult, run_report

# Hypothesis' per-example deadline is a timing assertion: with the suite on every core a slow
# example says the machine is busy, not that the code is wrong.
settings.register_profile("hsn", deadline=None)
settings.load_profile("hsn")

EXCEL_EXPORT = Path(__file__).resolve().parent / "fixtures" / "excel_export"
CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags chromium keeps trying to reach Google on a closed
# network; the browser tests must see only the page's own requests.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (never Playwright's own browser download)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} saknas: kör `make test`, som installerar Debians chromium.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def example_report(tmp_path_factory) -> RunResult:
    """The 2025-T2 report of the example data, made by the real runner."""
    return run_report("2025-T2", EXAMPLE_DATA, tmp_path_factory.mktemp("rapporter"))


@pytest.fixture(scope="session")
def example_report_t3(tmp_path_factory) -> RunResult:
    """The full-year (2025-T3) report of the example data."""
    return run_report("2025-T3", EXAMPLE_DATA, tmp_path_factory.mktemp("rapporter-t3"))


@pytest.fixture(scope="session")
def export_report(tmp_path_factory) -> RunResult:
    """The 2023-T2 report of the Swedish Excel-export fixture (cp1252, Tertial 2 2023, …)."""
    return run_report("2023-T2", EXCEL_EXPORT, tmp_path_factory.mktemp("rapporter-export"))
