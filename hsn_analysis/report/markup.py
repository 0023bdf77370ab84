"""Small HTML building blocks for the report: escaped text, status badges, tables, figures.

Every piece of text that may come from input data goes through `esc`; the fragments here are the
only place report HTML is written by hand, so escaping is decided once.
"""

from __future__ import annotations

import base64
import functools
import heapq
import html
import io
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from hsn_analysis.report.palette import STATUS_SWATCH
from hsn_analysis.words import labels

if TYPE_CHECKING:  # matplotlib and Pillow load only when a figure is encoded: the index and
    from matplotlib.backends.backend_agg import RendererAgg  # the mail command escape text
    from matplotlib.figure import Figure  # without them.
    from PIL.Image import Image as PILImage

# 110 dpi keeps text sharp on screen and on paper while the example report stays well under 1 MB.
FIGURE_DPI = 110
# A palette PNG of this many colours is a third of the size of a full-colour one and looks the
# same: the charts use a handful of flat colours plus anti-aliasing shades.
FIGURE_COLOURS = 96
# The commonest colours kept exact by `_quantize`: background, band, grid, lines and status colours.
_EXACT_COLOURS = 16
# zlib level 8 makes the PNGs 1 % larger than level 9 (`optimize=True`) in a third of the time.
_PNG_COMPRESSION = 8


@dataclass(frozen=True)
class Fragment:
    """A piece of finished report HTML. Jupyter shows it as HTML; nbconvert copies it verbatim."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<Fragment: {len(self.html)} tecken HTML>"


def esc(value: object) -> str:
    """Text as HTML: `<script>` becomes `&lt;script&gt;`; quotes are escaped for attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def paragraphs(text: str) -> str:
    """Plain text with line breaks as escaped `<p>` elements (empty lines separate paragraphs)."""
    parts = [part.strip() for part in text.replace("\r\n", "\n").split("\n")]
    return "".join(f"<p>{esc(part)}</p>" for part in parts if part)


def badge(status: str, word: str) -> str:
    """A status as colour + symbol + word, e.g. ■ Kommer inte att uppnås on red.

    The colour is an inline style so the badge also looks right in JupyterLab, where the
    report's stylesheet is not loaded.
    """
    swatch = STATUS_SWATCH[status]
    symbol = labels.STATUS_SYMBOL[status]
    return (
        f'<span class="status status-{esc(status)}" '
        f'style="background:{swatch.fill};color:{swatch.text}">'
        f'<span class="symbol" aria-hidden="true">{symbol}</span> {esc(word)}</span>'
    )


_DRAWING = threading.Lock()  # one figure at a time in a shared renderer


