"""Each chart of a report drawn once, as the picture the HTML shows and the one the PDF prints.

One draw at print resolution (`PRINT_DPI`, twice the screen's) gives both: the print picture as
it is, the screen picture by halving it (`Image.reduce`, a box filter: each screen pixel is the
mean of four). So the page and the paper show the same drawing, and it costs one matplotlib
draw, the expensive part, instead of one per output.

A report run shares the drawing between its two processes through a folder (`ChartFolder`): the
run's own process, idle while its kernel boots and runs the notebook, draws the PDF's charts in
document order, and the kernel, reaching each chart in the same order, uses the picture if it is
there. Whoever claims a chart first (an exclusively created claim file) draws it; the other
waits for its pictures. A chart whose drawing failed in one process is drawn again by the
other, so the notebook shows the error where it happened.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import heapq
import io
import os
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # matplotlib and Pillow load only when a chart is drawn: the index and the
    from matplotlib.backends.backend_agg import RendererAgg  # mail command escape text without
    from matplotlib.figure import Figure  # them.
    from PIL.Image import Image as PILImage

# The screen's resolution: sharp text on a screen while the example report stays well under 1 MB.
FIGURE_DPI = 110
# A palette PNG of this many colours is a third of the size of a full-colour one and looks the
# same: the charts use a handful of flat colours plus anti-aliasing shades.
FIGURE_COLOURS = 96
# The commonest colours kept exact by `_quantize`: background, band, grid, lines and status colours.
_EXACT_COLOURS = 16
# zlib level 8 makes the PNGs 1 % larger than level 9 (`optimize=True`) in a third of the time.
_PNG_COMPRESSION = 8
_PRINT_COMPRESSION = 1
# The print picture: 220 dpi, sharp on paper at the size the PDF prints a chart (at most the
# text width) and, halved, exactly the screen's 110 dpi.
PRINT_SCALE = 2
PRINT_DPI = FIGURE_DPI * PRINT_SCALE
# A chart claimed by the other process is waited for at most this long, then drawn here: the
# other process is busy or gone, and a report is never left waiting for it.
WAIT_S = 120.0
_POLL_S = 0.005

_DRAWING = threading.Lock()  # one figure at a time in a shared renderer


@dataclass(frozen=True)
class ChartImage:
    """A chart's two pictures: palette PNGs, the screen one with its size in pixels."""

    screen: bytes
    size: tuple[int, int]
    printed: bytes


def draw_image(fig: Figure) -> ChartImage:
    """Both pictures of `fig`, drawn once at `PRINT_DPI` on a white background.

    The figure is drawn in a renderer shared by the figures of its size (its cache of measured
    text then serves every chart), and its pixels go straight to the palette images: `savefig`
    would draw a figure with a layout engine twice and write a full-colour PNG only for it to be
    read back. The figure is left as it was (canvas, dpi and background colour).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas, dpi, facecolor = fig.canvas, fig.dpi, fig.get_facecolor()
    agg = FigureCanvasAgg(fig)  # becomes fig.canvas, for a layout engine's measurements
    try:
        fig.set_dpi(PRINT_DPI)
        fig.set_facecolor("white")
        size = agg.get_width_height(physical=True)
        with _DRAWING:
            renderer = _renderer(*size, PRINT_DPI)
            renderer.clear()
            fig.draw(renderer)
            # Opaque, as the background is; the copy frees the renderer for the next figure.
            rgba = Image.frombuffer("RGBA", size, renderer.buffer_rgba(), "raw", "RGBA", 0, 1)
            printed = rgba.convert("RGB")
    finally:
        fig.set_facecolor(facecolor)
        fig.set_dpi(dpi)
        fig.set_canvas(canvas)
    screen = _quantize(printed.reduce(PRINT_SCALE))
    # The print picture only travels to Typst, which compresses it again for the PDF: zlib's
    # fastest level, a fifth of the time. Its palette stays: fewer shades compress better.
    printed_png = _png(_quantize(printed), _PRINT_COMPRESSION)
    return ChartImage(_png(screen, _PNG_COMPRESSION), screen.size, printed_png)


def _png(image: PILImage, level: int) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=level)
    return out.getvalue()


def _quantize(image: PILImage) -> PILImage:
    """`image` as a palette image of at most `FIGURE_COLOURS` colours, its commonest colours exact.

    The fast octree quantizer, even with the correction below, takes a third of the time of median
    cut; but it gives each group of similar colours their mean: the white background would come out
    #FEFEFE, the band and the status colours a shade off. So the palette entry of each of the
    `_EXACT_COLOURS` commonest colours is set to that colour exactly, unless a commoner colour of
    the same group has it (a near-twin, such as an anti-aliasing shade of white). Other colours,
    anti-aliasing shades, stay as the octree put them.
    """
    import numpy as np
    from PIL import Image

    small = image.quantize(
        FIGURE_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    # A quantized image is a palette image: it has a palette.
    palette = cast("list[int]", small.getpalette())
    entries = np.asarray(small).ravel()
    # Each pixel's colour as one number: its RGBA bytes read as a little-endian integer.
    colours = np.asarray(image.convert("RGBA")).view("<u4").ravel()
    # (count, colour), a few hundred; an RGB image's colours are (r, g, b), and with room for
    # every pixel's colour the list is never None.
    counted = cast(
        "list[tuple[int, tuple[int, int, int]]]", image.getcolors(image.width * image.height)
    )
    taken: set[int] = set()
    for _count, (red, green, blue) in heapq.nlargest(_EXACT_COLOURS, counted):
        # The entry the octree gave this colour: the one of its first pixel, as of all of them.
        first = np.argmax(colours == (0xFF << 24 | blue << 16 | green << 8 | red))
        entry = int(entries[first])
        if entry not in taken:
            taken.add(entry)
            palette[3 * entry : 3 * entry + 3] = [red, green, blue]
    small.putpalette(palette)
    return small


@functools.lru_cache(maxsize=4)  # status, trend, XmR and regions charts: one size each
def _renderer(width: int, height: int, dpi: float) -> RendererAgg:
    """An Agg renderer, shared by the figures of its size: the report's trend charts all have one.

    Besides its buffer, its cache of measured text then serves every chart.
    """
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(width, height, dpi)


# Each chart's key: what the run's process and its kernel both call it.
STATUS_CHART_KEY = "status per mål"


def indicator_chart_key(indicator_id: str) -> str:
    """The key of an indicator's chart (trend or SPC)."""
    return f"indikator {indicator_id}"


