"""Each chart drawn once: the screen picture is the print picture halved, and a chart folder
lets two processes share the drawing (the first to claim a chart draws it, the other reuses it)."""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from hsn_analysis.report import chart_images
from hsn_analysis.report.chart_images import (
    FIGURE_DPI,
    PRINT_DPI,
    ChartFolder,
    draw_image,
    png_size,
)


def busy_figure(width: float = 4.4, height: float = 2.3) -> Figure:
    fig = Figure(figsize=(width, height), dpi=FIGURE_DPI, layout="constrained")
    ax = fig.add_subplot()
    ax.plot([1, 2, 3, 4], [3, 1, 4, 1], marker="o", color="#1F4E79", label="Utfall")
    ax.axhline(2, linestyle="--", color="#B3261E", label="Mål")
    ax.fill_between([1, 4], 0, 1, color="#E6E6E6")
    ax.set_title("Andel (%)")
    ax.legend()
    return fig


def never() -> Figure:
    raise AssertionError("a chart drawn twice")


def rgb(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


def test_the_print_picture_is_at_print_resolution_and_the_screen_picture_at_screen_resolution():
    image = draw_image(busy_figure())
    assert png_size(image.printed) == (round(4.4 * PRINT_DPI), round(2.3 * PRINT_DPI))
    assert (
        png_size(image.screen) == image.size == (round(4.4 * FIGURE_DPI), round(2.3 * FIGURE_DPI))
    )


def test_the_screen_picture_is_the_print_picture_halved():
    image = draw_image(busy_figure())
    printed = Image.open(io.BytesIO(image.printed)).convert("RGB")
    halved = np.asarray(printed.reduce(2), dtype=int)
    # The same drawing: only the palette of each picture stands between them.
    assert np.abs(halved - rgb(image.screen)).max(axis=2).mean() < 2


def test_both_pictures_are_palette_pngs_on_white():
    image = draw_image(busy_figure())
    for png in (image.screen, image.printed):
        with Image.open(io.BytesIO(png)) as picture:
            assert picture.mode == "P"
            assert picture.convert("RGB").getpixel((0, 0)) == (255, 255, 255)


def test_the_first_to_claim_a_chart_draws_it_and_the_other_reuses_its_pictures(tmp_path):
    first = ChartFolder(tmp_path).image("indikator I1.1.1", busy_figure)
    second = ChartFolder(tmp_path).image("indikator I1.1.1", never)
    assert second == first
    assert ChartFolder(tmp_path).printed("indikator I1.1.1").read_bytes() == first.printed


def test_charts_of_other_keys_are_drawn_each_by_itself(tmp_path):
    folder = ChartFolder(tmp_path)
    small = folder.image("indikator I1", lambda: busy_figure(3.0, 2.0))
    wide = folder.image("indikator I2", lambda: busy_figure(7.2, 3.9))
    assert small.size != wide.size


def test_a_chart_claimed_by_the_other_process_is_waited_for_until_it_is_drawn(tmp_path):
    drawer = ChartFolder(tmp_path)
    assert drawer.claim("status per mål")
    found: list[object] = []
    waiter = threading.Thread(
        target=lambda: found.append(ChartFolder(tmp_path).image("status per mål", never))
    )
    waiter.start()
    drawn = drawer.draw("status per mål", busy_figure)
    waiter.join(timeout=60)
    assert found == [drawn]


def test_a_chart_whose_drawing_failed_in_the_other_process_is_drawn_here(tmp_path):
    other = ChartFolder(tmp_path)
    assert other.claim("indikator I1")

    def broken() -> Figure:
        raise ValueError("ritfel")

    with pytest.raises(ValueError, match="ritfel"):
        other.draw("indikator I1", broken)
    image = ChartFolder(tmp_path).image("indikator I1", busy_figure)
    assert png_size(image.screen) == image.size


def test_once_the_other_process_draws_no_more_its_unfinished_chart_is_drawn_here(tmp_path):
    assert ChartFolder(tmp_path).claim("indikator I1")  # claimed by a kernel that then ended
    ended = threading.Event()
    ended.set()
    image = ChartFolder(tmp_path).image("indikator I1", busy_figure, ended)
    assert ChartFolder(tmp_path).printed("indikator I1").read_bytes() == image.printed


@pytest.mark.parametrize(
    "key",
    ["indikator ../../etc/passwd", "regioner a/b", "indikator C:\\x", "indikator \x00", "", "."],
)
def test_no_key_from_the_data_becomes_part_of_a_path(tmp_path, key):
    path = ChartFolder(tmp_path).printed(key)
    assert path.parent == tmp_path
    assert re.fullmatch(r"[0-9a-f]{20}\.png", path.name)


def test_a_chart_that_could_not_be_written_in_the_other_process_is_drawn_here(
    tmp_path, monkeypatch
):
    # A full disk, say: the waiting process must not wait for pictures that never come.
    other = ChartFolder(tmp_path)
    assert other.claim("indikator I1")
    monkeypatch.setattr(Path, "replace", lambda *_: (_ for _ in ()).throw(OSError(28, "full")))
    with pytest.raises(OSError):
        other.draw("indikator I1", busy_figure)
    monkeypatch.undo()

    def wait(_seconds: float) -> None:
        raise AssertionError("waited for pictures that will never come")

    monkeypatch.setattr(chart_images.time, "sleep", wait)
    image = ChartFolder(tmp_path).image("indikator I1", busy_figure)
    assert ChartFolder(tmp_path).printed("indikator I1").read_bytes() == image.printed