def figure_png(fig: Figure) -> tuple[bytes, tuple[int, int]]:
    """The figure as a compact palette PNG, and its size in pixels as the PNG has it.

    The figure is drawn once, at `FIGURE_DPI` on a white background, in a renderer shared by the
    figures of its size, and its pixels go straight to the palette image: `savefig` would draw a
    figure with a layout engine twice and write a full-colour PNG only for it to be read back.
    The figure is left as it was (canvas, dpi and background colour).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas, dpi, facecolor = fig.canvas, fig.dpi, fig.get_facecolor()
    agg = FigureCanvasAgg(fig)  # becomes fig.canvas, for a layout engine's measurements
    try:
        fig.set_dpi(FIGURE_DPI)
        fig.set_facecolor("white")
        size = agg.get_width_height(physical=True)
        with _DRAWING:
            renderer = _renderer(*size, FIGURE_DPI)
            renderer.clear()
            fig.draw(renderer)
            # Opaque, as the background is; the copy frees the renderer for the next figure.
            rgba = Image.frombuffer("RGBA", size, renderer.buffer_rgba(), "raw", "RGBA", 0, 1)
            image = rgba.convert("RGB")
    finally:
        fig.set_facecolor(facecolor)
        fig.set_dpi(dpi)
        fig.set_canvas(canvas)
    small = _quantize(image)
    out = io.BytesIO()
    small.save(out, format="PNG", compress_level=_PNG_COMPRESSION)
    return out.getvalue(), small.size


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


def figure(fig: Figure, alt: str, caption: str | None = None, css_class: str = "") -> str:
    """A chart embedded as a `data:` PNG with its alt text (nothing is fetched when opened)."""
    # The size comes from the PNG itself: matplotlib may round x.5 px down, and a width or
    # height one pixel off would make the browser stretch the chart.
    png, (width, height) = figure_png(fig)
    data = base64.b64encode(png).decode("ascii")
    cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return (
        f'<figure class="chart {esc(css_class)}">'
        f'<img src="data:image/png;base64,{data}" alt="{esc(alt)}" '
        f'width="{width}" height="{height}">{cap}</figure>'
    )


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Iterable[int] = (),
    caption: str | None = None,
    css_class: str = "",
    row_classes: Sequence[str] | None = None,
    notes: Mapping[int, str] | None = None,
) -> str:
    """A table whose cells are finished HTML (escape text with `esc` first).

    Columns listed in `numeric` are right-aligned so that decimal commas line up. `notes`:
    finished HTML shown in a row of its own, across the table, right under body row n.
    """
    right = set(numeric)

    def cell(tag: str, i: int, content: str) -> str:
        cls = ' class="num"' if i in right else ""
        scope = ' scope="col"' if tag == "th" else ""
        return f"<{tag}{cls}{scope}>{content}</{tag}>"

    head = "".join(cell("th", i, esc(h)) for i, h in enumerate(headers))
    body = []
    for n, row in enumerate(rows):
        cls = f' class="{esc(row_classes[n])}"' if row_classes and row_classes[n] else ""
        body.append(f"<tr{cls}>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>")
        if notes and n in notes:
            body.append(f'<tr class="notrad"><td colspan="{len(headers)}">{notes[n]}</td></tr>')
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (
        f'<table class="{esc(css_class)}">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def bullet_list(items: Iterable[str], css_class: str = "") -> str:
    """A `<ul>` of finished HTML items."""
    lis = "".join(f"<li>{item}</li>" for item in items)
    return f'<ul class="{esc(css_class)}">{lis}</ul>'


def css_string(text: str) -> str:
    """Text as a quoted CSS string: every character but letters, digits and plain punctuation
    as a hex escape, so that no text from data can end the string or the `<style>` element."""
    safe = " -.,:/()·–"
    body = "".join(c if c.isalnum() or c in safe else f"\\{ord(c):06X}" for c in text)
    return f'"{body}"'


def prose(text: str) -> str:
    """Written text as HTML: blank lines separate paragraphs, lines starting `- ` are bullets;
    everything is escaped and nothing else is interpreted."""
    return "".join(
        f"<p>{esc(part)}</p>"
        if isinstance(part, str)
        else "<ul>" + "".join(f"<li>{esc(b)}</li>" for b in part) + "</ul>"
        for part in prose_parts(text)
    )


def prose_parts(text: str) -> list[str | list[str]]:
    """Written text as its parts: a paragraph (its lines joined) or a list of bullets (lines
    starting `- `); blank lines separate paragraphs. The HTML and the PDF read it alike."""
    blocks: list[str | list[str]] = []
    lines: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if lines:
            blocks.append(" ".join(lines))
            lines.clear()
        if bullets:
            blocks.append(list(bullets))
            bullets.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("- "):
            if lines:
                flush()
            bullets.append(line[2:].strip())
        else:
            if bullets:
                flush()
            lines.append(line)
    flush()
    return blocks


def scroll_region(content: str, label: str) -> str:
    """A table that may scroll sideways on a phone, in a region the keyboard can reach (a
    scrolling area with nothing focusable in it is out of a keyboard user's reach)."""
    return (
        f'<div class="rullbar" role="region" tabindex="0" aria-label="{esc(label)}">{content}</div>'
    )
