"""The run's PDF step: each chart drawn once, shared by the HTML and the PDF; a failed run
stops the thread before its working folder goes."""

from __future__ import annotations

import base64
import io
import re
import subprocess
from datetime import datetime

import numpy as np
import pytest
from PIL import Image

from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.report.chart_images import PRINT_SCALE
from hsn_analysis.report.chart_list import report_charts
from hsn_analysis.report.context import Report
from hsn_analysis.report.pdf import DocumentInfo
from hsn_analysis.report.print_document import project
from hsn_analysis.rules.result import compute_result
from hsn_analysis.runs import pdf_step


def html_pictures(html: str) -> list[np.ndarray]:
    found = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    return [
        np.asarray(Image.open(io.BytesIO(base64.b64decode(b))).convert("RGB"), dtype=int)
        for b in found
    ]


def pdf_pictures(pdf, folder) -> list[Image.Image]:
    subprocess.run(["pdfimages", "-png", str(pdf), str(folder / "bild")], check=True)
    return [Image.open(p).convert("RGB") for p in sorted(folder.glob("bild-*.png"))]


def test_every_chart_of_the_pdf_is_a_chart_of_the_page_at_twice_its_resolution(
    example_report, tmp_path
):
    page = html_pictures(example_report.html.read_text(encoding="utf-8"))
    printed = pdf_pictures(example_report.pdf, tmp_path)

    assert len(printed) == len(page) > 20
    # In the same order: the page and the PDF show the charts where the document has them.
    for picture, shown in zip(printed, page, strict=True):
        halved = np.asarray(picture.reduce(PRINT_SCALE), dtype=int)
        assert halved.shape == shown.shape
        # One drawing behind both: the halved print picture is the page's, palette aside.
        assert np.abs(halved - shown).max(axis=2).mean() < 2


@pytest.fixture(scope="module")
def result():
    return compute_result(load_dataset(EXAMPLE_DATA), Period(2025, 2))


def test_a_cancelled_pdf_thread_has_stopped_writing_when_cancel_returns(tmp_path, result):
    # A failed run removes its working folder next: no chart may be written into it after that.
    parameters = {"period": "2025-T2", "run_started": "2025-09-01T10:00:00+02:00"}
    info = DocumentInfo(title="Uppföljning", author="HSN", subject="Tertial 2 2025")
    printing = pdf_step.prepare(result, EXAMPLE_DATA, parameters, tmp_path, info)

    printing.cancel()

    assert printing.made.done()
    assert isinstance(printing.made.exception(), pdf_step.Cancelled)


def test_the_kernel_draws_the_charts_in_the_order_and_with_the_keys_the_pdf_shows_them(result):
    # Else the kernel and the PDF thread would not meet in the middle, and a chart listed for
    # the kernel but shown by neither would be drawn for nothing.
    report = Report(result, EXAMPLE_DATA, datetime(2025, 9, 1, 10, 0).astimezone(), {})
    _, shown = project(report)
    assert [key for key, _ in report_charts(report)] == [chart.key for chart in shown]
