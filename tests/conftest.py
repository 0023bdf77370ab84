"""Report runs and renderings shared by several test modules: each is made once per test run.

With pytest-xdist every worker has a session of its own; what all of them read (a real report
run, the text of its PDF, the browser's print of its page) is made by the first worker that asks
for it, under a file lock in the run's shared temporary folder, and read by the others.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import socket
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import settings

from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.runs.kernel import skip_slow_schema_import
from hsn_analysis.runs.runner import RunResult, run_report

# The test modules import nbformat (builders) long before a run would make the same call: without
# it every xdist worker builds jsonschema's IRI grammar while collecting, 0,9 s of CPU each, for
# a format that no test and no notebook schema uses.
skip_slow_schema_import()

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

T = TypeVar("T")


_MADE: dict[str, Any] = {}  # what made_once made in this process, without xdist


def made_once(tmp_path_factory, name: str, make: Callable[[Path], T]) -> T:
    """`make(folder)` once for the whole test run, `folder` new and its own.

    Without xdist that is once per session. Under xdist the workers' base temp folders share a
    parent made for this run; the first worker to get its lock makes the thing there and pickles
    it, the others wait for the lock and unpickle it. A `make` that fails leaves no pickle: the
    next worker tries again and fails the same way, so every worker's tests see the failure.
    """
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        # Kept by name: a fixture of one module imported into another is a second fixture.
        if name not in _MADE:
            _MADE[name] = make(tmp_path_factory.mktemp(name))
        return _MADE[name]
    root = tmp_path_factory.getbasetemp().parent
    saved = root / f"{name}.pickle"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if saved.exists():
            return pickle.loads(saved.read_bytes())
        made = make(Path(tempfile.mkdtemp(prefix=f"{name}-", dir=root)))
        partial = saved.with_suffix(".part")
        partial.write_bytes(pickle.dumps(made))
        partial.replace(saved)
        return made


def page_texts(pdf: Path) -> tuple[str, ...]:
    """Each page's text as pypdf extracts it (seconds for the report: extracted once, shared)."""
    from pypdf import PdfReader

    return tuple(page.extract_text() for page in PdfReader(pdf).pages)


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
def report_page(browser, example_report):
    """`report_page(width, height, media)`: the example report opened offline in a viewport of
    that size and CSS media ("screen" or "print"), one Chromium page per layout for the session.
    The checks that share a page only read it (an element's box, the page's width, axe's
    findings); each gets it scrolled back to the top."""
    pages = {}

    def open_at(width: int, height: int = 900, media: str = "screen"):
        if (width, height, media) not in pages:
            context = browser.new_context(offline=True, viewport={"width": width, "height": height})
            page = context.new_page()
            page.emulate_media(media=media)
            page.goto(example_report.html.as_uri(), wait_until="load")
            pages[width, height, media] = page
        page = pages[width, height, media]
        page.evaluate("window.scrollTo(0, 0)")
        return page

    yield open_at
    for page in pages.values():
        page.context.close()


@pytest.fixture(scope="session")
def example_report(tmp_path_factory) -> RunResult:
    """The 2025-T2 report of the example data, made by the real runner. Read it, never change
    it: a test that changes a report copies the folder first."""
    return made_once(
        tmp_path_factory, "rapporter", lambda out: run_report("2025-T2", EXAMPLE_DATA, out)
    )


@pytest.fixture(scope="session")
def export_report(tmp_path_factory) -> RunResult:
    """The 2023-T2 report of the Swedish Excel-export fixture (cp1252, Tertial 2 2023, …)."""
    return made_once(
        tmp_path_factory, "rapporter-export", lambda out: run_report("2023-T2", EXCEL_EXPORT, out)
    )


@pytest.fixture(scope="session")
def example_pdf_pages(tmp_path_factory, example_report) -> tuple[str, ...]:
    """The text of each page of the example report's PDF/A, as pypdf extracts it."""
    return made_once(tmp_path_factory, "pdf-text", lambda _: page_texts(example_report.pdf))


@pytest.fixture(scope="session")
def browser_print(request, tmp_path_factory, example_report) -> Path:
    """The example report's page as Chromium prints it (A4 from the page's own @page rule)."""

    def print_page(folder: Path) -> Path:
        context = request.getfixturevalue("browser").new_context(offline=True)
        page = context.new_page()
        page.goto(example_report.html.as_uri(), wait_until="load")
        path = folder / "webblasare.pdf"
        path.write_bytes(page.pdf(format="A4", print_background=True, prefer_css_page_size=True))
        context.close()
        return path

    return made_once(tmp_path_factory, "utskrift", print_page)


@pytest.fixture(scope="session")
def browser_print_pages(tmp_path_factory, browser_print) -> tuple[str, ...]:
    """The text of each page of the browser's print, as pypdf extracts it."""
    return made_once(tmp_path_factory, "utskrift-text", lambda _: page_texts(browser_print))


# The run time the report modules give the example report they build in process.
RUN_STARTED = "2025-09-30T06:00:00+02:00"
# Every section of the board's report, in page order, by the name of the function that builds it.
REPORT_SECTIONS = (
    "title_section",
    "summary_section",
    "overview_section",
    "goal_sections",
    "full_year_section",
    "deviation_section",
    "data_quality_section",
    "about_section",
)


@dataclass(frozen=True)
class BuiltReport:
    """The example's 2025-T2 report built in this process, as the notebook builds it."""

    report: Any  # hsn_analysis.report.context.Report (imported when the fixture is built)
    html: dict[str, str]  # REPORT_SECTIONS' names -> the section's HTML
    network_attempts: tuple[tuple[Any, ...], ...]  # connections tried while it was built


@pytest.fixture(scope="session")
def example_sections(tmp_path_factory) -> BuiltReport:
    """`sections.prepare("2025-T2")` of the example data and the HTML of every section, built
    once per test run for the report modules (drawing the goal sections' charts takes seconds).
    The build runs with every way to open a connection refused and recorded: a report run
    touches no network (test_report_signals asserts that none was tried)."""
    return made_once(tmp_path_factory, "avsnitt", lambda _: _built_example())


def _built_example() -> BuiltReport:
    from hsn_analysis.report import sections

    attempts: list[tuple[Any, ...]] = []

    def refuse(*args: Any, **kwargs: Any) -> None:
        attempts.append(args)
        raise OSError("nätverket är avstängt i testet")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(socket.socket, "connect_ex", refuse)
        patch.setattr(socket, "getaddrinfo", refuse)
        patch.setattr(socket, "create_connection", refuse)
        built = sections.prepare("2025-T2", run_started=RUN_STARTED)
        html = {name: getattr(sections, name)(built).html for name in REPORT_SECTIONS}
    return BuiltReport(built, html, tuple(attempts))
