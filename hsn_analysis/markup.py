"""Small HTML building blocks for the report: escaped text, status badges, tables, figures.

Every piece of text that may come from input data goes through `esc`; the fragments here are the
only place report HTML is written by hand, so escaping is decided once.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hsn_analysis import labels
from hsn_analysis.palette import STATUS_SWATCH

if TYPE_CHECKING:  # matplotlib and Pillow load only when a figure is encoded: the index and
    from matplotlib.figure import Figure  # the mail command escape text without them.

# 110 dpi keeps text sharp on screen and on paper while the example report stays well under 1 MB.
FIGURE_DPI = 110
# A palette PNG of this many colours is a third of the size of a full-colour one and looks the
# same: the charts use a handful of flat colours plus anti-aliasing shades.
FIGURE_COLOURS = 96


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


def figure_png(fig: Figure) -> tuple[bytes, tuple[int, int]]:
    """The figure as a compact palette PNG, and its size in pixels as the PNG has it."""
    from PIL import Image

    raw = io.BytesIO()
    fig.savefig(raw, format="png", dpi=FIGURE_DPI, facecolor="white")
    raw.seek(0)
    with Image.open(raw) as image:
        small = image.convert("RGB").quantize(colors=FIGURE_COLOURS, dither=Image.Dither.NONE)
        out = io.BytesIO()
        small.save(out, format="PNG", optimize=True)
        return out.getvalue(), small.size


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
) -> str:
    """A table whose cells are finished HTML (escape text with `esc` first).

    Columns listed in `numeric` are right-aligned so that decimal commas line up.
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
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (
        f'<table class="{esc(css_class)}">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def bullet_list(items: Iterable[str], css_class: str = "") -> str:
    """A `<ul>` of finished HTML items."""
    lis = "".join(f"<li>{item}</li>" for item in items)
    return f'<ul class="{esc(css_class)}">{lis}</ul>'