def benchmark_chart_key(indicator_id: str) -> str:
    """The key of an indicator's comparison with the regions (Kolada)."""
    return f"regioner {indicator_id}"


def png_size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height, read from its header."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def file_stem(key: str) -> str:
    """A chart's file name without suffix: a digest of its key, so that no id from the data
    ever becomes part of a path."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


class ChartFolder:
    """Charts shared by the run's process and its kernel (see the module docstring)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def printed(self, key: str) -> Path:
        """Where the print picture of `key` is (or will be)."""
        return self.folder / f"{file_stem(key)}.png"

    def _screen(self, key: str) -> Path:
        return self.folder / f"{file_stem(key)}.skarm.png"

    def _failed(self, key: str) -> Path:
        return self.folder / f"{file_stem(key)}.fel"

    def claim(self, key: str) -> bool:
        """True if this process is the first to claim `key` and so must draw it."""
        try:
            os.close(os.open(self.folder / f"{file_stem(key)}.tar", os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return False
        return True

    def draw(self, key: str, draw: Callable[[], Figure]) -> ChartImage:
        """Draw `key` (claimed by this process) and leave its pictures for the other one."""
        try:
            image = draw_image(draw())
            _write(self.printed(key), image.printed)
            _write(self._screen(key), image.screen)  # written last: the sign both are there
        except BaseException:
            # The other process stops waiting and draws it itself (and meets the error too).
            with contextlib.suppress(OSError):
                self._failed(key).touch()
            raise
        return image

    def image(
        self, key: str, draw: Callable[[], Figure], done: threading.Event | None = None
    ) -> ChartImage:
        """The pictures of `key`: drawn here if this process claims it first, else the other's,
        waited for. Drawn here after all if the other's drawing failed, or after `WAIT_S`, or
        once `done` is set (the other process will draw no more)."""
        if self.claim(key):
            return self.draw(key, draw)
        deadline = time.monotonic() + WAIT_S
        screen = self._screen(key)
        while not screen.exists():
            gave_up = self._failed(key).exists() or time.monotonic() > deadline
            if gave_up or (done is not None and done.is_set()):
                return self.draw(key, draw)
            time.sleep(_POLL_S)
        png = screen.read_bytes()
        return ChartImage(png, png_size(png), self.printed(key).read_bytes())


def _write(path: Path, data: bytes) -> None:
    """`data` into `path` at once: a reader finds the whole file or none."""
    part = path.with_name(path.name + ".del")
    part.write_bytes(data)
    part.replace(path)
